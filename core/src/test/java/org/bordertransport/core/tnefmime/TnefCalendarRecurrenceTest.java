package org.bordertransport.core.tnefmime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.core.tnefmime.RecurrenceFixture.BERLIN;
import static org.bordertransport.core.tnefmime.RecurrenceFixture.EASTERN;
import static org.bordertransport.core.tnefmime.RecurrenceFixture.INDIA;
import static org.bordertransport.core.tnefmime.RecurrenceFixture.hex;
import static org.bordertransport.core.tnefmime.TnefCalendarFixture.globalObjectId;
import static org.bordertransport.core.tnefmime.TnefCalendarFixture.tnef;
import static org.bordertransport.core.tnefmime.TnefCalendarTest.calendar;

import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.bordertransport.core.tnefmime.RecurrenceFixture.Pattern;
import org.bordertransport.core.tnefmime.TnefCalendarFixture.Props;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.DateTime;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;

/**
 * Recurring meetings end to end: TNEF with PidLidAppointmentRecur and a time zone in, iCalendar out, read back with
 * ical4j and expanded; the occurrences are compared in local time of the real zone the definition describes.
 */
class TnefCalendarRecurrenceTest {
    static final ZoneId BERLIN_ZONE = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** A meeting request's properties for the series {@code pattern}, {@code zone} a TZDEFINITION (or null). */
    static Props series(Pattern pattern, byte[] zone, ZoneId real) {
        Instant start = pattern.start.atStartOfDay().plusMinutes(pattern.startOffset).atZone(real).toInstant();
        Instant end = pattern.start.atStartOfDay().plusMinutes(pattern.endOffset).atZone(real).toInstant();
        Props p = Props.props().systime(TnefCalendar.START_WHOLE, start).systime(TnefCalendar.END_WHOLE, end)
            .unicode(TnefCalendar.LOCATION, "Room 1").int32(TnefCalendar.APPOINTMENT_SEQUENCE, 3)
            .unicode(TnefCalendar.PR_SENT_REPRESENTING_NAME, "Alice")
            .unicode(TnefCalendar.PR_SENT_REPRESENTING_EMAIL_ADDRESS, "alice@example.com")
            .systime(TnefCalendar.PR_CLIENT_SUBMIT_TIME, Instant.parse("2024-01-02T09:00:00Z"))
            .binary(TnefCalendar.CLEAN_GLOBAL_OBJECT_ID, globalObjectId(0, 0, 0, new byte[] {1, 2, 3, 4}))
            .bool(TnefCalendarRecurrence.RECURRING, true).binary(TnefCalendarRecurrence.RECUR, pattern.build());
        if (zone != null) {
            p.binary(TnefCalendarRecurrence.TIME_ZONE_RECUR, zone);
        }
        return p;
    }

    static TnefCalendar request(Props props) throws Exception {
        return calendar(tnef("IPM.Schedule.Meeting.Request", "Sync", props, null));
    }

    static Calendar parsed(TnefCalendar c) throws Exception {
        Calendar calendar = new CalendarBuilder().build(new StringReader(c.text()));
        calendar.validate();
        return calendar;
    }

    static VEvent master(Calendar calendar) {
        return calendar.getComponents(Component.VEVENT).stream().map(VEvent.class::cast)
            .filter(e -> e.getRecurrenceId() == null).findFirst().orElseThrow();
    }

    /** The starts of the series' occurrences from 2000 to 2100 (at most {@code max}), local in {@code zone}. */
    static List<LocalDateTime> occurrences(TnefCalendar c, ZoneId zone, int max) throws Exception {
        VEvent event = master(parsed(c));
        Period window = new Period(new DateTime(Instant.parse("2000-01-01T00:00:00Z").toEpochMilli()),
            new DateTime(Instant.parse("2100-01-01T00:00:00Z").toEpochMilli()));
        return event.calculateRecurrenceSet(window).stream().limit(max)
            .map(p -> LocalDateTime.ofInstant(Instant.ofEpochMilli(p.getStart().getTime()), zone))
            .collect(Collectors.toList());
    }

    static List<String> lines(TnefCalendar c) {
        return List.of(c.text().replace("\r\n ", "").split("\r\n"));
    }

    static LocalDateTime at(int y, int m, int d, int hour, int minute) {
        return LocalDateTime.of(y, m, d, hour, minute);
    }

