package org.bordertransport.core.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Random;

import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TransferEncoderTest {
    private static byte[] encode(byte[] content, TransferEncoding encoding, boolean text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TransferEncoder.encode(new ByteArrayInputStream(content), out, encoding, text);
        return out.toByteArray();
    }

    private static byte[] decode(byte[] encoded, TransferEncoding encoding) throws IOException {
        InputStream in = new ByteArrayInputStream(encoded);
        if (encoding == TransferEncoding.QUOTED_PRINTABLE) {
            in = new QuotedPrintableInputStream(in, DecodeMonitor.STRICT);
        } else if (encoding == TransferEncoding.BASE64) {
            in = new Base64InputStream(in, DecodeMonitor.STRICT);
        }
        return in.readAllBytes();
    }

    /** Every octet under 0x80, no NUL, only CRLF line ends, every line at most {@code max} octets. */
    private static void assertSevenBitClean(byte[] encoded, int max) {
        int line = 0;
        for (int i = 0; i < encoded.length; i++) {
            int b = encoded[i] & 0xff;
            assertThat(b).as("octet %d", i).isLessThan(0x80).isNotZero();
            if (b == '\r') {
                assertThat(i + 1 < encoded.length && encoded[i + 1] == '\n').as("CR at %d followed by LF", i).isTrue();
                line = 0;
                i++;
            } else {
                assertThat(b).as("bare LF at %d", i).isNotEqualTo('\n');
                line++;
                assertThat(line).as("line length at octet %d", i).isLessThanOrEqualTo(max);
            }
        }
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @ParameterizedTest
    @EnumSource(value = TransferEncoding.class, names = {"QUOTED_PRINTABLE", "BASE64"})
    void binaryShouldRoundTripByteIdentical(TransferEncoding encoding) throws Exception {
        byte[] content = randomBytes(10_000, 42);
        byte[] withLineEnds = "a\rb\nc\r\n\r\r\n \t\u0000 .\r\n".getBytes(StandardCharsets.ISO_8859_1);
        for (byte[] data : new byte[][] {content, withLineEnds, new byte[0]}) {
            byte[] encoded = encode(data, encoding, false);
            assertSevenBitClean(encoded, 76);
            assertThat(decode(encoded, encoding)).isEqualTo(data);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TransferEncoding.class, names = {"QUOTED_PRINTABLE", "BASE64"})
    void eightBitTextShouldRoundTripWithCanonicalLineEnds(TransferEncoding encoding) throws Exception {
        String text = "Gr\u00fc\u00dfe aus K\u00f6ln \r\n\u65e5\u672c\u8a9e\t\r\n" + "\u00e9".repeat(300) + "\r\n"
            + "x".repeat(2000) + "\r\n.\r\nFrom me \r\nlast line ends in space ";
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        byte[] encoded = encode(content, encoding, true);
        assertSevenBitClean(encoded, 76);
        assertThat(decode(encoded, encoding)).isEqualTo(content);
    }

    @Test
    void textShouldGetCrlfLineEnds() throws Exception {
        byte[] content = "a\nb\r\rc\r\nd\r".getBytes(StandardCharsets.US_ASCII);
        byte[] canonical = "a\r\nb\r\n\r\nc\r\nd\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(encode(content, TransferEncoding.SEVEN_BIT, true)).isEqualTo(canonical);
        for (TransferEncoding encoding : new TransferEncoding[] {TransferEncoding.QUOTED_PRINTABLE,
            TransferEncoding.BASE64}) {
            byte[] encoded = encode(content, encoding, true);
            assertSevenBitClean(encoded, 76);
            assertThat(decode(encoded, encoding)).isEqualTo(canonical);
        }
    }

    @Test
    void quotedPrintableTextShouldKeepTrailingWhiteSpace() throws Exception {
        assertThat(new String(encode("end \r\nlast\t".getBytes(StandardCharsets.US_ASCII),
            TransferEncoding.QUOTED_PRINTABLE, true), StandardCharsets.US_ASCII)).isEqualTo("end=20\r\nlast\t=\r\n");
    }

    @Test
    void quotedPrintableShouldEscapeLineEndsOfBinaryData() throws Exception {
        assertThat(new String(encode("a\r\nb".getBytes(StandardCharsets.US_ASCII), TransferEncoding.QUOTED_PRINTABLE,
            false), StandardCharsets.US_ASCII)).isEqualTo("a=0D=0Ab");
    }

    @Test
    void longLinesShouldBeBrokenByQuotedPrintable() throws Exception {
        byte[] content = ("y".repeat(5000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] encoded = encode(content, TransferEncoding.QUOTED_PRINTABLE, true);
        assertThat(LineLimit.firstLineLongerThan(new ByteArrayInputStream(encoded), 76)).isZero();
        assertThat(decode(encoded, TransferEncoding.QUOTED_PRINTABLE)).isEqualTo(content);
    }

    @Test
    void base64ShouldEndWithCrlf() throws Exception {
        assertThat(new String(encode(new byte[] {1, 2, 3}, TransferEncoding.BASE64, false), StandardCharsets.US_ASCII))
            .isEqualTo("AQID\r\n");
        assertThat(encode(new byte[0], TransferEncoding.BASE64, false)).isEmpty();
    }

    @Test
    void sevenBitShouldPassCleanContentUnchanged() throws Exception {
        byte[] content = ("ok line\r\n" + "z".repeat(998) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(encode(content, TransferEncoding.SEVEN_BIT, false)).isEqualTo(content);
        assertThat(encode(content, TransferEncoding.SEVEN_BIT, true)).isEqualTo(content);
    }

    @Test
    void sevenBitShouldRefuseWhatItCannotCarry() {
        assertThatThrownBy(() -> encode("ok\r\ncaf\u00e9".getBytes(StandardCharsets.ISO_8859_1),
            TransferEncoding.SEVEN_BIT, true))
            .isInstanceOf(EncodingException.class)
            .hasMessage("content cannot be sent as 7bit: octet 0xE9 at line 2 (octet 8)");
        assertThatThrownBy(() -> encode(("x".repeat(999)).getBytes(StandardCharsets.US_ASCII),
            TransferEncoding.SEVEN_BIT, true))
            .hasMessage("content cannot be sent as 7bit: line longer than 998 octets at line 1 (octet 999)");
        assertThatThrownBy(() -> encode("a\nb".getBytes(StandardCharsets.US_ASCII), TransferEncoding.SEVEN_BIT, false))
            .hasMessage("content cannot be sent as 7bit: bare LF at line 1 (octet 2)");
        assertThatThrownBy(() -> encode("a\u0000".getBytes(StandardCharsets.US_ASCII), TransferEncoding.SEVEN_BIT,
            false)).hasMessage("content cannot be sent as 7bit: NUL octet at line 1 (octet 2)");
        assertThatThrownBy(() -> encode("a\r".getBytes(StandardCharsets.US_ASCII), TransferEncoding.SEVEN_BIT, false))
            .hasMessage("content cannot be sent as 7bit: bare CR at line 1 (octet 2)");
    }

    @Test
    void shouldRejectEncodingsItCannotProduce() {
        assertThatThrownBy(() -> TransferEncoder.encoder(new ByteArrayOutputStream(), TransferEncoding.EIGHT_BIT, true))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("cannot encode into '8bit': allowed encodings are 7bit, quoted-printable, base64");
    }

    @Test
    void closingTheEncoderShouldNotCloseTheTarget() throws Exception {
        boolean[] closed = {false};
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream target = new OutputStream() {
            @Override
            public void write(int b) {
                sink.write(b);
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        for (TransferEncoding encoding : new TransferEncoding[] {TransferEncoding.SEVEN_BIT,
            TransferEncoding.QUOTED_PRINTABLE, TransferEncoding.BASE64}) {
            for (boolean text : new boolean[] {true, false}) {
                OutputStream encoder = TransferEncoder.encoder(target, encoding, text);
                encoder.write("abc\r\n".getBytes(StandardCharsets.US_ASCII));
                encoder.close();
                encoder.close();
                assertThatThrownBy(() -> encoder.write(1)).hasMessage("encoder already closed");
            }
        }
        assertThat(closed[0]).isFalse();
        assertThat(sink.size()).isPositive();
    }

    /** 50 MB generated on the fly: encoded and decoded again in a pipeline; only digests are kept. */
    @ParameterizedTest
    @EnumSource(value = TransferEncoding.class, names = {"QUOTED_PRINTABLE", "BASE64"})
    void shouldStreamLargeContentWithConstantMemory(TransferEncoding encoding) throws Exception {
        long size = 50L * 1024 * 1024;
        MessageDigest inputDigest = MessageDigest.getInstance("SHA-256");
        MessageDigest decodedDigest = MessageDigest.getInstance("SHA-256");
        InputStream generated = new DigestInputStream(new GeneratedText(size), inputDigest);
        java.io.PipedInputStream pipeIn = new java.io.PipedInputStream(64 * 1024);
        java.io.PipedOutputStream pipeOut = new java.io.PipedOutputStream(pipeIn);
        long[] longest = {0};
        Thread decoder = new Thread(() -> {
            try (InputStream decoded = encoding == TransferEncoding.BASE64
                ? new Base64InputStream(pipeIn, DecodeMonitor.STRICT) : new QuotedPrintableInputStream(pipeIn,
                DecodeMonitor.STRICT);
                 OutputStream digest = new DigestOutputStream(OutputStream.nullOutputStream(), decodedDigest)) {
                decoded.transferTo(digest);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        decoder.start();
        ContentScan.Scanner encodedScan = ContentScan.scanner();
        try (OutputStream scanned = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                encodedScan.update(b, off, len);
                pipeOut.write(b, off, len);
            }
        }) {
            TransferEncoder.encode(generated, new java.io.BufferedOutputStream(scanned, 8192) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            }, encoding, true);
        }
        pipeOut.close();
        decoder.join();
        ContentScan scan = encodedScan.result();
        assertThat(scan.octets()).isGreaterThan(size);
        assertThat(scan.hasEightBit()).isFalse();
        assertThat(scan.hasBareLf()).isFalse();
        assertThat(scan.hasBareCr()).isFalse();
        assertThat(scan.longestLine()).isLessThanOrEqualTo(76);
        assertThat(decodedDigest.digest()).isEqualTo(inputDigest.digest());
    }

    /** Deterministic UTF-8 text with CRLF line ends, some lines long, generated as it is read. */
    private static final class GeneratedText extends InputStream {
        private static final byte[][] LINES = {
            "Gr\u00fc\u00dfe aus K\u00f6ln, \u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8 \ud83d\ude00 \r\n"
                .getBytes(StandardCharsets.UTF_8),
            ("plain ascii line with = and . and trailing space \r\n").getBytes(StandardCharsets.UTF_8),
            ("w".repeat(1500) + "\u00e9\r\n").getBytes(StandardCharsets.UTF_8),
            "\t\r\n".getBytes(StandardCharsets.UTF_8)};
        private final long size;
        private long position;
        private int line;
        private int offset;

        GeneratedText(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = 0;
            while (n < len && position < size) {
                byte[] current = LINES[line % LINES.length];
                int chunk = (int) Math.min(Math.min(len - n, current.length - offset), size - position);
                System.arraycopy(current, offset, b, off + n, chunk);
                n += chunk;
                offset += chunk;
                position += chunk;
                if (offset == current.length) {
                    offset = 0;
                    line++;
                }
            }
            return n;
        }
    }
}
