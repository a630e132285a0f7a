package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bordertransport.it.BorderJames.ALICE;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.utils.MailRepositoryProbeImpl;
import org.apache.james.utils.TestIMAPClient;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;
import org.bordertransport.core.tnef.MapiTag;
import org.bordertransport.core.tnefmime.TnefFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13, item 3, in a real James with the shipped conf: TNEF that must not leave — summary TNEF to any remote
 * domain, TNEF to a {@code TNEFEnabled=false} domain — and cannot be decoded never reaches a remote MX: it is kept in
 * {@code memory://var/mail/tnef-error/} and its sender gets a DSN naming the reason (none for {@code <>}). Other
 * undecodable TNEF still goes on unchanged ({@link ConverterFailureTest}).
 */
class TnefGuardTest {
    /** TNEFEnabled unset in the shipped remotedomains.xml. */
    private static final String UNSET = "partner.example";
    /** TNEFEnabled=true in the shipped remotedomains.xml. */
    private static final String KEEP = "exchange.example.com";
    /** TNEFEnabled=false in the shipped remotedomains.xml. */
    private static final String NO_TNEF = "notnef.example.com";
    private static final MailRepositoryUrl TNEF_ERROR = MailRepositoryUrl.from("memory://var/mail/tnef-error/");

    @RegisterExtension
    BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains(UNSET, KEEP, NO_TNEF);

    /** A TNEF stream cut off after 40 octets (the signature 0x223E9F78 and a truncated first attribute). */
    private static String brokenTnefBase64() {
        byte[] tnef = TnefFixture.tnef().codePage(1252).subject("Report", TnefFixture.CP1252)
            .messageProps(TnefFixture.Props.props().binary(MapiTag.PR_HTML,
                "<html><body><p>The report</p></body></html>".getBytes(StandardCharsets.US_ASCII)))
            .build();
        return Base64.getMimeEncoder().encodeToString(Arrays.copyOf(tnef, 40));
    }

    private static String brokenSummaryTnef(String from, String to, String subject) {
        return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\n"
            + "Message-ID: <stnef-broken@border.test>\r\nMIME-Version: 1.0\r\nContent-Type: application/ms-tnef\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n" + brokenTnefBase64() + "\r\n";
    }

    private int held() throws Exception {
        return (int) extension.james().server().getProbe(MailRepositoryProbeImpl.class)
            .getRepositoryMailCount(TNEF_ERROR);
    }

    /** The one mail kept in tnef-error: its recipients, the reason it carries and its message as sent. */
    private void assertKept(String to, String reason, String tnefBase64) throws Exception {
        BorderJames.await().until(() -> held() == 1);
        MailRepositoryProbeImpl probe = extension.james().server().getProbe(MailRepositoryProbeImpl.class);
        MailKey key = probe.listMailKeys(TNEF_ERROR).get(0);
        Mail stored = probe.getMail(TNEF_ERROR, key);
        try {
            assertThat(stored.getRecipients()).extracting(Object::toString).containsExactly(to);
            assertThat(stored.getAttribute(AttributeName.of("org.bordertransport.tnef.held")))
                .hasValueSatisfying(attribute -> assertThat(attribute.getValue().value()).asString()
                    .startsWith(reason + " cannot be decoded (").endsWith("); it must not leave as TNEF"));
            assertThat(new String(stored.getMessage().getRawInputStream().readAllBytes(), StandardCharsets.US_ASCII)
                .replace("\r\n", "")).contains(tnefBase64.replace("\r\n", ""));
        } finally {
            LifecycleUtil.dispose(stored);
        }
    }

    private void assertDsnToAlice(String to, String subject, String reason) throws Exception {
        ImapMessage dsn = extension.james().awaitSingleMessage(ALICE);
        assertThat(dsn.header("Content-Type")).hasValueSatisfying(type -> assertThat(type)
            .startsWith("multipart/report").contains("report-type=delivery-status"));
        assertThat(dsn.raw())
            .contains("Final-Recipient: rfc822; " + to)
            .contains("Action: failed")
            .contains("Status: 5.6.5")
            .contains("TNEF (winmail.dat) that their")
            .contains(reason + " cannot be decoded (")
            .contains("Content-Type: text/rfc822-headers")
            .contains("Subject: " + subject)
            // the headers only: the TNEF does not travel in the DSN
            .doesNotContain(brokenTnefBase64().substring(0, 40));
    }

    private void assertNothingRelayed() {
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
            extension.mx(UNSET).mails().isEmpty() && extension.mx(KEEP).mails().isEmpty()
                && extension.mx(NO_TNEF).mails().isEmpty());
    }

    @Test
    void undecodableSummaryTnefIsKeptAndItsSenderGetsADsn() throws Exception {
        String to = "someone@" + UNSET;
        String subject = Mails.uniqueSubject("broken summary tnef");
        extension.james().send(ALICE, List.of(to), brokenSummaryTnef(ALICE, to, subject));

        assertKept(to, "summary TNEF to a remote domain", brokenTnefBase64());
        assertDsnToAlice(to, subject, "summary TNEF to a remote domain");
        assertNothingRelayed();
    }

    @Test
    void undecodableSummaryTnefIsKeptEvenForADomainThatKeepsTnef() throws Exception {
        String to = "k@" + KEEP;
        String subject = Mails.uniqueSubject("broken summary tnef");
        extension.james().send(ALICE, List.of(to), brokenSummaryTnef(ALICE, to, subject));

        assertKept(to, "summary TNEF to a remote domain", brokenTnefBase64());
        assertDsnToAlice(to, subject, "summary TNEF to a remote domain");
        assertNothingRelayed();
    }

    @Test
    void undecodableTnefToADomainWithTnefDisabledIsKeptAndItsSenderGetsADsn() throws Exception {
        String to = "c@" + NO_TNEF;
        String subject = Mails.uniqueSubject("broken tnef");
        extension.james().send(ALICE, List.of(to), ConverterFailureTest.brokenTnef(to, subject));

        assertKept(to, "TNEF to a remote domain with TNEFEnabled=false", brokenTnefBase64());
        assertDsnToAlice(to, subject, "TNEF to a remote domain with TNEFEnabled=false");
        assertNothingRelayed();
    }

    @Test
    void undecodableSummaryTnefFromTheNullSenderIsKeptAndBouncesNothing() throws Exception {
        String to = "someone@" + UNSET;
        try (RawSmtp smtp = new RawSmtp(extension.james().smtpPort())) {
            assertThat(smtp.command("EHLO client.example")).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + to + ">")).startsWith("250");
            assertThat(smtp.data(brokenSummaryTnef("MAILER-DAEMON@border.test", to,
                Mails.uniqueSubject("broken summary tnef")))).startsWith("250");
        }

        assertKept(to, "summary TNEF to a remote domain", brokenTnefBase64());
        assertNothingRelayed();
        TestIMAPClient alice = extension.james().imap(ALICE);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
            alice.getMessageCount(TestIMAPClient.INBOX) == 0 && held() == 1);
    }
}
