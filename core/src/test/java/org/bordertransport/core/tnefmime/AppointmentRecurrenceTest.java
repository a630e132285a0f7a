package org.bordertransport.core.tnefmime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bordertransport.core.tnefmime.RecurrenceFixture.hex;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bordertransport.core.tnefmime.CalendarBlob.MalformedException;
import org.junit.jupiter.api.Test;

/** The recurrence pattern reader against the worked examples of [MS-OXOCAL] section 4.1.1 and hand-built values. */
class AppointmentRecurrenceTest {
    /** [MS-OXOCAL] 4.1.1.2: every Mon, Thu, Fri 10:00-10:30 from 2007-03-26, 12 times; 2007-04-16 moved to 11:00. */
    static final String SPEC_WEEKLY_WITH_EXCEPTION =
        "043004300B2001000000C0210000010000000000000032000000222000000C0000000000000001000000A096BC0C0100"
        + "0000A096BC0C8020BC0C20ADBC0C0630000009300000580200007602000001003499BC0C5299BC0CF898BC0C11002200"
        + "210053696D706C6520526563757272656E6365207769746820657863657074696F6E730800070033342F343134310000"
        + "00000400000000000000000000003499BC0C5299BC0CF898BC0C2100530069006D0070006C0065002000520065006300"
        + "75007200720065006E006300650020007700690074006800200065007800630065007000740069006F006E0073000700"
        + "330034002F0034003100340031000000000000000000";
    /** [MS-OXOCAL] 4.1.1.3: every 3 days 08:00-08:30 from 2011-04-07 until 2011-05-04, 04-19 and 04-22 deleted. */
    static final String SPEC_DAILY =
        "043004300A2000000000A0050000E010000000000000212000000A0000000000000002000000A0C1DC0C80D2DC0C0000"
        + "0000207EDC0C0016DD0C0630000009300000E0010000FE01000000000000000000000000";

    @Test
    void readsTheSpecsWeeklyExampleWithItsException() throws Exception {
        byte[] blob = hex(SPEC_WEEKLY_WITH_EXCEPTION);
        assertThat(blob).hasSize(0x106);
        List<String> notes = new ArrayList<>();
        AppointmentRecurrence r = AppointmentRecurrence.read(blob, StandardCharsets.ISO_8859_1, notes);
        assertThat(notes).isEmpty();
        assertThat(r.frequency).isEqualTo(AppointmentRecurrence.FREQUENCY_WEEKLY);
        assertThat(r.patternType).isEqualTo(AppointmentRecurrence.PATTERN_WEEK);
        assertThat(r.period).isEqualTo(1);
        assertThat(r.dayMask).isEqualTo(0x32);
        assertThat(r.endsByCount()).isTrue();
        assertThat(r.occurrenceCount).isEqualTo(12);
        assertThat(r.firstDayOfWeek).isZero();
        assertThat(r.deletedDates).containsExactly(LocalDate.of(2007, 4, 16));
        assertThat(r.modifiedDates).containsExactly(LocalDate.of(2007, 4, 16));
        assertThat(r.startDate).isEqualTo(LocalDate.of(2007, 3, 26));
        assertThat(r.endDate).isEqualTo(LocalDate.of(2007, 4, 20));
        assertThat(r.startOffsetMinutes).isEqualTo(600);
        assertThat(r.endOffsetMinutes).isEqualTo(630);
        assertThat(r.exceptions).hasSize(1);
        AppointmentRecurrence.Change c = r.exceptions.get(0);
        assertThat(c.originalStart).isEqualTo(LocalDateTime.of(2007, 4, 16, 10, 0));
        assertThat(c.start).isEqualTo(LocalDateTime.of(2007, 4, 16, 11, 0));
        assertThat(c.end).isEqualTo(LocalDateTime.of(2007, 4, 16, 11, 30));
        assertThat(c.subject).contains("Simple Recurrence with exceptions");
        assertThat(c.location).contains("34/4141");
    }