    @Nested
    class Patterns {
        @Test
        void weeklyMondayAndWednesdayEveryTwoWeeksTenTimesInBerlin() throws Exception {
            Pattern p = Pattern.weekly(0x02 | 0x08, 2).count(10).starting(LocalDate.of(2024, 3, 18), 9 * 60, 10 * 60);
            TnefCalendar c = request(series(p, BERLIN, BERLIN_ZONE));
            assertThat(c.notes()).isEmpty();
            assertThat(lines(c)).contains("BEGIN:VTIMEZONE", "TZID:W. Europe Standard Time",
                "DTSTART;TZID=W. Europe Standard Time:20240318T090000",
                "DTEND;TZID=W. Europe Standard Time:20240318T100000",
                "RRULE:FREQ=WEEKLY;WKST=MO;COUNT=10;INTERVAL=2;BYDAY=MO,WE", "SEQUENCE:3", "METHOD:REQUEST");
            assertThat(occurrences(c, BERLIN_ZONE, 100)).containsExactly(at(2024, 3, 18, 9, 0),
                at(2024, 3, 20, 9, 0), at(2024, 4, 1, 9, 0), at(2024, 4, 3, 9, 0), at(2024, 4, 15, 9, 0),
                at(2024, 4, 17, 9, 0), at(2024, 4, 29, 9, 0), at(2024, 5, 1, 9, 0), at(2024, 5, 13, 9, 0),
                at(2024, 5, 15, 9, 0));
        }

        @Test
        void monthlySecondTuesdayUntilADateInUsEastern() throws Exception {
            Pattern p = new Pattern();
            p.frequency = AppointmentRecurrence.FREQUENCY_MONTHLY;
            p.patternType = AppointmentRecurrence.PATTERN_MONTH_NTH;
            p.specific = new long[] {0x04, 2};
            p.starting(LocalDate.of(2024, 1, 9), 14 * 60 + 30, 15 * 60 + 30).until(LocalDate.of(2024, 6, 11));
            TnefCalendar c = request(series(p, EASTERN, NEW_YORK));
            assertThat(c.notes()).isEmpty();
            assertThat(lines(c)).contains("RRULE:FREQ=MONTHLY;WKST=MO;UNTIL=20240611T183000Z;INTERVAL=1;BYDAY=2TU");
            assertThat(occurrences(c, NEW_YORK, 100)).containsExactly(at(2024, 1, 9, 14, 30), at(2024, 2, 13, 14, 30),
                at(2024, 3, 12, 14, 30), at(2024, 4, 9, 14, 30), at(2024, 5, 14, 14, 30), at(2024, 6, 11, 14, 30));
        }

        @Test
        void lastWeekdayOfTheMonthUsesBySetPos() throws Exception {
            Pattern p = new Pattern();
            p.frequency = AppointmentRecurrence.FREQUENCY_MONTHLY;
            p.patternType = AppointmentRecurrence.PATTERN_MONTH_NTH;
            p.specific = new long[] {0x3E, 5};
            p.starting(LocalDate.of(2024, 1, 31), 8 * 60, 9 * 60).count(3);
            TnefCalendar c = request(series(p, BERLIN, BERLIN_ZONE));
            assertThat(lines(c)).anyMatch(l -> l.startsWith("RRULE:") && l.contains("BYDAY=MO,TU,WE,TH,FR")
                && l.contains("BYSETPOS=-1"));
            assertThat(occurrences(c, BERLIN_ZONE, 100)).containsExactly(at(2024, 1, 31, 8, 0), at(2024, 2, 29, 8, 0),
                at(2024, 3, 29, 8, 0));
        }

        @Test
        void yearlyWithoutEndInAZoneWithoutDaylightSaving() throws Exception {
            Pattern p = new Pattern();
            p.frequency = AppointmentRecurrence.FREQUENCY_YEARLY;
            p.patternType = AppointmentRecurrence.PATTERN_MONTH;
            p.period = 12;
            p.specific = new long[] {15};
            p.starting(LocalDate.of(2024, 3, 15), 11 * 60, 12 * 60);
            ZoneId kolkata = ZoneId.of("Asia/Kolkata");
            TnefCalendar c = request(series(p, INDIA, kolkata));
            assertThat(c.notes()).isEmpty();
            assertThat(lines(c)).contains("TZOFFSETTO:+0530", "RRULE:FREQ=YEARLY;WKST=MO;INTERVAL=1;BYMONTH=3;"
                + "BYMONTHDAY=15").noneMatch(l -> l.equals("BEGIN:DAYLIGHT"));
            assertThat(occurrences(c, kolkata, 3)).containsExactly(at(2024, 3, 15, 11, 0), at(2025, 3, 15, 11, 0),
                at(2026, 3, 15, 11, 0));
        }

