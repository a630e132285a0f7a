package org.bordertransport.core.charset;

import java.util.Base64;

/**
 * Writes a header value as RFC 2047 "B" encoded-words in ISO-2022-JP, as RFC 1468 asks for Japanese headers:
 * {@code =?ISO-2022-JP?B?...?=}. Each encoded-word starts in ASCII and returns to ASCII, so it decodes on its own;
 * words are at most 75 characters, folded with CRLF SP so that no line exceeds 76 characters, and are never split
 * inside a character, a surrogate pair, an escape sequence or (for 50220) a half-width katakana and its voiced mark.
 * {@link Iso2022JpVariant#CP50220} is the variant RFC 1468 allows in headers.
 */
public final class EncodedWords {
    /** RFC 2047 section 2. */
    public static final int MAX_ENCODED_WORD_LENGTH = 75;
    /** RFC 2047 section 2, for lines holding encoded-words. */
    public static final int MAX_LINE_LENGTH = 76;
    /** Longest header value accepted, in characters. */
    public static final int MAX_VALUE_LENGTH = 16 * 1024;

    private static final String PREFIX = "=?" + Iso2022JpVariant.MIME_CHARSET + "?B?";
    private static final String SUFFIX = "?=";
    private static final String FOLD = "\r\n ";

    private EncodedWords() {
    }

    /**
     * Encodes the whole value (unfolded, without CR or LF) as a sequence of encoded-words separated by CRLF SP.
     *
     * @param usedOnFirstLine characters already on the first line, such as {@code "Subject: ".length()}; when too
     *     few remain for a word, the result starts with CRLF SP
     * @throws CharsetConversionException naming the first character that cannot be encoded, a line break, or a value
     *     over {@link #MAX_VALUE_LENGTH}
     * @throws IllegalArgumentException when {@code usedOnFirstLine} is negative or over {@link #MAX_LINE_LENGTH}
     */
    public static String encode(String value, Iso2022JpEncoder encoder, int usedOnFirstLine) throws CharsetConversionException {
        if (usedOnFirstLine < 0 || usedOnFirstLine > MAX_LINE_LENGTH) {
            throw new IllegalArgumentException("usedOnFirstLine must be 0-" + MAX_LINE_LENGTH + ", got " + usedOnFirstLine);
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new CharsetConversionException("header value of " + value.length() + " characters exceeds the limit of "
                + MAX_VALUE_LENGTH);
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == '\r' || value.charAt(i) == '\n') {
                throw new CharsetConversionException("header value contains a line break at index " + i + ": unfold it first",
                    i, value.charAt(i));
            }
        }
        encoder.encode(value);
        if (value.isEmpty()) {
            return "";
        }
        StringBuilder result = new StringBuilder(value.length() * 4 + 32);
        int lineRoom = MAX_LINE_LENGTH - usedOnFirstLine;
        int start = 0;
        while (start < value.length()) {
            int budget = payloadBudget(Math.min(MAX_ENCODED_WORD_LENGTH, lineRoom));
            int end = start;
            byte[] payload = new byte[0];
            while (end < value.length()) {
                int next = nextBoundary(value, end, encoder.variant());
                byte[] candidate = encoder.encode(value.subSequence(start, next));
                if (candidate.length > budget) {
                    break;
                }
                payload = candidate;
                end = next;
            }
            if (end == start) {
                if (lineRoom == MAX_LINE_LENGTH - 1) {
                    throw new IllegalStateException("a single character cannot exceed an encoded-word");
                }
                result.append(FOLD);
                lineRoom = MAX_LINE_LENGTH - 1;
                continue;
            }
            if (start > 0) {
                result.append(FOLD);
            }
            result.append(PREFIX).append(Base64.getEncoder().encodeToString(payload)).append(SUFFIX);
            lineRoom = MAX_LINE_LENGTH - 1;
            start = end;
        }
        return result.toString();
    }

    /** The most bytes whose base64 form fits in an encoded-word of {@code wordLength} characters. */
    private static int payloadBudget(int wordLength) {
        int base64Chars = wordLength - PREFIX.length() - SUFFIX.length();
        return base64Chars < 4 ? 0 : base64Chars / 4 * 3;
    }

    /** The end of the unit starting at {@code index}: a char, a surrogate pair, or (50220) a kana and its mark. */
    private static int nextBoundary(String value, int index, Iso2022JpVariant variant) {
        int next = index + 1;
        if (next < value.length() && Character.isHighSurrogate(value.charAt(index)) && Character.isLowSurrogate(value.charAt(next))) {
            return next + 1;
        }
        if (variant == Iso2022JpVariant.CP50220 && Iso2022JpTables.isHalfwidthKana(value.charAt(index)) && next < value.length()
            && (value.charAt(next) == '\uFF9E' || value.charAt(next) == '\uFF9F')) {
            return next + 1;
        }
        return next;
    }
}
