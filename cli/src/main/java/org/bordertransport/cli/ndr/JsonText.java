package org.bordertransport.cli.ndr;

import java.util.List;

/**
 * A JSON text with arrays, written in order on one line ({@link org.bordertransport.cli.Json} has no arrays).
 * Strings are escaped to pure ASCII as {@code Json} does.
 */
final class JsonText {
    private final StringBuilder out = new StringBuilder();
    private boolean first = true;

    JsonText open(char bracket) {
        separate();
        out.append(bracket);
        first = true;
        return this;
    }

    JsonText close(char bracket) {
        out.append(bracket);
        first = false;
        return this;
    }

    JsonText name(String name) {
        separate();
        quote(name);
        out.append(':');
        first = true;
        return this;
    }

    JsonText string(String value) {
        separate();
        if (value == null) {
            out.append("null");
        } else {
            quote(value);
        }
        first = false;
        return this;
    }

    JsonText strings(List<String> values) {
        open('[');
        for (String value : values) {
            string(value);
        }
        return close(']');
    }

    JsonText raw(String literal) {
        separate();
        out.append(literal);
        first = false;
        return this;
    }

    private void separate() {
        if (!first) {
            out.append(',');
        }
    }

    private void quote(String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
