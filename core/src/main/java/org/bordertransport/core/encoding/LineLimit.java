package org.bordertransport.core.encoding;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.bordertransport.core.mail.HeaderText;

/**
 * Line-length rules of RFC 5322 section 2.1.1: lines of at most {@value #MAX_LINE_OCTETS} octets (without CRLF),
 * preferably at most {@value #PREFERRED_LINE_OCTETS}. Finds long lines in a stream and folds header values.
 */
public final class LineLimit {
    public static final int MAX_LINE_OCTETS = ContentScan.MAX_LINE_OCTETS;
    public static final int PREFERRED_LINE_OCTETS = 78;
    /** Longest header value {@link #fold} accepts, in characters. */
    public static final int MAX_VALUE_CHARS = 65_536;

    private LineLimit() {
    }

    /**
     * The number (from 1) of the first line longer than {@code maxOctets} (CRLF, CR and LF end lines), or 0 if there
     * is none. Reads {@code in} up to that line or to its end; does not close it.
     */
    public static long firstLineLongerThan(InputStream in, int maxOctets) throws IOException {
        if (maxOctets < 0) {
            throw new IllegalArgumentException("maxOctets must be 0 or more, got " + maxOctets);
        }
        byte[] buffer = new byte[8192];
        long line = 1;
        long length = 0;
        boolean afterCr = false;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (b == '\n' && afterCr) {
                    afterCr = false;
                    continue;
                }
                afterCr = b == '\r';
                if (b == '\r' || b == '\n') {
                    line++;
                    length = 0;
                } else if (++length > maxOctets) {
                    return line;
                }
            }
        }
        return 0;
    }

    /**
     * Folds a header value so that, with {@code "Name: "} in front, its lines are at most
     * {@value #PREFERRED_LINE_OCTETS} octets where possible and never more than {@value #MAX_LINE_OCTETS}.
     *
     * <p>The value is unfolded first. Lines are broken before existing white space (always allowed: unfolding gives
     * the same value back, RFC 5322 section 2.2.3) and, for a structured header, also after a comma or semicolon
     * outside quoted strings, comments, angle brackets and domain literals, where a space is inserted (CFWS is allowed
     * there). A continuation line never consists of white space only. Encoded-words are never split.</p>
     *
     * @return the folded value, lines separated by CRLF, without the name
     * @throws EncodingException the value is over {@value #MAX_VALUE_CHARS} characters, or a run without any folding
     *     point does not fit in {@value #MAX_LINE_OCTETS} octets
     */
    public static String fold(String headerName, String value, boolean structured) throws EncodingException {
        Objects.requireNonNull(headerName, "headerName");
        Objects.requireNonNull(value, "value");
        if (value.length() > MAX_VALUE_CHARS) {
            throw new EncodingException("header " + headerName + ": value of " + value.length()
                + " characters is over the limit of " + MAX_VALUE_CHARS);
        }
        String unfolded = HeaderText.unfold(value).trim();
        List<String> segments = segments(unfolded, structured);
        StringBuilder out = new StringBuilder(unfolded.length() + 16);
        int lineOctets = utf8Length(headerName) + 2;
        boolean lineHasText = false;
        for (String segment : segments) {
            int length = utf8Length(segment);
            if (lineHasText && lineOctets + length > PREFERRED_LINE_OCTETS) {
                out.append("\r\n");
                lineOctets = 0;
                if (segment.charAt(0) != ' ' && segment.charAt(0) != '\t') {
                    segment = " " + segment;
                    length++;
                }
            }
            if (lineOctets + length > MAX_LINE_OCTETS) {
                throw new EncodingException("header " + headerName + ": cannot fold a run of " + length
                    + " octets without a folding point into lines of at most " + MAX_LINE_OCTETS + " octets");
            }
            out.append(segment);
            lineOctets += length;
            lineHasText = true;
        }
        return out.toString();
    }

    /** Splits into pieces that each start at a folding point (except the first). */
    private static List<String> segments(String value, boolean structured) {
        List<String> segments = new ArrayList<>();
        int start = 0;
        int depth = 0;
        boolean quoted = false;
        boolean angle = false;
        boolean literal = false;
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t') {
                int wsEnd = i;
                while (wsEnd < value.length() && (value.charAt(wsEnd) == ' ' || value.charAt(wsEnd) == '\t')) {
                    wsEnd++;
                }
                if (wsEnd < value.length() && i > start) {
                    segments.add(value.substring(start, i));
                    start = i;
                }
                i = wsEnd;
                continue;
            }
            if (c == '\\' && (quoted || depth > 0)) {
                i += 2;
                continue;
            }
            if (quoted) {
                quoted = c != '"';
            } else if (c == '"' && depth == 0) {
                quoted = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0 && c == '<') {
                angle = true;
            } else if (depth == 0 && c == '>') {
                angle = false;
            } else if (depth == 0 && c == '[') {
                literal = true;
            } else if (depth == 0 && c == ']') {
                literal = false;
            } else if (structured && depth == 0 && !angle && !literal && (c == ',' || c == ';')) {
                int next = i + 1;
                if (next < value.length() && value.charAt(next) != ' ' && value.charAt(next) != '\t') {
                    segments.add(value.substring(start, next));
                    start = next;
                }
            }
            i++;
        }
        if (start < value.length()) {
            segments.add(value.substring(start));
        }
        return segments;
    }

    static int utf8Length(String s) {
        int ascii = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 0x80) {
                ascii++;
            } else {
                return s.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return ascii;
    }
}
