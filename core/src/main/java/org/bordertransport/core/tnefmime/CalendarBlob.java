package org.bordertransport.core.tnefmime;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;

/**
 * A little-endian reader over one calendar property value (a recurrence pattern, a time-zone definition) that checks
 * every read against the octets left, for {@link AppointmentRecurrence} and {@link TimeZoneDefinition}.
 */
final class CalendarBlob {
    /** Longest calendar property value read (longer ones are refused). */
    static final int MAX_OCTETS = 1024 * 1024;
    /** Minutes since 1601-01-01 00:00 (local time) count from here. */
    static final LocalDateTime EPOCH_1601 = LocalDateTime.of(1601, 1, 1, 0, 0);

    private final byte[] b;
    private final String what;
    private int pos;

    /** A value that breaks a rule or a limit of its layout, or that iCalendar cannot express. */
    static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message);
        }
    }

    CalendarBlob(byte[] value, String what) throws MalformedException {
        if (value.length > MAX_OCTETS) {
            throw new MalformedException(what + " of " + value.length + " octets is over the limit of " + MAX_OCTETS);
        }
        this.b = value;
        this.what = what;
    }

    int position() {
        return pos;
    }

    void skip(long count, String field) throws MalformedException {
        if (count < 0 || count > b.length - pos) {
            throw new MalformedException(what + " " + field + " needs " + count + " octets at offset " + pos
                + " but only " + (b.length - pos) + " remain");
        }
        pos += (int) count;
    }

    int u8(String field) throws MalformedException {
        int at = pos;
        skip(1, field);
        return b[at] & 0xFF;
    }

    int u16(String field) throws MalformedException {
        int at = pos;
        skip(2, field);
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    long u32(String field) throws MalformedException {
        int at = pos;
        skip(4, field);
        return ((b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24)
            & 0xFFFFFFFFL;
    }

    int s32(String field) throws MalformedException {
        return (int) u32(field);
    }

    /** A local time stored as minutes since 1601-01-01. */
    LocalDateTime minutes(String field) throws MalformedException {
        return EPOCH_1601.plusMinutes(u32(field));
    }

    /** {@code octets} of 8-bit text in {@code charset}, up to its first NUL. */
    String string8(int octets, Charset charset, String field) throws MalformedException {
        int at = pos;
        skip(octets, field);
        return upToNul(new String(b, at, octets, charset));
    }

    /** {@code chars} UTF-16LE code units, up to the first NUL. */
    String utf16(int chars, String field) throws MalformedException {
        int at = pos;
        skip(2L * chars, field);
        return upToNul(new String(b, at, 2 * chars, StandardCharsets.UTF_16LE));
    }

    MalformedException malformed(String message) {
        return new MalformedException(what + " " + message);
    }

    private static String upToNul(String s) {
        int nul = s.indexOf('\0');
        return nul >= 0 ? s.substring(0, nul) : s;
    }
}
