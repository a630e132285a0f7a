package org.bordertransport.core.convert;

import java.util.OptionalInt;

/**
 * Wraps plain text for remote domains with a {@code LineWrapSize}: lines longer than the size are broken at the last
 * space before it; a word longer than the size stays whole (it is never cut). Quoted lines ({@code > ...}) keep
 * their quote prefix on every continuation. Line ends become CRLF.
 *
 * <p>Size 0 means, as in Exchange, no wrapping at all; so does an empty size (Unlimited).</p>
 */
public final class LineWrapper {
    private LineWrapper() {
    }

    public static String wrap(String text, OptionalInt size) {
        String normalized = text.replace("\r\n", "\n").replace('\r', '\n');
        if (size.isEmpty() || size.getAsInt() == 0) {
            return normalized.replace("\n", "\r\n");
        }
        int width = size.getAsInt();
        StringBuilder out = new StringBuilder(normalized.length() + normalized.length() / width * 2 + 2);
        String[] lines = normalized.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append("\r\n");
            }
            wrapLine(lines[i], width, out);
        }
        return out.toString();
    }

    private static void wrapLine(String line, int width, StringBuilder out) {
        if (line.length() <= width) {
            out.append(line);
            return;
        }
        String prefix = quotePrefix(line);
        String rest = line.substring(prefix.length());
        int room = Math.max(1, width - prefix.length());
        boolean first = true;
        while (true) {
            if (!first) {
                out.append("\r\n");
            }
            out.append(prefix);
            if (rest.length() <= room) {
                out.append(rest);
                return;
            }
            int cut = rest.lastIndexOf(' ', room);
            if (cut <= 0) {
                cut = rest.indexOf(' ', room);
                if (cut < 0) {
                    out.append(rest);
                    return;
                }
            }
            out.append(rest, 0, cut);
            int next = cut;
            while (next < rest.length() && rest.charAt(next) == ' ') {
                next++;
            }
            rest = rest.substring(next);
            if (rest.isEmpty()) {
                return;
            }
            first = false;
        }
    }

    private static String quotePrefix(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == '>' || (line.charAt(i) == ' ' && i > 0 && line.charAt(i - 1) == '>'))) {
            i++;
        }
        return line.substring(0, i);
    }
}
