package org.bordertransport.core.charset;

import java.util.Arrays;

/**
 * The shift state of an ISO-2022-JP byte stream and the bytes produced so far. Escape sequences are emitted only
 * when the state changes; {@link #finish()} returns to ASCII.
 */
final class Iso2022JpState {
    private static final byte ESC = 0x1B;
    private static final byte SO = 0x0E;
    private static final byte SI = 0x0F;
    private static final int ASCII = 0;
    private static final int JIS_X0208 = 1;
    private static final int JIS_X0201_KANA = 2;

    private byte[] buffer;
    private int length;
    private int designation = ASCII;
    private boolean shiftedOut;
    private int lineOctets;
    private int longestLine;

    Iso2022JpState(int capacity) {
        this.buffer = new byte[capacity];
    }

    byte[] buffer() {
        return buffer;
    }

    int length() {
        return length;
    }

    /** Forgets the buffered bytes (after they were written out); the shift state is kept. */
    void drain() {
        length = 0;
    }

    int longestLine() {
        return Math.max(longestLine, lineOctets);
    }

    /** An ASCII byte; CR and LF therefore always follow a return to ASCII. */
    void ascii(int c) {
        ensure(5);
        shiftIn();
        if (designation != ASCII) {
            escape('(', 'B');
            designation = ASCII;
        }
        if (c == '\r' || c == '\n') {
            longestLine = Math.max(longestLine, lineOctets);
            lineOctets = 0;
            buffer[length++] = (byte) c;
        } else {
            put(c);
        }
    }

    /** A JIS X 0208 code, 0x2121..0x7E7E. */
    void jisX0208(int code) {
        ensure(6);
        shiftIn();
        if (designation != JIS_X0208) {
            escape('$', 'B');
            designation = JIS_X0208;
        }
        put(code >> 8);
        put(code & 0xFF);
    }

    /** A JIS X 0201 katakana byte 0x21..0x5F after {@code ESC ( I} (code page 50221). */
    void kanaByEscape(int b) {
        ensure(4);
        if (designation != JIS_X0201_KANA) {
            escape('(', 'I');
            designation = JIS_X0201_KANA;
        }
        put(b);
    }

    /** A JIS X 0201 katakana byte 0x21..0x5F after SO (code page 50222). */
    void kanaByShift(int b) {
        ensure(2);
        if (!shiftedOut) {
            put(SO);
            shiftedOut = true;
        }
        put(b);
    }

    /** How many bytes {@link #finish()} would add. */
    int finishLength() {
        return (shiftedOut ? 1 : 0) + (designation != ASCII ? 3 : 0);
    }

    /** Returns to ASCII. */
    void finish() {
        ensure(4);
        shiftIn();
        if (designation != ASCII) {
            escape('(', 'B');
            designation = ASCII;
        }
    }

    private void shiftIn() {
        if (shiftedOut) {
            put(SI);
            shiftedOut = false;
        }
    }

    private void escape(char intermediate, char finalByte) {
        put(ESC);
        put(intermediate);
        put(finalByte);
    }

    private void put(int b) {
        buffer[length++] = (byte) b;
        lineOctets++;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
