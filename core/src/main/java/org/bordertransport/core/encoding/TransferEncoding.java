package org.bordertransport.core.encoding;

import java.util.Locale;

/** A {@code Content-Transfer-Encoding} (RFC 2045 section 6). */
public enum TransferEncoding {
    SEVEN_BIT("7bit"),
    EIGHT_BIT("8bit"),
    BINARY("binary"),
    QUOTED_PRINTABLE("quoted-printable"),
    BASE64("base64"),
    /** Anything else ({@code x-uuencode}, misspellings): the content cannot be decoded. */
    UNKNOWN("");

    private final String token;

    TransferEncoding(String token) {
        this.token = token;
    }

    /** The header value, e.g. {@code quoted-printable}; empty for {@link #UNKNOWN}. */
    public String token() {
        return token;
    }

    /** Whether the encoded form is 7-bit by construction. */
    public boolean isSevenBitEncoding() {
        return this == QUOTED_PRINTABLE || this == BASE64;
    }

    /**
     * Reads a header value (case-insensitive, surrounding white space and a trailing comment ignored); an absent or
     * blank header means {@link #SEVEN_BIT} (RFC 2045 section 6.1), anything unrecognised {@link #UNKNOWN}.
     */
    public static TransferEncoding parse(String headerValue) {
        if (headerValue == null) {
            return SEVEN_BIT;
        }
        String value = headerValue;
        int comment = value.indexOf('(');
        if (comment >= 0) {
            value = value.substring(0, comment);
        }
        value = value.trim().toLowerCase(Locale.ROOT);
        if (value.isEmpty()) {
            return SEVEN_BIT;
        }
        for (TransferEncoding candidate : values()) {
            if (candidate != UNKNOWN && candidate.token.equals(value)) {
                return candidate;
            }
        }
        return UNKNOWN;
    }
}
