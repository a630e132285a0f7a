package org.bordertransport.core.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.function.Function;

import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Base64InputTest {
    private static final byte[] ALPHABET =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(StandardCharsets.US_ASCII);

    /** What a reader gets: every octet, or the exception it ends with. */
    private static final class Outcome {
        final byte[] octets;
        final boolean failed;

        Outcome(byte[] octets, boolean failed) {
            this.octets = octets;
            this.failed = failed;
        }
    }

    /** Reads all of {@code in}, in reads of random sizes (single octets among them). */
    private static Outcome readAll(InputStream in, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[20_000];
        try {
            while (true) {
                if (random.nextInt(8) == 0) {
                    int b = in.read();
                    if (b < 0) {
                        return new Outcome(out.toByteArray(), false);
                    }
                    out.write(b);
                } else {
                    int n = in.read(buffer, 0, 1 + random.nextInt(random.nextBoolean() ? 7 : buffer.length));
                    if (n < 0) {
                        return new Outcome(out.toByteArray(), false);
                    }
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            return new Outcome(out.toByteArray(), true);
        }
    }

    /** An underlying stream that hands out its octets in short reads of random size, as a MIME part body may. */
    private static InputStream trickle(byte[] octets, Random random) {
        return new ByteArrayInputStream(octets) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(random.nextBoolean() ? 5 : 10_000)));
            }
        };
    }

    /** Base64 of random octets in lines of random length, with junk, stray padding and cuts here and there. */
    private static byte[] body(Random random) {
        byte[] content = new byte[random.nextInt(random.nextInt(4) == 0 ? 40_000 : 200)];
        random.nextBytes(content);
        byte[] encoded = Base64.getEncoder().encode(content);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int line = 1 + random.nextInt(100);
        for (int i = 0; i < encoded.length; i++) {
            if (i > 0 && i % line == 0) {
                out.writeBytes(random.nextBoolean() ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
            }
            switch (random.nextInt(3000)) {
                case 0:
                    out.write('=');
                    break;
                case 1:
                    out.write(' ');
                    break;
                case 2:
                    out.write(random.nextInt(256));
                    break;
                case 3:
                    out.write(ALPHABET[random.nextInt(ALPHABET.length)]);
                    break;
                default:
                    break;
            }
            out.write(encoded[i]);
        }
        byte[] body = out.toByteArray();
        if (random.nextInt(4) == 0 && body.length > 0) {
            body = java.util.Arrays.copyOf(body, random.nextInt(body.length));
        }
        if (random.nextInt(4) == 0) {
            body = java.util.Arrays.copyOf(body, body.length + 2);
            body[body.length - 2] = '\r';
            body[body.length - 1] = '\n';
        }
        return body;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void decodesEveryBodyAsMime4jDoes(boolean strict) {
        Function<InputStream, InputStream> ours = strict ? Base64Input::strict : Base64Input::lenient;
        DecodeMonitor monitor = strict ? DecodeMonitor.STRICT : DecodeMonitor.SILENT;
        Random random = new Random(20261208L + (strict ? 1 : 0));
        int failures = 0;
        for (int i = 0; i < 3_000; i++) {
            byte[] body = body(random);
            Outcome expected = readAll(new Base64InputStream(trickle(body, random), monitor), random);
            Outcome actual = readAll(ours.apply(trickle(body, random)), random);

            assertThat(actual.failed).as("body %d fails", i).isEqualTo(expected.failed);
            if (!expected.failed) {
                assertThat(actual.octets).as("body %d", i).isEqualTo(expected.octets);
            } else {
                failures++;
            }
        }
        // the strict run met malformed bodies, the lenient one decoded them
        assertThat(failures > 100).isEqualTo(strict);
    }

    @Test
    void decodesWhatTheJdkEncoderWrote() throws IOException {
        Random random = new Random(7);
        for (int length : new int[] {0, 1, 2, 3, 4, 57, 8191, 8192, 8193, 100_000}) {
            byte[] content = new byte[length];
            random.nextBytes(content);
            byte[] mime = Base64.getMimeEncoder().encode(content);

            assertThat(Base64Input.strict(trickle(mime, random)).readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void endsAtTheFirstPaddingCharacter() throws IOException {
        byte[] body = "QUJD\r\nRA==\r\nRUZH\r\n".getBytes(StandardCharsets.US_ASCII);

        assertThat(Base64Input.strict(new ByteArrayInputStream(body)).readAllBytes())
            .isEqualTo("ABCD".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void skipsEveryOctetOutsideTheAlphabet() throws IOException {
        byte[] body = "Q\tU-J_D\u00ff R\r\n".getBytes(StandardCharsets.ISO_8859_1);

        // "QUJDR": the lone R is a group cut short, dropped
        assertThat(Base64Input.lenient(new ByteArrayInputStream(body)).readAllBytes())
            .isEqualTo("ABC".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void strictRefusesJunkAGroupCutShortAndAMisplacedPad() {
        assertThatThrownBy(() -> Base64Input.strict(ascii("QUJDR")).readAllBytes())
            .isInstanceOf(IOException.class).hasMessageContaining("1 character(s) of a group");
        assertThatThrownBy(() -> Base64Input.strict(ascii("QUJDR=")).readAllBytes())
            .isInstanceOf(IOException.class).hasMessageContaining("padding after 1");
        assertThatThrownBy(() -> Base64Input.strict(ascii("QU\tJD")).readAllBytes())
            .isInstanceOf(IOException.class).hasMessageContaining("octet 9 outside the alphabet");
    }

    private static InputStream ascii(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void leavesTheUnderlyingStreamOpen() throws IOException {
        boolean[] closed = {false};
        InputStream raw = new ByteArrayInputStream("QUJD".getBytes(StandardCharsets.US_ASCII)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        InputStream in = Base64Input.lenient(raw);
        in.close();

        assertThat(closed[0]).isFalse();
        assertThatThrownBy(in::read).isInstanceOf(IOException.class);
    }
}
