package org.bordertransport.core.encoding;

import java.util.Locale;

/**
 * What a leaf body part holds, as far as transfer encoding is concerned: {@code text/plain}, {@code text/html},
 * other line-oriented text ({@code text/*}, {@code message/delivery-status} ...) or anything else (binary data).
 */
public enum BodyKind {
    PLAIN_TEXT,
    HTML_TEXT,
    OTHER_TEXT,
    NON_TEXT;

    /** Whether line ends are canonicalised to CRLF when the part is encoded. */
    public boolean isText() {
        return this != NON_TEXT;
    }

    /**
     * Classifies a MIME type ({@code type/subtype}, parameters ignored, case-insensitive). An absent or blank type is
     * {@code text/plain} (RFC 2045 section 5.2).
     *
     * @throws IllegalArgumentException for composite types ({@code multipart/*}, {@code message/rfc822},
     *     {@code message/partial}, {@code message/external-body}, {@code message/global}), which must not be
     *     transfer-encoded (RFC 2045 section 6.4, RFC 6532 section 3.5): their parts are encoded instead
     */
    public static BodyKind of(String mimeType) {
        if (mimeType == null || mimeType.isBlank()) {
            return PLAIN_TEXT;
        }
        String type = mimeType;
        int semicolon = type.indexOf(';');
        if (semicolon >= 0) {
            type = type.substring(0, semicolon);
        }
        type = type.trim().toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/") || type.equals("message/rfc822") || type.equals("message/partial")
            || type.equals("message/external-body") || type.equals("message/global")) {
            throw new IllegalArgumentException("'" + type + "' is a composite type: its parts are transfer-encoded, "
                + "not the type itself");
        }
        if (type.equals("text/plain")) {
            return PLAIN_TEXT;
        }
        if (type.equals("text/html")) {
            return HTML_TEXT;
        }
        if (type.startsWith("text/") || type.startsWith("message/")) {
            return OTHER_TEXT;
        }
        return NON_TEXT;
    }
}