    @Test
    void readsTheSpecsDailyExample() throws Exception {
        byte[] blob = hex(SPEC_DAILY);
        assertThat(blob).hasSize(0x54);
        AppointmentRecurrence r = AppointmentRecurrence.read(blob, StandardCharsets.ISO_8859_1, new ArrayList<>());
        assertThat(r.patternType).isEqualTo(AppointmentRecurrence.PATTERN_DAY);
        assertThat(r.period).isEqualTo(4320);
        assertThat(r.endsByDate()).isTrue();
        assertThat(r.startDate).isEqualTo(LocalDate.of(2011, 4, 7));
        assertThat(r.endDate).isEqualTo(LocalDate.of(2011, 5, 4));
        assertThat(r.deletedDates).containsExactly(LocalDate.of(2011, 4, 19), LocalDate.of(2011, 4, 22));
        assertThat(r.modifiedDates).isEmpty();
        assertThat(r.startOffsetMinutes).isEqualTo(480);
        assertThat(r.endOffsetMinutes).isEqualTo(510);
        assertThat(r.exceptions).isEmpty();
    }

    @Test
    void everyTruncationIsRefusedWithAMessageOrKeepsTheEightBitText() throws Exception {
        byte[] blob = hex(SPEC_WEEKLY_WITH_EXCEPTION);
        int refused = 0;
        for (int length = 0; length < blob.length; length++) {
            List<String> notes = new ArrayList<>();
            try {
                AppointmentRecurrence r = AppointmentRecurrence.read(Arrays.copyOf(blob, length),
                    StandardCharsets.ISO_8859_1, notes);
                assertThat(notes).as("length " + length).hasSizeLessThanOrEqualTo(1)
                    .allMatch(n -> n.startsWith("exceptions' Unicode subject and location left out: "));
                assertThat(r.exceptions.get(0).subject).contains("Simple Recurrence with exceptions");
            } catch (MalformedException e) {
                assertThat(e.getMessage()).as("length " + length).startsWith("recurrence pattern ")
                    .contains("remain");
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(100);
    }

    @Test
    void refusesCountsOverTheLimits() {
        RecurrenceFixture.Pattern p = RecurrenceFixture.Pattern.weekly(0x02, 1);
        byte[] blob = p.build();
        // DeletedInstanceCount sits after 10 fixed fields and the 4-octet mask: 2*5 + 4*3 + 4 + 4*3 = 38
        blob[38] = (byte) 0x11;
        blob[39] = (byte) 0x27;
        assertThatThrownBy(() -> AppointmentRecurrence.read(blob, StandardCharsets.ISO_8859_1, new ArrayList<>()))
            .isInstanceOf(MalformedException.class)
            .hasMessage("recurrence pattern DeletedInstanceCount 10001 is over the limit of 10000");
    }

    @Test
    void refusesHijriPatternsAndWrongVersions() {
        RecurrenceFixture.Pattern p = RecurrenceFixture.Pattern.weekly(0x02, 1);
        p.patternType = 0x000A;
        assertThatThrownBy(() -> AppointmentRecurrence.read(p.build(), StandardCharsets.ISO_8859_1,
            new ArrayList<>())).hasMessage("recurrence pattern PatternType 0x000A is not supported (Hijri or unknown)");
        byte[] blob = RecurrenceFixture.Pattern.weekly(0x02, 1).build();
        blob[0] = 5;
        assertThatThrownBy(() -> AppointmentRecurrence.read(blob, StandardCharsets.ISO_8859_1, new ArrayList<>()))
            .hasMessage("recurrence pattern ReaderVersion is 0x3005, not 0x3004");
    }

    @Test
    void oldWritersHaveNoChangeHighlight() throws Exception {
        RecurrenceFixture.Pattern p = RecurrenceFixture.Pattern.weekly(0x02, 1).count(5);
        p.writerVersion2 = 0x3008;
        p.change(LocalDateTime.of(2024, 3, 25, 9, 0), LocalDateTime.of(2024, 3, 25, 14, 0),
            LocalDateTime.of(2024, 3, 25, 15, 0), "Moved", null);
        List<String> notes = new ArrayList<>();
        AppointmentRecurrence r = AppointmentRecurrence.read(p.build(), StandardCharsets.ISO_8859_1, notes);
        assertThat(notes).isEmpty();
        assertThat(r.exceptions.get(0).subject).contains("Moved");
        assertThat(r.exceptions.get(0).location).isEmpty();
    }
}
