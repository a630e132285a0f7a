package org.bordertransport.core.policy;

import org.bordertransport.core.encoding.TransferEncoding;
import org.bordertransport.core.encoding.TransferEncodingPreference;

/**
 * Exchange {@code ByteEncoderTypeFor7BitCharsets}: the {@code Content-Transfer-Encoding} used for HTML and plain-text
 * bodies sent to the remote domain. {@link #htmlEncoding()} and {@link #plainTextEncoding(boolean)} give the rule of
 * each value. {@link TransferEncoding#SEVEN_BIT} can only carry text that is 7-bit clean with lines of at most 998
 * octets; for any other text the conversion uses quoted-printable instead.
 */
public enum ByteEncoderTypeFor7BitCharsets implements ExchangeNamed, TransferEncodingPreference {
    /** 7bit for HTML and plain text. */
    USE_7BIT("Use7Bit", TransferEncoding.SEVEN_BIT, TransferEncoding.SEVEN_BIT, false),
    /** Quoted-printable for HTML and plain text. */
    USE_QP("UseQP", TransferEncoding.QUOTED_PRINTABLE, TransferEncoding.QUOTED_PRINTABLE, false),
    /** Base64 for HTML and plain text. */
    USE_BASE64("UseBase64", TransferEncoding.BASE64, TransferEncoding.BASE64, false),
    /** Quoted-printable for HTML and plain text, but 7bit for plain text when lines are wrapped. */
    USE_QP_HTML_DETECT_TEXT_PLAIN("UseQPHtmlDetectTextPlain", TransferEncoding.QUOTED_PRINTABLE,
        TransferEncoding.QUOTED_PRINTABLE, true),
    /** Base64 for HTML and plain text, but 7bit for plain text when lines are wrapped. */
    USE_BASE64_HTML_DETECT_TEXT_PLAIN("UseBase64HtmlDetectTextPlain", TransferEncoding.BASE64, TransferEncoding.BASE64,
        true),
    /** Quoted-printable for HTML, 7bit for plain text. */
    USE_QP_HTML_7BIT_TEXT_PLAIN("UseQPHtml7BitTextPlain", TransferEncoding.QUOTED_PRINTABLE,
        TransferEncoding.SEVEN_BIT, false),
    /** Base64 for HTML, 7bit for plain text. */
    USE_BASE64_HTML_7BIT_TEXT_PLAIN("UseBase64Html7BitTextPlain", TransferEncoding.BASE64, TransferEncoding.SEVEN_BIT,
        false),
    /** Not set: as in Exchange, quoted-printable for HTML and plain text. The default. */
    UNDEFINED("Undefined", TransferEncoding.QUOTED_PRINTABLE, TransferEncoding.QUOTED_PRINTABLE, false);

    public static final String SETTING = "ByteEncoderTypeFor7BitCharsets";

    private final String exchangeName;
    private final TransferEncoding html;
    private final TransferEncoding plainText;
    private final boolean sevenBitWhenWrapped;

    ByteEncoderTypeFor7BitCharsets(String exchangeName, TransferEncoding html, TransferEncoding plainText,
                                   boolean sevenBitWhenWrapped) {
        this.exchangeName = exchangeName;
        this.html = html;
        this.plainText = plainText;
        this.sevenBitWhenWrapped = sevenBitWhenWrapped;
    }

    @Override
    public String exchangeName() {
        return exchangeName;
    }

    /** The transfer encoding for {@code text/html} bodies. */
    @Override
    public TransferEncoding htmlEncoding() {
        return html;
    }

    /**
     * The transfer encoding for {@code text/plain} bodies.
     *
     * @param linesWrapped whether the remote domain wraps plain text ({@code LineWrapSize} 1-132)
     */
    @Override
    public TransferEncoding plainTextEncoding(boolean linesWrapped) {
        return linesWrapped && sevenBitWhenWrapped ? TransferEncoding.SEVEN_BIT : plainText;
    }

    /**
     * @param value one of the eight Exchange values, any case
     * @throws IllegalArgumentException naming the value and listing the eight allowed ones
     */
    public static ByteEncoderTypeFor7BitCharsets parse(String value) {
        return SettingValues.parseEnum(SETTING, values(), value);
    }

    /**
     * The encoding used where the preferred one cannot carry the content (8-bit bytes, NUL, lines over 998 octets
     * where 7bit was preferred): base64 for the base64 preferences, quoted-printable for the others.
     */
    @Override
    public TransferEncoding fallback() {
        return html == TransferEncoding.BASE64 ? TransferEncoding.BASE64 : TransferEncoding.QUOTED_PRINTABLE;
    }

    @Override
    public String toString() {
        return exchangeName;
    }
}
