package org.bordertransport.core.tnefmime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bordertransport.core.tnefmime.RecurrenceFixture.NONE;
import static org.bordertransport.core.tnefmime.RecurrenceFixture.definition;
import static org.bordertransport.core.tnefmime.RecurrenceFixture.on;
import static org.bordertransport.core.tnefmime.RecurrenceFixture.rule;
import static org.bordertransport.core.tnefmime.RecurrenceFixture.struct;

import java.util.Optional;

import org.bordertransport.core.tnefmime.CalendarBlob.MalformedException;
import org.junit.jupiter.api.Test;

/** TZDEFINITION and TimeZoneStruct reading: which rule is chosen, and what is refused. */
class TimeZoneDefinitionTest {
    private static final byte[] OLD_US = rule(0, 2000, 300, -60, on(10, 0, 5, 2), on(4, 0, 1, 2));
    private static final byte[] NEW_US = rule(0, 2007, 300, -60, on(11, 0, 1, 2), on(3, 0, 2, 2));

    @Test
    void theRuleMarkedEffectiveWins() throws Exception {
        TimeZoneDefinition z = TimeZoneDefinition.readDefinition(RecurrenceFixture.EASTERN, 2001);
        assertThat(z.name).isEqualTo("Eastern Standard Time");
        assertThat(z.standardBias).isEqualTo(300);
        assertThat(z.daylightBias).isEqualTo(240);
        assertThat(z.toDaylight.get().month).isEqualTo(3);
        assertThat(z.toDaylight.get().week).isEqualTo(2);
        assertThat(CalendarTimeZone.rule(z.toStandard.get())).isEqualTo("FREQ=YEARLY;BYMONTH=11;BYDAY=1SU");
        assertThat(CalendarTimeZone.onset(z.toDaylight.get())).isEqualTo("19700308T020000");
    }

    @Test
    void withoutAMarkTheRuleInForceInTheSeriesYearIsChosen() throws Exception {
        byte[] unmarked = definition("Eastern Standard Time", OLD_US, NEW_US);
        assertThat(TimeZoneDefinition.readDefinition(unmarked, 2005).toDaylight.get().month).isEqualTo(4);
        assertThat(TimeZoneDefinition.readDefinition(unmarked, 2024).toDaylight.get().month).isEqualTo(3);
        assertThat(TimeZoneDefinition.readDefinition(unmarked, 1990).toDaylight.get().month).isEqualTo(4);
    }

    @Test
    void aZoneWithoutDaylightSavingHasOneOffset() throws Exception {
        TimeZoneDefinition z = TimeZoneDefinition.readDefinition(RecurrenceFixture.INDIA, 2024);
        assertThat(z.hasDaylight()).isFalse();
        assertThat(z.standardBias).isEqualTo(-330);
    }

    @Test
    void theStructTakesItsNameFromTheDescriptionOrItsOffset() throws Exception {
        byte[] s = struct(-60, -60, on(10, 0, 5, 3), on(3, 0, 5, 2));
        TimeZoneDefinition named = TimeZoneDefinition.readStruct(s, Optional.of("(UTC+01:00) Amsterdam\u0007"));
        assertThat(named.name).isEqualTo("(UTC+01:00) Amsterdam");
        assertThat(named.sameRule(TimeZoneDefinition.readDefinition(RecurrenceFixture.BERLIN, 2024))).isTrue();
        assertThat(TimeZoneDefinition.readStruct(s, Optional.empty()).name).isEqualTo("UTC+01:00");
        assertThat(TimeZoneDefinition.readStruct(struct(330, 0, NONE, NONE), Optional.empty()).name)
            .isEqualTo("UTC-05:30");
    }

    @Test
    void refusesWhatIsNoTimeZone() {
        byte[] version = definition("X", NEW_US);
        version[0] = 1;
        assertThatThrownBy(() -> TimeZoneDefinition.readDefinition(version, 2024)).isInstanceOf(MalformedException.class)
            .hasMessage("time zone definition version 1.1 is not 2.1 or later");
        assertThatThrownBy(() -> TimeZoneDefinition.readDefinition(definition("X"), 2024))
            .hasMessage("time zone definition cRules 0 is not within 1..1000");
        byte[] far = definition("X", rule(2, 0, 19 * 60, 0, NONE, NONE));
        assertThatThrownBy(() -> TimeZoneDefinition.readDefinition(far, 2024))
            .hasMessage("time zone definition bias 1140 with 0/0 is beyond 18 hours");
        byte[] badDay = definition("X", rule(2, 0, 0, -60, on(10, 0, 6, 3), on(3, 0, 5, 2)));
        assertThatThrownBy(() -> TimeZoneDefinition.readDefinition(badDay, 2024))
            .hasMessage("time zone definition TZRULE 0 stStandardDate 0-10 day 6 weekday 0 3:0:0 is no transition");
    }
}
