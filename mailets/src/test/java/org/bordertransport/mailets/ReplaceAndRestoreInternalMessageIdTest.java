package org.bordertransport.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bordertransport.mailets.Fixtures.mail;
import static org.bordertransport.mailets.Fixtures.raw;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReplaceAndRestoreInternalMessageIdTest {
    private RecordingMetricFactory metrics;
    private ReplaceInternalMessageId replace;
    private RestoreInternalMessageId restore;

    @BeforeEach
    void setUp() throws MessagingException {
        metrics = new RecordingMetricFactory();
        replace = new ReplaceInternalMessageId(Fixtures.BORDER_TEST, metrics, ThirdPartySigner.unused());
        restore = new RestoreInternalMessageId(Fixtures.BORDER_TEST, metrics);
    }

    private static void init(GenericMailet mailet, String... pairs) throws MessagingException {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName(mailet.getClass().getSimpleName());
        for (int i = 0; i < pairs.length; i += 2) {
            config.setProperty(pairs[i], pairs[i + 1]);
        }
        mailet.init(config.build());
    }

    private static String text(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String headerBlock(MimeMessage message) throws Exception {
        String text = text(message);
        return text.substring(0, text.indexOf("\r\n\r\n"));
    }

    @Nested
    class Init {
        @Test
        void initShouldThrowWhenKeysAreMissing() {
            assertThatThrownBy(() -> init(replace))
                .isInstanceOf(MessagingException.class)
                .hasMessageStartingWith("ReplaceInternalMessageId: Invalid parameter 'keys': at least one key is required");
            assertThatThrownBy(() -> init(restore))
                .hasMessageStartingWith("RestoreInternalMessageId: Invalid parameter 'keys': at least one key is required");
        }

        @Test
        void initShouldThrowWhenAKeyIsTooShort() {
            assertThatThrownBy(() -> init(replace, "keys", "k1:AAAA"))
                .hasMessage("ReplaceInternalMessageId: Invalid parameter 'keys': key 'k1' has 3 bytes: expected 64 random"
                    + " bytes (AES-256-SIV) in base64");
        }

        @Test
        void initShouldThrowWhenUnknownParameter() {
            assertThatThrownBy(() -> init(restore, "keys", Fixtures.KEY_1, "internalSuffixes", ".local"))
                .hasMessage("RestoreInternalMessageId: Unknown parameter 'internalSuffixes': allowed parameters are"
                    + " [keys, publicDomain]");
        }

        @Test
        void initShouldThrowWhenPublicDomainIsMalformed() {
            assertThatThrownBy(() -> init(replace, "keys", Fixtures.KEY_1, "publicDomain", "border"))
                .hasMessageStartingWith("ReplaceInternalMessageId: Invalid parameter 'publicDomain': 'border' is not a fully"
                    + " qualified domain name");
        }

        @Test
        void initShouldThrowWhenNoPublicDomainAndNoJamesDefaultDomain() {
            replace = new ReplaceInternalMessageId(Fixtures.NO_DEFAULT, metrics, ThirdPartySigner.unused());
            assertThatThrownBy(() -> init(replace, "keys", Fixtures.KEY_1))
                .hasMessageStartingWith("ReplaceInternalMessageId: Missing parameter 'publicDomain'");
        }

        @Test
        void initShouldThrowWhenBooleanIsNotStrict() {
            assertThatThrownBy(() -> init(replace, "keys", Fixtures.KEY_1, "unqualifiedIsInternal", "no"))
                .hasMessage("ReplaceInternalMessageId: Invalid parameter 'unqualifiedIsInternal': 'no', allowed values are"
                    + " true, false");
        }

        @Test
        void initShouldAcceptTheContainersOwnParameters() throws Exception {
            init(replace, "keys", Fixtures.KEY_1, "onMailetException", "propagate");
            init(restore, "keys", Fixtures.KEY_1, "onMailetException", "ignore", "onMatchException", "error");

            assertThat(replacedAndRestored("<abc@exch01.corp.local>")).matches("<k1\\.[a-z2-7]{26,}@border\\.test>");
        }

        @Test
        void initShouldAcceptTheSampleKey() throws Exception {
            init(replace, "keys", Fixtures.SAMPLE_KEY);
            init(restore, "keys", Fixtures.SAMPLE_KEY);

            assertThat(replacedAndRestored("<abc@exch01.corp.local>")).endsWith("@border.test>");
        }

        /** Sends {@code internalId} out, a reply to it back in; returns the public ID after checking the round trip. */
        private String replacedAndRestored(String internalId) throws Exception {
            Mail outbound = mail(raw("Message-ID: " + internalId));
            replace.service(outbound);
            String publicId = outbound.getMessage().getMessageID();
            assertThat(publicId).isNotEqualTo(internalId);

            Mail reply = mail(raw("Message-ID: <reply@mail.gmail.com>", "In-Reply-To: " + publicId));
            restore.service(reply);
            assertThat(reply.getMessage().getHeader("In-Reply-To")).containsExactly(internalId);
            return publicId;
        }
    }

    @Nested
    class Outbound {
        @BeforeEach
        void setUp() throws MessagingException {
            init(replace, "keys", Fixtures.KEY_1, "internalDomains", "corp.example.com");
            init(restore, "keys", Fixtures.KEY_1);
        }

        @Test
        void serviceShouldReplaceTheInternalIdEverywhere() throws Exception {
            Mail mail = mail(raw("Message-ID: <abc@exch01.corp.local>",
                "In-Reply-To: <prev@mx1.corp.example.com>",
                "References: <root@gmail.com>\r\n <prev@mx1.corp.example.com>",
                "X-Original-Message-ID: <abc@exch01.corp.local>"));
            replace.service(mail);

            String header = headerBlock(mail.getMessage());
            assertThat(header).doesNotContain("corp.local").doesNotContain("corp.example.com").doesNotContain("JavaMail");
            String publicId = mail.getMessage().getMessageID();
            assertThat(publicId).matches("<k1\\.[a-z2-7]{26,}@border\\.test>");
            assertThat(mail.getMessage().getHeader("X-Original-Message-ID")).containsExactly(publicId);
            assertThat(mail.getMessage().getHeader("References")[0]).startsWith("<root@gmail.com>");
            assertThat(metrics.countFor("border.messageid.replaced")).isEqualTo(2);
            assertThat(text(mail.getMessage())).endsWith("\r\n\r\nh\u00e9llo w\u00f6rld\r\n");
        }

        @Test
        void serviceShouldMapTheSameInternalIdToTheSamePublicIdAcrossMessages() throws Exception {
            Mail original = mail(raw("Message-ID: <abc@exch01.corp.local>"));
            Mail laterReply = mail(raw("Message-ID: <def@exch01.corp.local>", "In-Reply-To: <abc@exch01.corp.local>",
                "References: <abc@exch01.corp.local>"));
            replace.service(original);
            replace.service(laterReply);
            String publicId = original.getMessage().getMessageID();
            assertThat(laterReply.getMessage().getHeader("In-Reply-To")).containsExactly(publicId);
            assertThat(laterReply.getMessage().getHeader("References")).containsExactly(publicId);
        }

        @Test
        void serviceShouldLeaveMailWithoutInternalIdsUntouched() throws Exception {
            MimeMessage message = raw("Message-ID: <abc@mail.gmail.com>", "References: <x@example.org>");
            String before = text(message);
            Mail mail = mail(message);
            replace.service(mail);
            assertThat(text(mail.getMessage())).isEqualTo(before);
            assertThat(metrics.countFor("border.messageid.replaced")).isZero();
        }

        @Test
        void serviceShouldCopeWithMailWithoutAnyId() throws Exception {
            Mail mail = mail(raw());
            replace.service(mail);
            restore.service(mail);
            assertThat(mail.getMessage().getHeader("Message-ID")).isNull();
        }

        @Test
        void aReplyFromOutsideShouldGetTheInternalIdBack() throws Exception {
            Mail outbound = mail(raw("Message-ID: <abc@exch01.corp.local>"));
            replace.service(outbound);
            String publicId = outbound.getMessage().getMessageID();

            Mail reply = mail(raw("Message-ID: <reply@mail.gmail.com>", "In-Reply-To: " + publicId,
                "References: <root@gmail.com> " + publicId));
            restore.service(reply);
            assertThat(reply.getMessage().getHeader("In-Reply-To")).containsExactly("<abc@exch01.corp.local>");
            assertThat(reply.getMessage().getHeader("References")).containsExactly("<root@gmail.com>\r\n <abc@exch01.corp.local>");
            assertThat(reply.getMessage().getMessageID()).isEqualTo("<reply@mail.gmail.com>");
            assertThat(metrics.countFor("border.messageid.restored")).isEqualTo(1);
        }

        @Test
        void aForgedPublicIdShouldBeLeftAloneAndCounted() throws Exception {
            String forged = "<k1.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@border.test>";
            Mail reply = mail(raw("Message-ID: <reply@mail.gmail.com>", "In-Reply-To: " + forged));
            restore.service(reply);
            assertThat(reply.getMessage().getHeader("In-Reply-To")).containsExactly(forged);
            assertThat(metrics.countFor("border.messageid.unverified")).isEqualTo(1);
            assertThat(metrics.countFor("border.messageid.restored")).isZero();
        }

        @Test
        void restoreShouldWorkAfterKeyRotation() throws Exception {
            Mail outbound = mail(raw("Message-ID: <abc@exch01.corp.local>"));
            replace.service(outbound);
            String oldPublicId = outbound.getMessage().getMessageID();

            RestoreInternalMessageId rotated = new RestoreInternalMessageId(Fixtures.BORDER_TEST, metrics);
            init(rotated, "keys", Fixtures.KEY_2 + "," + Fixtures.KEY_1);
            Mail reply = mail(raw("In-Reply-To: " + oldPublicId));
            rotated.service(reply);
            assertThat(reply.getMessage().getHeader("In-Reply-To")).containsExactly("<abc@exch01.corp.local>");
        }

        @Test
        void restoreShouldNotTrustIdsOfAnotherKey() throws Exception {
            Mail outbound = mail(raw("Message-ID: <abc@exch01.corp.local>"));
            replace.service(outbound);
            RestoreInternalMessageId other = new RestoreInternalMessageId(Fixtures.BORDER_TEST, metrics);
            init(other, "keys", Fixtures.key("k1", 77));
            Mail reply = mail(raw("In-Reply-To: " + outbound.getMessage().getMessageID()));
            other.service(reply);
            assertThat(reply.getMessage().getHeader("In-Reply-To")).containsExactly(outbound.getMessage().getMessageID());
        }
    }

    @Nested
    class InsideTheMessage {
        private static final String INTERNAL = "<abc@exch01.corp.local>";

        @BeforeEach
        void setUp() throws MessagingException {
            init(replace, "keys", Fixtures.KEY_1);
            init(restore, "keys", Fixtures.KEY_1);
        }

        private MimeMessage parse(String text) throws MessagingException {
            return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        }

        private String forward(String innerHeader, String encoding, String innerText) {
            return "From: alice@border.test\r\nTo: someone@remote.test\r\nMessage-ID: <top@exch01.corp.local>\r\n"
                + "Subject: fwd\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--b\r\nContent-Type: message/rfc822\r\n"
                + innerHeader + "\r\n" + innerText + "\r\n--b--\r\n";
        }

        private String attachedMessage(String id) {
            return "Message-ID: " + id + "\r\nSubject: old\r\n\r\nold body\r\n";
        }

        @Test
        void theHeaderOfAnAttachedMessageLeavesWithAPublicId() throws Exception {
            Mail mail = mail(parse(forward("", "", attachedMessage(INTERNAL))));

            replace.service(mail);

            String text = text(mail.getMessage());
            assertThat(text).doesNotContain("exch01").contains("see attached\r\n", "old body\r\n");
            assertThat(mail.getMessage().getMessageID()).matches("<k1\\.[a-z2-7]{26,}@border\\.test>");
            assertThat(metrics.countFor("border.messageid.replaced")).isEqualTo(2);
            assertThat(metrics.countFor("border.messageid.inner.rewritten")).isEqualTo(1);
            assertThat(mail.getRecipients()).extracting(Object::toString).containsExactly("someone@remote.test");
        }

        @Test
        void aReceiptFromOutsideGetsTheInternalIdBackInsideToo() throws Exception {
            Mail outbound = mail(raw("Message-ID: " + INTERNAL));
            replace.service(outbound);
            String publicId = outbound.getMessage().getMessageID();
            String mdn = "From: someone@remote.test\r\nTo: alice@border.test\r\nMessage-ID: <mdn@remote.test>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=disposition-notification;"
                + " boundary=\"m\"\r\n\r\n--m\r\nContent-Type: text/plain\r\n\r\nDisplayed.\r\n--m\r\n"
                + "Content-Type: message/disposition-notification\r\n\r\nFinal-Recipient: rfc822; someone@remote.test"
                + "\r\nOriginal-Message-ID: " + publicId + "\r\nDisposition: manual-action/MDN-sent-manually;"
                + " displayed\r\n\r\n--m\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: " + publicId
                + "\r\nSubject: hello\r\n\r\n--m--\r\n";
            Mail receipt = mail(parse(mdn));

            restore.service(receipt);

            assertThat(text(receipt.getMessage())).isEqualTo(mdn.replace(publicId, INTERNAL));
            assertThat(metrics.countFor("border.messageid.restored")).isEqualTo(2);
        }

        @Test
        void aMultipartWithNothingInsideToChangeIsNotCopied() throws Exception {
            MimeMessage message = parse(forward("", "", attachedMessage("<x@gmail.com>")));
            Mail mail = mail(message);

            replace.service(mail);

            assertThat(mail.getMessage()).isSameAs(message);
            assertThat(message.getMessageID()).endsWith("@border.test>");
            assertThat(metrics.countFor("border.messageid.inner.rewritten")).isZero();
        }

        @Test
        void anAttachedMessageThatCannotBeReadLeavesWithTheHeaderRewrittenOnly() throws Exception {
            Mail mail = mail(parse(forward("Content-Transfer-Encoding: base64\r\n", "", "!!not*base64!!")));

            replace.service(mail);

            assertThat(mail.getMessage().getMessageID()).endsWith("@border.test>");
            assertThat(text(mail.getMessage())).contains("!!not*base64!!");
            assertThat(metrics.countFor("border.messageid.inner.skipped")).isEqualTo(1);
            assertThat(metrics.countFor("border.messageid.replaced")).isEqualTo(1);
        }
    }

    @Test
    void recipientsAndStateShouldBeUntouched() throws Exception {
        init(replace, "keys", Fixtures.KEY_1);
        Mail mail = mail(raw("Message-ID: <abc@exch01.corp.local>"));
        replace.service(mail);
        assertThat(mail.getRecipients()).extracting(Object::toString).containsExactly("someone@remote.test");
        assertThat(mail.getState()).isNotEqualTo(Mail.GHOST);
        assertThat(Collections.list(mail.getMessage().getAllHeaderLines())).hasSize(7);
    }
}
