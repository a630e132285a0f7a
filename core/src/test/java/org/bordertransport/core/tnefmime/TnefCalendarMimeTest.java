package org.bordertransport.core.tnefmime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.core.tnefmime.MimeFixture.assertSevenBitClean;
import static org.bordertransport.core.tnefmime.MimeFixture.parse;
import static org.bordertransport.core.tnefmime.MimeFixture.part;
import static org.bordertransport.core.tnefmime.MimeFixture.shape;
import static org.bordertransport.core.tnefmime.MimeFixture.winmail;
import static org.bordertransport.core.tnefmime.TnefCalendarFixture.tnef;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.bordertransport.core.tnef.MapiTag;
import org.bordertransport.core.tnefmime.MimeFixture.Part;
import org.bordertransport.core.tnefmime.TnefCalendarFixture.Props;
import org.bordertransport.core.tnefmime.TnefMimeConverterTest.Converted;
import org.junit.jupiter.api.Test;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;

/** Meeting messages through {@link TnefMimeConverter}: the body becomes an alternative with a text/calendar part. */
class TnefCalendarMimeTest {
    @Test
    void requestBecomesTextAndHtmlAndCalendarAlternatives() throws Exception {
        Props props = TnefCalendarTest.meeting().unicode(MapiTag.PR_HTML, "<p>Agenda: budget</p>");
        Converted c = TnefMimeConverterTest.convert(winmail(tnef("IPM.Schedule.Meeting.Request", "Budget review",
            props, TnefCalendarTest.attendees())));
        assertThat(c.result.changes()).containsExactly("2: application/ms-tnef (winmail.dat) -> multipart/alternative"
            + " (multipart/alternative body, 0 attachment(s), text/calendar method=REQUEST)");
        assertSevenBitClean(c.bytes);
        List<Part> parts = parse(c.bytes);
        assertThat(shape(parts)).containsExactly("root multipart/mixed", "1 text/plain", "2 multipart/alternative",
            "2.1 text/plain", "2.2 text/html", "2.3 text/calendar");
        Part calendar = part(parts, "2.3");
        assertThat(calendar.header("Content-Type")).isEqualTo("text/calendar; method=REQUEST; charset=utf-8");
        assertThat(calendar.header("Content-Transfer-Encoding")).isEqualTo("7bit");
        Calendar parsed = new CalendarBuilder().build(new StringReader(calendar.text()));
        assertThat(parsed.getProperty(Property.METHOD).getValue()).isEqualTo("REQUEST");
        Component event = parsed.getComponent(Component.VEVENT);
        assertThat(event.getProperty(Property.UID).getValue()).isEqualTo(TnefCalendarTest.CLEAN_UID);
        assertThat(event.getProperty(Property.DTSTART).getValue()).isEqualTo("20240506T130000Z");
        assertThat(event.getProperty(Property.SUMMARY).getValue()).isEqualTo("Budget review");
        assertThat(part(parts, "2.1").text()).isEqualTo("Agenda:\r\n1. budget\r\n");
    }

    @Test
    void unicodeCalendarIsQuotedPrintable() throws Exception {
        Converted c = TnefMimeConverterTest.convert(winmail(tnef("IPM.Schedule.Meeting.Canceled", "Réunion annulée",
            TnefCalendarTest.meeting(), null)));
        assertSevenBitClean(c.bytes);
        List<Part> parts = parse(c.bytes);
        assertThat(shape(parts)).containsExactly("root multipart/mixed", "1 text/plain", "2 multipart/alternative",
            "2.1 text/plain", "2.2 text/calendar");
        Part calendar = part(parts, "2.2");
        assertThat(calendar.header("Content-Type")).isEqualTo("text/calendar; method=CANCEL; charset=utf-8");
        assertThat(calendar.header("Content-Transfer-Encoding")).isEqualTo("quoted-printable");
        assertThat(calendar.text()).contains("SUMMARY:Réunion annulée\r\n", "STATUS:CANCELLED\r\n");
    }

    @Test
    void calendarWithoutBodyIsTheWholeEntity() throws Exception {
        Props props = Props.props().systime(TnefCalendar.START_WHOLE, TnefCalendarTest.START)
            .systime(TnefCalendar.PR_CLIENT_SUBMIT_TIME, TnefCalendarTest.SUBMITTED);
        Converted c = TnefMimeConverterTest.convert(winmail(tnef("IPM.Appointment", "Dentist", props, null)));
        assertThat(c.result.changes()).containsExactly("2: application/ms-tnef (winmail.dat) -> text/calendar"
            + " (text/calendar body, 0 attachment(s), text/calendar method=PUBLISH, UID made up: no"
            + " PidLidGlobalObjectId, no ORGANIZER: no SMTP sender address)");
        Part calendar = part(parse(c.bytes), "2");
        assertThat(calendar.header("Content-Type")).isEqualTo("text/calendar; method=PUBLISH; charset=utf-8");
        assertThat(new String(calendar.decoded, StandardCharsets.US_ASCII)).contains("METHOD:PUBLISH\r\n",
            "DTSTART:20240506T130000Z\r\n", "DTSTAMP:20240502T091500Z\r\n");
    }

    @Test
    void meetingWithoutStartKeepsItsBodyAndSaysSo() throws Exception {
        Props props = Props.props().unicode(MapiTag.PR_BODY, "Agenda");
        Converted c = TnefMimeConverterTest.convert(winmail(tnef("IPM.Schedule.Meeting.Request", "x", props, null)));
        assertThat(c.result.changes()).containsExactly("2: application/ms-tnef (winmail.dat) -> text/plain"
            + " (text/plain body, 0 attachment(s), calendar left out: no start time)");
    }

    @Test
    void noteIsUnchanged() throws Exception {
        Props props = TnefCalendarTest.meeting();
        Converted c = TnefMimeConverterTest.convert(winmail(tnef("IPM.Note", "x", props, null)));
        assertThat(c.result.changes()).containsExactly("2: application/ms-tnef (winmail.dat) -> text/plain"
            + " (text/plain body, 0 attachment(s))");
    }
}
