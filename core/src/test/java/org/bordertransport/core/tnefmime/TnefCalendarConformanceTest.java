package org.bordertransport.core.tnefmime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.bordertransport.core.tnef.ChecksumMode;
import org.bordertransport.core.tnef.TnefCorpus;
import org.bordertransport.core.tnef.TnefException;
import org.bordertransport.core.tnef.TnefMessage;
import org.bordertransport.core.tnef.TnefReadOptions;
import org.bordertransport.core.tnef.TnefReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;

/**
 * The calendar of the corpus's only calendar item, {@code triples.tnef} (IPM.Appointment), against Debian
 * {@code ytnef} 2.0's {@code calendar.ics} for it. EXPECTED.tsv holds that reference as size and SHA-256 only, so
 * this test checks the reference row is there and compares the key fields with the values ytnef's vCalendar writer
 * takes from the same properties: DTSTART/DTEND (PidLidAppointmentStartWhole/EndWhole, UTC), SUMMARY (the topic),
 * LOCATION (PidLidLocation), the organizer's address (ytnef upper-cases it from PR_SENDER_SEARCH_KEY); ytnef writes
 * no UID for it (no PidLidGlobalObjectId), so ours is made up, with a note. {@code multi-name-property.tnef} is
 * an all-day IPM.Appointment too (in PR_MESSAGE_CLASS only, so ytnef made no calendar of it): Whit Monday
 * (Pfingstmontag) 2003, 9 June, stored as 22:00 UTC the day before (German summer time). Every other corpus file
 * gives no calendar. Runs with {@code -Pcorpus}; fails when the corpus is missing.
 */
class TnefCalendarConformanceTest {
    private static final String TRIPLES = "verdammelt+tnef/tests/files/datafiles/triples.tnef";
    private static final String WHIT_MONDAY = "verdammelt+tnef/tests/files/datafiles/multi-name-property.tnef";
    private static final String REFERENCE = "calendar.ics\t351\t"
        + "f88c07a3f6d6738cab5d2588b4108a5377af0a9ae3bec159d50531cae4535faf";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void corpusHoldsYtnefsCalendarOfTheAppointment() throws Exception {
        Map<String, String> triples = row(TRIPLES);
        assertThat(triples.get("message_class")).isEqualTo("IPM.Appointment");
        List<String> expected = Files.readAllLines(TnefCorpus.corpus().resolve("EXPECTED.tsv"),
            StandardCharsets.UTF_8);
        assertThat(expected).contains(triples.get("sha256") + "\tytnef\tattachment\t" + REFERENCE);
        assertThat(expected.stream().filter(l -> l.contains(".ics\t"))).hasSize(1);
    }

    @Test
    void appointmentHasYtnefsKeyFields() throws Exception {
        TnefCalendar.Conversion conversion = convert(TRIPLES);
        TnefCalendar c = conversion.calendar().orElseThrow();
        assertThat(c.method()).isEqualTo(TnefCalendar.Method.PUBLISH);
        assertThat(c.notes()).containsExactly("UID made up: no PidLidGlobalObjectId");
        Calendar calendar = new CalendarBuilder().build(new StringReader(c.text()));
        Component event = calendar.getComponent(Component.VEVENT);
        assertThat(value(event, Property.DTSTART)).isEqualTo("20030523T140000Z");
        assertThat(value(event, Property.DTEND)).isEqualTo("20030523T150000Z");
        assertThat(value(event, Property.SUMMARY)).isEqualTo("Sample Summary");
        assertThat(value(event, Property.LOCATION)).isEqualTo("Sample Location");
        assertThat(value(event, Property.ORGANIZER)).isEqualToIgnoringCase("mailto:RAKHMANOFF@SUNDANCE.SPB.RU");
        assertThat(value(event, Property.SEQUENCE)).isEqualTo("0");
        assertThat(value(event, Property.DESCRIPTION)).isEqualTo("Sample description\n");
        assertThat(value(event, Property.DTSTAMP)).isEqualTo("20030523T132617Z");
        assertThat(value(event, Property.UID)).matches("[0-9A-F-]{36}");
        assertThat(c.text()).isEqualTo(convert(TRIPLES).calendar().orElseThrow().text());
        // a single appointment (no PidLidRecurring, no PidLidAppointmentRecur), as ytnef's: UTC, no rule, no zone
        assertThat(c.text()).doesNotContain("RRULE", "VTIMEZONE", "TZID", "RECURRENCE-ID");
    }

    @Test
    void allDayAppointmentIsOnItsLocalDay() throws Exception {
        TnefCalendar c = convert(WHIT_MONDAY).calendar().orElseThrow();
        assertThat(c.method()).isEqualTo(TnefCalendar.Method.PUBLISH);
        assertThat(c.text().replace("\r\n ", "")).contains("\r\nDTSTART;VALUE=DATE:20030609\r\n",
            "\r\nDTEND;VALUE=DATE:20030610\r\n",
            "\r\nSUMMARY:Pfingstmontag\r\n", "\r\nLOCATION:Deutschland\r\n", "\r\nTRANSP:TRANSPARENT\r\n",
            "\r\nORGANIZER;CN=Arbeitssicherheit und Brandschutztechnik Brechmann:mailto:info@sitec-owl.de\r\n");
        Component event = new CalendarBuilder().build(new StringReader(c.text())).getComponent(Component.VEVENT);
        assertThat(value(event, Property.DTSTART)).isEqualTo("20030609");
    }

    static Stream<String> others() throws Exception {
        return TnefCorpus.files().filter(f -> !f.equals(TRIPLES) && !f.equals(WHIT_MONDAY));
    }

    @ParameterizedTest
    @MethodSource("others")
    void otherFilesHaveNoCalendar(String file) throws Exception {
        Optional<TnefCalendar.Conversion> conversion;
        try {
            conversion = Optional.of(convert(file));
        } catch (TnefException e) {
            conversion = Optional.empty(); // files the reader refuses (robustness cases) have no calendar either
        }
        conversion.ifPresent(c -> assertThat(c.calendar()).isEmpty());
        conversion.ifPresent(c -> assertThat(c.notes()).isEmpty());
    }

    private static TnefCalendar.Conversion convert(String file) throws Exception {
        Path path = TnefCorpus.corpus().resolve(file);
        TnefReadOptions options = TnefReadOptions.builder().checksumMode(ChecksumMode.WARN).build();
        try (InputStream in = Files.newInputStream(path); TnefMessage m = TnefReader.read(in, options)) {
            return TnefCalendar.convert(m, CLOCK);
        }
    }

    private static Map<String, String> row(String file) throws Exception {
        List<Map<String, String>> rows = TnefCorpus.manifest().stream()
            .filter(r -> r.get("corpus_path").equals(file)).collect(Collectors.toList());
        assertThat(rows).as(file).hasSize(1);
        return rows.get(0);
    }

    private static String value(Component event, String name) {
        Property p = event.getProperty(name);
        assertThat(p).as(name).isNotNull();
        return p.getValue();
    }
}
