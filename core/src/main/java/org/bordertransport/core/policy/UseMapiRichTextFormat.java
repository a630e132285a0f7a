package org.bordertransport.core.policy;

/**
 * Exchange {@code UseMapiRichTextFormat} of a mail contact or mail user ({@code Set-MailContact},
 * {@code Set-MailUser}): whether TNEF (Outlook rich text, {@code winmail.dat}) may reach this one recipient.
 *
 * <p>As in Exchange, it counts only where the recipient's remote domain leaves {@code TNEFEnabled} unset ("follow
 * user settings"): a remote domain with {@code TNEFEnabled} {@code true} or {@code false} decides for all its
 * recipients.</p>
 */
public enum UseMapiRichTextFormat implements ExchangeNamed {
    /** TNEF may be sent to the recipient ({@code TNEFEnabled=true} for this recipient). */
    ALWAYS("Always"),
    /** TNEF is never sent to the recipient ({@code TNEFEnabled=false} for this recipient). */
    NEVER("Never"),
    /** The remote domain decides, and where it leaves TNEF unset, the sender's choice stands. The default. */
    USE_DEFAULT_SETTINGS("UseDefaultSettings");

    public static final String SETTING = "UseMapiRichTextFormat";

    private final String exchangeName;

    UseMapiRichTextFormat(String exchangeName) {
        this.exchangeName = exchangeName;
    }

    @Override
    public String exchangeName() {
        return exchangeName;
    }

    /**
     * @param value {@code Always}, {@code Never} or {@code UseDefaultSettings}, any case
     * @throws IllegalArgumentException {@code invalid UseMapiRichTextFormat 'x': allowed Always, Never,
     *     UseDefaultSettings}
     */
    public static UseMapiRichTextFormat parse(String value) {
        return SettingValues.parseEnum(SETTING, values(), value);
    }

    @Override
    public String toString() {
        return exchangeName;
    }
}
