package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;

import org.apache.james.utils.DataProbeImpl;
import org.bordertransport.core.srs.Microsoft365Srs;
import org.bordertransport.core.srs.SrsSecrets;
import org.bordertransport.core.srs.StandardSrs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * NDR reverse routing in a real James with the shipped conf: bounces to our SRS addresses — injected over SMTP as a
 * remote MTA sends them, or made by James itself — reach the original sender's MX with {@code <>} and the report
 * intact; relay-form bounces land in the bounces mailbox; forged SRS addresses are refused at RCPT time and nothing is
 * relayed. ({@link SharedSecretsTest}: a second James reverses what the first rewrote.)
 */
class NdrReverseRoutingTest {
    private static final String REMOTE = "remote-a.test";
    private static final String ORIGIN = "fabrikam.test";
    private static final String BOB_OUTSIDE = "bob@" + ORIGIN;
    private static final String FORWARDER = "john.work@" + BorderJames.DOMAIN;
    private static final String TARGET = "john.home@" + REMOTE;

    @RegisterExtension
    BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains(REMOTE, ORIGIN)
;

    /** bob@fabrikam.test writes to john.work, who forwards to john.home@remote-a.test: the SRS sender it gets. */
    private String forwardedSender() throws Exception {
        extension.james().server().getProbe(DataProbeImpl.class).addAddressMapping("john.work", BorderJames.DOMAIN,
            TARGET);
        extension.james().send(BOB_OUTSIDE, List.of(FORWARDER), Mails.message(BOB_OUTSIDE, List.of(FORWARDER),
            Mails.uniqueSubject("to be bounced")));
        String sender = extension.mx(REMOTE).awaitOneMail().envelopeSender();
        assertThat(sender).startsWith("john.work+SRS=");
        return sender;
    }

    static String report(String to, String failed) {
        return report(to, failed, BOB_OUTSIDE);
    }

    static String report(String to, String failed, String originalSender) {
        return "From: MAILER-DAEMON@" + REMOTE + "\r\nTo: " + to + "\r\nSubject: Undelivered Mail Returned to Sender\r\n"
            + "Message-ID: <dsn-1@" + REMOTE + ">\r\nAuto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"r1\"\r\n\r\n"
            + "--r1\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n"
            + "--r1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx." + REMOTE + "\r\n\r\n"
            + "Final-Recipient: rfc822; " + failed + "\r\nAction: failed\r\nStatus: 5.1.1\r\n"
            + "Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n\r\n"
            + "--r1\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: " + originalSender + "\r\nSubject: hello\r\n\r\n"
            + "--r1--\r\n";
    }

    private static String body(String raw) {
        return raw.substring(raw.indexOf("\r\n\r\n") + 4);
    }