        @Test
        void monthlyOnThe31stFallsOnTheLastDay() throws Exception {
            Pattern p = new Pattern();
            p.frequency = AppointmentRecurrence.FREQUENCY_MONTHLY;
            p.patternType = AppointmentRecurrence.PATTERN_MONTH;
            p.specific = new long[] {31};
            p.starting(LocalDate.of(2024, 1, 31), 9 * 60, 10 * 60).count(3);
            assertThat(occurrences(request(series(p, BERLIN, BERLIN_ZONE)), BERLIN_ZONE, 100))
                .containsExactly(at(2024, 1, 31, 9, 0), at(2024, 2, 29, 9, 0), at(2024, 3, 31, 9, 0));
            p.specific = new long[] {30};
            p.starting(LocalDate.of(2024, 1, 30), 9 * 60, 10 * 60);
            assertThat(occurrences(request(series(p, BERLIN, BERLIN_ZONE)), BERLIN_ZONE, 100))
                .containsExactly(at(2024, 1, 30, 9, 0), at(2024, 2, 29, 9, 0), at(2024, 3, 30, 9, 0));
        }

        @Test
        void everyWeekdayIsWeeklyMondayToFriday() throws Exception {
            Pattern p = Pattern.weekly(0x3E, 1).count(6).starting(LocalDate.of(2024, 10, 24), 7 * 60, 8 * 60);
            p.frequency = AppointmentRecurrence.FREQUENCY_DAILY;
            assertThat(occurrences(request(series(p, BERLIN, BERLIN_ZONE)), BERLIN_ZONE, 100)).containsExactly(
                at(2024, 10, 24, 7, 0), at(2024, 10, 25, 7, 0), at(2024, 10, 28, 7, 0), at(2024, 10, 29, 7, 0),
                at(2024, 10, 30, 7, 0), at(2024, 10, 31, 7, 0));
        }
    }

    @Nested
    class Exceptions {
        @Test
        void theSpecsDailyExampleDeletesTwoInstances() throws Exception {
            Pattern shape = new Pattern().starting(LocalDate.of(2011, 4, 7), 8 * 60, 8 * 60 + 30);
            Props props = series(shape, EASTERN, NEW_YORK)
                .binary(TnefCalendarRecurrence.RECUR, hex(AppointmentRecurrenceTest.SPEC_DAILY));
            TnefCalendar c = request(props);
            assertThat(lines(c)).anyMatch(l -> l.startsWith("RRULE:FREQ=DAILY;WKST=SU;UNTIL=20110504T120000Z;"))
                .contains("EXDATE;TZID=Eastern Standard Time:20110419T080000,20110422T080000");
            assertThat(occurrences(c, NEW_YORK, 100)).containsExactly(at(2011, 4, 7, 8, 0), at(2011, 4, 10, 8, 0),
                at(2011, 4, 13, 8, 0), at(2011, 4, 16, 8, 0), at(2011, 4, 25, 8, 0), at(2011, 4, 28, 8, 0),
                at(2011, 5, 1, 8, 0), at(2011, 5, 4, 8, 0));
        }

        @Test
        void theSpecsWeeklyExampleHasAModifiedInstance() throws Exception {
            Pattern shape = new Pattern().starting(LocalDate.of(2007, 3, 26), 600, 630);
            Props props = series(shape, EASTERN, NEW_YORK)
                .binary(TnefCalendarRecurrence.RECUR, hex(AppointmentRecurrenceTest.SPEC_WEEKLY_WITH_EXCEPTION));
            TnefCalendar c = request(props);
            assertThat(c.notes()).isEmpty();
            Calendar calendar = parsed(c);
            List<VEvent> events = calendar.getComponents(Component.VEVENT).stream().map(VEvent.class::cast)
                .collect(Collectors.toList());
            assertThat(events).hasSize(2);
            VEvent moved = events.get(1);
            assertThat(moved.getRecurrenceId().getValue()).isEqualTo("20070416T100000");
            assertThat(moved.getRecurrenceId().getParameter("TZID").getValue()).isEqualTo("Eastern Standard Time");
            assertThat(moved.getStartDate().getValue()).isEqualTo("20070416T110000");
            assertThat(moved.getEndDate().getValue()).isEqualTo("20070416T113000");
            assertThat(moved.getSummary().getValue()).isEqualTo("Simple Recurrence with exceptions");
            assertThat(moved.getLocation().getValue()).isEqualTo("34/4141");
            assertThat(moved.getUid()).isEqualTo(events.get(0).getUid());
            assertThat(moved.getSequence().getValue()).isEqualTo("3");
            assertThat(lines(c)).noneMatch(l -> l.startsWith("EXDATE"));
            List<LocalDateTime> all = occurrences(c, NEW_YORK, 100);
            assertThat(all).hasSize(12).startsWith(at(2007, 3, 26, 10, 0), at(2007, 3, 29, 10, 0),
                at(2007, 3, 30, 10, 0)).endsWith(at(2007, 4, 20, 10, 0)).contains(at(2007, 4, 16, 10, 0));
        }

