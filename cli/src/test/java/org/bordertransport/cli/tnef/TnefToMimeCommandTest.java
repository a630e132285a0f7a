package org.bordertransport.cli.tnef;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

import org.bordertransport.cli.Cli;
import org.bordertransport.core.tnefmime.RecurringMeetingSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TnefToMimeCommandTest {
    @TempDir
    Path dir;

    private Path file(String name, byte[] bytes) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    @Test
    void aTnefFileBecomesAMimeMessage() throws Exception {
        Cli.Result result = Cli.run(dir, "tnef", "to-mime", file("winmail.dat", Samples.note().build()).toString());

        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.out()).startsWith("Subject: Quarterly report\r\nMIME-Version: 1.0\r\nContent-Type: "
            + "multipart/mixed;").contains("Content-Type: application/pdf")
            .contains(Base64.getEncoder().encodeToString("%PDF-1.4".getBytes(StandardCharsets.US_ASCII)))
            .doesNotContain("ms-tnef");
        assertThat(result.stderr()).startsWith("{\"modified\":true,\"changes\":\"TNEF file -> multipart/mixed");
    }

    @Test
    void aMessageWithWinmailDatHasItReplacedAndKeepsItsHeaders() throws Exception {
        String message = "From: a@example.com\r\nSubject: hi\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; "
            + "boundary=o\r\n\r\n--o\r\nContent-Type: application/ms-tnef; name=winmail.dat\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(
            Samples.note().build()) + "\r\n--o--\r\n";
        Path out = dir.resolve("out.eml");
        Cli.Result result = Cli.run(dir, "tnef", "to-mime", file("in.eml",
            message.getBytes(StandardCharsets.US_ASCII)).toString(), "-o", out.toString());

        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.out()).isEmpty();
        String written = Files.readString(out, StandardCharsets.ISO_8859_1);
        assertThat(written).startsWith("From: a@example.com\r\nSubject: hi\r\n").contains("application/pdf")
            .doesNotContain("ms-tnef");
    }

    @Test
    void aRecurringMeetingRequestBecomesACalendarWithItsRuleAndTimeZone() throws Exception {
        Cli.Result result = Cli.run(dir, "tnef", "to-mime", file("winmail.dat",
            RecurringMeetingSample.weeklyInBerlin()).toString());

        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.out()).contains("Content-Type: text/calendar; method=REQUEST",
            "\r\nBEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time\r\n",
            "\r\nDTSTART;TZID=W. Europe Standard Time:20240318T090000\r\n",
            "\r\nRRULE:FREQ=WEEKLY;WKST=MO;COUNT=10;INTERVAL=2;BYDAY=MO,WE\r\n",
            "\r\nEXDATE;TZID=W. Europe Standard Time:20240401T090000\r\n",
            "\r\nRECURRENCE-ID;TZID=W. Europe Standard Time:20240403T090000\r\n",
            "\r\nSUMMARY:Team sync (moved)\r\n");
    }

    @Test
    void aBrokenTnefFileIsRejectedWithNothingWritten() throws Exception {
        byte[] broken = Arrays.copyOf(Samples.note().build(), 30);
        Cli.Result result = Cli.run(dir, "tnef", "to-mime", file("winmail.dat", broken).toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.stderr()).startsWith("{\"error\":\"TRUNCATED\",\"message\":");
    }

    @Test
    void aMessageWithoutTnefIsWrittenUnchanged() throws Exception {
        String message = "From: a@example.com\r\nSubject: hi\r\n\r\nplain\r\n";
        Cli.Result result = Cli.run(dir, "tnef", "to-mime", file("in.eml",
            message.getBytes(StandardCharsets.US_ASCII)).toString());

        assertThat(result.exit()).isZero();
        assertThat(result.out()).isEqualTo(message);
        assertThat(result.stderr()).isEqualTo("{\"modified\":false,\"changes\":\"no TNEF part\"}\n");
    }
}
