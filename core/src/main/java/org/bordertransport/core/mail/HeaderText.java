package org.bordertransport.core.mail;

/** Small helpers for raw header values. */
public final class HeaderText {
    private HeaderText() {
    }

    /** Removes folding (a line break followed by white space), keeping the white space (RFC 5322 2.2.3). */
    public static String unfold(String raw) {
        if (raw.indexOf('\r') < 0 && raw.indexOf('\n') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            int next = i + 1;
            if (c == '\r' && next < raw.length() && raw.charAt(next) == '\n') {
                next++;
            }
            boolean lineBreak = c == '\r' || c == '\n';
            if (lineBreak && next < raw.length() && (raw.charAt(next) == ' ' || raw.charAt(next) == '\t')) {
                i = next;
                continue;
            }
            if (!lineBreak) {
                out.append(c);
                i++;
            } else {
                // a bare line break not followed by white space: keep it so that callers can see it
                out.append(raw, i, next);
                i = next;
            }
        }
        return out.toString();
    }
}
