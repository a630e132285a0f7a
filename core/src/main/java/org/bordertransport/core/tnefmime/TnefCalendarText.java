package org.bordertransport.core.tnefmime;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Text and id helpers of {@link TnefCalendar}: cleaning values, folding lines, global object ids. */
final class TnefCalendarText {
    static final int MAX_LINE_OCTETS = 75;

    private static final Pattern VCAL_UID = Pattern.compile("[\\x20-\\x7E]{1,1000}");
    private static final byte[] VCAL_MARKER = {'v', 'C', 'a', 'l', '-', 'U', 'i', 'd', 1, 0, 0, 0};
    private static final int GLOBAL_ID_DATA_OFFSET = 40;

    private TnefCalendarText() {
    }

    /** A global object id with its instance date (YH, YL, M, D at 16..19) zeroed, as in the clean id. */
    static byte[] cleared(byte[] id) {
        byte[] copy = id.clone();
        for (int i = 16; i < 20 && i < copy.length; i++) {
            copy[i] = 0;
        }
        return copy;
    }

    /** Whether a global object id names one instance of a series (its instance date, YH YL M D, is set). */
    static boolean hasInstanceDate(byte[] id) {
        for (int i = 16; i < 20 && i < id.length; i++) {
            if (id[i] != 0) {
                return true;
            }
        }
        return false;
    }

    /** The UID after a {@code vCal-Uid} marker at the start of the id's Data field, when printable ASCII. */
    static Optional<String> vcalUid(byte[] id) {
        if (id.length < GLOBAL_ID_DATA_OFFSET + VCAL_MARKER.length) {
            return Optional.empty();
        }
        long size = (id[36] & 0xFF) | (id[37] & 0xFF) << 8 | (id[38] & 0xFF) << 16 | (long) (id[39] & 0xFF) << 24;
        int dataEnd = (int) Math.min(id.length, GLOBAL_ID_DATA_OFFSET + size);
        for (int i = 0; i < VCAL_MARKER.length; i++) {
            if (GLOBAL_ID_DATA_OFFSET + i >= dataEnd || id[GLOBAL_ID_DATA_OFFSET + i] != VCAL_MARKER[i]) {
                return Optional.empty();
            }
        }
        int from = GLOBAL_ID_DATA_OFFSET + VCAL_MARKER.length;
        int to = from;
        while (to < dataEnd && id[to] != 0) {
            to++;
        }
        String uid = new String(id, from, to - from, StandardCharsets.US_ASCII);
        return VCAL_UID.matcher(uid).matches() ? Optional.of(uid) : Optional.empty();
    }

    static String hex(byte[] bytes) {
        StringBuilder b = new StringBuilder(bytes.length * 2);
        for (byte x : bytes) {
            b.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return b.toString().toUpperCase(Locale.ROOT);
    }

    /** At most {@code max} chars; CR LF and CR as LF; no controls but LF and TAB; lone surrogates as U+FFFD. */
    static String clean(String value, int max) {
        String s = value.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder b = new StringBuilder(Math.min(s.length(), max));
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                if (b.length() + 2 <= max) {
                    b.append(c).append(s.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                b.append('\uFFFD');
            } else if (c == '\n' || c == '\t' || c >= 0x20 && c != 0x7F && !(c >= 0x80 && c < 0xA0)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Unfolds ical4j's output (folded at 75 chars) and folds it again at 75 octets of UTF-8 (RFC 5545 3.1). */
    static String fold(String ical) {
        String unfolded = ical.replace("\r\n ", "").replace("\r\n\t", "");
        StringBuilder out = new StringBuilder(unfolded.length() + unfolded.length() / 40);
        for (String line : unfolded.split("\r\n")) {
            int octets = 0;
            for (int i = 0; i < line.length(); ) {
                int cp = line.codePointAt(i);
                int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                if (octets + size > MAX_LINE_OCTETS) {
                    out.append("\r\n ");
                    octets = 1;
                }
                out.appendCodePoint(cp);
                octets += size;
                i += Character.charCount(cp);
            }
            out.append("\r\n");
        }
        return out.toString();
    }
}
