package org.bordertransport.core.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UuEncoderTest {
    private static String encode(byte[] data, String name, Charset charset) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = UuEncoder.encode(new ByteArrayInputStream(data), name, charset, out);
        assertThat(n).isEqualTo(data.length);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void matchesTheClassicUuencodeOutput() throws Exception {
        // what `uuencode cat.txt` (GNU sharutils) writes for the three octets "Cat"
        assertThat(encode("Cat".getBytes(StandardCharsets.US_ASCII), "cat.txt", StandardCharsets.US_ASCII))
            .isEqualTo("begin 644 cat.txt\r\n#0V%T\r\n`\r\nend\r\n");
    }

    @Test
    void emptyInputHasOnlyTheFrame() throws Exception {
        assertThat(encode(new byte[0], "empty", StandardCharsets.US_ASCII)).isEqualTo("begin 644 empty\r\n`\r\nend\r\n");
    }

    @Test
    void zeroBitsAreWrittenAsBackquoteSoNoLineEndsInASpace() throws Exception {
        String encoded = encode(new byte[45], "zeros", StandardCharsets.US_ASCII);
        assertThat(encoded).isEqualTo("begin 644 zeros\r\nM" + "`".repeat(60) + "\r\n`\r\nend\r\n");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 44, 45, 46, 89, 90, 91, 10_000})
    void roundTripsEveryLength(int length) throws Exception {
        byte[] data = new byte[length];
        new Random(length).nextBytes(data);
        String encoded = encode(data, "f.bin", StandardCharsets.US_ASCII);
        for (String line : encoded.split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(61);
            assertThat(line).doesNotEndWith(" ");
        }
        assertThat(UuDecoding.decode(encoded)).isEqualTo(data);
    }

    @Test
    void namesLoseControlCharactersAndKeepCharsetCharactersWhenTheyFit() throws Exception {
        assertThat(encode(new byte[0], "a\r\nb\tc.txt", StandardCharsets.US_ASCII))
            .startsWith("begin 644 a__b_c.txt\r\n");
        assertThat(encode(new byte[0], "Pr\u00e4sentation.pdf", Charset.forName("windows-1252")))
            .startsWith("begin 644 Pr\u00e4sentation.pdf\r\n");
        assertThat(encode(new byte[0], "Pr\u00e4sentation.pdf", StandardCharsets.US_ASCII))
            .startsWith("begin 644 Pr_sentation.pdf\r\n");
        assertThat(encode(new byte[0], "\u8cc7\u6599.pdf", Charset.forName("ISO-2022-JP")))
            .startsWith("begin 644 __.pdf\r\n");
        assertThat(encode(new byte[0], "  ", StandardCharsets.US_ASCII)).startsWith("begin 644 attachment\r\n");
    }
}
