package org.bordertransport.cli.tnef;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON object that may nest objects and arrays, written on one line in insertion order and pure ASCII (the same
 * escaping as {@link org.bordertransport.cli.Json}, which only holds flat objects).
 */
final class JsonTree {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private JsonTree() {
    }

    static JsonTree object() {
        return new JsonTree();
    }

    /**
     * @param value a String (or null), a Boolean, a Number, a {@link JsonTree} or a List of those
     */
    JsonTree put(String name, Object value) {
        check(value);
        fields.put(name, value instanceof List ? Collections.unmodifiableList(new ArrayList<>((List<?>) value))
            : value);
        return this;
    }

    private static void check(Object value) {
        if (value instanceof List) {
            for (Object element : (List<?>) value) {
                check(element);
            }
        } else if (value != null && !(value instanceof String) && !(value instanceof Boolean)
            && !(value instanceof Number) && !(value instanceof JsonTree)) {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass());
        }
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        write(this, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value instanceof JsonTree) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> field : ((JsonTree) value).fields.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                quote(field.getKey(), out);
                out.append(':');
                write(field.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List) {
            out.append('[');
            boolean first = true;
            for (Object element : (List<?>) value) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(element, out);
            }
            out.append(']');
        } else if (value instanceof String) {
            quote((String) value, out);
        } else {
            out.append(value);
        }
    }

    private static void quote(String text, StringBuilder out) {
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
