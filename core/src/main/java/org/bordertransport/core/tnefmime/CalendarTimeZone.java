package org.bordertransport.core.tnefmime;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

import org.bordertransport.core.tnefmime.TimeZoneDefinition.Transition;

import net.fortuna.ical4j.model.DateTime;
import net.fortuna.ical4j.model.PropertyList;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.component.Daylight;
import net.fortuna.ical4j.model.component.Observance;
import net.fortuna.ical4j.model.component.Standard;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.TzId;
import net.fortuna.ical4j.model.property.TzOffsetFrom;
import net.fortuna.ical4j.model.property.TzOffsetTo;

/**
 * The VTIMEZONE (RFC 5545 3.6.5) of a {@link TimeZoneDefinition}, and local times in it: a STANDARD observance and,
 * with daylight saving, a DAYLIGHT one, each with a yearly RRULE (BYMONTH, BYDAY with the week, -1 for the last)
 * from its transition, starting in 1970 (a transition with a year set repeats on its day of the month). Local times
 * are turned into UTC by ical4j from this VTIMEZONE, so the output and its reading agree.
 */
final class CalendarTimeZone {
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final int FIRST_YEAR = 1970;
    private static final String[] DAYS = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};

    private final VTimeZone component;
    private final TimeZone zone;

    private CalendarTimeZone(VTimeZone component) {
        this.component = component;
        this.zone = new TimeZone(component);
    }

    static CalendarTimeZone of(TimeZoneDefinition definition) {
        ZoneOffset standard = offset(definition.standardBias);
        VTimeZone v = new VTimeZone();
        v.getProperties().add(new TzId(definition.name));
        if (!definition.hasDaylight()) {
            v.getObservances().add(observance(new Standard(), "19700101T000000", standard, standard, Optional.empty()));
            return new CalendarTimeZone(v);
        }
        ZoneOffset daylight = offset(definition.daylightBias);
        Transition toStandard = definition.toStandard.get();
        Transition toDaylight = definition.toDaylight.get();
        v.getObservances().add(observance(new Standard(), onset(toStandard), daylight, standard,
            Optional.of(rule(toStandard))));
        v.getObservances().add(observance(new Daylight(), onset(toDaylight), standard, daylight,
            Optional.of(rule(toDaylight))));
        return new CalendarTimeZone(v);
    }

    VTimeZone component() {
        return component;
    }

    TimeZone zone() {
        return zone;
    }

    String id() {
        return component.getTimeZoneId().getValue();
    }

    /**
     * {@code local} in this zone, written with its TZID. A time in the gap of a change to daylight time moves on by
     * the gap (ical4j's parser refuses it), as clients do.
     */
    DateTime at(LocalDateTime local) {
        long naive = local.toInstant(ZoneOffset.UTC).toEpochMilli();
        long guess = naive - zone.getOffset(naive - zone.getRawOffset());
        DateTime d = new DateTime(naive - zone.getOffset(guess));
        d.setTimeZone(zone);
        return d;
    }

    /** {@code local} in this zone, as UTC (RRULE UNTIL). */
    String utc(LocalDateTime local) {
        DateTime utc = new DateTime(at(local).getTime());
        utc.setUtc(true);
        return utc.toString();
    }

    private static Observance observance(Observance o, String start, ZoneOffset from, ZoneOffset to,
                                         Optional<String> rule) {
        PropertyList<net.fortuna.ical4j.model.Property> p = o.getProperties();
        try {
            p.add(new DtStart(start));
            if (rule.isPresent()) {
                p.add(new RRule(rule.get()));
            }
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("ical4j rejected observance " + start + " " + rule, e);
        }
        p.add(new TzOffsetFrom(from));
        p.add(new TzOffsetTo(to));
        return o;
    }

    /** The first change of the rule from {@value #FIRST_YEAR}, in local time before it. */
    static String onset(Transition t) {
        LocalDate day = LocalDate.of(FIRST_YEAR, t.month, 1);
        if (t.year != 0) {
            day = day.withDayOfMonth(Math.min(t.week, day.lengthOfMonth()));
        } else {
            DayOfWeek dow = DayOfWeek.of(t.dayOfWeek == 0 ? 7 : t.dayOfWeek);
            day = t.week >= 5 ? day.with(TemporalAdjusters.lastInMonth(dow))
                : day.with(TemporalAdjusters.dayOfWeekInMonth(t.week, dow));
        }
        return LOCAL.format(day.atTime(t.hour, t.minute, t.second));
    }

    static String rule(Transition t) {
        if (t.year != 0) {
            return "FREQ=YEARLY;BYMONTH=" + t.month + ";BYMONTHDAY=" + t.week;
        }
        return "FREQ=YEARLY;BYMONTH=" + t.month + ";BYDAY=" + (t.week >= 5 ? -1 : t.week) + DAYS[t.dayOfWeek];
    }

    static String day(int dayOfWeek) {
        return DAYS[dayOfWeek];
    }

    private static ZoneOffset offset(int bias) {
        return ZoneOffset.ofTotalSeconds(-bias * 60);
    }
}
