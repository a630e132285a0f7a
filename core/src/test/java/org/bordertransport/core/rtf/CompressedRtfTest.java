package org.bordertransport.core.rtf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompressedRtfTest {
    /** [MS-OXRTFCP] section 4.1: "{\rtf1\ansi\ansicpg1252\pard hello world}" CRLF, compressed. */
    static final byte[] SPEC_HELLO = hex("2d0000002b0000004c5a4675f1c5c7a7"
        + "03000a007263706731323542320af320"
        + "68656c090020627705b06c647d0a800f"
        + "a0");
    static final String SPEC_HELLO_RTF = "{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n";
    /** [MS-OXRTFCP] section 4.2: a run that references the octets it is writing. */
    static final byte[] SPEC_RUN = hex("1a0000001c0000004c5a4675e2d44b51"
        + "410004205758595a0d6e7d010eb0");
    static final String SPEC_RUN_RTF = "{\\rtf1 WXYZWXYZWXYZWXYZWXYZ}";

    static byte[] hex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Nested
    class SpecificationExamples {
        @Test
        void shouldDecompressTheHelloWorldExample() throws Exception {
            DecompressedRtf rtf = CompressedRtf.decompress(SPEC_HELLO);

            assertThat(rtf.rtf()).isEqualTo(ascii(SPEC_HELLO_RTF));
            assertThat(rtf.compressed()).isTrue();
            assertThat(rtf.warnings()).isEmpty();
        }

        @Test
        void shouldDecompressTheOverlappingRunExample() throws Exception {
            assertThat(CompressedRtf.decompress(SPEC_RUN).rtf()).isEqualTo(ascii(SPEC_RUN_RTF));
        }

        @Test
        void crcShouldMatchTheExampleHeaders() {
            assertThat(CompressedRtf.crc(SPEC_HELLO, 16, SPEC_HELLO.length - 16)).isEqualTo(0xA7C7C5F1);
            assertThat(CompressedRtf.crc(SPEC_RUN, 16, SPEC_RUN.length - 16)).isEqualTo(0x514BD4E2);
        }

        @Test
        void preloadShouldBe207OctetsWithCrLfInThatOrder() {
            assertThat(CompressedRtf.PRELOAD).hasSize(207);
            assertThat(CompressedRtf.PRELOAD.indexOf("\\blue0\r\n\\par")).isEqualTo(162);
            assertThat(CompressedRtf.PRELOAD).doesNotContain("\n\r");
        }

        @Test
        void theTestCompressorShouldReproduceTheExamplesExactly() {
            assertThat(LzfuTestCompressor.compress(ascii(SPEC_HELLO_RTF))).isEqualTo(SPEC_HELLO);
            assertThat(LzfuTestCompressor.compress(ascii(SPEC_RUN_RTF))).isEqualTo(SPEC_RUN);
        }
    }

    @Nested
    class RoundTrips {
        @ParameterizedTest
        @ValueSource(strings = {"", "{", "{\\rtf1}", "{\\rtf1\\ansi\\mac\\deff0\\deftab720 x}",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
        void shouldRoundTripShortInputs(String rtf) throws Exception {
            assertThat(CompressedRtf.decompress(LzfuTestCompressor.compress(ascii(rtf))).rtf()).isEqualTo(ascii(rtf));
        }

        @Test
        void shouldRoundTripInputsLongerThanTheDictionary() throws Exception {
            Random random = new Random(7);
            byte[] raw = new byte[9000];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = (byte) (i % 3 == 0 ? random.nextInt(256) : "{\\rtf1 abc}".charAt(i % 11));
            }
            assertThat(CompressedRtf.decompress(LzfuTestCompressor.compress(raw)).rtf()).isEqualTo(raw);
        }

        @Test
        void shouldReadUncompressedMela() throws Exception {
            byte[] value = LzfuTestCompressor.withHeader(ascii("{\\rtf1 x}padding"), 9, CompressedRtf.UNCOMPRESSED);

            DecompressedRtf rtf = CompressedRtf.decompress(value);

            assertThat(rtf.rtf()).isEqualTo(ascii("{\\rtf1 x}"));
            assertThat(rtf.compressed()).isFalse();
        }

        @Test
        void shouldNotCheckTheCrcOfMela() throws Exception {
            byte[] value = LzfuTestCompressor.withHeader(ascii("{\\rtf1 x}"), 9, CompressedRtf.UNCOMPRESSED);
            LzfuTestCompressor.putInt(value, 12, 0x12345678);

            assertThat(CompressedRtf.decompress(value).rtf()).isEqualTo(ascii("{\\rtf1 x}"));
        }

        @Test
        void shouldIgnorePaddingAfterTheEndReferenceAndOctetsAfterCompsize() throws Exception {
            byte[] content = Arrays.copyOfRange(SPEC_HELLO, 16, SPEC_HELLO.length + 3);
            byte[] value = LzfuTestCompressor.withHeader(content, 43, CompressedRtf.COMPRESSED);
            byte[] longer = Arrays.copyOf(value, value.length + 5);

            assertThat(CompressedRtf.decompress(longer).rtf()).isEqualTo(ascii(SPEC_HELLO_RTF));
        }
    }

    @Nested
    class Failures {
        @Test
        void shouldRejectAShortHeader() {
            assertThatThrownBy(() -> CompressedRtf.decompress(new byte[15]))
                .isInstanceOf(RtfException.class)
                .hasMessage("Compressed RTF is truncated: 15 octets, the header alone needs 16");
        }

        @Test
        void shouldRejectACompsizeBelow12() {
            byte[] value = SPEC_HELLO.clone();
            LzfuTestCompressor.putInt(value, 0, 11);

            assertThatThrownBy(() -> CompressedRtf.decompress(value))
                .hasMessage("Compressed RTF is corrupt: COMPSIZE 11 is less than 12");
        }

        @Test
        void shouldRejectACompsizeBeyondTheInput() {
            assertThatThrownBy(() -> CompressedRtf.decompress(Arrays.copyOf(SPEC_HELLO, 48)))
                .hasMessage("Compressed RTF is truncated: COMPSIZE declares 49 octets but only 48 are present");
        }

        @Test
        void shouldRejectAHugeCompsizeWithoutOverflow() {
            byte[] value = SPEC_HELLO.clone();
            LzfuTestCompressor.putInt(value, 0, 0xFFFFFFFF);

            assertThatThrownBy(() -> CompressedRtf.decompress(value))
                .hasMessage("Compressed RTF is truncated: COMPSIZE declares 4294967299 octets but only 49 are present");
        }

        @Test
        void shouldRejectARawsizeOverTheLimit() {
            byte[] value = SPEC_HELLO.clone();
            LzfuTestCompressor.putInt(value, 4, 0x80000000);

            assertThatThrownBy(() -> CompressedRtf.decompress(value))
                .hasMessage("Compressed RTF declares RAWSIZE 2147483648 octets, over maxRtfBytes 67108864");
            assertThatThrownBy(() -> CompressedRtf.decompress(SPEC_HELLO, RtfMode.LENIENT, RtfLimits.of(42, 1, 1)))
                .hasMessage("Compressed RTF declares RAWSIZE 43 octets, over maxRtfBytes 42");
        }

        @Test
        void shouldRejectAnUnknownType() {
            byte[] value = SPEC_HELLO.clone();
            value[8] = 'X';

            assertThatThrownBy(() -> CompressedRtf.decompress(value, RtfMode.LENIENT, RtfLimits.defaults()))
                .hasMessage("Compressed RTF has unknown COMPTYPE 0x75465A58, expected 0x75465A4C (LZFu) or"
                    + " 0x414C454D (MELA)");
        }

        @Test
        void shouldRejectTruncatedMela() {
            byte[] value = LzfuTestCompressor.withHeader(ascii("{\\rtf1 x}"), 10, CompressedRtf.UNCOMPRESSED);

            assertThatThrownBy(() -> CompressedRtf.decompress(value))
                .hasMessage("Uncompressed RTF is truncated: RAWSIZE declares 10 octets but COMPSIZE leaves 9");
        }

        @Test
        void strictShouldRejectACrcMismatchAndLenientShouldWarn() throws Exception {
            byte[] value = SPEC_HELLO.clone();
            value[12] ^= 1;

            assertThatThrownBy(() -> CompressedRtf.decompress(value))
                .hasMessage("Compressed RTF CRC mismatch: header has 0xA7C7C5F0, content has 0xA7C7C5F1");
            DecompressedRtf lenient = CompressedRtf.decompress(value, RtfMode.LENIENT, RtfLimits.defaults());
            assertThat(lenient.rtf()).isEqualTo(ascii(SPEC_HELLO_RTF));
            assertThat(lenient.warnings())
                .containsExactly("Compressed RTF CRC mismatch: header has 0xA7C7C5F0, content has 0xA7C7C5F1");
        }

        @Test
        void shouldCapTheOutputAtRawsize() throws Exception {
            byte[] value = SPEC_HELLO.clone();
            LzfuTestCompressor.putInt(value, 4, 10);

            assertThatThrownBy(() -> CompressedRtf.decompress(value))
                .hasMessage("Compressed RTF decompresses to 43 octets but RAWSIZE is 10");
            DecompressedRtf lenient = CompressedRtf.decompress(value, RtfMode.LENIENT, RtfLimits.defaults());
            assertThat(lenient.rtf()).isEqualTo(ascii(SPEC_HELLO_RTF.substring(0, 10)));
            assertThat(lenient.warnings())
                .containsExactly("Compressed RTF decompresses to 43 octets but RAWSIZE is 10");
        }

        @Test
        void shouldReturnTheShorterOutputWhenRawsizeIsTooLargeInLenientMode() throws Exception {
            byte[] value = SPEC_HELLO.clone();
            LzfuTestCompressor.putInt(value, 4, 1000);

            assertThatThrownBy(() -> CompressedRtf.decompress(value))
                .hasMessage("Compressed RTF decompresses to 43 octets but RAWSIZE is 1000");
            assertThat(CompressedRtf.decompress(value, RtfMode.LENIENT, RtfLimits.defaults()).rtf())
                .isEqualTo(ascii(SPEC_HELLO_RTF));
        }

        @Test
        void shouldRejectAStreamWithoutEndReference() {
            byte[] content = {0x00, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'};
            byte[] value = LzfuTestCompressor.withHeader(content, 8, CompressedRtf.COMPRESSED);

            assertThatThrownBy(() -> CompressedRtf.decompress(value))
                .hasMessage("Compressed RTF is truncated: no end-of-stream reference before offset 25");
        }

        @Test
        void truncationAtEveryOffsetShouldFailWithRtfException() {
            byte[] full = LzfuTestCompressor.compress(ascii(RtfSamples.HTML_EXAMPLE));
            for (int length = 0; length < full.length; length++) {
                byte[] cut = Arrays.copyOf(full, length);
                assertThatThrownBy(() -> CompressedRtf.decompress(cut, RtfMode.LENIENT, RtfLimits.defaults()))
                    .as("cut at %d", length).isInstanceOf(RtfException.class);
                if (length > 16) {
                    byte[] content = Arrays.copyOfRange(full, 16, length);
                    byte[] consistent = LzfuTestCompressor.withHeader(content, RtfSamples.HTML_EXAMPLE.length(),
                        CompressedRtf.COMPRESSED);
                    assertThatThrownBy(() -> CompressedRtf.decompress(consistent))
                        .as("content cut at %d", length).isInstanceOf(RtfException.class)
                        .hasMessageStartingWith("Compressed RTF is truncated: no end-of-stream reference");
                }
            }
        }
    }
}
