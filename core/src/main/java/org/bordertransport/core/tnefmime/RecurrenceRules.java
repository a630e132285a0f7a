package org.bordertransport.core.tnefmime;

import java.text.ParseException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bordertransport.core.tnefmime.AppointmentRecurrence.Change;
import org.bordertransport.core.tnefmime.CalendarBlob.MalformedException;

import net.fortuna.ical4j.model.Date;
import net.fortuna.ical4j.model.DateList;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.ExDate;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.RecurrenceId;

/**
 * The iCalendar form of an {@link AppointmentRecurrence} in its time zone: DTSTART/DTEND of the first occurrence
 * (StartDate with the start and end offsets) with TZID, the RRULE, EXDATE for the deleted instances (those deleted,
 * not modified), and per exception its RECURRENCE-ID (the original start), its start and end, and its subject and
 * location when changed. All-day series use dates and no time zone.
 *
 * <table>
 *   <caption>RRULE by pattern</caption>
 *   <tr><th>Pattern</th><th>RRULE</th></tr>
 *   <tr><td>day, period in minutes</td><td>FREQ=DAILY;INTERVAL=period/1440</td></tr>
 *   <tr><td>week (also "every weekday")</td><td>FREQ=WEEKLY;INTERVAL;BYDAY=mask</td></tr>
 *   <tr><td>month, day d</td><td>FREQ=MONTHLY;INTERVAL;BYMONTHDAY=d (29, 30: the last day when the month is
 *       shorter, BYMONTHDAY=28..d;BYSETPOS=-1; 31: BYMONTHDAY=-1)</td></tr>
 *   <tr><td>month Nth</td><td>FREQ=MONTHLY;BYDAY=N day (several days: BYDAY=days;BYSETPOS=N), the 5th: -1</td></tr>
 *   <tr><td>month end</td><td>FREQ=MONTHLY;BYMONTHDAY=-1</td></tr>
 *   <tr><td>yearly (period 12 × n)</td><td>as monthly with FREQ=YEARLY;INTERVAL=n;BYMONTH=StartDate's month</td></tr>
 * </table>
 * <p>End: COUNT (after N), UNTIL in UTC at the last occurrence's start (end date), none (never). WKST from
 * FirstDOW.</p>
 */
final class RecurrenceRules {
    static final long MAX_COUNT = 10_000;
    static final long MAX_PERIOD = 99 * 12;
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    /** The master's times and rules, and the overridden instances. */
    static final class Series {
        final Optional<CalendarTimeZone> zone;
        final DtStart start;
        final DtEnd end;
        final RRule rule;
        final Optional<ExDate> exDates;
        final List<Instance> instances;

        Series(Optional<CalendarTimeZone> zone, DtStart start, DtEnd end, RRule rule, Optional<ExDate> exDates,
               List<Instance> instances) {
            this.zone = zone;
            this.start = start;
            this.end = end;
            this.rule = rule;
            this.exDates = exDates;
            this.instances = List.copyOf(instances);
        }
    }

    /** One modified occurrence. */
    static final class Instance {
        final RecurrenceId id;
        final DtStart start;
        final DtEnd end;
        final Optional<String> subject;
        final Optional<String> location;

        Instance(RecurrenceId id, DtStart start, DtEnd end, Optional<String> subject, Optional<String> location) {
            this.id = id;
            this.start = start;
            this.end = end;
            this.subject = subject;
            this.location = location;
        }
    }

    private final AppointmentRecurrence r;
    private final Optional<CalendarTimeZone> zone;

    private RecurrenceRules(AppointmentRecurrence r, Optional<CalendarTimeZone> zone) {
        this.r = r;
        this.zone = zone;
    }

    /**
     * @param zone the series' time zone; ignored for an all-day series
     * @throws MalformedException a pattern iCalendar cannot express, or values out of range
     */
    static Series of(AppointmentRecurrence r, TimeZoneDefinition zone, boolean allDay) throws MalformedException {
        return new RecurrenceRules(r, allDay ? Optional.empty() : Optional.of(CalendarTimeZone.of(zone))).build();
    }

