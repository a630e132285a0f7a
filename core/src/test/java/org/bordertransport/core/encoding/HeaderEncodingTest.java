package org.bordertransport.core.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.bordertransport.core.encoding.HeaderEncoding.WordEncoding;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HeaderEncodingTest {
    private static final Charset ISO_2022_JP = Charset.forName("ISO-2022-JP");
    private static final String JAPANESE = "\u65e5\u672c\u8a9e\u306e\u4ef6\u540d\u3067\u3059\u3002\u4f1a\u8b70\u306e"
        + "\u304a\u77e5\u3089\u305b\uff08\u6771\u4eac\u30fb\u5927\u962a\uff09\u3068\u6765\u9031\u306e\u4e88\u5b9a";
    private static final String GERMAN = "Gr\u00fc\u00dfe aus K\u00f6ln \u2013 \u00c4rger mit der Stra\u00dfenbahn";
    private static final String EMOJI = "Party \ud83c\udf89\ud83c\udf89\ud83c\udf89\ud83c\udf89\ud83c\udf89\ud83c\udf89"
        + "\ud83c\udf89\ud83c\udf89\ud83c\udf89\ud83c\udf89\ud83c\udf89 tonight \ud83d\ude00!";

    /** Line lengths, octets, encoded-word lengths, and that the unfolded value decodes back with us and mime4j. */
    private static void assertWellFormed(String headerName, String folded, String original) throws Exception {
        String[] lines = (headerName + ": " + folded).split("\r\n", -1);
        for (String line : lines) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(78);
            assertThat(HeaderEncoding.needsEncoding(line)).as(line).isFalse();
        }
        for (int i = 1; i < lines.length; i++) {
            assertThat(lines[i]).startsWith(" ");
            assertThat(lines[i].isBlank()).isFalse();
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("=\\?[^?]+\\?[QB]\\?[^?]*\\?=").matcher(folded);
        while (m.find()) {
            assertThat(m.group().length()).isLessThanOrEqualTo(75);
        }
        assertThat(HeaderDecoding.decode(folded)).isEqualTo(original);
        assertThat(DecoderUtil.decodeEncodedWords(folded.replace("\r\n", ""), DecodeMonitor.STRICT)).isEqualTo(original);
    }

    @Nested
    class Unstructured {
        @ParameterizedTest
        @EnumSource(WordEncoding.class)
        void shouldRoundTripJapaneseGermanAndEmojiInUtf8(WordEncoding encoding) throws Exception {
            for (String value : new String[] {JAPANESE, GERMAN, EMOJI}) {
                assertWellFormed("Subject", HeaderEncoding.encodeUnstructured("Subject", value, StandardCharsets.UTF_8,
                    encoding), value);
            }
        }

        @Test
        void shouldRoundTripJapaneseInIso2022JpWithBEncoding() throws Exception {
            String folded = HeaderEncoding.encodeUnstructured("Subject", JAPANESE, ISO_2022_JP, WordEncoding.B);
            assertThat(folded).startsWith("=?ISO-2022-JP?B?GyRC");
            assertWellFormed("Subject", folded, JAPANESE);
            for (String word : folded.split("\r\n ")) {
                byte[] bytes = java.util.Base64.getDecoder().decode(word.substring(16, word.length() - 2));
                String decoded = new String(bytes, StandardCharsets.US_ASCII);
                assertThat(decoded).as("each word returns to ASCII").endsWith("\u001b(B");
            }
        }

        @Test
        void shouldKeepAsciiWordsReadable() throws Exception {
            assertThat(HeaderEncoding.encodeText("Re: Gr\u00fc\u00dfe  und  Tsch\u00fcss from Bob", StandardCharsets.UTF_8,
                WordEncoding.Q)).isEqualTo("Re: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=  und  =?UTF-8?Q?Tsch=C3=BCss?= from Bob");
            assertThat(HeaderEncoding.encodeText("plain ascii", StandardCharsets.UTF_8, WordEncoding.Q))
                .isEqualTo("plain ascii");
        }

        @Test
        void shouldEncodeTextThatLooksLikeAnEncodedWord() throws Exception {
            String value = "literal =?utf-8?Q?x?= here";
            String encoded = HeaderEncoding.encodeText(value, StandardCharsets.UTF_8, WordEncoding.Q);
            assertThat(encoded).isEqualTo("literal =?UTF-8?Q?=3D=3Futf-8=3FQ=3Fx=3F=3D?= here");
            assertThat(HeaderDecoding.decode(encoded)).isEqualTo(value);
        }

        @Test
        void shortestShouldPickQForMostlyLatinAndBForCjk() throws Exception {
            assertThat(HeaderEncoding.encodeText("na\u00efve-approach", StandardCharsets.UTF_8, WordEncoding.SHORTEST))
                .isEqualTo("=?UTF-8?Q?na=C3=AFve-approach?=");
            assertThat(HeaderEncoding.encodeText("\u65e5\u672c", StandardCharsets.UTF_8, WordEncoding.SHORTEST))
                .isEqualTo("=?UTF-8?B?5pel5pys?=");
        }

        @Test
        void shouldFailOnCharactersTheCharsetLacks() {
            assertThatThrownBy(() -> HeaderEncoding.encodeText("\u00e9t\u00e9 \u65e5", StandardCharsets.ISO_8859_1,
                WordEncoding.Q))
                .isInstanceOf(EncodingException.class)
                .hasMessage("'\u00e9t\u00e9 \u65e5' cannot be represented in charset ISO-8859-1: use UTF-8 or a charset "
                    + "that has all its characters");
        }

        @Test
        void shouldLimitInputLength() {
            assertThatThrownBy(() -> HeaderEncoding.encodeText("x".repeat(16_385), StandardCharsets.UTF_8,
                WordEncoding.Q)).hasMessage("header value of 16385 characters is over the limit of 16384");
            assertThatThrownBy(() -> HeaderDecoding.decode("x".repeat(65_537)))
                .hasMessage("header value of 65537 characters is over the limit of 65536");
        }

        @Test
        void shouldEncodeOverlongAsciiWordsSoTheyCanBeFolded() throws Exception {
            String value = "see " + "a".repeat(200);
            String folded = HeaderEncoding.encodeUnstructured("Subject", value, StandardCharsets.UTF_8, WordEncoding.Q);
            assertWellFormed("Subject", folded, value);
        }
    }

    @Nested
    class Addresses {
        @Test
        void shouldEncodeDisplayNamesAndKeepAddresses() throws Exception {
            assertThat(HeaderEncoding.encodeMailbox("J\u00f6rg M\u00fcller", "joerg@example.de", StandardCharsets.UTF_8,
                WordEncoding.Q)).isEqualTo("=?UTF-8?Q?J=C3=B6rg_M=C3=BCller?= <joerg@example.de>");
            assertThat(HeaderEncoding.encodeMailbox("Smith, John", "js@example.com", StandardCharsets.UTF_8,
                WordEncoding.Q)).isEqualTo("\"Smith, John\" <js@example.com>");
            assertThat(HeaderEncoding.encodeMailbox("", "js@example.com", StandardCharsets.UTF_8, WordEncoding.Q))
                .isEqualTo("js@example.com");
        }

        @Test
        void phraseShouldEscapeSpecialsInQ() throws Exception {
            assertThat(HeaderEncoding.encodePhrase("\u00c9mile (\"boss\")", StandardCharsets.UTF_8, WordEncoding.Q))
                .isEqualTo("=?UTF-8?Q?=C3=89mile_=28=22boss=22=29?=");
        }

        @Test
        void shouldRefuseNonAsciiAddresses() {
            assertThatThrownBy(() -> HeaderEncoding.encodeMailbox("x", "j\u00f6rg@example.de", StandardCharsets.UTF_8,
                WordEncoding.Q))
                .hasMessage("address 'j\u00f6rg@example.de' is not ASCII: an internationalised address cannot be "
                    + "downgraded to 7 bits");
        }

        @Test
        void shouldEncodeRawAddressLists() throws Exception {
            String raw = "\"M\u00fcller, J\u00f6rg\" <joerg@example.de>, plain@example.com (Caf\u00e9 owner), "
                + "\u5c71\u7530 <yamada@example.jp>, Team \u00c4: a@example.com, b@example.com;, Bob <bob@example.com>";
            String folded = HeaderEncoding.encodeAddressList("To", raw, StandardCharsets.UTF_8, WordEncoding.Q);
            assertThat(folded.replace("\r\n", "")).isEqualTo("=?UTF-8?Q?M=C3=BCller=2C_J=C3=B6rg?= <joerg@example.de>,"
                + " plain@example.com (=?UTF-8?Q?Caf=C3=A9_owner?=), =?UTF-8?Q?=E5=B1=B1=E7=94=B0?= "
                + "<yamada@example.jp>, =?UTF-8?Q?Team_=C3=84?=: a@example.com, b@example.com;, Bob <bob@example.com>");
            for (String line : ("To: " + folded).split("\r\n")) {
                assertThat(line.length()).isLessThanOrEqualTo(78);
            }
            assertThatThrownBy(() -> HeaderEncoding.encodeAddressList("To", "x <j\u00f6rg@example.de>",
                StandardCharsets.UTF_8, WordEncoding.Q)).isInstanceOf(EncodingException.class);
        }
    }
}
