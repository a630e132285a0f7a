package org.bordertransport.core.tnefmime;

import static org.bordertransport.core.tnefmime.TnefFixture.le16;
import static org.bordertransport.core.tnefmime.TnefFixture.le32;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes PidLidAppointmentRecur values (AppointmentRecurrencePattern, [MS-OXOCAL] 2.2.1.44.5) and time-zone
 * definitions (TZDEFINITION 2.2.1.41, TimeZoneStruct 2.2.1.39) field by field, as the spec lays them out.
 */
final class RecurrenceFixture {
    private RecurrenceFixture() {
    }

    static long minutes(LocalDateTime t) {
        return Duration.between(CalendarBlob.EPOCH_1601, t).toMinutes();
    }

    static long minutes(LocalDate d) {
        return minutes(d.atStartOfDay());
    }

    static byte[] hex(String hex) {
        byte[] b = new byte[hex.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    /** One modified instance. */
    static final class Change {
        final LocalDateTime original;
        final LocalDateTime start;
        final LocalDateTime end;
        final String subject;
        final String location;

        Change(LocalDateTime original, LocalDateTime start, LocalDateTime end, String subject, String location) {
            this.original = original;
            this.start = start;
            this.end = end;
            this.subject = subject;
            this.location = location;
        }
    }

    /** An AppointmentRecurrencePattern. */
    static final class Pattern {
        int frequency = AppointmentRecurrence.FREQUENCY_WEEKLY;
        int patternType = AppointmentRecurrence.PATTERN_WEEK;
        long period = 1;
        long[] specific = {0x02};
        long endType = AppointmentRecurrence.END_NEVER;
        long count = 10;
        int firstDow = 1;
        final List<LocalDate> deleted = new ArrayList<>();
        final List<LocalDate> modified = new ArrayList<>();
        LocalDate start = LocalDate.of(2024, 3, 18);
        LocalDate end = LocalDate.of(4500, 8, 31);
        int startOffset = 9 * 60;
        int endOffset = 10 * 60;
        long writerVersion2 = 0x3009;
        final List<Change> changes = new ArrayList<>();

        static Pattern weekly(int mask, int period) {
            Pattern p = new Pattern();
            p.specific = new long[] {mask};
            p.period = period;
            return p;
        }

        Pattern count(int n) {
            endType = AppointmentRecurrence.END_AFTER_COUNT;
            count = n;
            return this;
        }

        Pattern until(LocalDate last) {
            endType = AppointmentRecurrence.END_AFTER_DATE;
            end = last;
            return this;
        }

        Pattern starting(LocalDate day, int fromMinute, int toMinute) {
            start = day;
            startOffset = fromMinute;
            endOffset = toMinute;
            return this;
        }

        /** Deletes the occurrence of {@code day}. */
        Pattern delete(LocalDate day) {
            deleted.add(day);
            return this;
        }

        /** Moves the occurrence at {@code original}; subject and location may be null (not changed). */
        Pattern change(LocalDateTime original, LocalDateTime newStart, LocalDateTime newEnd, String subject,
                       String location) {
            deleted.add(original.toLocalDate());
            modified.add(newStart.toLocalDate());
            changes.add(new Change(original, newStart, newEnd, subject, location));
            return this;
        }

        byte[] build() {
            Out o = new Out();
            o.u16(0x3004).u16(0x3004).u16(frequency).u16(patternType).u16(0).u32(0).u32(period).u32(0);
            for (long s : specific) {
                o.u32(s);
            }
            o.u32(endType).u32(count).u32(firstDow);
            o.u32(deleted.size());
            deleted.stream().sorted().forEach(d -> o.u32(minutes(d)));
            o.u32(modified.size());
            modified.stream().sorted().forEach(d -> o.u32(minutes(d)));
            o.u32(minutes(start)).u32(minutes(end));
            o.u32(0x3006).u32(writerVersion2).u32(startOffset).u32(endOffset).u16(changes.size());
            for (Change c : changes) {
                int flags = (c.subject != null ? AppointmentRecurrence.ARO_SUBJECT : 0)
                    | (c.location != null ? AppointmentRecurrence.ARO_LOCATION : 0)
                    | AppointmentRecurrence.ARO_BUSYSTATUS;
                o.u32(minutes(c.start)).u32(minutes(c.end)).u32(minutes(c.original)).u16(flags);
                if (c.subject != null) {
                    o.text8(c.subject);
                }
                if (c.location != null) {
                    o.text8(c.location);
                }
                o.u32(2);
            }
            o.u32(0);
            for (Change c : changes) {
                if (writerVersion2 >= 0x3009) {
                    o.u32(4).u32(0);
                }
                o.u32(0);
                if (c.subject != null || c.location != null) {
                    o.u32(minutes(c.start)).u32(minutes(c.end)).u32(minutes(c.original));
                    if (c.subject != null) {
                        o.utf16(c.subject);
                    }
                    if (c.location != null) {
                        o.utf16(c.location);
                    }
                    o.u32(0);
                }
            }
            return o.u32(0).bytes();
        }
    }

    /** A yearly transition as a SYSTEMTIME: month, the week-th (5: last) day of week, hour. */
    static long[] on(int month, int dayOfWeek, int week, int hour) {
        return new long[] {0, month, dayOfWeek, week, hour, 0, 0, 0};
    }

    static final long[] NONE = new long[8];

    /** A TZRULE: flags, year, biases and the two transitions. */
    static byte[] rule(int flags, int year, int bias, int daylightBias, long[] standard, long[] daylight) {
        Out o = new Out();
        o.raw(new byte[] {2, 1}).u16(0x3E).u16(flags).u16(year).raw(new byte[14]).u32(bias).u32(0).u32(daylightBias);
        for (long v : standard) {
            o.u16((int) v);
        }
        for (long v : daylight) {
            o.u16((int) v);
        }
        return o.bytes();
    }

    static byte[] definition(String keyName, byte[]... rules) {
        Out o = new Out();
        o.raw(new byte[] {2, 1}).u16(6 + 2 * keyName.length()).u16(2).u16(keyName.length());
        o.raw(keyName.getBytes(StandardCharsets.UTF_16LE)).u16(rules.length);
        for (byte[] r : rules) {
            o.raw(r);
        }
        return o.bytes();
    }

    static byte[] struct(int bias, int daylightBias, long[] standard, long[] daylight) {
        Out o = new Out();
        o.u32(bias).u32(0).u32(daylightBias).u16(0);
        for (long v : standard) {
            o.u16((int) v);
        }
        o.u16(0);
        for (long v : daylight) {
            o.u16((int) v);
        }
        return o.bytes();
    }

    static final byte[] BERLIN = definition("W. Europe Standard Time",
        rule(0x3, 0, -60, -60, on(10, 0, 5, 3), on(3, 0, 5, 2)));
    static final byte[] EASTERN = definition("Eastern Standard Time",
        rule(0, 2000, 300, -60, on(10, 0, 5, 2), on(4, 0, 1, 2)),
        rule(0x2, 2007, 300, -60, on(11, 0, 1, 2), on(3, 0, 2, 2)));
    static final byte[] INDIA = definition("India Standard Time", rule(0x2, 0, -330, 0, NONE, NONE));

    /** Little-endian output. */
    static final class Out {
        private final ByteArrayOutputStream b = new ByteArrayOutputStream();

        Out raw(byte[] bytes) {
            b.write(bytes, 0, bytes.length);
            return this;
        }

        Out u16(int v) {
            return raw(le16(v));
        }

        Out u32(long v) {
            return raw(le32(v & 0xFFFFFFFFL));
        }

        Out text8(String s) {
            return u16(s.length() + 1).u16(s.length()).raw(s.getBytes(StandardCharsets.ISO_8859_1));
        }

        Out utf16(String s) {
            return u16(s.length()).raw(s.getBytes(StandardCharsets.UTF_16LE));
        }

        byte[] bytes() {
            return b.toByteArray();
        }
    }
}
