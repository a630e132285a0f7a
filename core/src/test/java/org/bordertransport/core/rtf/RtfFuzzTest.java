package org.bordertransport.core.rtf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Seeded mutations of valid inputs: decompression and de-encapsulation either succeed within their limits or fail
 * with {@link RtfException}, never with another exception, and never loop.
 */
class RtfFuzzTest {
    private static final int CASES = 50_000;
    private static final RtfLimits LIMITS = RtfLimits.of(1 << 20, 64, 1 << 20);
    private static final String[] SNIPPETS = {"{", "}", "\\", "\\'", "\\'8", "\\'82\\'a0", "\\u", "\\u-1", "\\uc9",
        "\\uc0", "\\bin", "\\bin99", "\\bin2 ", "\\htmlrtf", "\\htmlrtf0", "{\\*\\htmltag", "{\\*", "\\par",
        "\\fromhtml1", "\\fromtext", "\\f1", "\\fcharset128", "\\cpg932", "\\ansicpg932", "\\ansicpg-5", "\\u99999",
        "\\fonttbl", "\r\n", "\0", "\\~", "\\*", "{\\fonttbl{\\f9\\cpg0;}}", "\\f-1", "\\deff99"};

    private static final byte[][] RTF_SEEDS = {
        ascii(RtfSamples.HTML_EXAMPLE),
        ascii(RtfSamples.TEXT_EXAMPLE),
        ascii("{\\rtf1\\ansi\\ansicpg932\\fromhtml1 {\\fonttbl{\\f0\\fcharset128 G;}}\\f0{\\*\\htmltag <p>\\'82\\'a0}"
            + "\\'8a\\'bf\\u12354?\\uc2\\u12354\\'82\\'a0\\htmlrtf {\\f0 x}\\htmlrtf0 \\bin3 abc}"),
    };

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void mutatedRtfShouldDecodeOrFailWithRtfException() {
        Random random = new Random(20240611L);
        int decoded = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] input = mutateRtf(random, RTF_SEEDS[random.nextInt(RTF_SEEDS.length)]);
            RtfMode mode = random.nextBoolean() ? RtfMode.STRICT : RtfMode.LENIENT;
            try {
                RtfBody body = RtfDeencapsulator.create(mode, LIMITS).deencapsulate(input);
                assertThat(body.text().length()).isLessThanOrEqualTo(LIMITS.maxOutputChars());
                decoded++;
            } catch (RtfException expected) {
                // a clear refusal is fine
            } catch (RuntimeException | Error e) {
                fail("case " + i + " (" + mode + ") threw " + e + " on "
                    + new String(input, StandardCharsets.ISO_8859_1), e);
            }
        }
        assertThat(decoded).isGreaterThan(CASES / 2);
    }

    @Test
    void mutatedCompressedRtfShouldDecompressOrFailWithRtfException() {
        byte[][] seeds = {
            CompressedRtfTest.SPEC_HELLO,
            CompressedRtfTest.SPEC_RUN,
            LzfuTestCompressor.compress(RTF_SEEDS[0]),
            LzfuTestCompressor.compress(RTF_SEEDS[2]),
            LzfuTestCompressor.withHeader(RTF_SEEDS[1], RTF_SEEDS[1].length, CompressedRtf.UNCOMPRESSED),
        };
        Random random = new Random(4242L);
        int decompressed = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] input = mutateCompressed(random, seeds[random.nextInt(seeds.length)]);
            RtfMode mode = random.nextBoolean() ? RtfMode.STRICT : RtfMode.LENIENT;
            try {
                DecompressedRtf rtf = CompressedRtf.decompress(input, mode, LIMITS);
                long rawSize = (input[4] & 0xFFL) | (input[5] & 0xFFL) << 8 | (input[6] & 0xFFL) << 16
                    | (input[7] & 0xFFL) << 24;
                assertThat((long) rtf.length()).isLessThanOrEqualTo(rawSize);
                decompressed++;
                RtfDeencapsulator.create(mode, LIMITS).deencapsulate(rtf.rtfUnsafe());
            } catch (RtfException expected) {
                // a clear refusal is fine
            } catch (RuntimeException | Error e) {
                fail("case " + i + " (" + mode + ") threw " + e, e);
            }
        }
        assertThat(decompressed).isGreaterThan(CASES / 10);
    }

    private static byte[] mutateRtf(Random random, byte[] seed) {
        byte[] data = seed.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = data.length == 0 ? 0 : random.nextInt(data.length);
            switch (random.nextInt(5)) {
                case 0:
                    if (data.length > 0) {
                        data[at] = (byte) random.nextInt(256);
                    }
                    break;
                case 1:
                    data = Arrays.copyOf(data, at);
                    break;
                case 2:
                    data = splice(data, at, ascii(SNIPPETS[random.nextInt(SNIPPETS.length)]));
                    break;
                case 3:
                    if (data.length > at + 1) {
                        byte[] shorter = new byte[data.length - 1];
                        System.arraycopy(data, 0, shorter, 0, at);
                        System.arraycopy(data, at + 1, shorter, at, data.length - at - 1);
                        data = shorter;
                    }
                    break;
                default:
                    byte[] braces = new byte[random.nextInt(100)];
                    Arrays.fill(braces, (byte) (random.nextBoolean() ? '{' : '}'));
                    data = splice(data, at, braces);
                    break;
            }
        }
        return data;
    }

    private static byte[] mutateCompressed(Random random, byte[] seed) {
        byte[] data = seed.clone();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(data.length);
            switch (random.nextInt(4)) {
                case 0:
                    data[at] = (byte) random.nextInt(256);
                    break;
                case 1:
                    data = Arrays.copyOf(data, Math.max(16, at));
                    break;
                case 2:
                    data[4 + random.nextInt(4)] = (byte) random.nextInt(256);
                    break;
                default:
                    data[at] ^= (byte) (1 << random.nextInt(8));
                    break;
            }
        }
        if (random.nextInt(3) > 0) {
            // keep the header consistent so that the decompressor itself is exercised
            LzfuTestCompressor.putInt(data, 0, data.length - 4);
            if (random.nextBoolean()) {
                LzfuTestCompressor.putInt(data, 12, CompressedRtf.crc(data, 16, data.length - 16));
            }
        }
        return data;
    }

    private static byte[] splice(byte[] data, int at, byte[] insert) {
        byte[] out = new byte[data.length + insert.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(data, at, out, at + insert.length, data.length - at);
        return out;
    }
}
