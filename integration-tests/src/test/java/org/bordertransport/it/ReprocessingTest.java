package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bordertransport.it.BorderJames.ALICE;
import static org.bordertransport.it.BorderJames.BOB;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import javax.management.ObjectName;

import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.utils.DataProbeImpl;
import org.apache.james.utils.MailRepositoryProbeImpl;
import org.apache.james.utils.TestIMAPClient;
import org.bordertransport.core.tnef.MapiTag;
import org.bordertransport.core.tnefmime.TnefFixture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 16 item 2, in a real James with the shipped conf: mail moved from a mail repository back into processing with
 * James's WebAdmin ({@code PATCH /mailRepositories/{path}/mails?action=reprocess}, and per mail) comes out as it did
 * the first time: the same envelope sender (no SRS of an SRS address), the same Message-ID (no second replacement),
 * the same body (no second conversion of text or TNEF), one DKIM signature, once per recipient.
 */
class ReprocessingTest {
    /** MimeText, wrapped at 76, in the shipped remotedomains.xml: HTML becomes text. */
    private static final String PLAIN = "plaintext.example.net";
    /** TNEFEnabled=false in the shipped remotedomains.xml: winmail.dat becomes MIME. */
    private static final String NO_TNEF = "notnef.example.com";
    private static final String RELAYING_APP = "app@onprem.test";
    private static final String OUTSIDE = "bob@fabrikam.test";
    private static final String MAILETS = "mailetcontainer.xml";
    private static final String RELAY = "<processor state=\"relay\" enableJmx=\"true\">";
    private static final String REMOTE_DELIVERY = "<mailet match=\"All\" class=\"RemoteDelivery\">";
    /** Mail that was not reprocessed: James's reprocessing sets the attribute mailRepository-reprocessing. */
    private static final String FIRST_PASS = RELAY + "\n<matcher name=\"first-pass\" "
        + "match=\"org.apache.james.mailetcontainer.impl.matchers.Not\">"
        + "<matcher match=\"HasMailAttribute=mailRepository-reprocessing\"/></matcher>";
    private static final String ERROR = "var/mail/error/";
    private static final String SENT_COPY = "var/mail/sent-copy/";
    private static final String TNEF_ERROR = "var/mail/tnef-error/";
    private static final byte[] PDF = new byte[3_000];

    static {
        new Random(16).nextBytes(PDF);
    }

    private static String html(String from, List<String> to, String subject, String messageId) {
        return "From: " + from + "\r\nTo: " + String.join(", ", to) + "\r\nSubject: " + subject + "\r\n"
            + "Date: Mon, 7 Dec 2026 10:00:00 +0000\r\nMessage-ID: " + messageId + "\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "<html><body><h1>Quarterly</h1><p>The <b>quarterly</b> report, r\u00e9sum\u00e9 included, in a line long"
            + " enough to be wrapped at seventy-six columns by the plain-text partner.</p></body></html>\r\n";
    }

    private static String winmail(String from, List<String> to, String subject, String messageId) {
        byte[] tnef = TnefFixture.tnef().codePage(1252).subject("Quarterly", TnefFixture.CP1252)
            .messageProps(TnefFixture.Props.props().binary(MapiTag.PR_HTML,
                "<html><body><p>The <b>quarterly</b> report.</p></body></html>".getBytes(StandardCharsets.US_ASCII)))
            .file("report.pdf", PDF, "application/pdf", null).build();
        return "From: " + from + "\r\nTo: " + String.join(", ", to) + "\r\nSubject: " + subject + "\r\n"
            + "Date: Mon, 7 Dec 2026 10:00:00 +0000\r\nMessage-ID: " + messageId + "\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"o\"\r\n\r\n--o\r\nContent-Type: text/plain\r\n\r\n"
            + "See the report.\r\n--o\r\nContent-Type: application/ms-tnef; name=\"winmail.dat\"\r\n"
            + "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"winmail.dat\"\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString(tnef) + "\r\n--o--\r\n";
    }

    /** The one mail of {@code mails} with this subject and these recipients. */
    private static ReceivedMail find(List<ReceivedMail> mails, ReceivedMail like) {
        List<ReceivedMail> found = new ArrayList<>();
        for (ReceivedMail mail : mails) {
            if (mail.header("Subject").equals(like.header("Subject"))
                && mail.envelopeRecipients().equals(like.envelopeRecipients())) {
                found.add(mail);
            }
        }
        assertThat(found).as("mails like %s in %s", like, mails).hasSize(1);
        return found.get(0);
    }

    private static String withoutMimeVersion(String message) {
        return message.replaceFirst("(?m)^MIME-Version: 1\\.0\r\n", "");
    }