        @Test
        void deletedAndModifiedInstancesOfAWeeklySeries() throws Exception {
            Pattern p = Pattern.weekly(0x02 | 0x08, 2).count(10).starting(LocalDate.of(2024, 3, 18), 9 * 60, 10 * 60)
                .delete(LocalDate.of(2024, 4, 1))
                .change(at(2024, 4, 3, 9, 0), at(2024, 4, 4, 13, 0), at(2024, 4, 4, 14, 0), "Moved sync", "Room 9");
            TnefCalendar c = request(series(p, BERLIN, BERLIN_ZONE));
            assertThat(c.notes()).isEmpty();
            assertThat(lines(c)).contains("EXDATE;TZID=W. Europe Standard Time:20240401T090000",
                "RECURRENCE-ID;TZID=W. Europe Standard Time:20240403T090000",
                "DTSTART;TZID=W. Europe Standard Time:20240404T130000", "SUMMARY:Moved sync", "LOCATION:Room 9");
            assertThat(occurrences(c, BERLIN_ZONE, 100)).hasSize(9).doesNotContain(at(2024, 4, 1, 9, 0));
        }

        @Test
        void anAllDaySeriesUsesDates() throws Exception {
            Pattern p = new Pattern();
            p.frequency = AppointmentRecurrence.FREQUENCY_YEARLY;
            p.patternType = AppointmentRecurrence.PATTERN_MONTH;
            p.period = 12;
            p.specific = new long[] {9};
            p.starting(LocalDate.of(2024, 6, 9), 0, 24 * 60).until(LocalDate.of(2026, 6, 9))
                .delete(LocalDate.of(2025, 6, 9));
            Props props = series(p, BERLIN, BERLIN_ZONE).bool(TnefCalendar.SUB_TYPE, true);
            TnefCalendar c = request(props);
            assertThat(lines(c)).contains("DTSTART;VALUE=DATE:20240609", "DTEND;VALUE=DATE:20240610",
                "EXDATE;VALUE=DATE:20250609").noneMatch(l -> l.startsWith("BEGIN:VTIMEZONE"))
                .anyMatch(l -> l.startsWith("RRULE:FREQ=YEARLY;") && l.contains("UNTIL=20260609;"));
            assertThat(parsed(c)).isNotNull();
        }
    }

    @Nested
    class TimeZones {
        @Test
        void theVtimezoneAgreesWithTheRealZonesHourByHour() throws Exception {
            byte[] sydney = RecurrenceFixture.definition("AUS Eastern Standard Time", RecurrenceFixture.rule(0x2, 0,
                -600, -60, RecurrenceFixture.on(4, 0, 1, 3), RecurrenceFixture.on(10, 0, 1, 2)));
            for (Object[] zone : new Object[][] {{BERLIN, BERLIN_ZONE}, {EASTERN, NEW_YORK},
                {INDIA, ZoneId.of("Asia/Kolkata")}, {sydney, ZoneId.of("Australia/Sydney")}}) {
                Pattern p = Pattern.weekly(0x02, 1).count(2);
                TnefCalendar c = request(series(p, (byte[]) zone[0], (ZoneId) zone[1]));
                VTimeZone v = (VTimeZone) parsed(c).getComponent(Component.VTIMEZONE);
                net.fortuna.ical4j.model.TimeZone tz = new net.fortuna.ical4j.model.TimeZone(v);
                Instant until = Instant.parse("2026-01-01T00:00:00Z");
                for (Instant t = Instant.parse("2023-01-01T00:30:00Z"); t.isBefore(until); t = t.plusSeconds(3600)) {
                    assertThat(tz.getOffset(t.toEpochMilli()) / 1000).as(zone[1] + " at " + t)
                        .isEqualTo(((ZoneId) zone[1]).getRules().getOffset(t).getTotalSeconds());
                }
            }
        }

