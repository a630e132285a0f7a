package org.bordertransport.core.charset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;

final class Iso2022JpTestSupport {
    /** The JDK's CP932-based ISO-2022-JP decoder, an independent check of our output. */
    static final Charset JDK_WINDOWS_ISO2022JP = Charset.forName("x-windows-iso2022jp");

    private Iso2022JpTestSupport() {
    }

    /** Shows ESC as "ESC", SO/SI/CR/LF as <0E> etc. */
    static String visible(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            if (b == 0x1B) {
                text.append("ESC");
            } else if (b >= 0x20 && b < 0x7F) {
                text.append((char) b);
            } else {
                text.append(String.format("<%02X>", b & 0xFF));
            }
        }
        return text.toString();
    }

    /** Every byte is 7-bit, every CR and LF and the end are reached in ASCII (G0 ASCII, not shifted out). */
    static void assertSevenBitEndingEveryLineInAscii(byte[] bytes) {
        boolean ascii = true;
        boolean shiftedOut = false;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i];
            assertThat(b).as("byte %d", i).isBetween(0, 0x7F);
            if (b == 0x1B) {
                ascii = bytes[i + 1] == '(' && bytes[i + 2] == 'B';
                i += 2;
            } else if (b == 0x0E) {
                shiftedOut = true;
            } else if (b == 0x0F) {
                shiftedOut = false;
            } else if (b == '\r' || b == '\n') {
                assertThat(ascii && !shiftedOut).as("ASCII before the line break at byte %d of %s", i, visible(bytes)).isTrue();
            }
        }
        assertThat(ascii && !shiftedOut).as("ends in ASCII: %s", visible(bytes)).isTrue();
    }
}
