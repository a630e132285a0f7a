package org.bordertransport.cli.tnef;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * File names for attachments written to disk: one path segment that is safe on Linux, macOS and Windows, whatever the
 * TNEF said.
 *
 * <ul>
 *   <li>only the last segment after {@code /} or {@code \} is kept ({@code ../../etc/passwd} becomes
 *   {@code passwd}, {@code C:\x\y.txt} becomes {@code y.txt});</li>
 *   <li>control characters (C0, DEL, C1, line and paragraph separators), bidirectional controls, unpaired
 *   surrogates and {@code < > : " | ? *} become {@code _};</li>
 *   <li>leading dots and spaces (hidden files, {@code ..}) and trailing dots and spaces are removed;</li>
 *   <li>Windows device names ({@code CON}, {@code nul.txt}, {@code COM1}...) get a leading {@code _};</li>
 *   <li>the name is cut to {@value #MAX_BYTES} UTF-8 bytes, keeping a short extension;</li>
 *   <li>a name left empty is replaced by the fallback.</li>
 * </ul>
 */
final class SafeNames {
    /** UTF-8 bytes of a name, leaving room for a {@code " (NNNN)"} suffix below the usual 255-byte limit. */
    static final int MAX_BYTES = 200;

    private static final int MAX_EXTENSION = 16;
    private static final Set<String> DEVICES = Set.of("CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private SafeNames() {
    }

    /**
     * @param name what the TNEF calls the file
     * @param fallback the name to use when nothing of {@code name} is left (itself made safe)
     */
    static String sanitise(String name, String fallback) {
        String safe = clean(name);
        if (safe.isEmpty()) {
            safe = clean(fallback);
        }
        if (safe.isEmpty()) {
            throw new IllegalArgumentException("fallback name '" + fallback + "' is empty once made safe");
        }
        return safe;
    }

    /** {@code name (n).ext}: the n-th file of the same name (n from 2). */
    static String numbered(String name, int n) {
        int dot = name.lastIndexOf('.');
        String suffix = " (" + n + ")";
        return dot > 0 ? name.substring(0, dot) + suffix + name.substring(dot) : name + suffix;
    }

    private static String clean(String name) {
        String segment = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder out = new StringBuilder(segment.length());
        for (int i = 0; i < segment.length(); ) {
            int c = segment.codePointAt(i);
            i += Character.charCount(c);
            if (forbidden(c)) {
                out.append('_');
            } else {
                out.appendCodePoint(c);
            }
        }
        String safe = trim(out.toString());
        safe = trim(shorten(safe));
        String base = safe.contains(".") ? safe.substring(0, safe.indexOf('.')) : safe;
        if (DEVICES.contains(base.trim().toUpperCase(Locale.ROOT))) {
            safe = "_" + safe;
        }
        return safe;
    }

    private static boolean forbidden(int c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029
            || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
            || (c <= 0xFFFF && Character.isSurrogate((char) c))
            || "<>:\"|?*/\\".indexOf(c) >= 0;
    }

    /** Without leading dots and spaces, nor trailing ones. */
    private static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && dotOrSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && dotOrSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean dotOrSpace(char c) {
        return c == '.' || Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static String shorten(String s) {
        if (utf8Length(s) <= MAX_BYTES) {
            return s;
        }
        int dot = s.lastIndexOf('.');
        String extension = dot > 0 && s.length() - dot <= MAX_EXTENSION ? s.substring(dot) : "";
        String stem = s.substring(0, s.length() - extension.length());
        int budget = MAX_BYTES - utf8Length(extension);
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int i = 0; i < stem.length(); ) {
            int c = stem.codePointAt(i);
            int bytes = utf8Length(new String(Character.toChars(c)));
            if (used + bytes > budget) {
                break;
            }
            out.appendCodePoint(c);
            used += bytes;
            i += Character.charCount(c);
        }
        return trim(out.toString()) + extension;
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