        @Test
        void theStructIsUsedWhenTheDefinitionDisagrees() throws Exception {
            Pattern p = Pattern.weekly(0x02, 1).count(2);
            Props props = series(p, BERLIN, NEW_YORK)
                .binary(TnefCalendarRecurrence.TIME_ZONE_STRUCT, RecurrenceFixture.struct(300, -60,
                    RecurrenceFixture.on(11, 0, 1, 2), RecurrenceFixture.on(3, 0, 2, 2)))
                .unicode(TnefCalendarRecurrence.TIME_ZONE_DESCRIPTION, "(UTC-05:00) Eastern Time (US & Canada)");
            TnefCalendar c = request(props);
            assertThat(c.notes()).containsExactly("PidLidAppointmentTimeZoneDefinitionRecur disagrees with "
                + "PidLidTimeZoneStruct: the struct is used");
            assertThat(lines(c)).contains("TZID:(UTC-05:00) Eastern Time (US & Canada)");
            assertThat(occurrences(c, NEW_YORK, 2)).containsExactly(at(2024, 3, 18, 9, 0), at(2024, 3, 25, 9, 0));
        }

        @Test
        void startDisplayIsTheLastDefinitionTried() throws Exception {
            Pattern p = Pattern.weekly(0x02, 1).count(2);
            Props props = series(p, null, BERLIN_ZONE).binary(TnefCalendarRecurrence.TIME_ZONE_START_DISPLAY, BERLIN);
            TnefCalendar c = request(props);
            assertThat(c.notes()).isEmpty();
            assertThat(lines(c)).contains("TZID:W. Europe Standard Time");
        }

        @Test
        void withoutAnyZoneTheOffsetOfTheStartIsUsed() throws Exception {
            Pattern p = Pattern.weekly(0x02, 1).count(2);
            TnefCalendar c = request(series(p, null, ZoneOffset.ofHours(1)));
            assertThat(c.notes()).containsExactly("no time zone: fixed offset UTC+01:00 from the start time");
            assertThat(lines(c)).contains("DTSTART;TZID=\"UTC+01:00\":20240318T090000", "TZID:UTC+01:00");
            assertThat(occurrences(c, ZoneOffset.ofHours(1), 2)).containsExactly(at(2024, 3, 18, 9, 0),
                at(2024, 3, 25, 9, 0));
        }

        @Test
        void aBrokenDefinitionFallsBackWithANote() throws Exception {
            Pattern p = Pattern.weekly(0x02, 1).count(2);
            byte[] broken = java.util.Arrays.copyOf(BERLIN, 80);
            TnefCalendar c = request(series(p, broken, ZoneOffset.ofHours(1)));
            assertThat(c.notes()).hasSize(2);
            assertThat(c.notes().get(0)).startsWith("PidLidAppointmentTimeZoneDefinitionRecur ignored: time zone "
                + "definition TZRULE 0 ");
        }
    }

    @Nested
    class OneOccurrence {
        private Props occurrence() {
            return Props.props()
                .systime(TnefCalendar.START_WHOLE, Instant.parse("2024-04-15T07:00:00Z"))
                .systime(TnefCalendar.END_WHOLE, Instant.parse("2024-04-15T08:00:00Z"))
                .int32(TnefCalendar.APPOINTMENT_SEQUENCE, 4)
                .unicode(TnefCalendar.PR_SENT_REPRESENTING_EMAIL_ADDRESS, "alice@example.com")
                .binary(TnefCalendar.GLOBAL_OBJECT_ID, globalObjectId(2024, 4, 15, new byte[] {1, 2, 3, 4}));
        }

        @Test
        void aCanceledOccurrenceNamesItsRecurrenceId() throws Exception {
            Props props = occurrence().systime(TnefCalendarRecurrence.EXCEPTION_REPLACE_TIME,
                Instant.parse("2024-04-15T07:00:00Z"));
            TnefCalendar c = calendar(tnef("IPM.Schedule.Meeting.Canceled", "Canceled: Sync", props, null));
            assertThat(c.notes()).isEmpty();
            assertThat(lines(c)).contains("METHOD:CANCEL", "RECURRENCE-ID:20240415T070000Z", "SEQUENCE:4",
                "STATUS:CANCELLED").noneMatch(l -> l.startsWith("RRULE"));
            assertThat(parsed(c).getComponents(Component.VEVENT)).hasSize(1);
        }