    @Test
    void aDsnFromOutsideGoesBackToTheOriginalSendersMxWithTheReportIntact() throws Exception {
        // as real MXs do: for a receiver without 8BITMIME, James 3.8.1 re-saves the message, which reorders its header
        extension.mx(ORIGIN).announcing("8BITMIME");
        String srs = forwardedSender();
        String dsn = report(srs, TARGET);
        try (RawSmtp smtp = new RawSmtp(extension.james().smtpPort())) {
            assertThat(smtp.command("EHLO mx." + REMOTE)).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + srs + ">")).startsWith("250");
            assertThat(smtp.data(dsn)).startsWith("250");
        }

        ReceivedMail bounce = extension.mx(ORIGIN).awaitOneMail();
        assertThat(bounce.envelopeSender()).isEmpty();
        assertThat(bounce.envelopeRecipients()).containsExactly(BOB_OUTSIDE);
        assertThat(body(bounce.raw())).isEqualTo(body(dsn));
        // the report octet for octet under the one Received field James adds: no Date added (the report has none),
        // MIME-Version not moved above the Received fields (James re-saves a message whose header was touched)
        assertThat(bounce.raw()).matches("(?s)Received: [^\r\n]*(\r\n[ \t][^\r\n]*)*\r\n" + Pattern.quote(dsn));
        assertThat(bounce.header("To")).contains(srs);
    }

    @Test
    void theBounceJamesMakesItselfAlsoGoesBack() throws Exception {
        extension.mx(REMOTE).refuseRecipient(TARGET, "550 5.1.1 <" + TARGET + ">: no such user");
        extension.james().server().getProbe(DataProbeImpl.class).addAddressMapping("john.work", BorderJames.DOMAIN,
            TARGET);
        extension.james().send(BOB_OUTSIDE, List.of(FORWARDER), Mails.message(BOB_OUTSIDE, List.of(FORWARDER),
            Mails.uniqueSubject("refused by the target")));

        ReceivedMail bounce = extension.mx(ORIGIN).awaitOneMail();
        assertThat(bounce.envelopeSender()).isEmpty();
        assertThat(bounce.envelopeRecipients()).containsExactly(BOB_OUTSIDE);
        assertThat(bounce.raw()).contains(TARGET);
        assertThat(extension.mx(REMOTE).mails()).isEmpty();
    }

    @Test
    void relayFormBouncesLandInTheBouncesMailbox() throws Exception {
        extension.james().addUser("bounces@" + BorderJames.DOMAIN);
        extension.james().send("app@onprem.test", List.of("x@" + REMOTE), Mails.message("app@onprem.test",
            List.of("x@" + REMOTE), Mails.uniqueSubject("relayed")));
        String srs = extension.mx(REMOTE).awaitOneMail().envelopeSender();
        assertThat(srs).startsWith("bounces+SRS=");
        try (RawSmtp smtp = new RawSmtp(extension.james().smtpPort())) {
            smtp.command("EHLO mx." + REMOTE);
            smtp.command("MAIL FROM:<>");
            assertThat(smtp.command("RCPT TO:<" + srs + ">")).startsWith("250");
            assertThat(smtp.data(report(srs, "x@" + REMOTE))).startsWith("250");
        }

        ImapMessage received = extension.james().awaitSingleMessage("bounces@" + BorderJames.DOMAIN);
        assertThat(received.raw()).contains("Final-Recipient: rfc822; x@" + REMOTE);
        assertThat(extension.mx(ORIGIN).mails()).isEmpty();
    }

    @Test
    void tenThousandForgedSrsAddressesAreRefusedAndNothingIsRelayed() throws Exception {
        String genuine = forwardedSender();
        Path secrets = extension.james().workingDirectory().resolve("conf").resolve("srs-secrets");
        Microsoft365Srs ours = Microsoft365Srs.builder(SrsSecrets.load(secrets), BorderJames.DOMAIN).build();
        Microsoft365Srs other = Microsoft365Srs.builder(SrsSecrets.of("another-secret-0123456789abcdef"),
            BorderJames.DOMAIN).build();
        Microsoft365Srs old = Microsoft365Srs.builder(SrsSecrets.load(secrets), BorderJames.DOMAIN)
            .clock(Clock.fixed(Instant.now().minus(Duration.ofDays(40)), ZoneOffset.UTC)).build();
        StandardSrs otherStandard = StandardSrs.builder(SrsSecrets.of("another-secret-0123456789abcdef"),
            BorderJames.DOMAIN).build();
        Random random = new Random(2026);
        List<String> forged = new ArrayList<>();
        String hash = genuine.substring("john.work+SRS=".length(), genuine.indexOf('=', "john.work+SRS=".length()));
        for (int i = 0; forged.size() < 10_000; i++) {
            String victim = "v" + i + "@victim" + (i % 97) + ".example";
            switch (i % 6) {
                case 0: // a random hash
                    forged.add("x" + i + "+SRS=" + Long.toString(random.nextLong() & Long.MAX_VALUE, 32).substring(0, 8)
                        + "=" + genuine.split("=")[2] + "=victim.example=v" + i + "@" + BorderJames.DOMAIN);
                    break;
                case 1: // valid-looking, made with another secret
                    forged.add(other.forward(victim, "x" + i + "@" + BorderJames.DOMAIN).address());
                    break;
                case 2: // genuine once, expired now
                    forged.add(old.forward(victim, "x" + i + "@" + BorderJames.DOMAIN).address());
                    break;
                case 3: // our genuine address with the original sender changed, case-mangled
                    forged.add(genuine.replace("=bob@", "=b" + i + "@").toUpperCase(Locale.ROOT));
                    break;
                case 4: // the standard form, another secret
                    forged.add(otherStandard.forward(victim).address());
                    break;
                default: // over-long
                    forged.add("x+SRS=" + hash + "=JM=" + "a".repeat(40 + i % 200) + ".example=" + "b".repeat(30)
                        + "@" + BorderJames.DOMAIN);
                    break;
            }
        }
        int accepted = 0;
        try (RawSmtp smtp = new RawSmtp(extension.james().smtpPort())) {
            smtp.command("EHLO attacker.example");
            assertThat(smtp.command("MAIL FROM:<>")).startsWith("250");
            for (String address : forged) {
                String reply = smtp.command("RCPT TO:<" + address + ">");
                assertThat(reply).as(address).matches("(?s)5\\d\\d .*");
                accepted += reply.startsWith("2") ? 1 : 0;
            }
            assertThat(smtp.command("RSET")).startsWith("250");
            // a non-bounce to a genuine SRS address is refused too (no open relay through a valid address)
            assertThat(smtp.command("MAIL FROM:<spammer@attacker.example>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + genuine + ">")).startsWith("550 5.7.1");
            assertThat(smtp.command("RSET")).startsWith("250");
            // and James still takes normal mail
            assertThat(smtp.command("MAIL FROM:<someone@example.org>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + BorderJames.BOB + ">")).startsWith("250");
            assertThat(smtp.data(Mails.message("someone@example.org", List.of(BorderJames.BOB), "still alive")))
                .startsWith("250");
        }
        assertThat(accepted).isZero();
        assertThat(extension.james().awaitSingleMessage(BorderJames.BOB).header("Subject")).contains("still alive");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
            extension.mx(ORIGIN).mails().isEmpty() && extension.mx(REMOTE).mails().size() == 1);
    }
}
