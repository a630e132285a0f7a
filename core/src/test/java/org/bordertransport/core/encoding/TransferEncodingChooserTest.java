package org.bordertransport.core.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bordertransport.core.encoding.TransferEncoding.BASE64;
import static org.bordertransport.core.encoding.TransferEncoding.QUOTED_PRINTABLE;
import static org.bordertransport.core.encoding.TransferEncoding.SEVEN_BIT;

import java.nio.charset.StandardCharsets;

import org.bordertransport.core.policy.ByteEncoderTypeFor7BitCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransferEncodingChooserTest {
    private static final ContentScan ASCII = scan("Hello\r\nWorld\r\n");
    private static final ContentScan ASCII_BARE_LF = scan("Hello\nWorld\n");
    private static final ContentScan LATIN1 = scan("Gr\u00fc\u00dfe\r\n");
    private static final ContentScan LONG_LINE = scan("x".repeat(999));
    private static final ContentScan NUL = scan("a\u0000b");

    private static ContentScan scan(String latin1) {
        return ContentScan.of(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static TransferEncoding choose(String preference, boolean wrapped, String mimeType, ContentScan scan) {
        return TransferEncodingChooser.of(ByteEncoderTypeFor7BitCharsets.parse(preference), wrapped)
            .choose(BodyKind.of(mimeType), TransferEncoding.EIGHT_BIT, scan).encoding();
    }

    @Nested
    class PerPreference {
        @ParameterizedTest(name = "{0} wrapped={1} {2}: ascii {3}, 8-bit {4}")
        @CsvSource({
            "Use7Bit,                      false, text/html,  SEVEN_BIT,        QUOTED_PRINTABLE",
            "Use7Bit,                      false, text/plain, SEVEN_BIT,        QUOTED_PRINTABLE",
            "Use7Bit,                      true,  text/plain, SEVEN_BIT,        QUOTED_PRINTABLE",
            "UseQP,                        false, text/html,  QUOTED_PRINTABLE, QUOTED_PRINTABLE",
            "UseQP,                        true,  text/plain, QUOTED_PRINTABLE, QUOTED_PRINTABLE",
            "UseBase64,                    false, text/html,  BASE64,           BASE64",
            "UseBase64,                    true,  text/plain, BASE64,           BASE64",
            "UseQPHtmlDetectTextPlain,     false, text/html,  QUOTED_PRINTABLE, QUOTED_PRINTABLE",
            "UseQPHtmlDetectTextPlain,     false, text/plain, QUOTED_PRINTABLE, QUOTED_PRINTABLE",
            "UseQPHtmlDetectTextPlain,     true,  text/plain, SEVEN_BIT,        QUOTED_PRINTABLE",
            "UseBase64HtmlDetectTextPlain, false, text/html,  BASE64,           BASE64",
            "UseBase64HtmlDetectTextPlain, false, text/plain, BASE64,           BASE64",
            "UseBase64HtmlDetectTextPlain, true,  text/plain, SEVEN_BIT,        BASE64",
            "UseQPHtml7BitTextPlain,       false, text/html,  QUOTED_PRINTABLE, QUOTED_PRINTABLE",
            "UseQPHtml7BitTextPlain,       false, text/plain, SEVEN_BIT,        QUOTED_PRINTABLE",
            "UseBase64Html7BitTextPlain,   false, text/html,  BASE64,           BASE64",
            "UseBase64Html7BitTextPlain,   true,  text/plain, SEVEN_BIT,        BASE64",
            "Undefined,                    false, text/html,  QUOTED_PRINTABLE, QUOTED_PRINTABLE",
            "Undefined,                    true,  text/plain, QUOTED_PRINTABLE, QUOTED_PRINTABLE",
            "UseQP,                        false, text/csv,   SEVEN_BIT,        QUOTED_PRINTABLE",
            "UseBase64,                    false, text/calendar, SEVEN_BIT,     BASE64",
        })
        void shouldFollowTheTable(String preference, boolean wrapped, String type, TransferEncoding ascii,
                                  TransferEncoding eightBit) {
            assertThat(choose(preference, wrapped, type, ASCII)).isEqualTo(ascii);
            assertThat(choose(preference, wrapped, type, LATIN1)).isEqualTo(eightBit);
        }

        @ParameterizedTest
        @CsvSource({"Use7Bit, QUOTED_PRINTABLE", "UseQPHtml7BitTextPlain, QUOTED_PRINTABLE",
            "UseBase64Html7BitTextPlain, BASE64"})
        void sevenBitWishShouldNeverSendLongLinesOrNulRaw(String preference, TransferEncoding fallback) {
            assertThat(choose(preference, false, "text/plain", LONG_LINE)).isEqualTo(fallback);
            assertThat(choose(preference, false, "text/plain", NUL)).isEqualTo(fallback);
        }
    }

    @Nested
    class Rows {
        private final TransferEncodingChooser chooser = TransferEncodingChooser.of(ByteEncoderTypeFor7BitCharsets.USE_7BIT, false);

        @Test
        void binaryShouldAlwaysGoBase64() {
            assertThat(chooser.choose(BodyKind.PLAIN_TEXT, TransferEncoding.BINARY, ASCII))
                .isEqualTo(new TransferEncodingChooser.Decision(BASE64, false, false, "binary: base64"));
            assertThat(chooser.choose(BodyKind.NON_TEXT, TransferEncoding.BINARY, NUL).encoding()).isEqualTo(BASE64);
        }

        @Test
        void cleanSevenBitDataShouldStayUnchanged() {
            TransferEncodingChooser.Decision decision = chooser.choose(BodyKind.NON_TEXT, SEVEN_BIT, ASCII);
            assertThat(decision.encoding()).isEqualTo(SEVEN_BIT);
            assertThat(decision.unchanged()).isTrue();
        }

        @Test
        void mislabelledSevenBitDataShouldGoBase64() {
            TransferEncodingChooser.Decision decision = chooser.choose(BodyKind.NON_TEXT, SEVEN_BIT, ASCII_BARE_LF);
            assertThat(decision.encoding()).isEqualTo(BASE64);
            assertThat(decision.reason()).isEqualTo("non-text 7bit with bare CR or LF octets in binary data: base64");
            assertThat(chooser.choose(BodyKind.NON_TEXT, TransferEncoding.EIGHT_BIT, LATIN1).reason())
                .isEqualTo("non-text 8bit with 2 octets over 0x7F: base64");
        }

        @Test
        void encodedDataShouldKeepItsEncoding() {
            assertThat(chooser.choose(BodyKind.NON_TEXT, QUOTED_PRINTABLE, NUL).encoding()).isEqualTo(QUOTED_PRINTABLE);
            assertThat(chooser.choose(BodyKind.NON_TEXT, BASE64, ASCII).encoding()).isEqualTo(BASE64);
        }

        @Test
        void textWithBareLineEndsMayGoSevenBitButIsNotUnchanged() {
            TransferEncodingChooser.Decision decision = chooser.choose(BodyKind.PLAIN_TEXT, SEVEN_BIT, ASCII_BARE_LF);
            assertThat(decision.encoding()).isEqualTo(SEVEN_BIT);
            assertThat(decision.unchanged()).isFalse();
            assertThat(chooser.choose(BodyKind.PLAIN_TEXT, SEVEN_BIT, ASCII).unchanged()).isTrue();
        }

        @Test
        void sevenBitFallbackShouldSayWhy() {
            assertThat(chooser.choose(BodyKind.HTML_TEXT, TransferEncoding.EIGHT_BIT, LONG_LINE).reason())
                .isEqualTo("Use7Bit: 7bit wanted but text has a line of 999 octets (limit 998): quoted-printable");
        }

        @Test
        void unknownEncodingShouldPassWhenCleanAndBecomeOctetStreamOtherwise() {
            TransferEncodingChooser.Decision clean = chooser.choose(BodyKind.PLAIN_TEXT, TransferEncoding.UNKNOWN, ASCII);
            assertThat(clean.unchanged()).isTrue();
            assertThat(clean.encoding()).isEqualTo(TransferEncoding.UNKNOWN);
            TransferEncodingChooser.Decision dirty = chooser.choose(BodyKind.PLAIN_TEXT, TransferEncoding.UNKNOWN, LATIN1);
            assertThat(dirty.encoding()).isEqualTo(BASE64);
            assertThat(dirty.treatAsOctetStream()).isTrue();
        }
    }

    @Test
    void fallbackShouldFollowTheBase64OrQuotedPrintableFamily() {
        assertThat(ByteEncoderTypeFor7BitCharsets.USE_7BIT.fallback()).isEqualTo(QUOTED_PRINTABLE);
        assertThat(ByteEncoderTypeFor7BitCharsets.USE_BASE64_HTML_7BIT_TEXT_PLAIN.fallback()).isEqualTo(BASE64);
        assertThat(ByteEncoderTypeFor7BitCharsets.UNDEFINED.fallback()).isEqualTo(QUOTED_PRINTABLE);
    }

    @Test
    void bodyKindShouldClassifyAndRejectCompositeTypes() {
        assertThat(BodyKind.of(null)).isEqualTo(BodyKind.PLAIN_TEXT);
        assertThat(BodyKind.of("Text/HTML; charset=utf-8")).isEqualTo(BodyKind.HTML_TEXT);
        assertThat(BodyKind.of("message/delivery-status")).isEqualTo(BodyKind.OTHER_TEXT);
        assertThat(BodyKind.of("image/png")).isEqualTo(BodyKind.NON_TEXT);
        assertThatThrownBy(() -> BodyKind.of("multipart/mixed; boundary=x"))
            .hasMessage("'multipart/mixed' is a composite type: its parts are transfer-encoded, not the type itself");
    }

    @Test
    void transferEncodingShouldParseHeaderValues() {
        assertThat(TransferEncoding.parse(null)).isEqualTo(SEVEN_BIT);
        assertThat(TransferEncoding.parse(" Quoted-Printable (comment)")).isEqualTo(QUOTED_PRINTABLE);
        assertThat(TransferEncoding.parse("x-uuencode")).isEqualTo(TransferEncoding.UNKNOWN);
    }
}
