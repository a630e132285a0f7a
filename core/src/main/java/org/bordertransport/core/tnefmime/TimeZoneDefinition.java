package org.bordertransport.core.tnefmime;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.bordertransport.core.tnefmime.CalendarBlob.MalformedException;

/**
 * The time zone of a recurring appointment: a name and the one rule in force (the bias of standard time from UTC,
 * the daylight bias, and the yearly transitions between them). Read from a TZDEFINITION
 * (PidLidAppointmentTimeZoneDefinitionRecur or ...StartDisplay, [MS-OXOCAL] 2.2.1.41, with TZRULEs 2.2.1.41.1:
 * the rule marked TZRULE_FLAG_EFFECTIVE_TZREG, else the last one starting at or before the series' year) or from a
 * PidLidTimeZoneStruct (2.2.1.39) with PidLidTimeZoneDescription as its name. Biases are in minutes, UTC = local +
 * bias. Limits: {@link #MAX_RULES} rules, {@link #MAX_NAME_CHARS} characters of name, offsets within ±18 hours.
 * Immutable.
 */
final class TimeZoneDefinition {
    static final int MAX_RULES = 1000;
    static final int MAX_NAME_CHARS = 256;
    static final int TZRULE_FLAG_EFFECTIVE_TZREG = 0x0002;
    private static final int MAX_OFFSET_MINUTES = 18 * 60;

    final String name;
    /** Minutes: UTC = local standard time + standardBias. */
    final int standardBias;
    /** Minutes: UTC = local daylight time + daylightBias. */
    final int daylightBias;
    /** The change to standard time; empty without daylight saving. */
    final Optional<Transition> toStandard;
    /** The change to daylight time; empty without daylight saving. */
    final Optional<Transition> toDaylight;

    /**
     * A yearly change, as a SYSTEMTIME: in month {@code month}, the {@code week}-th (5: the last) {@code dayOfWeek}
     * (0 Sunday) at the local time before the change; with {@code year} set, on day {@code week} of the month.
     */
    static final class Transition {
        final int year;
        final int month;
        final int dayOfWeek;
        final int week;
        final int hour;
        final int minute;
        final int second;

