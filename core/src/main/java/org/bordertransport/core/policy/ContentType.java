package org.bordertransport.core.policy;

/**
 * Exchange {@code ContentType}: the body format a remote domain receives.
 */
public enum ContentType implements ExchangeNamed {
    /**
     * HTML for messages that have HTML (sent as {@code multipart/alternative} with a text part), plain text for
     * messages that are plain text. The default.
     */
    MIME_HTML_TEXT("MimeHtmlText"),
    /** Plain text only: HTML is rendered to readable text. */
    MIME_TEXT("MimeText"),
    /** HTML only: plain text is wrapped in HTML. */
    MIME_HTML("MimeHtml");

    public static final String SETTING = "ContentType";

    private final String exchangeName;

    ContentType(String exchangeName) {
        this.exchangeName = exchangeName;
    }

    @Override
    public String exchangeName() {
        return exchangeName;
    }

    /**
     * @param value {@code MimeHtmlText}, {@code MimeText} or {@code MimeHtml}, any case, surrounding blanks ignored
     * @throws IllegalArgumentException {@code invalid ContentType 'x': allowed MimeHtmlText, MimeText, MimeHtml}
     */
    public static ContentType parse(String value) {
        return SettingValues.parseEnum(SETTING, values(), value);
    }

    @Override
    public String toString() {
        return exchangeName;
    }
}
