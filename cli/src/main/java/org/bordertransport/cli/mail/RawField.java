package org.bordertransport.cli.mail;

import java.util.Optional;

import org.bordertransport.core.mail.HeaderField;

/**
 * One field of a header block exactly as it was read: all its lines, folding and line ends included, as
 * ISO-8859-1 text (one char per byte). A line that is not a field ({@code From } lines of mbox files, garbage) is
 * kept as an opaque entry so that it is written back unchanged.
 */
public final class RawField {
    private final String raw;
    private final String rawName;
    private final HeaderField field;
    private final String terminator;

    private RawField(String raw, String rawName, HeaderField field, String terminator) {
        this.raw = raw;
        this.rawName = rawName;
        this.field = field;
        this.terminator = terminator;
    }

    /** Parses the text of one field ({@code Name: value} with its continuation lines and final line end). */
    static RawField of(String raw) {
        String terminator = raw.endsWith("\r\n") ? "\r\n" : raw.endsWith("\n") ? "\n" : "";
        int colon = raw.indexOf(':');
        if (colon <= 0 || !isFieldName(raw.substring(0, colon).trim()) || isWhiteSpace(raw.charAt(0))) {
            return new RawField(raw, null, null, terminator);
        }
        String rawName = raw.substring(0, colon);
        String value = raw.substring(colon + 1, raw.length() - terminator.length());
        return new RawField(raw, rawName, new HeaderField(rawName.trim(), value), terminator);
    }

    /** RFC 5322 field-name: printable US-ASCII except colon (obs-field allows white space before the colon). */
    private static boolean isFieldName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 33 || c > 126) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWhiteSpace(char c) {
        return c == ' ' || c == '\t';
    }

    /** The bytes as read, one char per byte. */
    public String raw() {
        return raw;
    }

    /** The field, with its name (trimmed) and raw value (text after the colon, folding kept); empty when opaque. */
    public Optional<HeaderField> field() {
        return Optional.ofNullable(field);
    }

    /** The line end after the last line: CRLF, LF, or empty at the end of input. */
    public String terminator() {
        return terminator;
    }

    /**
     * The text of this field with a new value: the name exactly as written, a space after the colon unless the
     * value starts with white space, the line breaks of the value turned into {@code lineEnd}, then this field's own
     * terminator.
     *
     * @throws IllegalArgumentException when a line break in the value is not followed by white space: that would
     *     start a new header field
     */
    String withValue(String value, String lineEnd) {
        StringBuilder out = new StringBuilder(rawName.length() + value.length() + 4);
        out.append(rawName).append(':');
        if (value.isEmpty() || !isWhiteSpace(value.charAt(0))) {
            out.append(' ');
        }
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                int next = c == '\r' && i + 1 < value.length() && value.charAt(i + 1) == '\n' ? i + 2 : i + 1;
                if (next >= value.length() || !isWhiteSpace(value.charAt(next))) {
                    throw new IllegalArgumentException("the new value of " + field.name()
                        + " has a line break not followed by white space");
                }
                out.append(lineEnd);
                i = next;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.append(terminator).toString();
    }
}
