package org.bordertransport.core.charset;

/**
 * The three Windows flavours of ISO-2022-JP, as chosen by Exchange's {@code PreferredInternetCodePageForShiftJis}.
 * They share the CP932 character repertoire and differ only in how half-width katakana (U+FF61..U+FF9F) are
 * written; every variant is labelled {@code ISO-2022-JP} in MIME, as Windows and Exchange do.
 */
public enum Iso2022JpVariant {
    /** Code page 50220: half-width katakana become full-width (RFC 1468 proper, never {@code ESC ( I}). */
    CP50220(50220),
    /** Code page 50221, "allow 1 byte kana": half-width katakana in JIS X 0201 via {@code ESC ( I}. */
    CP50221(50221),
    /** Code page 50222: half-width katakana between SO ({@code 0x0E}) and SI ({@code 0x0F}). */
    CP50222(50222);

    /** The MIME charset label used for every variant. */
    public static final String MIME_CHARSET = "ISO-2022-JP";

    private final int codePage;

    Iso2022JpVariant(int codePage) {
        this.codePage = codePage;
    }

    public int codePage() {
        return codePage;
    }

    /**
     * Reads the value of a setting such as {@code PreferredInternetCodePageForShiftJis}.
     *
     * @throws IllegalArgumentException naming the value and the allowed values 50220, 50221, 50222
     */
    public static Iso2022JpVariant fromCodePage(String value) {
        String trimmed = value == null ? "" : value.trim();
        for (Iso2022JpVariant variant : values()) {
            if (Integer.toString(variant.codePage).equals(trimmed)) {
                return variant;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not an ISO-2022-JP code page: allowed values are 50220, 50221, 50222");
    }
}
