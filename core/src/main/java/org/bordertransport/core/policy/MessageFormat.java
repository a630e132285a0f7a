package org.bordertransport.core.policy;

/**
 * {@code MessageFormat}: MIME or non-MIME plain text. Not a {@code Set-RemoteDomain} parameter of Exchange 2007 and
 * later; it is the "Message format: MIME | Plain Text" choice of Exchange 2003's Internet Message Formats, kept under
 * the same kind of name because some legacy recipients still need it.
 */
public enum MessageFormat implements ExchangeNamed {
    /** MIME (RFC 2045), the default. */
    MIME("Mime"),
    /**
     * RFC 5322 plain text without MIME: one text body in {@code NonMimeCharacterSet}, attachments UUEncoded in the
     * body.
     */
    TEXT("Text");

    public static final String SETTING = "MessageFormat";

    private final String exchangeName;

    MessageFormat(String exchangeName) {
        this.exchangeName = exchangeName;
    }

    @Override
    public String exchangeName() {
        return exchangeName;
    }

    /**
     * @param value {@code Mime} or {@code Text}, any case
     * @throws IllegalArgumentException {@code invalid MessageFormat 'x': allowed Mime, Text}
     */
    public static MessageFormat parse(String value) {
        return SettingValues.parseEnum(SETTING, values(), value);
    }

    @Override
    public String toString() {
        return exchangeName;
    }
}
