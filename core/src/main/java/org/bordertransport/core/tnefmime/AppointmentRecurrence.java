package org.bordertransport.core.tnefmime;

import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bordertransport.core.tnefmime.CalendarBlob.MalformedException;

/**
 * The recurrence of a recurring appointment, read from PidLidAppointmentRecur: an AppointmentRecurrencePattern
 * ([MS-OXOCAL] 2.2.1.44.5) with its RecurrencePattern (2.2.1.44.1), ExceptionInfo (2.2.1.44.2) and
 * ExtendedException (2.2.1.44.3) blocks. All dates and times are local to the series' time zone.
 *
 * <p>Read: frequency, pattern type (day, week, month, month Nth, month end), period, first day of week, the pattern
 * type specific value (day-of-week mask, day of month, Nth), end type (date, count, never), the deleted and modified
 * instance dates, start and end offsets, and per exception its original start, new start and end, and subject and
 * location when overridden (the Unicode text of the extended exception when there, else the 8-bit text). Hijri and
 * other non-Gregorian patterns are refused.</p>
 *
 * <p>Limits: {@link CalendarBlob#MAX_OCTETS} octets, {@link #MAX_INSTANCE_DATES} deleted or modified dates,
 * {@link #MAX_EXCEPTIONS} exceptions, {@link #MAX_RESERVED_OCTETS} per reserved block; every length is checked
 * against the octets left. A malformed extended-exception block keeps the 8-bit text of the exceptions.</p>
 */
final class AppointmentRecurrence {
    static final int MAX_INSTANCE_DATES = 10_000;
    static final int MAX_EXCEPTIONS = 1_000;
    static final int MAX_RESERVED_OCTETS = 64 * 1024;

    static final int FREQUENCY_DAILY = 0x200A;
    static final int FREQUENCY_WEEKLY = 0x200B;
    static final int FREQUENCY_MONTHLY = 0x200C;
    static final int FREQUENCY_YEARLY = 0x200D;
    static final int PATTERN_DAY = 0x0000;
    static final int PATTERN_WEEK = 0x0001;
    static final int PATTERN_MONTH = 0x0002;
    static final int PATTERN_MONTH_NTH = 0x0003;
    static final int PATTERN_MONTH_END = 0x0004;
    static final int END_AFTER_DATE = 0x2021;
    static final int END_AFTER_COUNT = 0x2022;
    static final int END_NEVER = 0x2023;
    static final long END_NEVER_OLD = 0xFFFFFFFFL;

    static final int ARO_SUBJECT = 0x0001;
    static final int ARO_MEETINGTYPE = 0x0002;
    static final int ARO_REMINDERDELTA = 0x0004;
    static final int ARO_REMINDER = 0x0008;
    static final int ARO_LOCATION = 0x0010;
    static final int ARO_BUSYSTATUS = 0x0020;
    static final int ARO_ATTACHMENT = 0x0040;
    static final int ARO_SUBTYPE = 0x0080;
    static final int ARO_APPTCOLOR = 0x0100;

    private static final int READER_VERSION = 0x3004;
    private static final int READER_VERSION2 = 0x3006;
    private static final int WRITER_VERSION2_HIGHLIGHT = 0x3009;

    final int frequency;
    final int patternType;
    final int calendarType;
    final long period;
    /** Days of the week, bit 0 Sunday to bit 6 Saturday (week and month-Nth patterns). */
    final int dayMask;
    /** Day of the month (month pattern). */
    final int dayOfMonth;
    /** 1 to 4, 5 for the last (month-Nth pattern). */
    final int nth;
    final long endType;
    final long occurrenceCount;
    /** 0 Sunday to 6 Saturday. */
    final int firstDayOfWeek;
    final List<LocalDate> deletedDates;
    final List<LocalDate> modifiedDates;
    final LocalDate startDate;
    final LocalDate endDate;
    final int startOffsetMinutes;
    final int endOffsetMinutes;
    final List<Change> exceptions;

    /** One modified instance. */
    static final class Change {
        final LocalDateTime originalStart;
        final LocalDateTime start;
        final LocalDateTime end;
        final int flags;
        Optional<String> subject;
        Optional<String> location;

        Change(LocalDateTime originalStart, LocalDateTime start, LocalDateTime end, int flags,
               Optional<String> subject, Optional<String> location) {
            this.originalStart = originalStart;
            this.start = start;
            this.end = end;
            this.flags = flags;
            this.subject = subject;
            this.location = location;
        }
    }

