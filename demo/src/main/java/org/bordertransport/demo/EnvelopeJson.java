package org.bordertransport.demo;

import java.time.Instant;
import java.util.List;

/** The sink's envelope file: {@code {"mailFrom":"...","rcptTo":["..."],"receivedAt":"..."}}, UTF-8, one line. */
final class EnvelopeJson {
    private EnvelopeJson() {
    }

    static String write(String mailFrom, List<String> rcptTo, Instant receivedAt) {
        StringBuilder json = new StringBuilder(64 + 32 * rcptTo.size());
        json.append("{\"mailFrom\":");
        string(json, mailFrom);
        json.append(",\"rcptTo\":[");
        for (int i = 0; i < rcptTo.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            string(json, rcptTo.get(i));
        }
        json.append("],\"receivedAt\":");
        string(json, receivedAt.toString());
        return json.append("}\n").toString();
    }

    /** A JSON string (RFC 8259): quotes, backslash and control characters escaped; other characters as they are. */
    static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
