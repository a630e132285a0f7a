package org.bordertransport.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object on one line, in insertion order. Strings are escaped so that the line is pure ASCII: header
 * bytes are read as ISO-8859-1, so an 8-bit byte shows as a {@code \\u} escape of its ISO-8859-1 value.
 */
public final class Json {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    public static Json object() {
        return new Json();
    }

    /** @param value a String (or null), a Boolean or a Number */
    public Json put(String name, Object value) {
        if (value != null && !(value instanceof String) && !(value instanceof Boolean) && !(value instanceof Number)) {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass());
        }
        fields.put(name, value);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            quote(field.getKey(), out);
            out.append(':');
            Object value = field.getValue();
            if (value instanceof String) {
                quote((String) value, out);
            } else {
                out.append(value);
            }
        }
        return out.append('}').toString();
    }

    static void quote(String text, StringBuilder out) {
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
}