    private static void assertNoMoreMail(FakeMx mx, int count) {
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> mx.mails().size() == count);
    }

    /**
     * A copy of what leaves (kept just before RemoteDelivery, first pass only) is reprocessed: every Border mailet of
     * the chain sees its own output, and what reaches the MX again is what reached it the first time, octet for
     * octet.
     */
    @Nested
    class WhatLeftIsReprocessed {
        @RegisterExtension
        BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains(PLAIN, NO_TNEF).customized(builder ->
            builder.replaceInConf(MAILETS, RELAY, FIRST_PASS)
                .replaceInConf(MAILETS, REMOTE_DELIVERY, "<mailet match=\"first-pass\" class=\"ToRepository\">"
                    + "<repositoryPath>memory://" + SENT_COPY + "</repositoryPath><passThrough>true</passThrough>"
                    + "</mailet>\n" + REMOTE_DELIVERY));

        @ParameterizedTest
        @ValueSource(strings = {"root", "transport", "relay"})
        void reprocessingGivesTheFirstPassOutputAgainOncePerRecipient(String processor) throws Exception {
            BorderJames james = extension.james();
            WebAdmin webAdmin = WebAdmin.of(james);
            james.server().getProbe(DataProbeImpl.class)
                .addAddressMapping("john.work", BorderJames.DOMAIN, "john.home@" + PLAIN);
            List<String> relayed = List.of("p1@" + PLAIN, "c1@" + NO_TNEF);
            james.send(RELAYING_APP, relayed, winmail(RELAYING_APP, relayed, Mails.uniqueSubject("relayed tnef"),
                "<relay-1@exch01.corp.local>"));
            List<String> own = List.of("p2@" + PLAIN);
            james.send(ALICE, own, html(ALICE, own, Mails.uniqueSubject("own html"), "<own-1@exch01.corp.local>"));
            List<String> forwarded = List.of("john.work@" + BorderJames.DOMAIN);
            james.send(OUTSIDE, forwarded, html(OUTSIDE, forwarded, Mails.uniqueSubject("forwarded html"),
                "<fwd-1@mail.fabrikam.test>"));

            List<ReceivedMail> plain = extension.mx(PLAIN).awaitMails(3);
            List<ReceivedMail> noTnef = extension.mx(NO_TNEF).awaitMails(1);
            BorderJames.await().until(() -> webAdmin.keys(SENT_COPY).size() == 4);
            assertFirstPass(plain, noTnef);

            JsonNode task = webAdmin.reprocessAll(SENT_COPY, "&processor=" + processor);
            assertThat(task.at("/additionalInformation/initialCount").asInt()).as("task %s", task).isEqualTo(4);

            List<ReceivedMail> plainAgain = extension.mx(PLAIN).awaitMails(6).subList(3, 6);
            List<ReceivedMail> noTnefAgain = extension.mx(NO_TNEF).awaitMails(2).subList(1, 2);
            for (ReceivedMail first : plain) {
                assertSame(first, find(plainAgain, first));
            }
            assertSame(noTnef.get(0), find(noTnefAgain, noTnef.get(0)));
            assertNoMoreMail(extension.mx(PLAIN), 6);
            assertThat(extension.mx(NO_TNEF).mails()).hasSize(2);
            assertThat(webAdmin.keys(SENT_COPY)).as("consumed, and not kept again").isEmpty();
        }

        private void assertFirstPass(List<ReceivedMail> plain, List<ReceivedMail> noTnef) {
            for (ReceivedMail mail : plain) {
                assertThat(mail.raw()).doesNotContain("corp.local").doesNotContain("<b>")
                    .doesNotContain("application/ms-tnef");
                assertThat(mail.header("Message-ID")).isPresent();
            }
            ReceivedMail relayed = plain.stream().filter(m -> m.header("Subject").orElseThrow()
                .startsWith("relayed")).findFirst().orElseThrow();
            assertThat(relayed.envelopeSender()).startsWith("bounces+SRS=").endsWith("@" + BorderJames.DOMAIN);
            assertThat(relayed.raw()).contains("report.pdf");
            ReceivedMail forwarded = plain.stream().filter(m -> m.header("Subject").orElseThrow()
                .startsWith("forwarded")).findFirst().orElseThrow();
            assertThat(forwarded.envelopeSender()).startsWith("john.work+SRS=").endsWith("=fabrikam.test=bob@border.test");
            ReceivedMail own = plain.stream().filter(m -> m.header("Subject").orElseThrow().startsWith("own"))
                .findFirst().orElseThrow();
            assertThat(own.envelopeSender()).isEqualTo(ALICE);
            assertThat(own.headers("DKIM-Signature")).hasSize(1);
            assertThat(noTnef.get(0).envelopeSender()).isEqualTo(relayed.envelopeSender());
            assertThat(noTnef.get(0).raw()).doesNotContain("application/ms-tnef").contains("report.pdf")
                .doesNotContain("corp.local");
        }

        private void assertSame(ReceivedMail first, ReceivedMail again) {
            assertThat(again.envelopeSender()).as("envelope sender of %s", first).isEqualTo(first.envelopeSender());
            assertThat(again.envelopeRecipients()).isEqualTo(first.envelopeRecipients());
            assertThat(again.header("Message-ID")).isEqualTo(first.header("Message-ID"));
            assertThat(again.headers("DKIM-Signature")).isEqualTo(first.headers("DKIM-Signature"));
            assertThat(again.raw()).as("the message of %s", first).isEqualTo(first.raw());
        }
    }

    /**
     * A mail fails after every Border mailet ran (simulated: the first pass goes to the shipped error processor right
     * before RemoteDelivery) and is reprocessed from {@code var/mail/error/}: the local recipient, delivered on the
     * first pass, is not in the stored mail and gets nothing more; the remote one gets the mail once, as stored.
     */
    @Nested
    class AFailedMailIsReprocessed {
        @RegisterExtension
        BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains(PLAIN).customized(builder ->
            builder.replaceInConf(MAILETS, RELAY, FIRST_PASS)
                .replaceInConf(MAILETS, REMOTE_DELIVERY, "<mailet match=\"first-pass\" class=\"ToProcessor\">"
                    + "<processor>error</processor></mailet>\n" + REMOTE_DELIVERY));

        @Test
        void theStoredRecipientsGetItOnceAndASecondReprocessingFindsNothing() throws Exception {
            BorderJames james = extension.james();
            WebAdmin webAdmin = WebAdmin.of(james);
            String remote = "x@" + PLAIN;
            List<String> to = List.of(BOB, remote);
            james.send(RELAYING_APP, to, html(RELAYING_APP, to, Mails.uniqueSubject("failed"),
                "<failed-1@exch01.corp.local>"));

            james.awaitSingleMessage(BOB);
            String key = awaitStoredFor(webAdmin, remote);
            JsonNode stored = webAdmin.mail(ERROR, key);
            assertThat(stored.get("recipients")).hasSize(1);
            String storedSender = stored.get("sender").asText();
            assertThat(storedSender).startsWith("bounces+SRS=");
            String storedMessage = new String(webAdmin.message(ERROR, key), StandardCharsets.ISO_8859_1);
            assertThat(storedMessage).doesNotContain("corp.local").doesNotContain("<b>");

            webAdmin.reprocessOne(ERROR, key, "&processor=transport");

            ReceivedMail received = extension.mx(PLAIN).awaitOneMail();
            assertThat(received.envelopeSender()).isEqualTo(storedSender);
            assertThat(received.envelopeRecipients()).containsExactly(remote);
            // as stored, but for the place of MIME-Version: James 3.8.1 moves it to the top when it saves a message
            // a mailet marked changed (RemoveMimeHeader bcc in the shipped transport processor), on every pass
            assertThat(withoutMimeVersion(received.raw())).isEqualTo(withoutMimeVersion(storedMessage));
            assertThat(received.headers("MIME-Version")).containsExactly("1.0");
            assertThat(webAdmin.keys(ERROR)).doesNotContain(key);

            JsonNode again = webAdmin.reprocessAll(ERROR, "&processor=transport");
            assertThat(again.at("/additionalInformation/initialCount").asInt())
                .as("mails still in %s: %s", ERROR, again).isEqualTo(webAdmin.keys(ERROR).size());
            assertNoMoreMail(extension.mx(PLAIN), 1);
            assertThat(james.imap(BOB).getMessageCount(TestIMAPClient.INBOX)).isEqualTo(1);
        }

        /** What an administrator must not do: with consume=false the mail stays, and each reprocessing sends it again. */
        @Test
        void reprocessingWithConsumeFalseSendsTheMailAgainEachTime() throws Exception {
            BorderJames james = extension.james();
            WebAdmin webAdmin = WebAdmin.of(james);
            String remote = "y@" + PLAIN;
            james.send(RELAYING_APP, List.of(remote), html(RELAYING_APP, List.of(remote),
                Mails.uniqueSubject("kept"), "<kept-1@exch01.corp.local>"));
            String key = awaitStoredFor(webAdmin, remote);

            webAdmin.reprocessOne(ERROR, key, "&processor=transport&consume=false");
            ReceivedMail first = extension.mx(PLAIN).awaitOneMail();
            assertThat(webAdmin.keys(ERROR)).contains(key);
            webAdmin.reprocessOne(ERROR, key, "&processor=transport&consume=false");
            ReceivedMail second = extension.mx(PLAIN).awaitMails(2).get(1);
            webAdmin.reprocessOne(ERROR, key, "&processor=transport");
            ReceivedMail third = extension.mx(PLAIN).awaitMails(3).get(2);

            // a duplicate each time, but each the same: the stored mail is never rewritten twice
            assertThat(first.envelopeSender()).startsWith("bounces+SRS=");
            for (ReceivedMail again : List.of(second, third)) {
                assertThat(again.envelopeSender()).isEqualTo(first.envelopeSender());
                assertThat(again.raw()).isEqualTo(first.raw());
            }
            assertThat(webAdmin.keys(ERROR)).doesNotContain(key);
            assertNoMoreMail(extension.mx(PLAIN), 3);
        }

        /** The key of the mail stored in the error repository for {@code recipient}, once it is there. */
        private String awaitStoredFor(WebAdmin webAdmin, String recipient) throws Exception {
            BorderJames.await().until(() -> storedFor(webAdmin, recipient) != null);
            return storedFor(webAdmin, recipient);
        }

        private String storedFor(WebAdmin webAdmin, String recipient) throws Exception {
            for (String key : webAdmin.keys(ERROR)) {
                if (webAdmin.mail(ERROR, key).get("recipients").toString().contains(recipient)) {
                    return key;
                }
            }
            return null;
        }
    }

    /**
     * Mail the shipped conf keeps in {@code var/mail/tnef-error/} (undecodable TNEF to a TNEFEnabled=false domain)
     * reprocessed as it is: it goes back there, unchanged, and its sender gets no second DSN.
     */
    @Nested
    class HeldTnefIsReprocessed {
        private final MailRepositoryUrl tnefError = MailRepositoryUrl.from("memory://" + TNEF_ERROR);

        @RegisterExtension
        BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains(NO_TNEF);

        /**
         * The reprocessed mail was held again by ConvertTnef (its {@code border.tnef.held} counter, read over JMX, went
         * from 1 to 2) and is stored again: one mail in the repository, steadily. (James's reprocessing attribute on
         * the stored copy, then the size of its memory spool queue, proved unreliable signals in CI.)
         */
        private void assertReprocessedOnce() throws Exception {
            MailRepositoryProbeImpl probe = extension.james().server().getProbe(MailRepositoryProbeImpl.class);
            Object held = ManagementFactory.getPlatformMBeanServer().getAttribute(
                new ObjectName("metrics:name=border.tnef.held,type=meters"), "Count");
            assertThat(held).as("mails held by ConvertTnef").isEqualTo(2L);
            assertThat(probe.getRepositoryMailCount(tnefError)).as("mails in " + TNEF_ERROR).isEqualTo(1);
        }

        @Test
        void itIsKeptAgainUnchangedWithoutASecondDsn() throws Exception {
            BorderJames james = extension.james();
            WebAdmin webAdmin = WebAdmin.of(james);
            String to = "c@" + NO_TNEF;
            james.send(ALICE, List.of(to), ConverterFailureTest.brokenTnef(to, Mails.uniqueSubject("held tnef")));
            BorderJames.await().until(() -> webAdmin.keys(TNEF_ERROR).size() == 1);
            james.awaitSingleMessage(ALICE);
            String key = webAdmin.keys(TNEF_ERROR).get(0);
            byte[] before = webAdmin.message(TNEF_ERROR, key);
            String sender = webAdmin.mail(TNEF_ERROR, key).get("sender").asText();

            webAdmin.reprocessAll(TNEF_ERROR, "&processor=transport");

            await().during(Duration.ofSeconds(2)).atMost(Duration.ofMinutes(1)).untilAsserted(this::assertReprocessedOnce);
            String keyAfter = webAdmin.keys(TNEF_ERROR).get(0);
            assertThat(webAdmin.mail(TNEF_ERROR, keyAfter).get("sender").asText()).isEqualTo(sender);
            assertThat(new String(webAdmin.message(TNEF_ERROR, keyAfter), StandardCharsets.ISO_8859_1))
                .isEqualTo(new String(before, StandardCharsets.ISO_8859_1));
            TestIMAPClient alice = james.imap(ALICE);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() ->
                alice.getMessageCount(TestIMAPClient.INBOX) == 1);
            assertThat(extension.mx(NO_TNEF).mails()).isEmpty();
        }
    }
}
