package org.bordertransport.core.tnefmime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.core.tnefmime.TnefCalendarFixture.GOID_CLASS;
import static org.bordertransport.core.tnefmime.TnefCalendarFixture.PR_RECIPIENT_FLAGS;
import static org.bordertransport.core.tnefmime.TnefCalendarFixture.globalObjectId;
import static org.bordertransport.core.tnefmime.TnefCalendarFixture.read;
import static org.bordertransport.core.tnefmime.TnefCalendarFixture.recipient;
import static org.bordertransport.core.tnefmime.TnefCalendarFixture.recipientTable;
import static org.bordertransport.core.tnefmime.TnefCalendarFixture.tnef;
import static org.bordertransport.core.tnefmime.TnefCalendarFixture.vcalData;
import static org.bordertransport.core.tnefmime.TnefFixture.concat;
import static org.bordertransport.core.tnefmime.TnefFixture.le32;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bordertransport.core.tnef.MapiTag;
import org.bordertransport.core.tnef.TnefAttribute;
import org.bordertransport.core.tnef.TnefMessage;
import org.bordertransport.core.tnefmime.TnefCalendarFixture.Props;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;

class TnefCalendarTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T08:00:00Z"), ZoneOffset.UTC);
    static final Instant START = Instant.parse("2024-05-06T13:00:00Z");
    static final Instant END = Instant.parse("2024-05-06T14:30:00Z");
    static final Instant SUBMITTED = Instant.parse("2024-05-02T09:15:00Z");
    static final byte[] GOID_DATA = {0x11, 0x22, 0x33, 0x44};
    static final String CLEAN_UID = GOID_CLASS + "00000000" + "102030405060C701" + "0000000000000000" + "04000000"
        + "11223344";

    /** An organizer's meeting properties: times, location, sequence, busy, sender, submit time, clean id. */
    static Props meeting() {
        return Props.props()
            .systime(TnefCalendar.START_WHOLE, START).systime(TnefCalendar.END_WHOLE, END)
            .unicode(TnefCalendar.LOCATION, "Room 4; Building B, 2nd floor")
            .int32(TnefCalendar.APPOINTMENT_SEQUENCE, 2).int32(TnefCalendar.BUSY_STATUS, 2)
            .unicode(TnefCalendar.PR_SENT_REPRESENTING_NAME, "Alice Example")
            .unicode(TnefCalendar.PR_SENT_REPRESENTING_EMAIL_ADDRESS, "alice@example.com")
            .systime(TnefCalendar.PR_CLIENT_SUBMIT_TIME, SUBMITTED)
            .unicode(MapiTag.PR_BODY, "Agenda:\r\n1. budget\r\n")
            .binary(TnefCalendar.CLEAN_GLOBAL_OBJECT_ID, globalObjectId(0, 0, 0, GOID_DATA));
    }

    static byte[] attendees() {
        return recipientTable(
            recipient(1, "Alice Example", "alice@example.com").int32(PR_RECIPIENT_FLAGS, 3),
            recipient(1, "Bob", "bob@example.org"),
            recipient(2, "Carol", "carol@example.net"),
            recipient(3, "Room 4", "room4@example.com"),
            recipient(1, "Legacy", "/O=EXAMPLE/OU=FIRST/CN=RECIPIENTS/CN=LEGACY"));
    }

    static TnefCalendar calendar(byte[] tnef) throws Exception {
        try (TnefMessage m = read(tnef)) {
            return TnefCalendar.of(m, CLOCK).orElseThrow();
        }
    }

    static TnefCalendar.Conversion convert(byte[] tnef) throws Exception {
        try (TnefMessage m = read(tnef)) {
            return TnefCalendar.convert(m, CLOCK);
        }
    }

    /** The VEVENT lines of the text, unfolded, without the wrapper. */
    static List<String> event(TnefCalendar c) {
        List<String> lines = new ArrayList<>(List.of(c.text().replace("\r\n ", "").split("\r\n")));
        int begin = lines.indexOf("BEGIN:VEVENT");
        return lines.subList(begin + 1, lines.indexOf("END:VEVENT"));
    }

    static Component parsed(TnefCalendar c) throws Exception {
        Calendar calendar = new CalendarBuilder().build(new StringReader(c.text()));
        assertThat(calendar.getProperty(Property.METHOD).getValue()).isEqualTo(c.method().name());
        assertThat(calendar.getComponents()).hasSize(1);
        return calendar.getComponent(Component.VEVENT);
    }

    @Nested
    class Request {
        @Test
        void writesEveryFieldOfTheEvent() throws Exception {
            TnefCalendar c = calendar(tnef("IPM.Schedule.Meeting.Request", "Budget review", meeting(), attendees()));
            assertThat(c.method()).isEqualTo(TnefCalendar.Method.REQUEST);
            assertThat(c.notes()).isEmpty();
            assertThat(c.text()).startsWith("BEGIN:VCALENDAR\r\nPRODID:-//Border Transport//TNEF to iCalendar//EN\r\n"
                + "VERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n").endsWith("END:VEVENT\r\nEND:VCALENDAR\r\n");
            assertThat(event(c)).containsExactly(
                "DTSTAMP:20240502T091500Z",
                "UID:" + CLEAN_UID,
                "DTSTART:20240506T130000Z",
                "DTEND:20240506T143000Z",
                "SUMMARY:Budget review",
                "LOCATION:Room 4\\; Building B\\, 2nd floor",
                "DESCRIPTION:Agenda:\\n1. budget\\n",
                "SEQUENCE:2",
                "TRANSP:OPAQUE",
                "ORGANIZER;CN=Alice Example:mailto:alice@example.com",
                "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Bob:mailto:bob@example.org",
                "ATTENDEE;ROLE=OPT-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Carol:mailto:carol@example.net",
                "ATTENDEE;ROLE=NON-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Room 4:mailto:room4@example.com");
            Component e = parsed(c);
            assertThat(e.getProperty(Property.LOCATION).getValue()).isEqualTo("Room 4; Building B, 2nd floor");
            assertThat(e.getProperty(Property.DESCRIPTION).getValue()).isEqualTo("Agenda:\n1. budget\n");
            assertThat(e.getProperties(Property.ATTENDEE)).hasSize(3);
        }

        @Test
        void takesTheUidAfterAVcalMarker() throws Exception {
            Props props = meeting().binary(TnefCalendar.GLOBAL_OBJECT_ID,
                globalObjectId(2024, 5, 6, vcalData("040000008200E00074C5B7101A82E00800000000-ext@example.com")));
            Props clean = Props.props().systime(TnefCalendar.START_WHOLE, START)
                .binary(TnefCalendar.CLEAN_GLOBAL_OBJECT_ID, globalObjectId(0, 0, 0, vcalData("uid-1@example.com")));
            assertThat(event(calendar(tnef("IPM.Schedule.Meeting.Request", "x", clean, null))))
                .contains("UID:uid-1@example.com");
            assertThat(event(calendar(tnef("IPM.Schedule.Meeting.Request", "x", props, null))))
                .contains("UID:" + CLEAN_UID);
        }

        @Test
        void clearsTheInstanceDateOfAGlobalObjectIdWithoutCleanOne() throws Exception {
            Props props = Props.props().systime(TnefCalendar.START_WHOLE, START)
                .binary(TnefCalendar.GLOBAL_OBJECT_ID, globalObjectId(2024, 5, 6, GOID_DATA));
            assertThat(event(calendar(tnef("IPM.Schedule.Meeting.Request", "x", props, null))))
                .contains("UID:" + CLEAN_UID);
            Props vcal = Props.props().systime(TnefCalendar.START_WHOLE, START)
                .binary(TnefCalendar.GLOBAL_OBJECT_ID, globalObjectId(2024, 5, 6, vcalData("abc-123")));
            assertThat(event(calendar(tnef("IPM.Schedule.Meeting.Request", "x", vcal, null)))).contains("UID:abc-123");
        }

        @Test
        void makesUpAStableUidWithoutGlobalObjectId() throws Exception {
            Props props = Props.props().systime(TnefCalendar.START_WHOLE, START);
            TnefCalendar first = calendar(tnef("IPM.Schedule.Meeting.Request", "x", props, null));
            TnefCalendar second = calendar(tnef("IPM.Schedule.Meeting.Request", "x", props, null));
            assertThat(first.notes()).containsExactly("UID made up: no PidLidGlobalObjectId",
                "no ORGANIZER: no SMTP sender address");
            assertThat(first.text()).isEqualTo(second.text());
            assertThat(event(first).get(1))
                .matches("UID:[0-9A-F]{8}-[0-9A-F]{4}-3[0-9A-F]{3}-[0-9A-F]{4}-[0-9A-F]{12}");
            assertThat(event(calendar(tnef("IPM.Schedule.Meeting.Request", "y", props, null))).get(1))
                .isNotEqualTo(event(first).get(1));
        }

        @Test
        void fallsBackToTheSenderAndToAttDateStartAndTheClock() throws Exception {
            Props props = Props.props()
                .unicode(TnefCalendar.PR_SENDER_NAME, "Dave")
                .unicode(TnefCalendar.PR_SENDER_EMAIL_ADDRESS, "dave@example.com")
                .unicode(TnefCalendar.PR_SENT_REPRESENTING_EMAIL_ADDRESS, "/O=EXAMPLE/CN=DAVE")
                .binary(TnefCalendar.CLEAN_GLOBAL_OBJECT_ID, globalObjectId(0, 0, 0, GOID_DATA));
            byte[] tnef = TnefFixture.tnef().codePage(1252)
                .attribute(1, TnefAttribute.ATT_MESSAGE_CLASS, TnefFixture.sz("IPM.Schedule.Meeting.Request",
                    StandardCharsets.US_ASCII))
                .attribute(1, TnefCalendar.ATT_DATE_START, date(2024, 5, 6, 13, 0))
                .attribute(1, TnefCalendar.ATT_DATE_END, date(2024, 5, 6, 14, 0))
                .attribute(1, TnefAttribute.ATT_MSG_PROPS, props.build()).build();
            assertThat(event(calendar(tnef))).containsExactly("DTSTAMP:20240501T080000Z", "UID:" + CLEAN_UID,
                "DTSTART:20240506T130000Z", "DTEND:20240506T140000Z", "ORGANIZER;CN=Dave:mailto:dave@example.com");
        }

        @Test
        void marksAFreeMeetingTransparent() throws Exception {
            Props props = meeting().int32(TnefCalendar.BUSY_STATUS, 0);
            assertThat(event(calendar(tnef("IPM.Schedule.Meeting.Request", "x", props, null))))
                .contains("TRANSP:TRANSPARENT").doesNotContain("TRANSP:OPAQUE");
        }

        @Test
        void writesTheFirstOccurrenceOfARecurringMeetingWithANote() throws Exception {
            Props props = meeting().bool(TnefCalendarRecurrence.RECURRING, true)
                .binary(TnefCalendarRecurrence.RECUR, new byte[] {4, 48});
            TnefCalendar c = calendar(tnef("IPM.Schedule.Meeting.Request", "Weekly", props, null));
            assertThat(c.notes()).containsExactly("recurrence not converted: recurrence pattern WriterVersion needs 2 "
                + "octets at offset 2 but only 0 remain: first occurrence only");
            assertThat(event(c)).contains("DTSTART:20240506T130000Z").noneMatch(l -> l.startsWith("RRULE"));
        }

        @Test
        void leavesOutAnEndBeforeTheStart() throws Exception {
            Props props = Props.props().systime(TnefCalendar.START_WHOLE, START).systime(TnefCalendar.END_WHOLE,
                START.minusSeconds(60)).binary(TnefCalendar.CLEAN_GLOBAL_OBJECT_ID, globalObjectId(0, 0, 0, GOID_DATA));
            TnefCalendar c = calendar(tnef("IPM.Schedule.Meeting.Request", "x", props, null));
            assertThat(c.notes()).containsExactly("calendar end before its start left out",
                "no ORGANIZER: no SMTP sender address");
            assertThat(event(c)).contains("DTSTART:20240506T130000Z").noneMatch(l -> l.startsWith("DTEND"));
        }

        @Test
        void foldsLinesAt75OctetsOfUtf8AndKeepsTheSummaryWhole() throws Exception {
            String subject = "Réunion budgétaire — 予算会議 ".repeat(8).trim() + " \uD83D\uDCC5";
            byte[] tnef = TnefFixture.tnef().codePage(1252)
                .attribute(1, TnefAttribute.ATT_MESSAGE_CLASS, TnefFixture.sz("IPM.Schedule.Meeting.Request",
                    StandardCharsets.US_ASCII))
                .attribute(1, TnefAttribute.ATT_MSG_PROPS, meeting().unicode(MapiTag.PR_SUBJECT, subject).build())
                .build();
            TnefCalendar c = calendar(tnef);
            for (String line : c.text().split("\r\n")) {
                assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
            }
            assertThat(c.text()).contains("\r\n ");
            assertThat(parsed(c).getProperty(Property.SUMMARY).getValue()).isEqualTo(subject);
        }

        @Test
        void dropsControlCharactersFromTheDescription() throws Exception {
            Props props = meeting().unicode(MapiTag.PR_BODY, "ab\u0007c\rd\u0085e\tf\u001B");
            assertThat(event(calendar(tnef("IPM.Schedule.Meeting.Request", "x", props, null))))
                .contains("DESCRIPTION:abc\\nde\tf");
        }
    }

    @Nested
    class Classes {
        @Test
        void cancelIsCancelledWithoutRsvp() throws Exception {
            TnefCalendar c = calendar(tnef("IPM.Schedule.Meeting.Canceled", "Canceled: Budget review", meeting(),
                attendees()));
            assertThat(c.method()).isEqualTo(TnefCalendar.Method.CANCEL);
            assertThat(event(c)).contains("STATUS:CANCELLED", "SUMMARY:Canceled: Budget review",
                "ORGANIZER;CN=Alice Example:mailto:alice@example.com",
                "ATTENDEE;ROLE=REQ-PARTICIPANT;CN=Bob:mailto:bob@example.org");
            assertThat(parsed(c).getProperty(Property.STATUS).getValue()).isEqualTo("CANCELLED");
        }

        @ParameterizedTest
        @CsvSource({"Pos,ACCEPTED,Accepted", "Neg,DECLINED,Declined", "Tent,TENTATIVE,Tentative"})
        void replyCarriesTheSendersAnswer(String suffix, String partStat, String prefix) throws Exception {
            Props props = meeting().unicode(TnefCalendar.PR_SENT_REPRESENTING_NAME, "Bob")
                .unicode(TnefCalendar.PR_SENT_REPRESENTING_EMAIL_ADDRESS, "bob@example.org");
            byte[] to = recipientTable(recipient(1, "Alice Example", "alice@example.com"));
            TnefCalendar c = calendar(tnef("IPM.Schedule.Meeting.Resp." + suffix, prefix + ": Budget review", props,
                to));
            assertThat(c.method()).isEqualTo(TnefCalendar.Method.REPLY);
            assertThat(event(c)).contains("UID:" + CLEAN_UID, "SEQUENCE:2",
                "ORGANIZER;CN=Alice Example:mailto:alice@example.com",
                "ATTENDEE;PARTSTAT=" + partStat + ";CN=Bob:mailto:bob@example.org");
            assertThat(parsed(c).getProperty(Property.ATTENDEE).getParameter("PARTSTAT").getValue())
                .isEqualTo(partStat);
        }

        @Test
        void replyWithoutRecipientsHasNoOrganizer() throws Exception {
            TnefCalendar c = calendar(tnef("IPM.Schedule.Meeting.Resp.Pos", "Accepted", meeting(), null));
            assertThat(c.notes()).containsExactly("no ORGANIZER: no To recipient with an SMTP address");
            assertThat(event(c)).contains("ATTENDEE;PARTSTAT=ACCEPTED;CN=Alice Example:mailto:alice@example.com")
                .noneMatch(l -> l.startsWith("ORGANIZER"));
        }

        @Test
        void appointmentIsPublishedWithoutAttendees() throws Exception {
            TnefCalendar c = calendar(tnef("IPM.Appointment", "Dentist", meeting(), attendees()));
            assertThat(c.method()).isEqualTo(TnefCalendar.Method.PUBLISH);
            assertThat(event(c)).contains("ORGANIZER;CN=Alice Example:mailto:alice@example.com")
                .noneMatch(l -> l.startsWith("ATTENDEE") || l.startsWith("STATUS"));
            parsed(c);
        }

        @ParameterizedTest
        @ValueSource(strings = {"ipm.schedule.meeting.request", "IPM.Schedule.Meeting.Request.Custom"})
        void matchesClassesCaseInsensitivelyWithSubclasses(String messageClass) throws Exception {
            assertThat(calendar(tnef(messageClass, "x", meeting(), null)).method())
                .isEqualTo(TnefCalendar.Method.REQUEST);
        }

        @ParameterizedTest
        @ValueSource(strings = {"IPM.Note", "IPM.Schedule.Meeting.RequestX", "IPM.Schedule.Meeting.Notification",
            "IPM.AppointmentX", "IPM"})
        void otherClassesHaveNoCalendar(String messageClass) throws Exception {
            TnefCalendar.Conversion c = convert(tnef(messageClass, "x", meeting(), null));
            assertThat(c.calendar()).isEmpty();
            assertThat(c.notes()).isEmpty();
        }

        @Test
        void noStartTimeMeansNoCalendarWithANote() throws Exception {
            Props props = Props.props().systime(TnefCalendar.END_WHOLE, END);
            TnefCalendar.Conversion c = convert(tnef("IPM.Schedule.Meeting.Request", "x", props, null));
            assertThat(c.calendar()).isEmpty();
            assertThat(c.notes()).containsExactly("calendar left out: no start time");
        }
    }

    @Nested
    class AllDay {
        @Test
        void writesDatesOfTheOrganizersDays() throws Exception {
            // all day on 15 March in UTC+1: 14 March 23:00Z to 15 March 23:00Z
            Props props = Props.props()
                .systime(TnefCalendar.START_WHOLE, Instant.parse("2024-03-14T23:00:00Z"))
                .systime(TnefCalendar.END_WHOLE, Instant.parse("2024-03-15T23:00:00Z"))
                .bool(TnefCalendar.SUB_TYPE, true)
                .binary(TnefCalendar.CLEAN_GLOBAL_OBJECT_ID, globalObjectId(0, 0, 0, GOID_DATA));
            TnefCalendar c = calendar(tnef("IPM.Schedule.Meeting.Request", "Holiday", props, null));
            assertThat(event(c)).contains("DTSTART;VALUE=DATE:20240315", "DTEND;VALUE=DATE:20240316");
            assertThat(parsed(c).getProperty(Property.DTSTART).getParameter("VALUE").getValue()).isEqualTo("DATE");
        }

        @Test
        void westOfUtcAndWithoutEndLastsOneDay() throws Exception {
            Props props = Props.props()
                .systime(TnefCalendar.START_WHOLE, Instant.parse("2024-03-15T05:00:00Z"))
                .int32(TnefCalendar.SUB_TYPE, 1);
            assertThat(event(calendar(tnef("IPM.Appointment", "x", props, null))))
                .contains("DTSTART;VALUE=DATE:20240315", "DTEND;VALUE=DATE:20240316");
        }
    }

    @Nested
    class Recipients {
        @Test
        void aTruncatedTableLeavesTheAttendeesOut() throws Exception {
            byte[] table = attendees();
            byte[] cut = java.util.Arrays.copyOf(table, table.length - 10);
            TnefCalendar c = calendar(tnef("IPM.Schedule.Meeting.Request", "x", meeting(), cut));
            assertThat(c.notes()).hasSize(1);
            assertThat(c.notes().get(0)).startsWith("attendees left out: property 0x3003001F value needs ");
            assertThat(event(c)).noneMatch(l -> l.startsWith("ATTENDEE")).contains(
                "ORGANIZER;CN=Alice Example:mailto:alice@example.com");
        }

        @Test
        void tooManyRowsAreRefused() throws Exception {
            TnefCalendar c = calendar(tnef("IPM.Schedule.Meeting.Request", "x", meeting(), concat(le32(501),
                new byte[8])));
            assertThat(c.notes()).containsExactly("attendees left out: recipient table declares 501 rows, over the "
                + "limit of 500");
        }

        @Test
        void tooManyPropertiesInARowAreRefused() throws Exception {
            TnefCalendar c = calendar(tnef("IPM.Schedule.Meeting.Request", "x", meeting(), concat(le32(1),
                le32(0xFFFFFFFFL))));
            assertThat(c.notes()).containsExactly("attendees left out: recipient row 0 declares 4294967295 properties, "
                + "over the limit of 1000");
        }

        @Test
        void anUnknownTypeIsRefused() throws Exception {
            TnefCalendar c = calendar(tnef("IPM.Schedule.Meeting.Request", "x", meeting(), concat(le32(1), le32(1),
                new byte[] {0x33, 0x00, 0x15, 0x0C})));
            assertThat(c.notes()).containsExactly("attendees left out: property 0x0C150033 has unknown type 0x0033");
        }

        @Test
        void namedAndMultiValuedPropertiesAreSkipped() throws Exception {
            Props row = recipient(1, "Bob", "bob@example.org")
                .int32(TnefCalendar.BUSY_STATUS, 1);
            byte[] multi = concat(le32(1), new byte[] {0x03, 0x10, 0x00, 0x67}, le32(2), le32(7), le32(8));
            byte[] table = concat(le32(1), le32(6), java.util.Arrays.copyOfRange(row.build(), 4, row.build().length),
                java.util.Arrays.copyOfRange(multi, 4, multi.length));
            TnefCalendar c = calendar(tnef("IPM.Schedule.Meeting.Request", "x", meeting(), table));
            assertThat(c.notes()).isEmpty();
            assertThat(event(c)).contains(
                "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Bob:mailto:bob@example.org");
        }
    }

    @Test
    void optionalIsEmptyForANote() throws Exception {
        try (TnefMessage m = read(tnef("IPM.Note", "x", meeting(), null))) {
            assertThat(TnefCalendar.of(m, CLOCK)).isEqualTo(Optional.empty());
        }
    }

    private static byte[] date(int year, int month, int day, int hour, int minute) {
        return concat(TnefFixture.le16(year), TnefFixture.le16(month), TnefFixture.le16(day), TnefFixture.le16(hour),
            TnefFixture.le16(minute), TnefFixture.le16(0), TnefFixture.le16(1));
    }
}
