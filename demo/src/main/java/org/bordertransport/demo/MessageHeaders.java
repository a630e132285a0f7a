package org.bordertransport.demo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads the header section of a stored message (unfolded), enough to show and check Message-IDs. */
public final class MessageHeaders {
    private final List<String[]> fields;

    private MessageHeaders(List<String[]> fields) {
        this.fields = fields;
    }

    /** Parses the header fields, up to the first empty line; lines that are not fields are skipped. */
    public static MessageHeaders parse(byte[] message) {
        String text = new String(message, StandardCharsets.UTF_8);
        List<String[]> fields = new ArrayList<>();
        StringBuilder current = null;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            String line = end < 0 ? text.substring(start) : text.substring(start, end);
            start = end < 0 ? text.length() : end + 1;
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
                current.append(line);
                continue;
            }
            add(fields, current);
            current = new StringBuilder(line);
        }
        add(fields, current);
        return new MessageHeaders(fields);
    }

    /** Values of every field with this name (case-insensitive), unfolded and trimmed. */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (String[] field : fields) {
            if (field[0].equalsIgnoreCase(name)) {
                values.add(field[1]);
            }
        }
        return values;
    }

    public Optional<String> first(String name) {
        List<String> values = all(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Field names in order, for diagnostics. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (String[] field : fields) {
            names.add(field[0].toLowerCase(Locale.ROOT));
        }
        return names;
    }

    private static void add(List<String[]> fields, StringBuilder field) {
        if (field == null) {
            return;
        }
        int colon = field.indexOf(":");
        if (colon > 0) {
            fields.add(new String[] {field.substring(0, colon).trim(), field.substring(colon + 1).trim()});
        }
    }
}
