package org.bordertransport.core.charset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bordertransport.core.charset.Iso2022JpTestSupport.JDK_WINDOWS_ISO2022JP;
import static org.bordertransport.core.charset.Iso2022JpTestSupport.assertSevenBitEndingEveryLineInAscii;
import static org.bordertransport.core.charset.Iso2022JpTestSupport.visible;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class Iso2022JpEncoderTest {
    /** The characters the issue names: Windows-typed, NEC specials, IBM extensions. */
    private static final String WINDOWS_TYPED = "～－∥￠￡￢①Ⅰ㈱髙﨑";

    private static byte[] encode(Iso2022JpVariant variant, String text) throws CharsetConversionException {
        return Iso2022JpEncoder.of(variant).encode(text);
    }

    private static String decode(byte[] bytes) throws CharsetConversionException {
        return Iso2022JpDecoder.create().decode(bytes);
    }

    @Nested
    class WindowsCharacters {
        @ParameterizedTest
        @EnumSource(Iso2022JpVariant.class)
        void shouldRoundTripEveryCharacterTheIssueNames(Iso2022JpVariant variant) throws Exception {
            String text = "Windows: " + WINDOWS_TYPED + "\r\n漢字とかな、カタカナ。\r\n";

            byte[] bytes = encode(variant, text);

            assertThat(decode(bytes)).isEqualTo(text);
            assertThat(new String(bytes, JDK_WINDOWS_ISO2022JP)).isEqualTo(text);
            assertSevenBitEndingEveryLineInAscii(bytes);
        }

        @ParameterizedTest
        @CsvSource(delimiterString = " => ", value = {
            "～ => ESC$B!AESC(B",
            "－ => ESC$B!]ESC(B",
            "∥ => ESC$B!BESC(B",
            "￠ => ESC$B!qESC(B",
            "￡ => ESC$B!rESC(B",
            "￢ => ESC$B\"LESC(B",
            "① => ESC$B-!ESC(B",
            "Ⅰ => ESC$B-5ESC(B",
            "㈱ => ESC$B-jESC(B",
            "髙 => ESC$B|bESC(B",
            "﨑 => ESC$ByuESC(B",
            "ⅰ => ESC$B|qESC(B",
            "￤ => ESC$B||ESC(B",
        })
        void shouldUseTheJisCodeWindowsUses(String character, String expected) throws Exception {
            for (Iso2022JpVariant variant : Iso2022JpVariant.values()) {
                byte[] bytes = encode(variant, character);
                assertThat(visible(bytes)).isEqualTo(expected);
                assertThat(decode(bytes)).isEqualTo(character);
            }
        }

        @Test
        void ibmExtensionsShouldUseTheDuplicateWindowsUses() throws Exception {
            Charset cp932 = Charset.forName("windows-31j");
            int viaIbmCode = 0;
            for (int code = 0xFA40; code <= 0xFC4B; code++) {
                String c = new String(new byte[] {(byte) (code >> 8), (byte) code}, cp932);
                if (c.length() != 1 || c.charAt(0) == '\uFFFD') {
                    continue;
                }
                byte[] sjis = c.getBytes(cp932);
                int preferred = (sjis[0] & 0xFF) << 8 | (sjis[1] & 0xFF);
                int expected;
                if (preferred >= 0xFA40) {
                    expected = mlangJis(preferred);
                    viaIbmCode++;
                } else {
                    expected = Iso2022JpTables.sjisToJis(preferred);
                }
                assertThat(Iso2022JpTables.encode(c.charAt(0))).as("U+%04X", (int) c.charAt(0)).isEqualTo(expected);
                assertThat(decode(encode(Iso2022JpVariant.CP50220, c))).isEqualTo(c);
            }
            // 388 IBM extensions, of which CP932 writes Ⅰ..Ⅹ ㈱ № ℡ ∵ ￢ with their NEC row 13 or JIS X 0208 code
            assertThat(viaIbmCode).isEqualTo(388 - 15);
        }

        /** Windows' own arithmetic (mlang, kept in .NET's ISO2022Encoding) from a CP932 IBM extension to JIS. */
        private int mlangJis(int sjis) {
            int code = sjis;
            int trail = code & 0xFF;
            if (code <= 0xFA49) {
                code -= 0x0B51;
            } else if (code <= 0xFA53) {
                code -= 0x72F6;
            } else if (code <= 0xFA57) {
                code -= 0x0B5B;
            } else if (code == 0xFA58) {
                code = 0x878A;
            } else if (code == 0xFA59) {
                code = 0x8782;
            } else if (code == 0xFA5A) {
                code = 0x8784;
            } else if (code == 0xFA5B) {
                code = 0x879A;
            } else if (trail < 0x5C) {
                code -= 0x0D5F;
            } else if (trail >= 0x80 && trail <= 0x9B) {
                code -= 0x0D1D;
            } else {
                code -= 0x0D1C;
            }
            int lead = code >> 8;
            trail = code & 0xFF;
            lead = (lead - (lead > 0x9F ? 0xB1 : 0x71)) * 2 + 1;
            if (trail > 0x9E) {
                trail -= 0x7E;
                lead++;
            } else {
                if (trail > 0x7E) {
                    trail--;
                }
                trail -= 0x1F;
            }
            return lead << 8 | trail;
        }

        @Test
        void standardJisFormsShouldEncodeToTheSameCodeAndDecodeToTheCp932Form() throws Exception {
            String standard = "〜−‖—¢£¬";
            byte[] bytes = encode(Iso2022JpVariant.CP50220, standard);

            assertThat(visible(bytes)).isEqualTo("ESC$B!A!]!B!=!q!r\"LESC(B");
            assertThat(bytes).isEqualTo(standard.getBytes(Charset.forName("ISO-2022-JP")));
            assertThat(decode(bytes)).isEqualTo("～－∥―￠￡￢");
        }

        @Test
        void everyEncodableCharacterShouldDecodeToItselfOrItsDocumentedCp932Form() throws Exception {
            String normalized = "\u00A2\u00A3\u00AC\u2014\u2016\u2212\u301C";
            Charset cp932 = Charset.forName("windows-31j");
            java.util.Set<Character> decodable = new java.util.HashSet<>();
            for (int row = 0x21; row <= 0x7E; row++) {
                for (int cell = 0x21; cell <= 0x7E; cell++) {
                    int sjis = Iso2022JpTables.jisToSjis(row, cell);
                    String c = new String(new byte[] {(byte) (sjis >> 8), (byte) sjis}, cp932);
                    if (c.length() == 1 && c.charAt(0) != '\uFFFD') {
                        decodable.add(c.charAt(0));
                    }
                }
            }
            int encodable = 0;
            for (char c = 0x80; c < 0xFFFF; c++) {
                int code = Iso2022JpTables.encode(c);
                if (code == 0 || Iso2022JpTables.isHalfwidthKana(c)) {
                    continue;
                }
                encodable++;
                String back = decode(encode(Iso2022JpVariant.CP50220, String.valueOf(c)));
                if (normalized.indexOf(c) < 0) {
                    assertThat(back).as("U+%04X", (int) c).isEqualTo(String.valueOf(c));
                } else {
                    assertThat(back).as("U+%04X", (int) c).isNotEqualTo(String.valueOf(c));
                }
            }
            assertThat(encodable).isEqualTo(decodable.size() + normalized.length());
        }
    }

    @Nested
    class HalfwidthKatakana {
        private static final String KANA = "ｶﾞｷﾟﾊﾟｳﾞﾜﾞｰ｡ﾞﾟｱ";

        @Test
        void cp50220ShouldConvertToFullWidthComposingVoicedMarks() throws Exception {
            byte[] bytes = encode(Iso2022JpVariant.CP50220, KANA);

            assertThat(visible(bytes)).isEqualTo("ESC$B%,%-!,%Q%t%o!+!<!#!+!,%\"ESC(B");
            assertThat(decode(bytes)).isEqualTo("ガキ゜パヴワ゛ー。゛゜ア");
        }

        @Test
        void cp50220ShouldNeverUseJisX0201Katakana() throws Exception {
            StringBuilder all = new StringBuilder();
            for (char c = 0xFF61; c <= 0xFF9F; c++) {
                all.append(c).append('\n');
            }
            byte[] bytes = encode(Iso2022JpVariant.CP50220, all.toString());

            assertThat(visible(bytes)).doesNotContain("ESC(I").doesNotContain("<0E>").doesNotContain("<0F>");
            assertThat(decode(bytes)).isEqualTo(Normalizer.normalize(all, Normalizer.Form.NFKC)
                .replace('\u3099', '\u309B').replace('\u309A', '\u309C'));
            assertSevenBitEndingEveryLineInAscii(bytes);
        }

        @Test
        void cp50220ShouldComposeAcrossWrites() throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (Writer writer = Iso2022JpEncoder.of(Iso2022JpVariant.CP50220).newWriter(out)) {
                writer.write("ｶ");
                writer.flush();
                writer.write("ﾞｶ");
            }
            assertThat(decode(out.toByteArray())).isEqualTo("ガカ");
        }

        @Test
        void cp50221ShouldUseEscapeSequence() throws Exception {
            byte[] bytes = encode(Iso2022JpVariant.CP50221, "aｶﾞ漢ｱ\r\n");

            assertThat(visible(bytes)).isEqualTo("aESC(I6^ESC$B4AESC(I1ESC(B<0D><0A>");
            assertThat(decode(bytes)).isEqualTo("aｶﾞ漢ｱ\r\n");
            assertThat(new String(bytes, JDK_WINDOWS_ISO2022JP)).isEqualTo("aｶﾞ漢ｱ\r\n");
        }

        @Test
        void cp50222ShouldUseShiftOutAndShiftIn() throws Exception {
            byte[] bytes = encode(Iso2022JpVariant.CP50222, "aｶﾞ漢ｱ\r\nｱ");

            assertThat(visible(bytes)).isEqualTo("a<0E>6^<0F>ESC$B4A<0E>1<0F>ESC(B<0D><0A><0E>1<0F>");
            assertThat(decode(bytes)).isEqualTo("aｶﾞ漢ｱ\r\nｱ");
            assertThat(new String(bytes, JDK_WINDOWS_ISO2022JP)).isEqualTo("aｶﾞ漢ｱ\r\nｱ");
        }

        @ParameterizedTest
        @EnumSource(value = Iso2022JpVariant.class, names = {"CP50221", "CP50222"})
        void singleByteKanaVariantsShouldRoundTripEveryKana(Iso2022JpVariant variant) throws Exception {
            StringBuilder all = new StringBuilder();
            for (char c = 0xFF61; c <= 0xFF9F; c++) {
                all.append(c).append(c % 3 == 0 ? "漢" : c % 3 == 1 ? "a" : "\r\n");
            }
            byte[] bytes = encode(variant, all.toString());

            assertThat(decode(bytes)).isEqualTo(all.toString());
            assertSevenBitEndingEveryLineInAscii(bytes);
        }
    }

    @Nested
    class LineEnds {
        @ParameterizedTest
        @EnumSource(Iso2022JpVariant.class)
        void shouldReturnToAsciiBeforeEveryLineEndAndAtTheEnd(Iso2022JpVariant variant) throws Exception {
            String text = "件名\r\n本文ｶﾅ\nASCII\r\n漢字\rｱ\r\n\r\n末尾ｶ";

            byte[] bytes = encode(variant, text);

            assertSevenBitEndingEveryLineInAscii(bytes);
            assertThat(visible(bytes)).contains("ESC(B<0D><0A>").contains("ESC(B<0A>");
        }

        @Test
        void shouldNotEscapeWhenTheLineIsAlreadyAscii() throws Exception {
            assertThat(encode(Iso2022JpVariant.CP50220, "plain\r\ntext\n")).isEqualTo("plain\r\ntext\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(encode(Iso2022JpVariant.CP50220, "")).isEmpty();
        }

        @Test
        void writerShouldReportTheLongestLineInOctets() throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Iso2022JpWriter writer = Iso2022JpEncoder.of(Iso2022JpVariant.CP50220).newWriter(out);
            writer.write("ab\r\n漢字\r\nxyz");
            writer.finish();

            assertThat(writer.longestLineOctets()).isEqualTo(10);
            assertThat(writer.bytesWritten()).isEqualTo(out.size()).isEqualTo(19);
        }
    }

    @Nested
    class Unmappable {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "ab😀c|U+1F600 at index 2 cannot be encoded in ISO-2022-JP (code page 50220)",
            "日本語と한국어|U+D55C at index 4 cannot be encoded in ISO-2022-JP (code page 50220)",
            "price ¥100|U+00A5 at index 6 cannot be encoded in ISO-2022-JP (code page 50220)",
            "\uE000|U+E000 at index 0 cannot be encoded in ISO-2022-JP (code page 50220)",
            "a\u001B(B|U+001B at index 1 cannot be encoded in ISO-2022-JP (code page 50220)",
            "lone \uDE00 low|U+DE00 at index 5 cannot be encoded in ISO-2022-JP (code page 50220)",
            "lone \uD83D high|U+D83D at index 5 cannot be encoded in ISO-2022-JP (code page 50220)",
            "at end \uD83D|U+D83D at index 7 cannot be encoded in ISO-2022-JP (code page 50220)",
            "ゔ|U+3094 at index 0 cannot be encoded in ISO-2022-JP (code page 50220)",
        })
        void shouldReportTheFirstUnmappableCharacterAndItsIndex(String text, String message) {
            Iso2022JpEncoder encoder = Iso2022JpEncoder.of(Iso2022JpVariant.CP50220);
            int index = Integer.parseInt(message.replaceAll(".* at index (\\d+) .*", "$1"));

            assertThat(encoder.canEncode(text)).isFalse();
            assertThat(encoder.indexOfUnmappable(text)).isEqualTo(index);
            assertThatThrownBy(() -> encoder.encode(text))
                .isInstanceOf(CharsetConversionException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((CharsetConversionException) e).index()).isEqualTo(index));
        }

        @Test
        void shouldReportTheCodePointOfASurrogatePair() {
            assertThatThrownBy(() -> encode(Iso2022JpVariant.CP50222, "😀"))
                .isInstanceOf(CharsetConversionException.class)
                .hasMessage("U+1F600 at index 0 cannot be encoded in ISO-2022-JP (code page 50222)")
                .satisfies(e -> assertThat(((CharsetConversionException) e).codePoint()).isEqualTo(0x1F600));
        }

        @Test
        void shouldFindUnmappableCharactersInAStream() throws Exception {
            Iso2022JpEncoder encoder = Iso2022JpEncoder.of(Iso2022JpVariant.CP50220);
            String text = "あ".repeat(20_000) + "한";

            assertThat(encoder.indexOfUnmappable(new StringReader(text))).isEqualTo(20_000);
            assertThat(encoder.indexOfUnmappable(new StringReader("あ".repeat(20_000)))).isEqualTo(-1);
            assertThat(encoder.canEncode("ｶﾞ" + WINDOWS_TYPED)).isTrue();
        }
    }

    @Nested
    class Streaming {
        private static final long CHARS = 3L * 1024 * 1024;
        private static final String PATTERN = "日本語のテキスト ASCII text ～①髙ｶﾞ\r\n";

        /** Generates {@link #CHARS} characters without holding them. */
        private Reader generated() {
            return new Reader() {
                private long position;

                @Override
                public int read(char[] buffer, int offset, int length) {
                    if (position >= CHARS) {
                        return -1;
                    }
                    int count = (int) Math.min(length, CHARS - position);
                    for (int i = 0; i < count; i++) {
                        buffer[offset + i] = PATTERN.charAt((int) ((position + i) % PATTERN.length()));
                    }
                    position += count;
                    return count;
                }

                @Override
                public void close() {
                }
            };
        }

        @Test
        void shouldEncodeLongTextInBoundedChunks() throws Exception {
            ChunkRecorder sink = new ChunkRecorder();

            Iso2022JpEncoder.of(Iso2022JpVariant.CP50221).encode(generated(), sink);

            assertThat(sink.largestWrite).isLessThanOrEqualTo(8192 + 64);
            assertThat(sink.highBitBytes).isZero();
            assertThat(sink.total).isGreaterThan(CHARS);
            assertThat(sink.total).isEqualTo(expectedLength());
        }

        @Test
        void shouldDecodeLongTextBackToTheSameCharacters() throws Exception {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Iso2022JpEncoder.of(Iso2022JpVariant.CP50221).encode(generated(), bytes);
            ComparingWriter comparing = new ComparingWriter(generated());

            long chars = Iso2022JpDecoder.create().decode(new java.io.ByteArrayInputStream(bytes.toByteArray()), comparing);

            assertThat(chars).isEqualTo(CHARS);
            assertThat(comparing.mismatchAt).isEqualTo(-1);
        }

        private long expectedLength() throws CharsetConversionException {
            int perPattern = Iso2022JpEncoder.of(Iso2022JpVariant.CP50221).encode(PATTERN).length;
            long patterns = CHARS / PATTERN.length();
            int rest = (int) (CHARS % PATTERN.length());
            return patterns * perPattern + Iso2022JpEncoder.of(Iso2022JpVariant.CP50221).encode(PATTERN.substring(0, rest)).length;
        }
    }

    @Test
    void finishedWriterShouldRefuseMoreText() throws Exception {
        Iso2022JpWriter writer = Iso2022JpEncoder.of(Iso2022JpVariant.CP50220).newWriter(new ByteArrayOutputStream());
        writer.finish();

        assertThatThrownBy(() -> writer.write("x"))
            .isInstanceOf(IOException.class)
            .hasMessage("the ISO-2022-JP text is already finished");
    }

    @Test
    void ofShouldRequireAVariant() {
        assertThatThrownBy(() -> Iso2022JpEncoder.of(null))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("an ISO-2022-JP variant is required: 50220, 50221 or 50222");
        assertThat(Iso2022JpEncoder.of(Iso2022JpVariant.CP50221)).hasToString("ISO-2022-JP (code page 50221)");
    }

    private static final class ChunkRecorder extends OutputStream {
        long total;
        int largestWrite;
        long highBitBytes;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            total += length;
            largestWrite = Math.max(largestWrite, length);
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] < 0) {
                    highBitBytes++;
                }
            }
        }
    }

    private static final class ComparingWriter extends Writer {
        private final Reader expected;
        private long position;
        long mismatchAt = -1;

        ComparingWriter(Reader expected) {
            this.expected = expected;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            char[] one = new char[1];
            for (int i = offset; i < offset + length; i++) {
                if ((expected.read(one, 0, 1) != 1 || one[0] != chars[i]) && mismatchAt < 0) {
                    mismatchAt = position;
                }
                position++;
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
