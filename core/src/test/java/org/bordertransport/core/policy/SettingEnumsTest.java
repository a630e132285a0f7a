package org.bordertransport.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.OptionalInt;

import org.bordertransport.core.encoding.TransferEncoding;
import org.bordertransport.core.policy.AllowedOOFType.Designation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class SettingEnumsTest {
    @Nested
    class ContentTypes {
        @ParameterizedTest
        @CsvSource({"MimeHtmlText, MIME_HTML_TEXT", "MimeText, MIME_TEXT", "MimeHtml, MIME_HTML"})
        void parseShouldAcceptTheExchangeSpellingInAnyCase(String text, ContentType expected) {
            assertThat(ContentType.parse(text)).isEqualTo(expected);
            assertThat(ContentType.parse(text.toLowerCase(Locale.ROOT))).isEqualTo(expected);
            assertThat(ContentType.parse(" " + text.toUpperCase(Locale.ROOT) + "\n")).isEqualTo(expected);
            assertThat(expected.exchangeName()).isEqualTo(text);
            assertThat(expected).hasToString(text);
        }

        @Test
        void parseShouldListTheAllowedValues() {
            assertThatThrownBy(() -> ContentType.parse("Html"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid ContentType 'Html': allowed MimeHtmlText, MimeText, MimeHtml");
            assertThatThrownBy(() -> ContentType.parse(null))
                .hasMessage("invalid ContentType 'null': allowed MimeHtmlText, MimeText, MimeHtml");
        }
    }

    @Nested
    class MessageFormats {
        @ParameterizedTest
        @CsvSource({"Mime, MIME", "Text, TEXT", "mime, MIME", "TEXT, TEXT"})
        void parseShouldAcceptBothValues(String text, MessageFormat expected) {
            assertThat(MessageFormat.parse(text)).isEqualTo(expected);
        }

        @Test
        void parseShouldListTheAllowedValues() {
            assertThatThrownBy(() -> MessageFormat.parse("NonMime"))
                .hasMessage("invalid MessageFormat 'NonMime': allowed Mime, Text");
        }
    }

    @Nested
    class ByteEncoderTypes {
        @ParameterizedTest
        @CsvSource({
            "Use7Bit,                      USE_7BIT,                          SEVEN_BIT,        SEVEN_BIT,        SEVEN_BIT",
            "UseQP,                        USE_QP,                            QUOTED_PRINTABLE, QUOTED_PRINTABLE, QUOTED_PRINTABLE",
            "UseBase64,                    USE_BASE64,                        BASE64,           BASE64,           BASE64",
            "UseQPHtmlDetectTextPlain,     USE_QP_HTML_DETECT_TEXT_PLAIN,     QUOTED_PRINTABLE, QUOTED_PRINTABLE, SEVEN_BIT",
            "UseBase64HtmlDetectTextPlain, USE_BASE64_HTML_DETECT_TEXT_PLAIN, BASE64,           BASE64,           SEVEN_BIT",
            "UseQPHtml7BitTextPlain,       USE_QP_HTML_7BIT_TEXT_PLAIN,       QUOTED_PRINTABLE, SEVEN_BIT,        SEVEN_BIT",
            "UseBase64Html7BitTextPlain,   USE_BASE64_HTML_7BIT_TEXT_PLAIN,   BASE64,           SEVEN_BIT,        SEVEN_BIT",
            "Undefined,                    UNDEFINED,                         QUOTED_PRINTABLE, QUOTED_PRINTABLE, QUOTED_PRINTABLE",
        })
        void eachValueShouldParseAndGiveExchangesEncodings(String text, ByteEncoderTypeFor7BitCharsets expected,
                                                          TransferEncoding html, TransferEncoding plain,
                                                          TransferEncoding plainWrapped) {
            assertThat(ByteEncoderTypeFor7BitCharsets.parse(text)).isEqualTo(expected);
            assertThat(ByteEncoderTypeFor7BitCharsets.parse(text.toLowerCase(Locale.ROOT))).isEqualTo(expected);
            assertThat(expected.htmlEncoding()).isEqualTo(html);
            assertThat(expected.plainTextEncoding(false)).isEqualTo(plain);
            assertThat(expected.plainTextEncoding(true)).isEqualTo(plainWrapped);
        }

        @Test
        void thereShouldBeExactlyTheEightExchangeValues() {
            assertThat(ByteEncoderTypeFor7BitCharsets.values()).hasSize(8);
        }

        @Test
        void transferEncodingsShouldHaveTheirHeaderValues() {
            assertThat(TransferEncoding.SEVEN_BIT.token()).isEqualTo("7bit");
            assertThat(TransferEncoding.QUOTED_PRINTABLE.token()).isEqualTo("quoted-printable");
            assertThat(TransferEncoding.BASE64.token()).isEqualTo("base64");
        }

        @Test
        void parseShouldListTheAllowedValues() {
            assertThatThrownBy(() -> ByteEncoderTypeFor7BitCharsets.parse("QP"))
                .hasMessage("invalid ByteEncoderTypeFor7BitCharsets 'QP': allowed Use7Bit, UseQP, UseBase64, "
                    + "UseQPHtmlDetectTextPlain, UseBase64HtmlDetectTextPlain, UseQPHtml7BitTextPlain, "
                    + "UseBase64Html7BitTextPlain, Undefined");
        }
    }

    @Nested
    class ShiftJisCodePages {
        @ParameterizedTest
        @CsvSource({
            "50220, CP_50220, 50220", "Iso2022Jp, CP_50220, 50220",
            "50221, CP_50221, 50221", "esc2022jp, CP_50221, 50221",
            "50222, CP_50222, 50222", "SIO2022JP, CP_50222, 50222",
        })
        void codePagesShouldParseByNumberAndByExchange2010Name(String text,
                                                               PreferredInternetCodePageForShiftJis expected,
                                                               int codePage) {
            assertThat(PreferredInternetCodePageForShiftJis.parse(text)).isEqualTo(expected);
            assertThat(expected.codePage()).isEqualTo(OptionalInt.of(codePage));
            assertThat(expected).hasToString(String.valueOf(codePage));
        }

        @Test
        void undefinedShouldHaveNoCodePage() {
            assertThat(PreferredInternetCodePageForShiftJis.parse("undefined"))
                .isEqualTo(PreferredInternetCodePageForShiftJis.UNDEFINED);
            assertThat(PreferredInternetCodePageForShiftJis.UNDEFINED.codePage()).isEmpty();
        }

        @Test
        void parseShouldListTheAllowedValues() {
            assertThatThrownBy(() -> PreferredInternetCodePageForShiftJis.parse("932"))
                .hasMessage("invalid PreferredInternetCodePageForShiftJis '932': allowed 50220, 50221, 50222, Undefined");
        }
    }

    @Nested
    class AllowedOOFTypes {
        @ParameterizedTest
        @CsvSource({
            // value,        external, internal, undesignated
            "External,       true,     false,    false",
            "ExternalLegacy, true,     false,    true",
            "InternalLegacy, false,    true,     true",
            "None,           false,    false,    false",
        })
        void eachValueShouldParseAndAllowItsReplies(String text, boolean external, boolean internal,
                                                    boolean undesignated) {
            AllowedOOFType type = AllowedOOFType.parse(text.toUpperCase(Locale.ROOT));
            assertThat(type.exchangeName()).isEqualTo(text);
            assertThat(type.allows(Designation.EXTERNAL)).isEqualTo(external);
            assertThat(type.allows(Designation.INTERNAL)).isEqualTo(internal);
            assertThat(type.allows(Designation.UNDESIGNATED)).isEqualTo(undesignated);
        }

        @Test
        void parseShouldListTheAllowedValues() {
            assertThatThrownBy(() -> AllowedOOFType.parse("Internal"))
                .hasMessage("invalid AllowedOOFType 'Internal': allowed External, ExternalLegacy, InternalLegacy, None");
        }
    }

    @ParameterizedTest
    @EnumSource(ContentType.class)
    void everyContentTypeShouldRoundTripThroughItsExchangeName(ContentType type) {
        assertThat(ContentType.parse(type.exchangeName())).isEqualTo(type);
    }

    @ParameterizedTest
    @EnumSource(ByteEncoderTypeFor7BitCharsets.class)
    void everyByteEncoderTypeShouldRoundTripThroughItsExchangeName(ByteEncoderTypeFor7BitCharsets type) {
        assertThat(ByteEncoderTypeFor7BitCharsets.parse(type.toString())).isEqualTo(type);
    }

    @ParameterizedTest
    @EnumSource(AllowedOOFType.class)
    void everyAllowedOOFTypeShouldRoundTripThroughItsExchangeName(AllowedOOFType type) {
        assertThat(AllowedOOFType.parse(type.toString())).isEqualTo(type);
    }

    @ParameterizedTest
    @EnumSource(PreferredInternetCodePageForShiftJis.class)
    void everyCodePageShouldRoundTripThroughItsExchangeName(PreferredInternetCodePageForShiftJis page) {
        assertThat(PreferredInternetCodePageForShiftJis.parse(page.toString())).isEqualTo(page);
    }
}
