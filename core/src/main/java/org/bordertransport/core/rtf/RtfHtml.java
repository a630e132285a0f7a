package org.bordertransport.core.rtf;

import java.util.Locale;

import org.bordertransport.core.mail.HtmlEscape;

/** HTML escaping, clean text, and the link targets rendered HTML may hold. */
final class RtfHtml {
    static final int MAX_URL = 2048;

    private RtfHtml() {
    }

    /** {@code & < > "} as character references, other chars as they are. */
    static String escape(String value) {
        return HtmlEscape.escape(value);
    }

    static void escape(char c, StringBuilder out) {
        HtmlEscape.escape(c, out);
    }

    /** Without control chars (TAB kept) and non-characters; unpaired surrogates as U+FFFD. */
    static String clean(String value) {
        StringBuilder b = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length()
                && Character.isLowSurrogate(value.charAt(i + 1));
            boolean bad = c < 0x20 && c != '\t' || c >= 0x7F && c < 0xA0 || c == '\uFFFE' || c == '\uFFFF'
                || Character.isSurrogate(c) && !pair;
            if (pair) {
                if (b != null) {
                    b.append(c).append(value.charAt(i + 1));
                }
                i++;
                continue;
            }
            if (bad && b == null) {
                b = new StringBuilder(value.length());
                b.append(value, 0, i);
            }
            if (b != null && bad) {
                if (Character.isSurrogate(c)) {
                    b.append('\uFFFD');
                }
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? value : b.toString();
    }

    /**
     * The target of a {@code HYPERLINK} field instruction when it is an {@code http}, {@code https} or
     * {@code mailto} URL (spaces percent-encoded), else null: local bookmarks ({@code \l}), other schemes
     * ({@code javascript:}, {@code file:}) and relative targets are not links.
     */
    static String hyperlink(String instruction) {
        String s = instruction.trim();
        if (!s.regionMatches(true, 0, "HYPERLINK", 0, 9)) {
            return null;
        }
        s = s.substring(9).trim();
        String target;
        if (s.startsWith("\"")) {
            int end = s.indexOf('"', 1);
            target = end < 0 ? s.substring(1) : s.substring(1, end);
        } else {
            int end = 0;
            while (end < s.length() && !Character.isWhitespace(s.charAt(end))) {
                end++;
            }
            target = s.substring(0, end);
        }
        target = target.trim();
        String lower = target.toLowerCase(Locale.ROOT);
        if (target.length() > MAX_URL || !(lower.startsWith("http://") || lower.startsWith("https://")
            || lower.startsWith("mailto:")) || target.length() <= 7) {
            return null;
        }
        StringBuilder b = new StringBuilder(target.length());
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == ' ') {
                b.append("%20");
            } else if (c < 0x20 || c == 0x7F || c == '<' || c == '>' || c == '"' || c == '\\') {
                return null;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
