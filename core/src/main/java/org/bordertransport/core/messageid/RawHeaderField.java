package org.bordertransport.core.messageid;

import org.bordertransport.core.mail.HeaderField;

/** A header field as read, with its line ends: what precedes the value, the value, the final line end. */
final class RawHeaderField {
    private final StringBuilder raw;
    private HeaderField field;
    private boolean parsed;
    private int valueStart;
    private int valueEnd;

    RawHeaderField(String firstLine) {
        this.raw = new StringBuilder(firstLine);
    }

    /** The field as read, line ends included. */
    String text() {
        return raw.toString();
    }

    /** Characters read so far. */
    int length() {
        return raw.length();
    }

    void append(String continuation) {
        raw.append(continuation);
        parsed = false;
    }

    /** The field, or null for a line that is not one (no colon, no name). */
    HeaderField field() {
        if (!parsed) {
            parse();
        }
        return field;
    }

    String prefix() {
        field();
        return raw.substring(0, valueStart);
    }

    String lineEnd() {
        field();
        return raw.substring(valueEnd);
    }

    private void parse() {
        parsed = true;
        String text = raw.toString();
        int colon = text.indexOf(':');
        int firstLineEnd = text.indexOf('\n');
        if (colon <= 0 || firstLineEnd >= 0 && colon > firstLineEnd || text.substring(0, colon).trim().isEmpty()) {
            field = null;
            return;
        }
        valueEnd = text.length();
        if (valueEnd > 0 && text.charAt(valueEnd - 1) == '\n') {
            valueEnd--;
            if (valueEnd > 0 && text.charAt(valueEnd - 1) == '\r') {
                valueEnd--;
            }
        }
        valueStart = colon + 1;
        while (valueStart < valueEnd && " \t\r\n".indexOf(text.charAt(valueStart)) >= 0) {
            valueStart++;
        }
        field = new HeaderField(text.substring(0, colon).trim(), text.substring(valueStart, valueEnd));
    }
}
