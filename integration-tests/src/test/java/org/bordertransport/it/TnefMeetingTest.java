package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.it.BorderJames.ALICE;

import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import javax.mail.BodyPart;
import javax.mail.Multipart;
import javax.mail.Part;

import org.bordertransport.core.tnefmime.RecurringMeetingSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.DateTime;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.component.VEvent;

/**
 * A weekly meeting request in TNEF, in a real James with the shipped conf, to a TNEFEnabled=false domain: the remote
 * MX gets text/calendar with METHOD:REQUEST, a VTIMEZONE, the RRULE, the EXDATE and the moved occurrence, and its
 * occurrences fall at 09:00 Berlin time on both sides of the change to summer time.
 */
class TnefMeetingTest {
    private static final String CONVERT = "notnef.example.com";

    @RegisterExtension
    BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains(CONVERT);

    private static Part find(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return part;
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                Part found = find(child, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    @Test
    void aWeeklyMeetingRequestArrivesWithItsRuleAndTimeZone() throws Exception {
        String to = "c@" + CONVERT;
        String subject = Mails.uniqueSubject("meeting");
        String message = "From: " + ALICE + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\n"
            + "Message-ID: <meeting-1@border.test>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"o\"\r\n\r\n--o\r\nContent-Type: text/plain\r\n\r\n"
            + "Invitation.\r\n--o\r\nContent-Type: application/ms-tnef; name=\"winmail.dat\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString(RecurringMeetingSample.weeklyInBerlin()) + "\r\n--o--\r\n";
        extension.james().send(ALICE, List.of(to), message);

        ReceivedMail mail = extension.mx(CONVERT).awaitOneMail();
        assertThat(mail.raw()).doesNotContain("application/ms-tnef");
        Part part = find(mail.message(), "text/calendar");
        assertThat(part).isNotNull();
        assertThat(part.getContentType()).contains("method=REQUEST");
        String ics = new String(part.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(ics.replace("\r\n ", "")).contains("\r\nMETHOD:REQUEST\r\n", "\r\nBEGIN:VTIMEZONE\r\n",
            "\r\nRRULE:FREQ=WEEKLY;WKST=MO;COUNT=10;INTERVAL=2;BYDAY=MO,WE\r\n",
            "\r\nEXDATE;TZID=W. Europe Standard Time:20240401T090000\r\n",
            "\r\nRECURRENCE-ID;TZID=W. Europe Standard Time:20240403T090000\r\n", "\r\nSEQUENCE:3\r\n");

        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        VEvent series = calendar.getComponents(Component.VEVENT).stream().map(VEvent.class::cast)
            .filter(e -> e.getRecurrenceId() == null).findFirst().orElseThrow();
        Period window = new Period(new DateTime(Instant.parse("2024-01-01T00:00:00Z").toEpochMilli()),
            new DateTime(Instant.parse("2025-01-01T00:00:00Z").toEpochMilli()));
        List<LocalDateTime> starts = series.calculateRecurrenceSet(window).stream()
            .map(p -> LocalDateTime.ofInstant(Instant.ofEpochMilli(p.getStart().getTime()), ZoneId.of("Europe/Berlin")))
            .collect(Collectors.toList());
        assertThat(starts).hasSize(9)
            .startsWith(LocalDateTime.of(2024, 3, 18, 9, 0), LocalDateTime.of(2024, 3, 20, 9, 0))
            .contains(LocalDateTime.of(2024, 4, 15, 9, 0)).doesNotContain(LocalDateTime.of(2024, 4, 1, 9, 0));
    }
}