    private Series build() throws MalformedException {
        if (r.endOffsetMinutes < r.startOffsetMinutes) {
            throw malformed("EndTimeOffset " + r.endOffsetMinutes + " is before StartTimeOffset "
                + r.startOffsetMinutes);
        }
        LocalDateTime first = r.startDate.atStartOfDay().plusMinutes(r.startOffsetMinutes);
        LocalDateTime firstEnd = r.startDate.atStartOfDay().plusMinutes(r.endOffsetMinutes);
        RRule rule;
        try {
            rule = new RRule(new Recur(rule()));
        } catch (ParseException | IllegalArgumentException e) {
            throw malformed("gives no valid RRULE: " + e.getMessage());
        }
        Set<LocalDate> modified = new HashSet<>();
        List<Instance> instances = new ArrayList<>();
        for (Change c : r.exceptions) {
            modified.add(c.originalStart.toLocalDate());
            if (c.end.isBefore(c.start)) {
                throw malformed("exception at " + c.originalStart + " ends before it starts");
            }
            instances.add(new Instance(new RecurrenceId(time(c.originalStart)), new DtStart(time(c.start)),
                new DtEnd(end(c.start, c.end)), c.subject, c.location));
        }
        DateList exDates = zone.isPresent() ? new DateList(Value.DATE_TIME, timeZone()) : new DateList(Value.DATE);
        for (LocalDate d : r.deletedDates) {
            if (!modified.contains(d)) {
                exDates.add(time(d.atStartOfDay().plusMinutes(r.startOffsetMinutes)));
            }
        }
        Optional<ExDate> ex = Optional.empty();
        if (!exDates.isEmpty()) {
            ExDate e = new ExDate(exDates);
            zone.ifPresent(z -> e.setTimeZone(timeZone()));
            ex = Optional.of(e);
        }
        return new Series(zone, new DtStart(time(first)), new DtEnd(end(first, firstEnd)), rule, ex, instances);
    }

    private net.fortuna.ical4j.model.TimeZone timeZone() {
        return zone.get().zone();
    }

    /** A start: in the zone, or the day of an all-day series. */
    private Date time(LocalDateTime local) {
        return zone.isPresent() ? zone.get().at(local) : date(local.toLocalDate());
    }

    /** An end: in the zone, or for all-day the day after the last one (at least one day after the start). */
    private Date end(LocalDateTime start, LocalDateTime end) {
        if (zone.isPresent()) {
            return zone.get().at(end);
        }
        LocalDate last = end.toLocalTime().equals(LocalTime.MIDNIGHT) ? end.toLocalDate()
            : end.toLocalDate().plusDays(1);
        return date(last.isAfter(start.toLocalDate()) ? last : start.toLocalDate().plusDays(1));
    }

    private static Date date(LocalDate day) {
        try {
            return new Date(DATE.format(day));
        } catch (ParseException e) {
            throw new IllegalStateException("ical4j rejected date " + day, e);
        }
    }

