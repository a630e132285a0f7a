package org.bordertransport.core.policy;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The settings of one remote domain, modelled on Exchange's {@code Set-RemoteDomain} and named like its parameters.
 * Immutable; build with {@link #builder()} or change a copy with {@link #toBuilder()}.
 *
 * <p><b>Defaults.</b> {@link #defaults()} holds the values Exchange gives a remote domain newly created with
 * {@code New-RemoteDomain}. A setting that the configuration does not give for a remote domain takes this default,
 * for specific remote domains and for the Default ({@code *}) alike: as in Exchange, every remote domain has its own
 * complete set of values and a specific remote domain does <em>not</em> inherit what was set on the Default. Exchange's
 * built-in on-premises Default differs from a new remote domain in four settings (CharacterSet and NonMimeCharacterSet
 * {@code iso-8859-1}, AutoForwardEnabled and AutoReplyEnabled {@code false}); write them in the Default entry to get
 * that behaviour.</p>
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>values</th><th>default</th></tr>
 *   <tr><td>{@code ContentType}</td><td>{@code MimeHtmlText | MimeText | MimeHtml}</td><td>{@code MimeHtmlText}</td></tr>
 *   <tr><td>{@code MessageFormat}</td><td>{@code Mime | Text}</td><td>{@code Mime}</td></tr>
 *   <tr><td>{@code CharacterSet}</td><td>a charset Java can encode</td><td>none</td></tr>
 *   <tr><td>{@code NonMimeCharacterSet}</td><td>a charset Java can encode</td><td>none</td></tr>
 *   <tr><td>{@code LineWrapSize}</td><td>{@code 0}-{@code 132 | Unlimited}</td><td>{@code Unlimited}</td></tr>
 *   <tr><td>{@code ByteEncoderTypeFor7BitCharsets}</td><td>8 values</td><td>{@code Undefined}</td></tr>
 *   <tr><td>{@code PreferredInternetCodePageForShiftJis}</td><td>{@code 50220 | 50221 | 50222 | Undefined}</td><td>{@code Undefined}</td></tr>
 *   <tr><td>{@code TNEFEnabled}</td><td>{@code true | false}</td><td>unset</td></tr>
 *   <tr><td>{@code IsInternal}</td><td>{@code true | false}</td><td>{@code false}</td></tr>
 *   <tr><td>{@code AutoForwardEnabled}</td><td>{@code true | false}</td><td>{@code true}</td></tr>
 *   <tr><td>{@code AutoReplyEnabled}</td><td>{@code true | false}</td><td>{@code true}</td></tr>
 *   <tr><td>{@code AllowedOOFType}</td><td>{@code External | ExternalLegacy | InternalLegacy | None}</td><td>{@code External}</td></tr>
 *   <tr><td>{@code DeliveryReportEnabled}</td><td>{@code true | false}</td><td>{@code true}</td></tr>
 *   <tr><td>{@code NDREnabled}</td><td>{@code true | false}</td><td>{@code true}</td></tr>
 *   <tr><td>{@code NDRDiagnosticInfoEnabled}</td><td>{@code true | false}</td><td>{@code true}</td></tr>
 *   <tr><td>{@code DisplaySenderName}</td><td>{@code true | false}</td><td>{@code true}</td></tr>
 *   <tr><td>{@code UseSimpleDisplayName}</td><td>{@code true | false}</td><td>{@code false}</td></tr>
 *   <tr><td>{@code SevenBitOnly} (Border Transport's own)</td><td>{@code true | false}</td><td>{@code false}</td></tr>
 * </table>
 */
public final class RemoteDomainSettings {
    public static final String CHARACTER_SET = "CharacterSet";
    public static final String NON_MIME_CHARACTER_SET = "NonMimeCharacterSet";
    public static final String LINE_WRAP_SIZE = "LineWrapSize";
    public static final String TNEF_ENABLED = "TNEFEnabled";
    public static final String IS_INTERNAL = "IsInternal";
    public static final String AUTO_FORWARD_ENABLED = "AutoForwardEnabled";
    public static final String AUTO_REPLY_ENABLED = "AutoReplyEnabled";
    public static final String DELIVERY_REPORT_ENABLED = "DeliveryReportEnabled";
    public static final String NDR_ENABLED = "NDREnabled";
    public static final String NDR_DIAGNOSTIC_INFO_ENABLED = "NDRDiagnosticInfoEnabled";
    public static final String DISPLAY_SENDER_NAME = "DisplaySenderName";
    public static final String USE_SIMPLE_DISPLAY_NAME = "UseSimpleDisplayName";
    /** Border Transport's own setting: Exchange has none like it. */
    public static final String SEVEN_BIT_ONLY = "SevenBitOnly";

    /** The setting names understood by {@link Builder#set(String, String)}, in documentation order. */
    public static final List<String> SETTING_NAMES = List.of(ContentType.SETTING, MessageFormat.SETTING, CHARACTER_SET,
        NON_MIME_CHARACTER_SET, LINE_WRAP_SIZE, ByteEncoderTypeFor7BitCharsets.SETTING,
        PreferredInternetCodePageForShiftJis.SETTING, TNEF_ENABLED, IS_INTERNAL, AUTO_FORWARD_ENABLED,
        AUTO_REPLY_ENABLED, AllowedOOFType.SETTING, DELIVERY_REPORT_ENABLED, NDR_ENABLED, NDR_DIAGNOSTIC_INFO_ENABLED,
        DISPLAY_SENDER_NAME, USE_SIMPLE_DISPLAY_NAME, SEVEN_BIT_ONLY);

    /** {@code Set-RemoteDomain} parameters that exist in Exchange but have no meaning here. */
    static final Set<String> UNSUPPORTED_EXCHANGE_SETTINGS = Set.of("IsCoexistenceDomain",
        "MeetingForwardNotificationEnabled", "MessageCountThreshold", "RequiredCharsetCoverage",
        "TargetDeliveryDomain", "TrustedMailInboundEnabled", "TrustedMailOutboundEnabled");

    private static final RemoteDomainSettings DEFAULTS = new Builder().build();

    private final ContentType contentType;
    private final MessageFormat messageFormat;
    private final Optional<Charset> characterSet;
    private final Optional<Charset> nonMimeCharacterSet;
    private final OptionalInt lineWrapSize;
    private final ByteEncoderTypeFor7BitCharsets byteEncoderTypeFor7BitCharsets;
    private final PreferredInternetCodePageForShiftJis preferredInternetCodePageForShiftJis;
    private final Optional<Boolean> tnefEnabled;
    private final boolean isInternal;
    private final boolean autoForwardEnabled;
    private final boolean autoReplyEnabled;
    private final AllowedOOFType allowedOOFType;
    private final boolean deliveryReportEnabled;
    private final boolean ndrEnabled;
    private final boolean ndrDiagnosticInfoEnabled;
    private final boolean displaySenderName;
    private final boolean useSimpleDisplayName;
    private final boolean sevenBitOnly;
    /** Computed once: the settings key per-message caches of the mailets and matchers. */
    private final int hash;

    private RemoteDomainSettings(Builder b) {
        this.contentType = b.contentType;
        this.messageFormat = b.messageFormat;
        this.characterSet = b.characterSet;
        this.nonMimeCharacterSet = b.nonMimeCharacterSet;
        this.lineWrapSize = b.lineWrapSize;
        this.byteEncoderTypeFor7BitCharsets = b.byteEncoderTypeFor7BitCharsets;
        this.preferredInternetCodePageForShiftJis = b.preferredInternetCodePageForShiftJis;
        this.tnefEnabled = b.tnefEnabled;
        this.isInternal = b.isInternal;
        this.autoForwardEnabled = b.autoForwardEnabled;
        this.autoReplyEnabled = b.autoReplyEnabled;
        this.allowedOOFType = b.allowedOOFType;
        this.deliveryReportEnabled = b.deliveryReportEnabled;
        this.ndrEnabled = b.ndrEnabled;
        this.ndrDiagnosticInfoEnabled = b.ndrDiagnosticInfoEnabled;
        this.displaySenderName = b.displaySenderName;
        this.useSimpleDisplayName = b.useSimpleDisplayName;
        this.sevenBitOnly = b.sevenBitOnly;
        this.hash = computeHash();
    }

    private int computeHash() {
        return Objects.hash(contentType, messageFormat, characterSet, nonMimeCharacterSet, lineWrapSize,
            byteEncoderTypeFor7BitCharsets, preferredInternetCodePageForShiftJis, tnefEnabled, isInternal,
            autoForwardEnabled, autoReplyEnabled, allowedOOFType, deliveryReportEnabled, ndrEnabled,
            ndrDiagnosticInfoEnabled, displaySenderName, useSimpleDisplayName, sevenBitOnly);
    }

    /**
     * Exchange's defaults for a new remote domain: ContentType MimeHtmlText, MessageFormat Mime, no CharacterSet, no
     * NonMimeCharacterSet, LineWrapSize Unlimited, ByteEncoderTypeFor7BitCharsets Undefined (quoted-printable),
     * PreferredInternetCodePageForShiftJis Undefined, TNEFEnabled unset, IsInternal false, AutoForwardEnabled true,
     * AutoReplyEnabled true, AllowedOOFType External, DeliveryReportEnabled true, NDREnabled true,
     * NDRDiagnosticInfoEnabled true, DisplaySenderName true, UseSimpleDisplayName false; and SevenBitOnly false.
     */
    public static RemoteDomainSettings defaults() {
        return DEFAULTS;
    }

    /** A builder that starts from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** {@code ContentType}: the body format (default {@link ContentType#MIME_HTML_TEXT}). */
    public ContentType contentType() {
        return contentType;
    }

    /** {@code MessageFormat}: MIME or non-MIME text (default {@link MessageFormat#MIME}). */
    public MessageFormat messageFormat() {
        return messageFormat;
    }

    /**
     * {@code CharacterSet}: the charset for MIME text parts that declare none (default none). A charset a message
     * declares is never overridden.
     */
    public Optional<Charset> characterSet() {
        return characterSet;
    }

    /**
     * {@code NonMimeCharacterSet}: the charset for non-MIME text (MessageFormat Text, or a message without MIME
     * headers) that declares none (default none). A declared charset is never overridden.
     */
    public Optional<Charset> nonMimeCharacterSet() {
        return nonMimeCharacterSet;
    }

    /**
     * {@code LineWrapSize} as configured: empty for {@code Unlimited} (the default), else 0-132. As in Exchange, 0
     * means no wrapping; {@link #wrapColumn()} folds it into empty.
     */
    public OptionalInt lineWrapSize() {
        return lineWrapSize;
    }

    /** The column plain text is wrapped at (1-132), empty when lines are not wrapped (Unlimited or 0). */
    public OptionalInt wrapColumn() {
        return lineWrapSize.isPresent() && lineWrapSize.getAsInt() == 0 ? OptionalInt.empty() : lineWrapSize;
    }

    /** {@code ByteEncoderTypeFor7BitCharsets}: transfer encodings (default {@code Undefined}, quoted-printable). */
    public ByteEncoderTypeFor7BitCharsets byteEncoderTypeFor7BitCharsets() {
        return byteEncoderTypeFor7BitCharsets;
    }

    /** {@code PreferredInternetCodePageForShiftJis}: the ISO-2022-JP variant (default {@code Undefined}). */
    public PreferredInternetCodePageForShiftJis preferredInternetCodePageForShiftJis() {
        return preferredInternetCodePageForShiftJis;
    }

    /**
     * {@code TNEFEnabled}: {@code true} TNEF ({@code winmail.dat}) may be sent, {@code false} it is never sent,
     * empty (the default) the sender's choice stands.
     */
    public Optional<Boolean> tnefEnabled() {
        return tnefEnabled;
    }

    /** {@code IsInternal}: recipients are treated as internal, inside the trust boundary (default false). */
    public boolean isInternal() {
        return isInternal;
    }

    /** {@code AutoForwardEnabled}: auto-forwarded messages are delivered (default true). */
    public boolean autoForwardEnabled() {
        return autoForwardEnabled;
    }

    /** {@code AutoReplyEnabled}: automatic replies (RFC 3834 {@code auto-replied}) are delivered (default true). */
    public boolean autoReplyEnabled() {
        return autoReplyEnabled;
    }

    /** {@code AllowedOOFType}: which out-of-office replies are delivered (default {@code External}). */
    public AllowedOOFType allowedOOFType() {
        return allowedOOFType;
    }

    /** {@code DeliveryReportEnabled}: delivery and read receipts are delivered (default true). */
    public boolean deliveryReportEnabled() {
        return deliveryReportEnabled;
    }

    /** {@code NDREnabled}: non-delivery reports are delivered (default true). */
    public boolean ndrEnabled() {
        return ndrEnabled;
    }

    /**
     * {@code NDRDiagnosticInfoEnabled}: NDRs keep their diagnostic section and the internal {@code Received} headers of
     * the returned message (default true). Meaningful only when {@link #ndrEnabled()}.
     */
    public boolean ndrDiagnosticInfoEnabled() {
        return ndrDiagnosticInfoEnabled;
    }

    /** {@code DisplaySenderName}: the sender's display name is kept in {@code From} (default true). */
    public boolean displaySenderName() {
        return displaySenderName;
    }

    /** {@code UseSimpleDisplayName}: the sender's simple display name is used in {@code From} (default false). */
    public boolean useSimpleDisplayName() {
        return useSimpleDisplayName;
    }

    /**
     * {@code SevenBitOnly} (Border Transport's own setting): the destination takes 7-bit mail only (an old gateway), so
     * 8-bit bodies and header values are encoded even where the conversion is limited to mandatory changes (mail with
     * a third-party DKIM signature). Default false: 8-bit content of such mail is left as it is.
     */
    public boolean sevenBitOnly() {
        return sevenBitOnly;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RemoteDomainSettings)) {
            return false;
        }
        RemoteDomainSettings that = (RemoteDomainSettings) o;
        return contentType == that.contentType
            && messageFormat == that.messageFormat
            && characterSet.equals(that.characterSet)
            && nonMimeCharacterSet.equals(that.nonMimeCharacterSet)
            && lineWrapSize.equals(that.lineWrapSize)
            && byteEncoderTypeFor7BitCharsets == that.byteEncoderTypeFor7BitCharsets
            && preferredInternetCodePageForShiftJis == that.preferredInternetCodePageForShiftJis
            && tnefEnabled.equals(that.tnefEnabled)
            && isInternal == that.isInternal
            && autoForwardEnabled == that.autoForwardEnabled
            && autoReplyEnabled == that.autoReplyEnabled
            && allowedOOFType == that.allowedOOFType
            && deliveryReportEnabled == that.deliveryReportEnabled
            && ndrEnabled == that.ndrEnabled
            && ndrDiagnosticInfoEnabled == that.ndrDiagnosticInfoEnabled
            && displaySenderName == that.displaySenderName
            && useSimpleDisplayName == that.useSimpleDisplayName
            && sevenBitOnly == that.sevenBitOnly;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Every setting in its Exchange spelling, for logs and the CLI. */
    @Override
    public String toString() {
        return ContentType.SETTING + "=" + contentType
            + ", " + MessageFormat.SETTING + "=" + messageFormat
            + ", " + CHARACTER_SET + "=" + characterSet.map(Charset::name).orElse("")
            + ", " + NON_MIME_CHARACTER_SET + "=" + nonMimeCharacterSet.map(Charset::name).orElse("")
            + ", " + LINE_WRAP_SIZE + "=" + (lineWrapSize.isPresent() ? String.valueOf(lineWrapSize.getAsInt()) : "Unlimited")
            + ", " + ByteEncoderTypeFor7BitCharsets.SETTING + "=" + byteEncoderTypeFor7BitCharsets
            + ", " + PreferredInternetCodePageForShiftJis.SETTING + "=" + preferredInternetCodePageForShiftJis
            + ", " + TNEF_ENABLED + "=" + tnefEnabled.map(String::valueOf).orElse("")
            + ", " + IS_INTERNAL + "=" + isInternal
            + ", " + AUTO_FORWARD_ENABLED + "=" + autoForwardEnabled
            + ", " + AUTO_REPLY_ENABLED + "=" + autoReplyEnabled
            + ", " + AllowedOOFType.SETTING + "=" + allowedOOFType
            + ", " + DELIVERY_REPORT_ENABLED + "=" + deliveryReportEnabled
            + ", " + NDR_ENABLED + "=" + ndrEnabled
            + ", " + NDR_DIAGNOSTIC_INFO_ENABLED + "=" + ndrDiagnosticInfoEnabled
            + ", " + DISPLAY_SENDER_NAME + "=" + displaySenderName
            + ", " + USE_SIMPLE_DISPLAY_NAME + "=" + useSimpleDisplayName
            + ", " + SEVEN_BIT_ONLY + "=" + sevenBitOnly;
    }

    /** Mutable builder; starts from the defaults. Not thread-safe. */
    public static final class Builder {
        private ContentType contentType = ContentType.MIME_HTML_TEXT;
        private MessageFormat messageFormat = MessageFormat.MIME;
        private Optional<Charset> characterSet = Optional.empty();
        private Optional<Charset> nonMimeCharacterSet = Optional.empty();
        private OptionalInt lineWrapSize = OptionalInt.empty();
        private ByteEncoderTypeFor7BitCharsets byteEncoderTypeFor7BitCharsets = ByteEncoderTypeFor7BitCharsets.UNDEFINED;
        private PreferredInternetCodePageForShiftJis preferredInternetCodePageForShiftJis =
            PreferredInternetCodePageForShiftJis.UNDEFINED;
        private Optional<Boolean> tnefEnabled = Optional.empty();
        private boolean isInternal = false;
        private boolean autoForwardEnabled = true;
        private boolean autoReplyEnabled = true;
        private AllowedOOFType allowedOOFType = AllowedOOFType.EXTERNAL;
        private boolean deliveryReportEnabled = true;
        private boolean ndrEnabled = true;
        private boolean ndrDiagnosticInfoEnabled = true;
        private boolean displaySenderName = true;
        private boolean useSimpleDisplayName = false;
        private boolean sevenBitOnly = false;

        private Builder() {
        }

        private Builder(RemoteDomainSettings s) {
            contentType = s.contentType;
            messageFormat = s.messageFormat;
            characterSet = s.characterSet;
            nonMimeCharacterSet = s.nonMimeCharacterSet;
            lineWrapSize = s.lineWrapSize;
            byteEncoderTypeFor7BitCharsets = s.byteEncoderTypeFor7BitCharsets;
            preferredInternetCodePageForShiftJis = s.preferredInternetCodePageForShiftJis;
            tnefEnabled = s.tnefEnabled;
            isInternal = s.isInternal;
            autoForwardEnabled = s.autoForwardEnabled;
            autoReplyEnabled = s.autoReplyEnabled;
            allowedOOFType = s.allowedOOFType;
            deliveryReportEnabled = s.deliveryReportEnabled;
            ndrEnabled = s.ndrEnabled;
            ndrDiagnosticInfoEnabled = s.ndrDiagnosticInfoEnabled;
            displaySenderName = s.displaySenderName;
            useSimpleDisplayName = s.useSimpleDisplayName;
            sevenBitOnly = s.sevenBitOnly;
        }

        /**
         * Sets one setting from its text form, as written in the remote-domain file: {@code set("LineWrapSize", "72")}.
         * Setting names are exact ({@link #SETTING_NAMES}); values are case-insensitive and trimmed.
         *
         * @throws IllegalArgumentException {@code invalid LineWrapSize '200': allowed 0-132 or Unlimited}, or an
         *     unknown setting naming the allowed ones
         */
        public Builder set(String setting, String value) {
            Objects.requireNonNull(setting, "setting");
            switch (setting) {
                case ContentType.SETTING:
                    return contentType(ContentType.parse(value));
                case MessageFormat.SETTING:
                    return messageFormat(MessageFormat.parse(value));
                case CHARACTER_SET:
                    return characterSet(Optional.of(SettingValues.parseCharset(CHARACTER_SET, value)));
                case NON_MIME_CHARACTER_SET:
                    return nonMimeCharacterSet(Optional.of(SettingValues.parseCharset(NON_MIME_CHARACTER_SET, value)));
                case LINE_WRAP_SIZE:
                    return lineWrapSize(SettingValues.parseLineWrapSize(LINE_WRAP_SIZE, value));
                case ByteEncoderTypeFor7BitCharsets.SETTING:
                    return byteEncoderTypeFor7BitCharsets(ByteEncoderTypeFor7BitCharsets.parse(value));
                case PreferredInternetCodePageForShiftJis.SETTING:
                    return preferredInternetCodePageForShiftJis(PreferredInternetCodePageForShiftJis.parse(value));
                case TNEF_ENABLED:
                    return tnefEnabled(Optional.of(SettingValues.parseBoolean(TNEF_ENABLED, value)));
                case IS_INTERNAL:
                    return isInternal(SettingValues.parseBoolean(IS_INTERNAL, value));
                case AUTO_FORWARD_ENABLED:
                    return autoForwardEnabled(SettingValues.parseBoolean(AUTO_FORWARD_ENABLED, value));
                case AUTO_REPLY_ENABLED:
                    return autoReplyEnabled(SettingValues.parseBoolean(AUTO_REPLY_ENABLED, value));
                case AllowedOOFType.SETTING:
                    return allowedOOFType(AllowedOOFType.parse(value));
                case DELIVERY_REPORT_ENABLED:
                    return deliveryReportEnabled(SettingValues.parseBoolean(DELIVERY_REPORT_ENABLED, value));
                case NDR_ENABLED:
                    return ndrEnabled(SettingValues.parseBoolean(NDR_ENABLED, value));
                case NDR_DIAGNOSTIC_INFO_ENABLED:
                    return ndrDiagnosticInfoEnabled(SettingValues.parseBoolean(NDR_DIAGNOSTIC_INFO_ENABLED, value));
                case DISPLAY_SENDER_NAME:
                    return displaySenderName(SettingValues.parseBoolean(DISPLAY_SENDER_NAME, value));
                case USE_SIMPLE_DISPLAY_NAME:
                    return useSimpleDisplayName(SettingValues.parseBoolean(USE_SIMPLE_DISPLAY_NAME, value));
                case SEVEN_BIT_ONLY:
                    return sevenBitOnly(SettingValues.parseBoolean(SEVEN_BIT_ONLY, value));
                default:
                    throw unknownSetting(setting);
            }
        }

        private static IllegalArgumentException unknownSetting(String setting) {
            if (UNSUPPORTED_EXCHANGE_SETTINGS.contains(setting)) {
                return new IllegalArgumentException("setting '" + setting + "' of Exchange's Set-RemoteDomain is not "
                    + "supported: allowed settings are " + String.join(", ", SETTING_NAMES));
            }
            for (String known : SETTING_NAMES) {
                if (known.equalsIgnoreCase(setting)) {
                    return new IllegalArgumentException("unknown setting '" + setting + "': setting names are "
                        + "case-sensitive, did you mean '" + known + "'?");
                }
            }
            return new IllegalArgumentException("unknown setting '" + setting + "': allowed settings are "
                + String.join(", ", SETTING_NAMES));
        }

        public Builder contentType(ContentType value) {
            contentType = Objects.requireNonNull(value, ContentType.SETTING);
            return this;
        }

        public Builder messageFormat(MessageFormat value) {
            messageFormat = Objects.requireNonNull(value, MessageFormat.SETTING);
            return this;
        }

        /** @throws IllegalArgumentException when Java cannot encode into the charset */
        public Builder characterSet(Optional<Charset> value) {
            characterSet = SettingValues.checkEncodable(CHARACTER_SET, Objects.requireNonNull(value, CHARACTER_SET));
            return this;
        }

        /** @throws IllegalArgumentException when Java cannot encode into the charset */
        public Builder nonMimeCharacterSet(Optional<Charset> value) {
            nonMimeCharacterSet = SettingValues.checkEncodable(NON_MIME_CHARACTER_SET,
                Objects.requireNonNull(value, NON_MIME_CHARACTER_SET));
            return this;
        }

        /**
         * @param value empty for Unlimited, else 0-132
         * @throws IllegalArgumentException {@code invalid LineWrapSize '200': allowed 0-132 or Unlimited}
         */
        public Builder lineWrapSize(OptionalInt value) {
            Objects.requireNonNull(value, LINE_WRAP_SIZE);
            if (value.isPresent() && (value.getAsInt() < 0 || value.getAsInt() > SettingValues.MAX_LINE_WRAP_SIZE)) {
                throw SettingValues.invalid(LINE_WRAP_SIZE, String.valueOf(value.getAsInt()),
                    SettingValues.lineWrapAllowed());
            }
            lineWrapSize = value;
            return this;
        }

        public Builder byteEncoderTypeFor7BitCharsets(ByteEncoderTypeFor7BitCharsets value) {
            byteEncoderTypeFor7BitCharsets = Objects.requireNonNull(value, ByteEncoderTypeFor7BitCharsets.SETTING);
            return this;
        }

        public Builder preferredInternetCodePageForShiftJis(PreferredInternetCodePageForShiftJis value) {
            preferredInternetCodePageForShiftJis = Objects.requireNonNull(value,
                PreferredInternetCodePageForShiftJis.SETTING);
            return this;
        }

        /** @param value empty for unset (the sender's choice stands) */
        public Builder tnefEnabled(Optional<Boolean> value) {
            tnefEnabled = Objects.requireNonNull(value, TNEF_ENABLED);
            return this;
        }

        public Builder isInternal(boolean value) {
            isInternal = value;
            return this;
        }

        public Builder autoForwardEnabled(boolean value) {
            autoForwardEnabled = value;
            return this;
        }

        public Builder autoReplyEnabled(boolean value) {
            autoReplyEnabled = value;
            return this;
        }

        public Builder allowedOOFType(AllowedOOFType value) {
            allowedOOFType = Objects.requireNonNull(value, AllowedOOFType.SETTING);
            return this;
        }

        public Builder deliveryReportEnabled(boolean value) {
            deliveryReportEnabled = value;
            return this;
        }

        public Builder ndrEnabled(boolean value) {
            ndrEnabled = value;
            return this;
        }

        public Builder ndrDiagnosticInfoEnabled(boolean value) {
            ndrDiagnosticInfoEnabled = value;
            return this;
        }

        public Builder displaySenderName(boolean value) {
            displaySenderName = value;
            return this;
        }

        public Builder useSimpleDisplayName(boolean value) {
            useSimpleDisplayName = value;
            return this;
        }

        public Builder sevenBitOnly(boolean value) {
            sevenBitOnly = value;
            return this;
        }

        public RemoteDomainSettings build() {
            return new RemoteDomainSettings(this);
        }
    }
}
