package org.bordertransport.core.policy;

/**
 * Exchange {@code MessageBodyFormat} of a mail contact or mail user: the body format one recipient receives. It is the
 * per-recipient form of the remote domain's {@link ContentType}, which it replaces for that recipient.
 */
public enum MessageBodyFormat implements ExchangeNamed {
    /** Plain text only: {@link ContentType#MIME_TEXT}. */
    TEXT("Text", ContentType.MIME_TEXT),
    /** HTML only: {@link ContentType#MIME_HTML}. */
    HTML("Html", ContentType.MIME_HTML),
    /** HTML with a text alternative: {@link ContentType#MIME_HTML_TEXT}. Exchange's default. */
    TEXT_AND_HTML("TextAndHtml", ContentType.MIME_HTML_TEXT);

    public static final String SETTING = "MessageBodyFormat";

    private final String exchangeName;
    private final ContentType contentType;

    MessageBodyFormat(String exchangeName, ContentType contentType) {
        this.exchangeName = exchangeName;
        this.contentType = contentType;
    }

    @Override
    public String exchangeName() {
        return exchangeName;
    }

    /** The remote-domain {@code ContentType} with the same effect. */
    public ContentType contentType() {
        return contentType;
    }

    /**
     * @param value {@code Text}, {@code Html} or {@code TextAndHtml}, any case
     * @throws IllegalArgumentException {@code invalid MessageBodyFormat 'x': allowed Text, Html, TextAndHtml}
     */
    public static MessageBodyFormat parse(String value) {
        return SettingValues.parseEnum(SETTING, values(), value);
    }

    @Override
    public String toString() {
        return exchangeName;
    }
}