        Transition(int year, int month, int dayOfWeek, int week, int hour, int minute, int second) {
            this.year = year;
            this.month = month;
            this.dayOfWeek = dayOfWeek;
            this.week = week;
            this.hour = hour;
            this.minute = minute;
            this.second = second;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Transition)) {
                return false;
            }
            Transition t = (Transition) o;
            return year == t.year && month == t.month && dayOfWeek == t.dayOfWeek && week == t.week && hour == t.hour
                && minute == t.minute && second == t.second;
        }

        @Override
        public int hashCode() {
            return Objects.hash(year, month, dayOfWeek, week, hour, minute, second);
        }
    }

    TimeZoneDefinition(String name, int standardBias, int daylightBias, Optional<Transition> toStandard,
                       Optional<Transition> toDaylight) {
        this.name = name;
        this.standardBias = standardBias;
        this.daylightBias = daylightBias;
        this.toStandard = toStandard;
        this.toDaylight = toDaylight;
    }

    /** A zone at a fixed offset east of UTC, named like {@code UTC+01:00}. */
    static TimeZoneDefinition fixed(int offsetMinutes) {
        int abs = Math.abs(offsetMinutes);
        String name = String.format("UTC%s%02d:%02d", offsetMinutes < 0 ? "-" : "+", abs / 60, abs % 60);
        return new TimeZoneDefinition(name, -offsetMinutes, -offsetMinutes, Optional.empty(), Optional.empty());
    }

    boolean hasDaylight() {
        return toStandard.isPresent();
    }

    /** Same offsets and transitions (names aside). */
    boolean sameRule(TimeZoneDefinition other) {
        return standardBias == other.standardBias && (!hasDaylight() && !other.hasDaylight()
            || daylightBias == other.daylightBias && toStandard.equals(other.toStandard)
            && toDaylight.equals(other.toDaylight));
    }

    /**
     * @param value a TZDEFINITION
     * @param year the year whose rule is wanted when none is marked effective
     */
    static TimeZoneDefinition readDefinition(byte[] value, int year) throws MalformedException {
        CalendarBlob in = new CalendarBlob(value, "time zone definition");
        int major = in.u8("MajorVersion");
        int minor = in.u8("MinorVersion");
        if (major != 2 || minor < 1) {
            throw in.malformed("version " + major + "." + minor + " is not 2.1 or later");
        }
        int header = in.u16("cbHeader");
        int rulesAt = in.position() + header;
        in.u16("Reserved");
        int chars = in.u16("cchKeyName");
        if (chars > MAX_NAME_CHARS) {
            throw in.malformed("cchKeyName " + chars + " is over the limit of " + MAX_NAME_CHARS);
        }
        String name = in.utf16(chars, "KeyName");
        int count = in.u16("cRules");
        if (in.position() > rulesAt) {
            throw in.malformed("cbHeader " + header + " is shorter than its fields");
        }
        in.skip(rulesAt - in.position(), "header");
        if (count == 0 || count > MAX_RULES) {
            throw in.malformed("cRules " + count + " is not within 1.." + MAX_RULES);
        }
        List<TimeZoneDefinition> rules = new ArrayList<>();
        List<Integer> years = new ArrayList<>();
        int effective = -1;
        for (int i = 0; i < count; i++) {
            String at = "TZRULE " + i + " ";
            in.u8(at + "MajorVersion");
            in.u8(at + "MinorVersion");
            in.u16(at + "Reserved");
            int flags = in.u16(at + "TZRuleFlags");
            years.add(in.u16(at + "wYear"));
            in.skip(14, at + "X");
            rules.add(rule(in, name, at));
            if ((flags & TZRULE_FLAG_EFFECTIVE_TZREG) != 0 && effective < 0) {
                effective = i;
            }
        }
        if (effective >= 0) {
            return rules.get(effective);
        }
        int chosen = 0;
        for (int i = 0; i < count; i++) {
            if (years.get(i) <= year && years.get(i) >= years.get(chosen)) {
                chosen = i;
            }
        }
        return rules.get(chosen);
    }

    /** @param name PidLidTimeZoneDescription, if any */
    static TimeZoneDefinition readStruct(byte[] value, Optional<String> name) throws MalformedException {
        CalendarBlob in = new CalendarBlob(value, "time zone struct");
        int bias = in.s32("lBias");
        int standardBias = in.s32("lStandardBias");
        int daylightBias = in.s32("lDaylightBias");
        in.u16("wStandardYear");
        Transition standard = transition(in, "stStandardDate");
        in.u16("wDaylightYear");
        Transition daylight = transition(in, "stDaylightDate");
        TimeZoneDefinition fromOffsets = of(in, "", bias, standardBias, daylightBias, standard, daylight);
        String n = name.map(TimeZoneDefinition::cleanName).filter(s -> !s.isEmpty())
            .orElse(fixed(-fromOffsets.standardBias).name);
        return new TimeZoneDefinition(n, fromOffsets.standardBias, fromOffsets.daylightBias, fromOffsets.toStandard,
            fromOffsets.toDaylight);
    }

    private static TimeZoneDefinition rule(CalendarBlob in, String name, String at) throws MalformedException {
        int bias = in.s32(at + "lBias");
        int standardBias = in.s32(at + "lStandardBias");
        int daylightBias = in.s32(at + "lDaylightBias");
        Transition standard = transition(in, at + "stStandardDate");
        Transition daylight = transition(in, at + "stDaylightDate");
        return of(in, name, bias, standardBias, daylightBias, standard, daylight);
    }

    private static TimeZoneDefinition of(CalendarBlob in, String name, int bias, int standardBias, int daylightBias,
                                         Transition standard, Transition daylight) throws MalformedException {
        long std = (long) bias + standardBias;
        long dst = (long) bias + daylightBias;
        if (Math.abs(std) > MAX_OFFSET_MINUTES || Math.abs(dst) > MAX_OFFSET_MINUTES) {
            throw in.malformed("bias " + bias + " with " + standardBias + "/" + daylightBias + " is beyond 18 hours");
        }
        boolean daylightSaving = standard.month != 0 && daylight.month != 0 && std != dst;
        String n = cleanName(name);
        return new TimeZoneDefinition(n.isEmpty() ? fixed((int) -std).name : n, (int) std, (int) dst,
            daylightSaving ? Optional.of(standard) : Optional.empty(),
            daylightSaving ? Optional.of(daylight) : Optional.empty());
    }

    private static Transition transition(CalendarBlob in, String field) throws MalformedException {
        int year = in.u16(field + " wYear");
        int month = in.u16(field + " wMonth");
        int dayOfWeek = in.u16(field + " wDayOfWeek");
        int day = in.u16(field + " wDay");
        int hour = in.u16(field + " wHour");
        int minute = in.u16(field + " wMinute");
        int second = in.u16(field + " wSecond");
        in.u16(field + " wMilliseconds");
        if (month == 0) {
            return new Transition(0, 0, 0, 0, 0, 0, 0);
        }
        if (month > 12 || dayOfWeek > 6 || day < 1 || day > (year == 0 ? 5 : 31) || hour > 23 || minute > 59
            || second > 59) {
            throw in.malformed(field + " " + year + "-" + month + " day " + day + " weekday " + dayOfWeek + " "
                + hour + ":" + minute + ":" + second + " is no transition");
        }
        return new Transition(year, month, dayOfWeek, day, hour, minute, second);
    }

    /** Printable characters only, no quotes, at most {@link #MAX_NAME_CHARS}. */
    static String cleanName(String name) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < name.length() && b.length() < MAX_NAME_CHARS; i++) {
            char c = name.charAt(i);
            if (c >= 0x20 && c != 0x7F && c != '"' && !Character.isSurrogate(c) && !(c >= 0x80 && c < 0xA0)) {
                b.append(c);
            }
        }
        return b.toString().trim();
    }
}
