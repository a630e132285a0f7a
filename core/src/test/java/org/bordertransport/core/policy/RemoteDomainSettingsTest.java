package org.bordertransport.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RemoteDomainSettingsTest {
    private static RemoteDomainSettings with(String setting, String value) {
        return RemoteDomainSettings.builder().set(setting, value).build();
    }

    @Nested
    class Defaults {
        @Test
        void defaultsShouldBeExchangesValuesForANewRemoteDomain() {
            RemoteDomainSettings d = RemoteDomainSettings.defaults();
            assertThat(d.contentType()).isEqualTo(ContentType.MIME_HTML_TEXT);
            assertThat(d.messageFormat()).isEqualTo(MessageFormat.MIME);
            assertThat(d.characterSet()).isEmpty();
            assertThat(d.nonMimeCharacterSet()).isEmpty();
            assertThat(d.lineWrapSize()).isEmpty();
            assertThat(d.wrapColumn()).isEmpty();
            assertThat(d.byteEncoderTypeFor7BitCharsets()).isEqualTo(ByteEncoderTypeFor7BitCharsets.UNDEFINED);
            assertThat(d.preferredInternetCodePageForShiftJis()).isEqualTo(PreferredInternetCodePageForShiftJis.UNDEFINED);
            assertThat(d.tnefEnabled()).isEmpty();
            assertThat(d.isInternal()).isFalse();
            assertThat(d.autoForwardEnabled()).isTrue();
            assertThat(d.autoReplyEnabled()).isTrue();
            assertThat(d.allowedOOFType()).isEqualTo(AllowedOOFType.EXTERNAL);
            assertThat(d.deliveryReportEnabled()).isTrue();
            assertThat(d.ndrEnabled()).isTrue();
            assertThat(d.ndrDiagnosticInfoEnabled()).isTrue();
            assertThat(d.displaySenderName()).isTrue();
            assertThat(d.useSimpleDisplayName()).isFalse();
        }

        @Test
        void anEmptyBuilderShouldGiveTheDefaults() {
            assertThat(RemoteDomainSettings.builder().build()).isEqualTo(RemoteDomainSettings.defaults());
        }

        @Test
        void toStringShouldListEverySettingInExchangeSpelling() {
            assertThat(RemoteDomainSettings.defaults()).hasToString("ContentType=MimeHtmlText, MessageFormat=Mime, "
                + "CharacterSet=, NonMimeCharacterSet=, LineWrapSize=Unlimited, ByteEncoderTypeFor7BitCharsets=Undefined, "
                + "PreferredInternetCodePageForShiftJis=Undefined, TNEFEnabled=, IsInternal=false, "
                + "AutoForwardEnabled=true, AutoReplyEnabled=true, AllowedOOFType=External, "
                + "DeliveryReportEnabled=true, NDREnabled=true, NDRDiagnosticInfoEnabled=true, "
                + "DisplaySenderName=true, UseSimpleDisplayName=false, SevenBitOnly=false");
        }
    }

    @Nested
    class SetByName {
        @ParameterizedTest
        @CsvSource({
            "ContentType, MimeHtmlText", "ContentType, MimeText", "ContentType, MimeHtml",
            "MessageFormat, Mime", "MessageFormat, Text",
            "ByteEncoderTypeFor7BitCharsets, Use7Bit", "ByteEncoderTypeFor7BitCharsets, UseQP",
            "ByteEncoderTypeFor7BitCharsets, UseBase64", "ByteEncoderTypeFor7BitCharsets, UseQPHtmlDetectTextPlain",
            "ByteEncoderTypeFor7BitCharsets, UseBase64HtmlDetectTextPlain",
            "ByteEncoderTypeFor7BitCharsets, UseQPHtml7BitTextPlain",
            "ByteEncoderTypeFor7BitCharsets, UseBase64Html7BitTextPlain", "ByteEncoderTypeFor7BitCharsets, Undefined",
            "PreferredInternetCodePageForShiftJis, 50220", "PreferredInternetCodePageForShiftJis, 50221",
            "PreferredInternetCodePageForShiftJis, 50222", "PreferredInternetCodePageForShiftJis, Undefined",
            "AllowedOOFType, External", "AllowedOOFType, ExternalLegacy", "AllowedOOFType, InternalLegacy",
            "AllowedOOFType, None",
        })
        void enumSettingsShouldTakeEveryExchangeValue(String setting, String value) {
            RemoteDomainSettings s = with(setting, value);
            assertThat(s.toString()).contains(setting + "=" + value);
        }

        @Test
        void enumSettingsShouldLandInTheirOwnField() {
            assertThat(with("ContentType", "MimeText").contentType()).isEqualTo(ContentType.MIME_TEXT);
            assertThat(with("MessageFormat", "text").messageFormat()).isEqualTo(MessageFormat.TEXT);
            assertThat(with("ByteEncoderTypeFor7BitCharsets", "UseBase64").byteEncoderTypeFor7BitCharsets())
                .isEqualTo(ByteEncoderTypeFor7BitCharsets.USE_BASE64);
            assertThat(with("PreferredInternetCodePageForShiftJis", "50221").preferredInternetCodePageForShiftJis())
                .isEqualTo(PreferredInternetCodePageForShiftJis.CP_50221);
            assertThat(with("AllowedOOFType", "None").allowedOOFType()).isEqualTo(AllowedOOFType.NONE);
        }

        @ParameterizedTest
        @CsvSource({
            "IsInternal, true", "IsInternal, false",
            "AutoForwardEnabled, true", "AutoForwardEnabled, false",
            "AutoReplyEnabled, true", "AutoReplyEnabled, false",
            "DeliveryReportEnabled, true", "DeliveryReportEnabled, false",
            "NDREnabled, true", "NDREnabled, false",
            "NDRDiagnosticInfoEnabled, true", "NDRDiagnosticInfoEnabled, false",
            "DisplaySenderName, true", "DisplaySenderName, false",
            "UseSimpleDisplayName, true", "UseSimpleDisplayName, false", "SevenBitOnly, true", "SevenBitOnly, false",
        })
        void booleanSettingsShouldTakeTrueAndFalseInAnyCase(String setting, boolean value) {
            Function<RemoteDomainSettings, Boolean> getter = getter(setting);
            assertThat(getter.apply(with(setting, String.valueOf(value)))).isEqualTo(value);
            assertThat(getter.apply(with(setting, " " + String.valueOf(value).toUpperCase() + " "))).isEqualTo(value);
            assertThatThrownBy(() -> with(setting, "yes"))
                .hasMessage("invalid " + setting + " 'yes': allowed true, false");
            assertThatThrownBy(() -> with(setting, "$true"))
                .hasMessage("invalid " + setting + " '$true': allowed true, false");
        }

        private Function<RemoteDomainSettings, Boolean> getter(String setting) {
            switch (setting) {
                case "IsInternal":
                    return RemoteDomainSettings::isInternal;
                case "AutoForwardEnabled":
                    return RemoteDomainSettings::autoForwardEnabled;
                case "AutoReplyEnabled":
                    return RemoteDomainSettings::autoReplyEnabled;
                case "DeliveryReportEnabled":
                    return RemoteDomainSettings::deliveryReportEnabled;
                case "NDREnabled":
                    return RemoteDomainSettings::ndrEnabled;
                case "NDRDiagnosticInfoEnabled":
                    return RemoteDomainSettings::ndrDiagnosticInfoEnabled;
                case "DisplaySenderName":
                    return RemoteDomainSettings::displaySenderName;
                case "SevenBitOnly":
                    return RemoteDomainSettings::sevenBitOnly;
                default:
                    return RemoteDomainSettings::useSimpleDisplayName;
            }
        }

        @Test
        void tnefEnabledShouldBeTrueFalseOrUnset() {
            assertThat(with("TNEFEnabled", "true").tnefEnabled()).contains(true);
            assertThat(with("TNEFEnabled", "FALSE").tnefEnabled()).contains(false);
            assertThat(RemoteDomainSettings.defaults().tnefEnabled()).isEmpty();
            assertThatThrownBy(() -> with("TNEFEnabled", "")).hasMessage("invalid TNEFEnabled '': allowed true, false");
        }

        @ParameterizedTest
        @CsvSource({"0, 0, ", "1, 1, 1", "72, 72, 72", "132, 132, 132", "007, 7, 7"})
        void lineWrapSizeShouldTake0To132(String text, int size, Integer column) {
            RemoteDomainSettings s = with("LineWrapSize", text);
            assertThat(s.lineWrapSize()).isEqualTo(OptionalInt.of(size));
            assertThat(s.wrapColumn()).isEqualTo(column == null ? OptionalInt.empty() : OptionalInt.of(column));
        }

        @ParameterizedTest
        @ValueSource(strings = {"Unlimited", "unlimited", "UNLIMITED"})
        void lineWrapSizeShouldTakeUnlimited(String text) {
            RemoteDomainSettings s = RemoteDomainSettings.builder().lineWrapSize(OptionalInt.of(72))
                .set("LineWrapSize", text).build();
            assertThat(s.lineWrapSize()).isEmpty();
            assertThat(s.wrapColumn()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"133", "200", "-1", "+5", "1000", "72.5", "", "none"})
        void lineWrapSizeShouldRejectEverythingElse(String text) {
            assertThatThrownBy(() -> with("LineWrapSize", text))
                .hasMessage("invalid LineWrapSize '" + text + "': allowed 0-132 or Unlimited");
        }

        @ParameterizedTest
        @CsvSource({
            "iso-2022-jp, ISO-2022-JP", "ISO-2022-JP, ISO-2022-JP", "iso-8859-1, ISO-8859-1", "utf-8, UTF-8",
            "shift_jis, Shift_JIS", "euc-jp, EUC-JP", "windows-1252, windows-1252", "big5, Big5",
            "euc-kr, EUC-KR", "ks_c_5601-1987, EUC-KR", "gb18030, GB18030", "gb2312, GB2312",
            "iso-2022-kr, ISO-2022-KR", "iso-8859-15, ISO-8859-15", "koi8-r, KOI8-R", "koi8-u, KOI8-U",
            "windows-1251, windows-1251", "windows-874, x-windows-874", "us-ascii, US-ASCII",
        })
        void characterSetsShouldTakeExchangeNamesJavaKnows(String name, String javaName) {
            Charset expected = Charset.forName(javaName);
            assertThat(with("CharacterSet", name).characterSet()).contains(expected);
            assertThat(with("NonMimeCharacterSet", " " + name + " ").nonMimeCharacterSet()).contains(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"CharacterSet", "NonMimeCharacterSet"})
        void characterSetsShouldRejectWhatJavaCannotEncode(String setting) {
            String allowed = "allowed a character set this Java runtime can encode, such as utf-8, iso-8859-1, "
                + "iso-2022-jp, shift_jis, euc-jp, windows-1252";
            assertThatThrownBy(() -> with(setting, "utf-7")).hasMessage("invalid " + setting + " 'utf-7': " + allowed);
            assertThatThrownBy(() -> with(setting, "hz-gb-2312"))
                .hasMessage("invalid " + setting + " 'hz-gb-2312': " + allowed);
            assertThatThrownBy(() -> with(setting, "utf 8")).hasMessage("invalid " + setting + " 'utf 8': " + allowed);
            assertThatThrownBy(() -> with(setting, "")).hasMessage("invalid " + setting + " '': " + allowed);
            assertThatThrownBy(() -> with(setting, "x-JISAutoDetect"))
                .hasMessage("invalid " + setting + " 'x-JISAutoDetect': " + allowed + " (x-JISAutoDetect can only be decoded)");
        }

        @Test
        void unknownSettingsShouldListTheAllowedOnes() {
            String all = "ContentType, MessageFormat, CharacterSet, NonMimeCharacterSet, LineWrapSize, "
                + "ByteEncoderTypeFor7BitCharsets, PreferredInternetCodePageForShiftJis, TNEFEnabled, IsInternal, "
                + "AutoForwardEnabled, AutoReplyEnabled, AllowedOOFType, DeliveryReportEnabled, NDREnabled, "
                + "NDRDiagnosticInfoEnabled, DisplaySenderName, UseSimpleDisplayName, SevenBitOnly";
            assertThatThrownBy(() -> with("WrapSize", "72"))
                .hasMessage("unknown setting 'WrapSize': allowed settings are " + all);
            assertThatThrownBy(() -> with("TrustedMailOutboundEnabled", "true"))
                .hasMessage("setting 'TrustedMailOutboundEnabled' of Exchange's Set-RemoteDomain is not supported: "
                    + "allowed settings are " + all);
            assertThatThrownBy(() -> with("lineWrapSize", "72"))
                .hasMessage("unknown setting 'lineWrapSize': setting names are case-sensitive, did you mean 'LineWrapSize'?");
        }

        @Test
        void everySettingNameShouldBeAccepted() {
            assertThat(RemoteDomainSettings.SETTING_NAMES).hasSize(18).doesNotHaveDuplicates();
            for (String name : RemoteDomainSettings.SETTING_NAMES) {
                assertThatThrownBy(() -> with(name, "%%"))
                    .hasMessageStartingWith("invalid " + name + " '%%': allowed ");
            }
        }
    }

    @Nested
    class TypedBuilder {
        @Test
        void typedSettersShouldValidateLikeTheTextForm() {
            RemoteDomainSettings.Builder b = RemoteDomainSettings.builder();
            assertThatThrownBy(() -> b.lineWrapSize(OptionalInt.of(133)))
                .hasMessage("invalid LineWrapSize '133': allowed 0-132 or Unlimited");
            assertThatThrownBy(() -> b.lineWrapSize(OptionalInt.of(-1)))
                .hasMessage("invalid LineWrapSize '-1': allowed 0-132 or Unlimited");
            assertThatThrownBy(() -> b.characterSet(Optional.of(Charset.forName("x-JISAutoDetect"))))
                .hasMessageStartingWith("invalid CharacterSet 'x-JISAutoDetect': allowed ");
            assertThatThrownBy(() -> b.contentType(null)).isInstanceOf(NullPointerException.class);
        }

        @Test
        void toBuilderShouldCopyEverySetting() {
            RemoteDomainSettings s = RemoteDomainSettings.builder()
                .contentType(ContentType.MIME_TEXT).messageFormat(MessageFormat.TEXT)
                .characterSet(Optional.of(Charset.forName("iso-2022-jp")))
                .nonMimeCharacterSet(Optional.of(StandardCharsets.ISO_8859_1))
                .lineWrapSize(OptionalInt.of(72))
                .byteEncoderTypeFor7BitCharsets(ByteEncoderTypeFor7BitCharsets.USE_7BIT)
                .preferredInternetCodePageForShiftJis(PreferredInternetCodePageForShiftJis.CP_50220)
                .tnefEnabled(Optional.of(false)).isInternal(true).autoForwardEnabled(false).autoReplyEnabled(false)
                .allowedOOFType(AllowedOOFType.NONE).deliveryReportEnabled(false).ndrEnabled(false)
                .ndrDiagnosticInfoEnabled(false).displaySenderName(false).useSimpleDisplayName(true)
                .sevenBitOnly(true).build();
            assertThat(s.toBuilder().build()).isEqualTo(s).hasSameHashCodeAs(s);
            assertThat(s).hasToString("ContentType=MimeText, MessageFormat=Text, CharacterSet=ISO-2022-JP, "
                + "NonMimeCharacterSet=ISO-8859-1, LineWrapSize=72, ByteEncoderTypeFor7BitCharsets=Use7Bit, "
                + "PreferredInternetCodePageForShiftJis=50220, TNEFEnabled=false, IsInternal=true, "
                + "AutoForwardEnabled=false, AutoReplyEnabled=false, AllowedOOFType=None, DeliveryReportEnabled=false, "
                + "NDREnabled=false, NDRDiagnosticInfoEnabled=false, DisplaySenderName=false, UseSimpleDisplayName=true, "
                + "SevenBitOnly=true");
            assertThat(s.toBuilder().set("LineWrapSize", "Unlimited").build().lineWrapSize()).isEmpty();
            assertThat(s.lineWrapSize()).isEqualTo(OptionalInt.of(72));
        }

        @Test
        void settingsShouldBeEqualExactlyWhenEverySettingIsEqual() {
            RemoteDomainSettings d = RemoteDomainSettings.defaults();
            assertThat(d).isEqualTo(RemoteDomainSettings.builder().build()).isNotEqualTo(null).isNotEqualTo("x");
            for (String name : RemoteDomainSettings.SETTING_NAMES) {
                RemoteDomainSettings changed = RemoteDomainSettings.builder().set(name, nonDefault(name)).build();
                assertThat(changed).as(name).isNotEqualTo(d);
                assertThat(changed.hashCode()).as(name).isNotEqualTo(d.hashCode());
                assertThat(RemoteDomainSettings.builder().set(name, nonDefault(name)).build()).isEqualTo(changed);
            }
        }

        private String nonDefault(String setting) {
            switch (setting) {
                case "ContentType":
                    return "MimeText";
                case "MessageFormat":
                    return "Text";
                case "CharacterSet":
                case "NonMimeCharacterSet":
                    return "utf-8";
                case "LineWrapSize":
                    return "72";
                case "ByteEncoderTypeFor7BitCharsets":
                    return "UseBase64";
                case "PreferredInternetCodePageForShiftJis":
                    return "50220";
                case "AllowedOOFType":
                    return "None";
                case "TNEFEnabled":
                    return "true";
                case "IsInternal":
                case "UseSimpleDisplayName":
                case "SevenBitOnly":
                    return "true";
                default:
                    return "false";
            }
        }
    }
}
