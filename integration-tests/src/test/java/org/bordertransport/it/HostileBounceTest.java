package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.utils.DataProbeImpl;
import org.apache.james.utils.MailRepositoryProbeImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad bounces at the border, in a real James with the shipped conf (issue 11, item 5): a loop of bounces between two
 * forwarders, a malformed DSN, a 50 MB bounce and a report of 10,000 failed recipients. Each gets a clear outcome —
 * routed back once to the genuine original sender, kept in {@code srs-error}, or refused at SMTP — and nothing is
 * relayed anywhere else.
 */
class HostileBounceTest {
    private static final String REMOTE = "remote-a.test";
    private static final String ORIGIN = "fabrikam.test";
    private static final String BOB_OUTSIDE = "bob@" + ORIGIN;
    private static final String FORWARDER = "john.work@" + BorderJames.DOMAIN;
    private static final String TARGET = "john.home@" + REMOTE;
    private static final MailRepositoryUrl SRS_ERROR = MailRepositoryUrl.from("memory://var/mail/srs-error/");
    private static final MailRepositoryUrl RELAY_LIMIT =
        MailRepositoryUrl.from("memory://var/mail/relay-limit-exceeded/");

    @RegisterExtension
    BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains(REMOTE, ORIGIN);

    private String forwardedSender() throws Exception {
        extension.james().server().getProbe(DataProbeImpl.class).addAddressMapping("john.work", BorderJames.DOMAIN,
            TARGET);
        extension.james().send(BOB_OUTSIDE, List.of(FORWARDER), Mails.message(BOB_OUTSIDE, List.of(FORWARDER),
            Mails.uniqueSubject("to be bounced")));
        return extension.mx(REMOTE).awaitOneMail().envelopeSender();
    }

    private int srsErrorCount() throws Exception {
        return count(SRS_ERROR);
    }

    private int count(MailRepositoryUrl repository) throws Exception {
        return (int) extension.james().server().getProbe(MailRepositoryProbeImpl.class)
            .getRepositoryMailCount(repository);
    }

    private static String body(String raw) {
        return raw.substring(raw.indexOf("\r\n\r\n") + 4);
    }

    private static String bounce(String srs, String body) throws IOException {
        return "From: MAILER-DAEMON@mx." + REMOTE + "\r\nTo: " + srs + "\r\nSubject: Undelivered Mail Returned to Sender"
            + "\r\nMessage-ID: <" + Mails.uniqueSubject("dsn").replace(' ', '.') + "@mx." + REMOTE + ">\r\n" + body;
    }