        @Test
        void withoutTheReplaceTimeANoteSaysSo() throws Exception {
            TnefCalendar c = calendar(tnef("IPM.Schedule.Meeting.Request", "Sync", occurrence(), null));
            assertThat(c.notes()).containsExactly(
                "one occurrence of a series without PidLidExceptionReplaceTime: no RECURRENCE-ID");
            assertThat(lines(c)).noneMatch(l -> l.startsWith("RECURRENCE-ID"));
        }
    }

    @Nested
    class Fallback {
        @Test
        void aPatternICalendarCannotExpressLeavesTheFirstOccurrence() throws Exception {
            Pattern p = Pattern.weekly(0, 1).count(2);
            TnefCalendar c = request(series(p, BERLIN, BERLIN_ZONE));
            assertThat(c.notes()).containsExactly("recurrence not converted: recurrence pattern day mask 0x00000000 "
                + "names no day or unknown bits: first occurrence only");
            assertThat(lines(c)).contains("DTSTART:20240318T080000Z").noneMatch(l -> l.startsWith("RRULE")
                || l.startsWith("BEGIN:VTIMEZONE"));
        }

        @Test
        void everyTruncationOfTheSeriesGivesACalendar() throws Exception {
            byte[] full = Pattern.weekly(0x0A, 2).count(10)
                .change(at(2024, 4, 3, 9, 0), at(2024, 4, 4, 13, 0), at(2024, 4, 4, 14, 0), "Moved", "Room 9")
                .build();
            List<String> outcomes = new ArrayList<>();
            for (int length = 1; length <= full.length; length++) {
                Props props = series(new Pattern(), BERLIN, BERLIN_ZONE)
                    .binary(TnefCalendarRecurrence.RECUR, java.util.Arrays.copyOf(full, length));
                TnefCalendar c = request(props);
                parsed(c);
                outcomes.add(lines(c).stream().anyMatch(l -> l.startsWith("RRULE")) ? "rule" : "single");
            }
            assertThat(outcomes).contains("rule", "single").endsWith("rule");
        }

        @Test
        void mutatedPatternsAndZonesNeverBreakTheConversion() throws Exception {
            byte[] pattern = Pattern.weekly(0x0A, 2).count(10)
                .change(at(2024, 4, 3, 9, 0), at(2024, 4, 4, 13, 0), at(2024, 4, 4, 14, 0), "Moved", "Room 9")
                .build();
            java.util.Random random = new java.util.Random(14);
            int rules = 0;
            for (int i = 0; i < 1500; i++) {
                boolean zoneMutated = i % 2 == 0;
                byte[] p = zoneMutated ? pattern : mutate(pattern, random);
                byte[] zone = zoneMutated ? mutate(i % 4 == 0 ? BERLIN : EASTERN, random) : BERLIN;
                Props props = series(new Pattern(), zone, BERLIN_ZONE).binary(TnefCalendarRecurrence.RECUR, p);
                TnefCalendar c = request(props);
                assertThat(c.text()).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
                if (!zoneMutated) {
                    // with a garbled zone ical4j's strict parser may refuse a local time its own formatter wrote;
                    // with a good zone the output always reads back
                    parsed(c);
                }
                rules += lines(c).stream().anyMatch(l -> l.startsWith("RRULE")) ? 1 : 0;
            }
            assertThat(rules).isBetween(1, 1499);
        }

        private byte[] mutate(byte[] value, java.util.Random random) {
            byte[] copy = value.clone();
            for (int n = random.nextInt(3); n >= 0; n--) {
                int at = random.nextInt(copy.length);
                copy[at] = random.nextInt(4) == 0 ? (byte) 0xFF : (byte) random.nextInt(256);
            }
            return copy;
        }

        @Test
        void aCanceledSeriesKeepsItsMethodSequenceAndRule() throws Exception {
            Pattern p = Pattern.weekly(0x02, 1).count(4);
            TnefCalendar c = calendar(tnef("IPM.Schedule.Meeting.Canceled", "Canceled: Sync",
                series(p, BERLIN, BERLIN_ZONE), null));
            assertThat(lines(c)).contains("METHOD:CANCEL", "STATUS:CANCELLED", "SEQUENCE:3")
                .anyMatch(l -> l.startsWith("RRULE:FREQ=WEEKLY"));
            assertThat(parsed(c).getProperty(Property.METHOD).getValue()).isEqualTo("CANCEL");
        }
    }
}
