package org.bordertransport.core.charset;

import java.io.IOException;

/**
 * Text that cannot be converted: a character the target charset cannot represent, malformed encoded input, or
 * input over a size limit. It is an {@link IOException} so that it can cross {@link java.io.Writer} and stream APIs.
 */
public class CharsetConversionException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long index;
    private final int codePoint;

    /** A failure at {@code index} (chars or bytes, as the message says) caused by {@code codePoint}, or -1 when none. */
    public CharsetConversionException(String message, long index, int codePoint) {
        super(message);
        this.index = index;
        this.codePoint = codePoint;
    }

    /** A failure with no single position (a size limit). */
    public CharsetConversionException(String message) {
        this(message, -1, -1);
    }

    static CharsetConversionException unmappable(int codePoint, long index, Iso2022JpVariant variant) {
        return new CharsetConversionException(String.format("%s at index %d cannot be encoded in %s (code page %d)",
            describe(codePoint), index, Iso2022JpVariant.MIME_CHARSET, variant.codePage()), index, codePoint);
    }

    static String describe(int codePoint) {
        return String.format("U+%04X", codePoint);
    }

    /** The char (encoding) or byte (decoding) offset of the failure from the start of the input, or -1. */
    public long index() {
        return index;
    }

    /** The code point that could not be encoded (a lone surrogate as itself), or -1. */
    public int codePoint() {
        return codePoint;
    }
}
