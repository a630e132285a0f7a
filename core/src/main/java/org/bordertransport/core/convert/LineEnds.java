package org.bordertransport.core.convert;

/**
 * Line ends of decoded text made CRLF, as a MIME body needs them: one pass, and the text itself when it has no bare
 * CR or LF (a regular expression did this before, at several times the cost on a converted body).
 */
final class LineEnds {
    private LineEnds() {
    }

    /** {@code text} with every CRLF kept and every other CR and LF made CRLF. */
    static String crlf(String text) {
        int n = text.length();
        int bare = firstBare(text);
        if (bare < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(n + n / 32 + 16);
        out.append(text, 0, bare);
        for (int i = bare; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                out.append('\r').append('\n');
                if (i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c == '\n') {
                out.append('\r').append('\n');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Where the first CR or LF that is not part of a CRLF is, or -1. */
    private static int firstBare(String text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                return i;
            }
            if (c == '\r') {
                if (i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }
}