    /** The RRULE value. */
    String rule() throws MalformedException {
        if (r.calendarType != 0 && r.calendarType != 1 && r.calendarType != 2
            && (r.calendarType < 9 || r.calendarType > 12)) {
            throw malformed("CalendarType " + r.calendarType + " is not Gregorian");
        }
        StringBuilder b = new StringBuilder();
        boolean yearly = r.frequency == AppointmentRecurrence.FREQUENCY_YEARLY;
        switch (r.patternType) {
            case AppointmentRecurrence.PATTERN_DAY:
                if (r.period == 0 || r.period % 1440 != 0 || r.period / 1440 > MAX_PERIOD) {
                    throw malformed("daily Period " + r.period + " is not a whole number of days up to " + MAX_PERIOD);
                }
                b.append("FREQ=DAILY;INTERVAL=").append(r.period / 1440);
                break;
            case AppointmentRecurrence.PATTERN_WEEK:
                b.append("FREQ=WEEKLY;INTERVAL=").append(period(1)).append(";BYDAY=").append(days());
                break;
            case AppointmentRecurrence.PATTERN_MONTH:
            case AppointmentRecurrence.PATTERN_MONTH_NTH:
            case AppointmentRecurrence.PATTERN_MONTH_END:
                if (yearly) {
                    b.append("FREQ=YEARLY;INTERVAL=").append(period(12)).append(";BYMONTH=")
                        .append(r.startDate.getMonthValue());
                } else {
                    b.append("FREQ=MONTHLY;INTERVAL=").append(period(1));
                }
                b.append(monthly());
                break;
            default:
                throw malformed(String.format("PatternType 0x%04X is not supported", r.patternType));
        }
        if (r.endsByCount()) {
            if (r.occurrenceCount < 1 || r.occurrenceCount > MAX_COUNT) {
                throw malformed("OccurrenceCount " + r.occurrenceCount + " is not within 1.." + MAX_COUNT);
            }
            b.append(";COUNT=").append(r.occurrenceCount);
        } else if (r.endsByDate()) {
            if (r.endDate.isBefore(r.startDate)) {
                throw malformed("EndDate " + r.endDate + " is before StartDate " + r.startDate);
            }
            b.append(";UNTIL=").append(zone.isPresent()
                ? zone.get().utc(r.endDate.atStartOfDay().plusMinutes(r.startOffsetMinutes))
                : DATE.format(r.endDate));
        } else if (r.endType != AppointmentRecurrence.END_NEVER && r.endType != AppointmentRecurrence.END_NEVER_OLD) {
            throw malformed(String.format("EndType 0x%08X is unknown", r.endType));
        }
        if (r.firstDayOfWeek > 6) {
            throw malformed("FirstDOW " + r.firstDayOfWeek + " is no day of the week");
        }
        return b.append(";WKST=").append(CalendarTimeZone.day(r.firstDayOfWeek)).toString();
    }

    private long period(int unit) throws MalformedException {
        if (r.period == 0 || r.period % unit != 0 || r.period / unit > MAX_PERIOD) {
            throw malformed("Period " + r.period + " is not a multiple of " + unit + " up to " + MAX_PERIOD * unit);
        }
        return r.period / unit;
    }

    private String monthly() throws MalformedException {
        switch (r.patternType) {
            case AppointmentRecurrence.PATTERN_MONTH:
                int d = r.dayOfMonth;
                if (d < 1 || d > 31) {
                    throw malformed("day of month " + d + " is not within 1..31");
                }
                if (d <= 28) {
                    return ";BYMONTHDAY=" + d;
                }
                if (d == 31) {
                    return ";BYMONTHDAY=-1";
                }
                return d == 29 ? ";BYMONTHDAY=28,29;BYSETPOS=-1" : ";BYMONTHDAY=28,29,30;BYSETPOS=-1";
            case AppointmentRecurrence.PATTERN_MONTH_NTH:
                if (r.nth < 1 || r.nth > 5) {
                    throw malformed("N " + r.nth + " is not within 1..5");
                }
                int position = r.nth == 5 ? -1 : r.nth;
                String days = days();
                return days.contains(",") ? ";BYDAY=" + days + ";BYSETPOS=" + position : ";BYDAY=" + position + days;
            default:
                return ";BYMONTHDAY=-1";
        }
    }

    private String days() throws MalformedException {
        if ((r.dayMask & 0x7F) == 0 || (r.dayMask & ~0x7F) != 0) {
            throw malformed(String.format("day mask 0x%08X names no day or unknown bits", r.dayMask));
        }
        StringBuilder b = new StringBuilder();
        for (int day = 0; day < 7; day++) {
            if ((r.dayMask & (1 << day)) != 0) {
                b.append(b.length() == 0 ? "" : ",").append(CalendarTimeZone.day(day));
            }
        }
        return b.toString();
    }

    private static MalformedException malformed(String message) {
        return new MalformedException("recurrence pattern " + message);
    }
}
