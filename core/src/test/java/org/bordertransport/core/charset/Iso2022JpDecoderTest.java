package org.bordertransport.core.charset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Iso2022JpDecoderTest {
    /** "ESC" stands for 0x1B, "<XX>" for a hex byte. */
    private static byte[] bytes(String visible) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String text = visible.replace("ESC", "\u001B");
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '<' && i + 3 < text.length() && text.charAt(i + 3) == '>') {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                out.write(text.charAt(i));
            }
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        "ESC$B4A;zESC(B<0D><0A> => 漢字<CRLF>",
        "ESC$@4AESC(J[~ => 漢[~",
        "ESC(I1ESC(Ba<0E>1<0F>b => ｱaｱb",
        "ESC$B4A<0E>1<0F>4AESC(B => 漢ｱ漢",
        "ESC$B-!|bESC(B => ①髙",
        "plain => plain",
    })
    void shouldDecodeWhatWindowsWrites(String input, String expected) throws Exception {
        assertThat(Iso2022JpDecoder.create().decode(bytes(input))).isEqualTo(expected.replace("<CRLF>", "\r\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        "a<B1> => malformed ISO-2022-JP at byte 1: 8-bit byte 0xB1",
        "ESC$(D\"7ESC(B => malformed ISO-2022-JP at byte 3: unsupported escape sequence ESC $ ( D",
        "ESC(Z => malformed ISO-2022-JP at byte 2: unsupported escape sequence ESC ( Z",
        "ESC$B4A<0D><0A>ESC(B => malformed ISO-2022-JP at byte 5: line break before the return to ASCII",
        "<0E>1<0A><0F> => malformed ISO-2022-JP at byte 2: line break before the return to ASCII",
        "ESC$B4A => malformed ISO-2022-JP at byte 5: the text does not end in ASCII",
        "<0E>1 => malformed ISO-2022-JP at byte 2: the text does not end in ASCII",
        "ESC$B4 => malformed ISO-2022-JP at byte 4: truncated at the end of the input",
        "ESC$ => malformed ISO-2022-JP at byte 2: truncated at the end of the input",
        "ESC$B4ESC(B => malformed ISO-2022-JP at byte 4: escape sequence inside a JIS X 0208 character",
        "ESC$B\"/ESC(B => undefined JIS X 0208 code 0x222F at byte 3",
        "ESC$B4 AESC(B => malformed ISO-2022-JP at byte 4: byte 0x20 in JIS X 0208 mode",
        "ESC(I`ESC(B => malformed ISO-2022-JP at byte 3: byte 0x60 is not a JIS X 0201 katakana",
    })
    void shouldRejectMalformedInputNamingTheByte(String input, String message) {
        assertThatThrownBy(() -> Iso2022JpDecoder.create().decode(bytes(input)))
            .isInstanceOf(CharsetConversionException.class)
            .hasMessage(message);
    }

    @Test
    void shouldStopAtTheCharacterLimit() throws Exception {
        Iso2022JpDecoder decoder = Iso2022JpDecoder.withMaxChars(3);

        assertThat(decoder.decode("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo("abc");
        assertThatThrownBy(() -> decoder.decode(bytes("ESC$B4A4A4A4AESC(B")))
            .isInstanceOf(CharsetConversionException.class)
            .hasMessage("ISO-2022-JP text decodes to more than the limit of 3 characters");
    }

    @Test
    void withMaxCharsShouldRequireAPositiveLimit() {
        assertThatThrownBy(() -> Iso2022JpDecoder.withMaxChars(0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("maxChars must be positive, got 0");
    }
}