    private void sendBounce(String srs, String message) throws IOException {
        try (RawSmtp smtp = new RawSmtp(extension.james().smtpPort())) {
            assertThat(smtp.command("EHLO mx." + REMOTE)).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + srs + ">")).startsWith("250");
            assertThat(smtp.data(message)).startsWith("250");
        }
    }

    /**
     * The original sender's side forwards whatever it gets back to our SRS address (a forwarder whose target is that
     * address): each round adds two Received fields (theirs and James's), and at the RFC 5321 hop count James stops
     * routing it back: the shipped root processor's {@code RelayLimit=30} keeps it in relay-limit-exceeded before
     * ReverseSrs (whose own {@code maxReceived}, also 30, guards a conf without it). Bounded rounds, one mail kept,
     * nothing else relayed, nothing bounced.
     */
    @Test
    void aLoopOfBouncesBetweenTwoForwardersStopsAtTheHopCountAndIsKept() throws Exception {
        String srs = forwardedSender();
        FakeMx origin = extension.mx(ORIGIN);
        sendBounce(srs, NdrReverseRoutingTest.report(srs, TARGET));
        int rounds = 0;
        while (true) {
            int seen = rounds;
            BorderJames.await().until(() -> origin.mails().size() > seen || count(RELAY_LIMIT) > 0);
            if (count(RELAY_LIMIT) > 0) {
                break;
            }
            ReceivedMail back = origin.mails().get(rounds);
            rounds++;
            assertThat(rounds).as("rounds before the loop is stopped").isLessThan(30);
            assertThat(back.envelopeSender()).isEmpty();
            // the other forwarder: adds its Received field and sends the bounce on to our SRS address, <> kept
            sendBounce(srs, "Received: from mx." + REMOTE + " by mx." + ORIGIN + "; round " + rounds + "\r\n"
                + back.raw());
        }
        assertThat(rounds).as("rounds: each adds two Received fields (ours and theirs)").isEqualTo(15);
        int relayed = rounds;
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
            origin.mails().size() == relayed && count(RELAY_LIMIT) == 1 && srsErrorCount() == 0);
        assertThat(extension.mx(REMOTE).mails()).hasSize(1);
    }

    @Test
    void aMalformedDsnToAGenuineAddressGoesBackUnchangedAndToAForgedOneNowhere() throws Exception {
        String srs = forwardedSender();
        String malformed = bounce(srs, "MIME-Version: 1.0\r\nContent-Type: multipart/report; "
            + "report-type=delivery-status; boundary=\"never-closed\"\r\n\r\n--never-closed\r\nContent-Type: "
            + "message/delivery-status\r\n\r\nReporting-MTA dns mx\r\n\u0000\u0001garbage: \r\n  Action:\r\n"
            + "--wrong-boundary--\r\n");
        sendBounce(srs, malformed);
        ReceivedMail back = extension.mx(ORIGIN).awaitOneMail();
        assertThat(back.envelopeSender()).isEmpty();
        assertThat(back.envelopeRecipients()).containsExactly(BOB_OUTSIDE);
        assertThat(body(back.raw())).isEqualTo(body(malformed));
        assertThat(back.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("never-closed"));

        String forged = srs.replaceFirst("\\+SRS=.", "+SRS=" + (srs.charAt(srs.indexOf("+SRS=") + 5) == 'a' ? 'b' : 'a'));
        try (RawSmtp smtp = new RawSmtp(extension.james().smtpPort())) {
            smtp.command("EHLO mx." + REMOTE);
            smtp.command("MAIL FROM:<>");
            assertThat(smtp.command("RCPT TO:<" + forged + ">")).startsWith("550");
        }
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
            extension.mx(ORIGIN).mails().size() == 1);
    }

    /** James's SMTP size limit (25 MB in the shipped conf) refuses it at DATA: nothing stored, nothing relayed. */
    @Test
    void aFiftyMegabyteBounceIsRefusedAtSmtpAndNothingIsRelayed() throws Exception {
        String srs = forwardedSender();
        try (Socket socket = new Socket("127.0.0.1", extension.james().smtpPort())) {
            socket.setSoTimeout(120_000);
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            assertThat(in.readLine()).startsWith("220");
            for (String command : List.of("HELO mx." + REMOTE, "MAIL FROM:<>", "RCPT TO:<" + srs + ">", "DATA")) {
                out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(in.readLine()).as(command).matches("[23]\\d\\d.*");
            }
            out.write(bounce(srs, NdrReverseRoutingTest.report(srs, TARGET).replace("--r1--\r\n", ""))
                .getBytes(StandardCharsets.US_ASCII));
            byte[] line = ("X".repeat(998) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            long written = 0;
            try {
                for (; written < 50L * 1024 * 1024; written += line.length) {
                    out.write(line);
                }
                out.write("--r1--\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(in.readLine()).as("answer to a 50 MB DATA").startsWith("552");
            } catch (IOException e) {
                // James may close the connection as soon as the limit is passed: refused as well
                assertThat(written).as("octets sent before the connection closed").isGreaterThan(25L * 1024 * 1024);
            }
        }
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
            extension.mx(ORIGIN).mails().isEmpty() && srsErrorCount() == 0);
    }

    @Test
    void aReportOfTenThousandFailedRecipientsGoesBackOnceIntact() throws Exception {
        String srs = forwardedSender();
        StringBuilder groups = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            groups.append("\r\nFinal-Recipient: rfc822; user").append(i).append('@').append(REMOTE)
                .append("\r\nAction: failed\r\nStatus: 5.1.1\r\n");
        }
        String report = bounce(srs, "MIME-Version: 1.0\r\nContent-Type: multipart/report; "
            + "report-type=delivery-status; boundary=\"r1\"\r\n\r\n--r1\r\nContent-Type: text/plain\r\n\r\nFailed.\r\n"
            + "--r1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx." + REMOTE + "\r\n"
            + groups + "\r\n--r1--\r\n");
        sendBounce(srs, report);
        ReceivedMail back = extension.mx(ORIGIN).awaitOneMail();
        assertThat(back.envelopeRecipients()).containsExactly(BOB_OUTSIDE);
        assertThat(body(back.raw())).isEqualTo(body(report));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
            extension.mx(ORIGIN).mails().size() == 1 && srsErrorCount() == 0);
    }
}
