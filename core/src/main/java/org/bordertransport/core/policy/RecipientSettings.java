package org.bordertransport.core.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings Exchange keeps on one mail contact or mail user ({@code Set-MailContact}, {@code Set-MailUser}) that
 * change how mail to that recipient is converted. Immutable; build with {@link #builder()}.
 *
 * <p>{@link #applyTo(RemoteDomainSettings)} lays them over the settings of the recipient's remote domain, with
 * Exchange's precedence:</p>
 * <ul>
 *   <li>{@code UseMapiRichTextFormat} counts only where the remote domain leaves {@code TNEFEnabled} unset: a remote
 *       domain with {@code TNEFEnabled} {@code true} or {@code false} overrides its mail contacts (Exchange: remote
 *       domain, then mail contact, then the sender's Outlook). {@code Always} and {@code Never} then act as
 *       {@code TNEFEnabled} {@code true} and {@code false} for this recipient; {@code UseDefaultSettings} (the default)
 *       changes nothing.</li>
 *   <li>{@code MessageFormat} and {@code MessageBodyFormat} count only with {@code UsePreferMessageFormat true}, and
 *       then replace the remote domain's {@code MessageFormat} and {@code ContentType} ({@code Text} = MimeText,
 *       {@code Html} = MimeHtml, {@code TextAndHtml} = MimeHtmlText). As in Exchange, {@code MessageFormat Text} allows
 *       only {@code MessageBodyFormat Text}, and the defaults are {@code Mime} and {@code TextAndHtml}.</li>
 * </ul>
 * <p>Every other setting (character sets, wrapping, encodings, the switches) comes from the remote domain.</p>
 */
public final class RecipientSettings {
    public static final String USE_PREFER_MESSAGE_FORMAT = "UsePreferMessageFormat";
    /** The setting names understood by {@link Builder#set(String, String)}, in documentation order. */
    public static final List<String> SETTING_NAMES = List.of(UseMapiRichTextFormat.SETTING, USE_PREFER_MESSAGE_FORMAT,
        MessageFormat.SETTING, MessageBodyFormat.SETTING);

    private static final RecipientSettings DEFAULTS = new Builder().build();

    private final UseMapiRichTextFormat useMapiRichTextFormat;
    private final boolean usePreferMessageFormat;
    private final MessageFormat messageFormat;
    private final MessageBodyFormat messageBodyFormat;

    private RecipientSettings(UseMapiRichTextFormat useMapiRichTextFormat, boolean usePreferMessageFormat,
                              MessageFormat messageFormat, MessageBodyFormat messageBodyFormat) {
        this.useMapiRichTextFormat = useMapiRichTextFormat;
        this.usePreferMessageFormat = usePreferMessageFormat;
        this.messageFormat = messageFormat;
        this.messageBodyFormat = messageBodyFormat;
    }

    /** Exchange's defaults for a new mail contact: UseDefaultSettings, UsePreferMessageFormat false, Mime, TextAndHtml. */
    public static RecipientSettings defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public UseMapiRichTextFormat useMapiRichTextFormat() {
        return useMapiRichTextFormat;
    }

    /** Whether {@link #messageFormat()} and {@link #messageBodyFormat()} override the remote domain. */
    public boolean usePreferMessageFormat() {
        return usePreferMessageFormat;
    }

    public MessageFormat messageFormat() {
        return messageFormat;
    }

    public MessageBodyFormat messageBodyFormat() {
        return messageBodyFormat;
    }

    /**
     * The settings a recipient with these settings gets in a remote domain with {@code domain}'s settings; the same
     * instance when nothing changes.
     */
    public RemoteDomainSettings applyTo(RemoteDomainSettings domain) {
        Objects.requireNonNull(domain, "domain");
        boolean tnef = useMapiRichTextFormat != UseMapiRichTextFormat.USE_DEFAULT_SETTINGS
            && domain.tnefEnabled().isEmpty();
        if (!tnef && !usePreferMessageFormat) {
            return domain;
        }
        RemoteDomainSettings.Builder builder = domain.toBuilder();
        if (tnef) {
            builder.tnefEnabled(Optional.of(useMapiRichTextFormat == UseMapiRichTextFormat.ALWAYS));
        }
        if (usePreferMessageFormat) {
            builder.messageFormat(messageFormat).contentType(messageBodyFormat.contentType());
        }
        RemoteDomainSettings effective = builder.build();
        return effective.equals(domain) ? domain : effective;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RecipientSettings)) {
            return false;
        }
        RecipientSettings that = (RecipientSettings) o;
        return useMapiRichTextFormat == that.useMapiRichTextFormat && usePreferMessageFormat == that.usePreferMessageFormat
            && messageFormat == that.messageFormat && messageBodyFormat == that.messageBodyFormat;
    }

    @Override
    public int hashCode() {
        return Objects.hash(useMapiRichTextFormat, usePreferMessageFormat, messageFormat, messageBodyFormat);
    }

    /** Every setting in its Exchange spelling. */
    @Override
    public String toString() {
        return UseMapiRichTextFormat.SETTING + "=" + useMapiRichTextFormat + ", " + USE_PREFER_MESSAGE_FORMAT + "="
            + usePreferMessageFormat + ", " + MessageFormat.SETTING + "=" + messageFormat + ", "
            + MessageBodyFormat.SETTING + "=" + messageBodyFormat;
    }

    /** Mutable builder; starts from the defaults. Not thread-safe. */
    public static final class Builder {
        private UseMapiRichTextFormat useMapiRichTextFormat = UseMapiRichTextFormat.USE_DEFAULT_SETTINGS;
        private boolean usePreferMessageFormat;
        private Optional<MessageFormat> messageFormat = Optional.empty();
        private Optional<MessageBodyFormat> messageBodyFormat = Optional.empty();

        private Builder() {
        }

        /**
         * Sets one setting from its text form: {@code set("MessageBodyFormat", "Text")}. Names are exact
         * ({@link #SETTING_NAMES}); values are case-insensitive and trimmed.
         *
         * @throws IllegalArgumentException naming the setting, the value and what is allowed; for a remote-domain
         *     setting, saying that it belongs to the remote domain
         */
        public Builder set(String setting, String value) {
            Objects.requireNonNull(setting, "setting");
            switch (setting) {
                case UseMapiRichTextFormat.SETTING:
                    return useMapiRichTextFormat(UseMapiRichTextFormat.parse(value));
                case USE_PREFER_MESSAGE_FORMAT:
                    return usePreferMessageFormat(SettingValues.parseBoolean(USE_PREFER_MESSAGE_FORMAT, value));
                case MessageFormat.SETTING:
                    return messageFormat(MessageFormat.parse(value));
                case MessageBodyFormat.SETTING:
                    return messageBodyFormat(MessageBodyFormat.parse(value));
                default:
                    throw unknownSetting(setting);
            }
        }

        private static IllegalArgumentException unknownSetting(String setting) {
            String allowed = "allowed " + String.join(", ", SETTING_NAMES);
            if (RemoteDomainSettings.SETTING_NAMES.contains(setting)) {
                return new IllegalArgumentException("setting '" + setting + "' belongs to the remote domain, not to "
                    + "a recipient: " + allowed + " (Exchange's mail contact settings)");
            }
            for (String known : SETTING_NAMES) {
                if (known.equalsIgnoreCase(setting)) {
                    return new IllegalArgumentException("unknown setting '" + setting + "': setting names are "
                        + "case-sensitive, did you mean '" + known + "'?");
                }
            }
            return new IllegalArgumentException("unknown setting '" + setting + "': " + allowed);
        }

        public Builder useMapiRichTextFormat(UseMapiRichTextFormat value) {
            useMapiRichTextFormat = Objects.requireNonNull(value, UseMapiRichTextFormat.SETTING);
            return this;
        }

        public Builder usePreferMessageFormat(boolean value) {
            usePreferMessageFormat = value;
            return this;
        }

        public Builder messageFormat(MessageFormat value) {
            messageFormat = Optional.of(Objects.requireNonNull(value, MessageFormat.SETTING));
            return this;
        }

        public Builder messageBodyFormat(MessageBodyFormat value) {
            messageBodyFormat = Optional.of(Objects.requireNonNull(value, MessageBodyFormat.SETTING));
            return this;
        }

        /**
         * @throws IllegalArgumentException when MessageFormat or MessageBodyFormat is given without
         *     UsePreferMessageFormat true (Exchange ignores them then: a setting that does nothing is refused), or
         *     MessageFormat Text with a MessageBodyFormat other than Text
         */
        public RecipientSettings build() {
            if (!usePreferMessageFormat && (messageFormat.isPresent() || messageBodyFormat.isPresent())) {
                String given = messageFormat.isPresent() ? MessageFormat.SETTING : MessageBodyFormat.SETTING;
                throw new IllegalArgumentException(given + " applies only with " + USE_PREFER_MESSAGE_FORMAT
                    + " true, as in Exchange: allowed " + USE_PREFER_MESSAGE_FORMAT + " true with it, or no " + given);
            }
            MessageFormat format = messageFormat.orElse(MessageFormat.MIME);
            MessageBodyFormat body = messageBodyFormat.orElse(format == MessageFormat.TEXT ? MessageBodyFormat.TEXT
                : MessageBodyFormat.TEXT_AND_HTML);
            if (format == MessageFormat.TEXT && body != MessageBodyFormat.TEXT) {
                throw SettingValues.invalid(MessageBodyFormat.SETTING, body.exchangeName(), MessageBodyFormat.TEXT
                    + " with " + MessageFormat.SETTING + " " + MessageFormat.TEXT + " (as in Exchange)");
            }
            return new RecipientSettings(useMapiRichTextFormat, usePreferMessageFormat, format, body);
        }
    }
}