    private AppointmentRecurrence(Reader r) {
        frequency = r.frequency;
        patternType = r.patternType;
        calendarType = r.calendarType;
        period = r.period;
        dayMask = r.dayMask;
        dayOfMonth = r.dayOfMonth;
        nth = r.nth;
        endType = r.endType;
        occurrenceCount = r.occurrenceCount;
        firstDayOfWeek = r.firstDayOfWeek;
        deletedDates = List.copyOf(r.deletedDates);
        modifiedDates = List.copyOf(r.modifiedDates);
        startDate = r.startDate;
        endDate = r.endDate;
        startOffsetMinutes = r.startOffset;
        endOffsetMinutes = r.endOffset;
        exceptions = List.copyOf(r.exceptions);
    }

    /**
     * @param value the PidLidAppointmentRecur value
     * @param eightBit the charset of the exceptions' 8-bit subject and location
     * @param notes gets a note when the extended exceptions are left out
     */
    static AppointmentRecurrence read(byte[] value, Charset eightBit, List<String> notes) throws MalformedException {
        Reader r = new Reader(new CalendarBlob(value, "recurrence pattern"), eightBit);
        r.pattern();
        r.appointment(notes);
        return new AppointmentRecurrence(r);
    }

    boolean endsByDate() {
        return endType == END_AFTER_DATE;
    }

    boolean endsByCount() {
        return endType == END_AFTER_COUNT;
    }

    /** Reads the fields in order. */
    private static final class Reader {
        private final CalendarBlob in;
        private final Charset eightBit;
        int frequency;
        int patternType;
        int calendarType;
        long period;
        int dayMask;
        int dayOfMonth;
        int nth;
        long endType;
        long occurrenceCount;
        int firstDayOfWeek;
        final List<LocalDate> deletedDates = new ArrayList<>();
        final List<LocalDate> modifiedDates = new ArrayList<>();
        LocalDate startDate;
        LocalDate endDate;
        int startOffset;
        int endOffset;
        final List<Change> exceptions = new ArrayList<>();

        Reader(CalendarBlob in, Charset eightBit) {
            this.in = in;
            this.eightBit = eightBit;
        }

        void pattern() throws MalformedException {
            int readerVersion = in.u16("ReaderVersion");
            if (readerVersion != READER_VERSION) {
                throw in.malformed(String.format("ReaderVersion is 0x%04X, not 0x%04X", readerVersion, READER_VERSION));
            }
            in.u16("WriterVersion");
            frequency = in.u16("RecurFrequency");
            if (frequency < FREQUENCY_DAILY || frequency > FREQUENCY_YEARLY) {
                throw in.malformed(String.format("RecurFrequency 0x%04X is unknown", frequency));
            }
            patternType = in.u16("PatternType");
            calendarType = in.u16("CalendarType");
            in.u32("FirstDateTime");
            period = in.u32("Period");
            in.u32("SlidingFlag");
            switch (patternType) {
                case PATTERN_DAY:
                case PATTERN_MONTH_END:
                    if (patternType == PATTERN_MONTH_END) {
                        in.u32("PatternTypeSpecific");
                    }
                    break;
                case PATTERN_WEEK:
                    dayMask = (int) in.u32("PatternTypeSpecific day mask");
                    break;
                case PATTERN_MONTH:
                    dayOfMonth = (int) Math.min(in.u32("PatternTypeSpecific day"), Integer.MAX_VALUE);
                    break;
                case PATTERN_MONTH_NTH:
                    dayMask = (int) in.u32("PatternTypeSpecific day mask");
                    nth = (int) Math.min(in.u32("PatternTypeSpecific N"), Integer.MAX_VALUE);
                    break;
                default:
                    throw in.malformed(String.format("PatternType 0x%04X is not supported (Hijri or unknown)",
                        patternType));
            }
            endType = in.u32("EndType");
            occurrenceCount = in.u32("OccurrenceCount");
            firstDayOfWeek = (int) Math.min(in.u32("FirstDOW"), 7);
            dates(deletedDates, "DeletedInstance");
            dates(modifiedDates, "ModifiedInstance");
            startDate = in.minutes("StartDate").toLocalDate();
            endDate = in.minutes("EndDate").toLocalDate();
        }

        private void dates(List<LocalDate> into, String name) throws MalformedException {
            long count = in.u32(name + "Count");
            if (count > MAX_INSTANCE_DATES) {
                throw in.malformed(name + "Count " + count + " is over the limit of " + MAX_INSTANCE_DATES);
            }
            for (long i = 0; i < count; i++) {
                into.add(in.minutes(name + "Dates").toLocalDate());
            }
        }

