package org.bordertransport.core.tnefmime;

import static org.bordertransport.core.tnefmime.TnefCalendarFixture.globalObjectId;
import static org.bordertransport.core.tnefmime.TnefCalendarFixture.recipient;
import static org.bordertransport.core.tnefmime.TnefCalendarFixture.recipientTable;
import static org.bordertransport.core.tnefmime.TnefCalendarFixture.tnef;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.bordertransport.core.tnefmime.RecurrenceFixture.Pattern;

/**
 * A recurring meeting request as TNEF, for the integration and CLI tests (through the core test jar): "Team sync",
 * every other Monday and Wednesday 09:00-10:00 W. Europe time from Monday 18 March 2024, ten times; 1 April deleted;
 * 3 April moved to Thursday 4 April 13:00-14:00 in Room 9, subject "Team sync (moved)"; sequence 3; organizer
 * alice@example.com, attendee bob@example.org.
 */
public final class RecurringMeetingSample {
    public static final String SUBJECT = "Team sync";

    private RecurringMeetingSample() {
    }

    public static byte[] weeklyInBerlin() {
        Pattern p = Pattern.weekly(0x02 | 0x08, 2).count(10).starting(LocalDate.of(2024, 3, 18), 9 * 60, 10 * 60)
            .delete(LocalDate.of(2024, 4, 1))
            .change(LocalDateTime.of(2024, 4, 3, 9, 0), LocalDateTime.of(2024, 4, 4, 13, 0),
                LocalDateTime.of(2024, 4, 4, 14, 0), "Team sync (moved)", "Room 9");
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        TnefCalendarFixture.Props props = TnefCalendarRecurrenceTest.series(p, RecurrenceFixture.BERLIN, berlin)
            .binary(TnefCalendar.CLEAN_GLOBAL_OBJECT_ID, globalObjectId(0, 0, 0, new byte[] {0x51, 0x52, 0x53, 0x54}));
        return tnef("IPM.Schedule.Meeting.Request", SUBJECT, props, recipientTable(
            recipient(1, "Alice", "alice@example.com").int32(TnefCalendarFixture.PR_RECIPIENT_FLAGS, 3),
            recipient(1, "Bob", "bob@example.org")));
    }
}