        void appointment(List<String> notes) throws MalformedException {
            long readerVersion2 = in.u32("ReaderVersion2");
            if (readerVersion2 != READER_VERSION2) {
                throw in.malformed(String.format("ReaderVersion2 is 0x%08X, not 0x%08X", readerVersion2,
                    READER_VERSION2));
            }
            long writerVersion2 = in.u32("WriterVersion2");
            startOffset = offset("StartTimeOffset");
            endOffset = offset("EndTimeOffset");
            int count = in.u16("ExceptionCount");
            if (count > MAX_EXCEPTIONS) {
                throw in.malformed("ExceptionCount " + count + " is over the limit of " + MAX_EXCEPTIONS);
            }
            for (int i = 0; i < count; i++) {
                exceptions.add(exceptionInfo(i));
            }
            reserved("ReservedBlock1");
            try {
                for (int i = 0; i < count; i++) {
                    extended(exceptions.get(i), i, writerVersion2 >= WRITER_VERSION2_HIGHLIGHT);
                }
            } catch (MalformedException e) {
                notes.add("exceptions' Unicode subject and location left out: " + e.getMessage());
            }
        }

        private int offset(String field) throws MalformedException {
            long minutes = in.u32(field);
            if (minutes > 31L * 24 * 60) {
                throw in.malformed(field + " " + minutes + " is over 31 days");
            }
            return (int) minutes;
        }

        private Change exceptionInfo(int i) throws MalformedException {
            String at = "ExceptionInfo " + i + " ";
            LocalDateTime start = in.minutes(at + "StartDateTime");
            LocalDateTime end = in.minutes(at + "EndDateTime");
            LocalDateTime original = in.minutes(at + "OriginalStartDate");
            int flags = in.u16(at + "OverrideFlags");
            Optional<String> subject = Optional.empty();
            Optional<String> location = Optional.empty();
            if ((flags & ARO_SUBJECT) != 0) {
                subject = Optional.of(text8(at + "Subject"));
            }
            skipIf(flags, ARO_MEETINGTYPE, at + "MeetingType");
            skipIf(flags, ARO_REMINDERDELTA, at + "ReminderDelta");
            skipIf(flags, ARO_REMINDER, at + "ReminderSet");
            if ((flags & ARO_LOCATION) != 0) {
                location = Optional.of(text8(at + "Location"));
            }
            skipIf(flags, ARO_BUSYSTATUS, at + "BusyStatus");
            skipIf(flags, ARO_ATTACHMENT, at + "Attachment");
            skipIf(flags, ARO_SUBTYPE, at + "SubType");
            skipIf(flags, ARO_APPTCOLOR, at + "AppointmentColor");
            return new Change(original, start, end, flags, subject, location);
        }

        private void skipIf(int flags, int flag, String field) throws MalformedException {
            if ((flags & flag) != 0) {
                in.skip(4, field);
            }
        }

        /** A length (the text's plus one), a second length (the text's), then the 8-bit text. */
        private String text8(String field) throws MalformedException {
            int length = in.u16(field + "Length");
            int length2 = in.u16(field + "Length2");
            if (length != length2 + 1) {
                throw in.malformed(field + "Length " + length + " is not " + field + "Length2 " + length2 + " + 1");
            }
            return in.string8(length2, eightBit, field);
        }

        private void reserved(String field) throws MalformedException {
            long size = in.u32(field + "Size");
            if (size > MAX_RESERVED_OCTETS) {
                throw in.malformed(field + "Size " + size + " is over the limit of " + MAX_RESERVED_OCTETS);
            }
            in.skip(size, field);
        }

        private void extended(Change c, int i, boolean highlight) throws MalformedException {
            String at = "ExtendedException " + i + " ";
            if (highlight) {
                reserved(at + "ChangeHighlight");
            }
            reserved(at + "ReservedBlockEE1");
            if ((c.flags & (ARO_SUBJECT | ARO_LOCATION)) == 0) {
                return;
            }
            in.skip(12, at + "StartDateTime, EndDateTime, OriginalStartDate");
            if ((c.flags & ARO_SUBJECT) != 0) {
                c.subject = Optional.of(in.utf16(in.u16(at + "WideCharSubjectLength"), at + "WideCharSubject"));
            }
            if ((c.flags & ARO_LOCATION) != 0) {
                c.location = Optional.of(in.utf16(in.u16(at + "WideCharLocationLength"), at + "WideCharLocation"));
            }
            reserved(at + "ReservedBlockEE2");
        }
    }
}
