package org.bordertransport.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.bordertransport.core.mail.HeaderField;
import org.bordertransport.james.FileResolver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mailets that change messages, on mail a third party signed with DKIM: with {@code thirdPartyDkim=preserve}
 * (the default) a signature that verifies, or cannot be checked now, still verifies after them unless a change was
 * mandatory; such a change, and any with {@code ignore}, is counted in {@code border.dkim.broken}. A signature that
 * fails for good protects nothing. (The signature is checked here with jDKIM; the integration tests check forwarded
 * mail with dkimpy, an independent implementation.)
 */
class ThirdPartyDkimTest {
    private static final String POLICY = "<remoteDomains>\n"
        + "  <remoteDomain name=\"Default\" domain=\"*\"/>\n"
        + "  <remoteDomain name=\"Text\" domain=\"text.test\"><ContentType>MimeText</ContentType>"
        + "<LineWrapSize>60</LineWrapSize></remoteDomain>\n"
        + "  <remoteDomain name=\"Non-MIME\" domain=\"mainframe.test\"><MessageFormat>Text</MessageFormat></remoteDomain>\n"
        + "  <remoteDomain name=\"No TNEF\" domain=\"notnef.test\"><TNEFEnabled>false</TNEFEnabled></remoteDomain>\n"
        + "</remoteDomains>\n";
    private static final String HEAD = "From: Sender <someone@sender.example>\r\nTo: fwd@border.test\r\n"
        + "Subject: caf\u00e9\r\nDate: Sun, 06 Dec 2026 10:00:00 +0000\r\nMessage-ID: <abc@mx.corp.local>\r\n"
        + "MIME-Version: 1.0\r\n";
    /** The example: HTML only, 8-bit UTF-8. */
    private static final String HTML = HEAD + "Content-Type: text/html; charset=utf-8\r\n"
        + "Content-Transfer-Encoding: 8bit\r\n\r\n<html><body><p>Gr\u00fc\u00dfe aus K\u00f6ln, "
        + "\u65e5\u672c\u8a9e</p></body></html>\r\n";

    @TempDir
    Path conf;
    private RecordingMetricFactory metrics;
    private FileResolver files;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(conf.resolve("remotedomains.xml"), POLICY, StandardCharsets.UTF_8);
        metrics = new RecordingMetricFactory();
        files = location -> {
            if (!location.equals("file://conf/remotedomains.xml")) {
                throw new FileNotFoundException(location);
            }
            return conf.resolve("remotedomains.xml");
        };
    }

    private static <M extends GenericMailet> M init(M mailet, String... pairs) throws MessagingException {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName(mailet.getClass().getSimpleName())
            .mailetContext(FakeMailContext.defaultContext());
        for (int i = 0; i < pairs.length; i += 2) {
            config.setProperty(pairs[i], pairs[i + 1]);
        }
        mailet.init(config.build());
        return mailet;
    }

    private static Mail mail(String raw, String recipient) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        return FakeMail.builder().name("m1").state("relay").sender("bounces+SRS=x@border.test").recipient(recipient)
            .mimeMessage(message).build();
    }

    private static byte[] bytes(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    private static boolean verifies(MimeMessage message) throws Exception {
        try {
            List<SignatureRecord> passing = new DKIMVerifier(ThirdPartySigner.keys())
                .verify(new ByteArrayInputStream(bytes(message)));
            return passing != null && !passing.isEmpty();
        } catch (FailException e) {
            return false;
        }
    }

    private ConvertForRemoteDomain converter(PublicKeyRecordRetriever keys, String... pairs) throws Exception {
        return init(new ConvertForRemoteDomain(files, metrics, keys), pairs);
    }

    @Nested
    class ConvertForRemoteDomainOnSignedMail {
        @Test
        void aVerifyingSignatureKeepsTheMessageAsItCame() throws Exception {
            Mail mail = mail(ThirdPartySigner.sign(HTML), "x@text.test");
            byte[] before = bytes(mail.getMessage());
            assertThat(verifies(mail.getMessage())).as("signed as sent").isTrue();

            converter(ThirdPartySigner.keys()).service(mail);

            assertThat(bytes(mail.getMessage())).isEqualTo(before);
            assertThat(verifies(mail.getMessage())).isTrue();
            assertThat(metrics.countFor("border.dkim.kept")).isEqualTo(1);
            assertThat(metrics.countFor("border.dkim.broken")).isZero();
            assertThat(metrics.countFor("border.convert.converted")).isZero();
        }

        @Test
        void theSameMessageUnsignedIsConverted() throws Exception {
            // the contrast: without the signature the remote domain's settings apply in full
            Mail mail = mail(HTML, "x@text.test");
            converter(ThirdPartySigner.unused()).service(mail);
            assertThat(mail.getMessage().getContentType()).startsWith("text/plain");
            assertThat(metrics.countFor("border.convert.converted")).isEqualTo(1);
            assertThat(metrics.countFor("border.dkim.kept")).isZero();
        }

        @Test
        void aSignatureThatCannotBeCheckedNowCountsAsSigned() throws Exception {
            Mail mail = mail(ThirdPartySigner.sign(HTML), "x@text.test");
            byte[] before = bytes(mail.getMessage());
            converter(ThirdPartySigner.dnsDown()).service(mail);
            assertThat(bytes(mail.getMessage())).isEqualTo(before);
            assertThat(metrics.countFor("border.dkim.kept")).isEqualTo(1);
        }

        @Test
        void aSignatureThatFailsForGoodProtectsNothing() throws Exception {
            Mail mail = mail(ThirdPartySigner.sign(HTML), "x@text.test");
            converter(ThirdPartySigner.wrongKeys()).service(mail);
            assertThat(mail.getMessage().getContentType()).startsWith("text/plain");
            assertThat(metrics.countFor("border.dkim.kept")).isZero();
            assertThat(metrics.countFor("border.dkim.broken")).isZero();
        }

        @Test
        void anInvalidSignatureFieldProtectsNothing() throws Exception {
            Mail mail = mail("DKIM-Signature: garbage\r\n" + HTML, "x@text.test");
            converter(ThirdPartySigner.keys()).service(mail);
            assertThat(mail.getMessage().getContentType()).startsWith("text/plain");
            assertThat(metrics.countFor("border.dkim.kept")).isZero();
            assertThat(metrics.countFor("border.dkim.broken")).isZero();
        }

        @Test
        void anEd25519SignatureJdkimCannotCheckCountsAsSigned() throws Exception {
            String ed25519 = "DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=sender.example; s=ed;\r\n"
                + " h=from:to:subject; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=AAAA\r\n";
            Mail mail = mail(ed25519 + HTML, "x@text.test");
            byte[] before = bytes(mail.getMessage());
            converter(ThirdPartySigner.keys()).service(mail);
            assertThat(bytes(mail.getMessage())).isEqualTo(before);
            assertThat(metrics.countFor("border.dkim.kept")).isEqualTo(1);
        }

        @Test
        void aMandatoryChangeIsMadeCountedAndBreaksTheSignature() throws Exception {
            Mail mail = mail(ThirdPartySigner.sign(HTML), "x@mainframe.test");
            converter(ThirdPartySigner.keys()).service(mail);
            assertThat(mail.getMessage().getHeader("MIME-Version")).isNull(); // non-MIME text
            assertThat(verifies(mail.getMessage())).isFalse();
            assertThat(metrics.countFor("border.dkim.broken")).isEqualTo(1);
        }

        @Test
        void aLineOverTheSmtpLimitIsReencodedEvenInASignedMessage() throws Exception {
            String longLine = HEAD + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n"
                + "\r\n" + "caf\u00e9 ".repeat(300) + "\r\n";
            Mail mail = mail(ThirdPartySigner.sign(longLine), "x@elsewhere.test");
            converter(ThirdPartySigner.keys()).service(mail);
            assertThat(mail.getMessage().getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
            assertThat(metrics.countFor("border.dkim.broken")).isEqualTo(1);
            assertThat(metrics.countFor("border.convert.converted")).isEqualTo(1);
        }

        @Test
        void ignoreConvertsAsBeforeAndCountsTheBrokenSignature() throws Exception {
            Mail mail = mail(ThirdPartySigner.sign(HTML), "x@text.test");
            converter(ThirdPartySigner.keys(), "thirdPartyDkim", "ignore").service(mail);
            assertThat(mail.getMessage().getContentType()).startsWith("text/plain");
            assertThat(verifies(mail.getMessage())).isFalse();
            assertThat(metrics.countFor("border.dkim.broken")).isEqualTo(1);
            assertThat(metrics.countFor("border.dkim.kept")).isZero();
        }
    }

    @Nested
    class ConvertTnefOnSignedMail {
        private ConvertTnef tnef(String... pairs) throws Exception {
            return init(new ConvertTnef(files, metrics, ThirdPartySigner.keys()), pairs);
        }

        private String signedWinmail() throws Exception {
            return ThirdPartySigner.sign(ConvertTnefTest.winmail(ConvertTnefTest.tnef())
                .replace("From: alice@border.test", "From: someone@sender.example"));
        }

        @Test
        void tnefUnderAnUnsetTnefEnabledIsKept() throws Exception {
            Mail mail = mail(signedWinmail(), "x@elsewhere.test");
            byte[] before = bytes(mail.getMessage());
            tnef().service(mail);
            assertThat(bytes(mail.getMessage())).isEqualTo(before);
            assertThat(verifies(mail.getMessage())).isTrue();
            assertThat(metrics.countFor("border.dkim.kept")).isEqualTo(1);
            assertThat(metrics.countFor("border.tnef.converted")).isZero();
        }

        @Test
        void tnefThatMustNotLeaveIsDecodedAndTheBrokenSignatureCounted() throws Exception {
            Mail mail = mail(signedWinmail(), "x@notnef.test");
            tnef().service(mail);
            assertThat(metrics.countFor("border.tnef.converted")).isEqualTo(1);
            assertThat(verifies(mail.getMessage())).isFalse();
            assertThat(metrics.countFor("border.dkim.broken")).isEqualTo(1);
        }

        @Test
        void ignoreDecodesAsBefore() throws Exception {
            Mail mail = mail(signedWinmail(), "x@elsewhere.test");
            tnef("thirdPartyDkim", "ignore").service(mail);
            assertThat(metrics.countFor("border.tnef.converted")).isEqualTo(1);
            assertThat(metrics.countFor("border.dkim.broken")).isEqualTo(1);
        }
    }

    @Nested
    class HeaderEditsOnSignedMail {
        private static final String NO_ID = "From: someone@sender.example\r\nTo: fwd@border.test\r\nSubject: hi\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nhello\r\n";

        @Test
        void noMessageIdIsAddedWhereTheSignatureCoversOne() throws Exception {
            // h= names message-id although the message has none: adding one would break the signature
            Mail mail = mail(ThirdPartySigner.sign(NO_ID), "x@elsewhere.test");
            init(new AddMessageId(Fixtures.BORDER_TEST, metrics)).service(mail);
            assertThat(mail.getMessage().getHeader("Message-ID")).isNull();
            assertThat(verifies(mail.getMessage())).isTrue();
            assertThat(metrics.countFor("border.dkim.kept")).isEqualTo(1);
        }

        @Test
        void aMessageIdIsAddedWhereNoSignatureCoversIt() throws Exception {
            Mail mail = mail(NO_ID, "x@elsewhere.test");
            init(new AddMessageId(Fixtures.BORDER_TEST, metrics)).service(mail);
            assertThat(mail.getMessage().getHeader("Message-ID")).hasSize(1);

            Mail ignored = mail(ThirdPartySigner.sign(NO_ID), "x@elsewhere.test");
            init(new AddMessageId(Fixtures.BORDER_TEST, metrics), "thirdPartyDkim", "ignore").service(ignored);
            assertThat(ignored.getMessage().getHeader("Message-ID")).hasSize(1);
        }

        @Test
        void internalMessageIdsInSignedFieldsAreLeftAlone() throws Exception {
            Mail mail = mail(ThirdPartySigner.sign(HTML), "x@elsewhere.test");
            init(new ReplaceInternalMessageId(Fixtures.BORDER_TEST, metrics, ThirdPartySigner.keys()), "keys", Fixtures.KEY_1).service(mail);
            assertThat(mail.getMessage().getHeader("Message-ID")).containsExactly("<abc@mx.corp.local>");
            assertThat(verifies(mail.getMessage())).isTrue();
            assertThat(metrics.countFor("border.dkim.kept")).isEqualTo(1);
            assertThat(metrics.countFor("border.messageid.replaced")).isZero();

            Mail unsigned = mail(HTML, "x@elsewhere.test");
            init(new ReplaceInternalMessageId(Fixtures.BORDER_TEST, metrics, ThirdPartySigner.keys()), "keys", Fixtures.KEY_1)
                .service(unsigned);
            assertThat(unsigned.getMessage().getHeader("Message-ID")[0]).endsWith("@border.test>");
        }

        @Test
        void aSignatureThatCannotBeCheckedNowDoesNotLetInternalIdsOut() throws Exception {
            Mail mail = mail(ThirdPartySigner.sign(HTML), "x@elsewhere.test");
            init(new ReplaceInternalMessageId(Fixtures.BORDER_TEST, metrics, ThirdPartySigner.dnsDown()), "keys",
                Fixtures.KEY_1).service(mail);
            assertThat(mail.getMessage().getHeader("Message-ID")[0]).endsWith("@border.test>");
            assertThat(metrics.countFor("border.dkim.broken")).isEqualTo(1);
            assertThat(metrics.countFor("border.dkim.kept")).isZero();
        }

        @Test
        void aReplyRestoredForALocalMailboxAndRedirectedLeavesWithPublicIdsAgain() throws Exception {
            // our user's message went out with a public ID; the reply from outside is signed over References
            Mail ours = mail(HEAD.replace("From: Sender <someone@sender.example>", "From: alice@border.test")
                + "Content-Type: text/plain\r\n\r\nhi\r\n", "x@elsewhere.test");
            init(new ReplaceInternalMessageId(Fixtures.BORDER_TEST, metrics, ThirdPartySigner.keys()), "keys",
                Fixtures.KEY_1).service(ours);
            String publicId = ours.getMessage().getHeader("Message-ID")[0];
            String reply = "From: someone@sender.example\r\nTo: alice@border.test\r\nSubject: Re: hi\r\n"
                + "In-Reply-To: " + publicId + "\r\nReferences: " + publicId + "\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain\r\n\r\nthanks\r\n";
            Mail mail = mail(ThirdPartySigner.sign(reply, "from:to:subject:in-reply-to:references"),
                "bob@elsewhere.test");
            byte[] signed = bytes(mail.getMessage());

            // inbound, for the local mailbox: the internal ID comes back, and the signature breaks
            init(new RestoreInternalMessageId(Fixtures.BORDER_TEST, metrics), "keys", Fixtures.KEY_1).service(mail);
            assertThat(mail.getMessage().getHeader("References")[0]).isEqualTo("<abc@mx.corp.local>");
            assertThat(verifies(mail.getMessage())).isFalse();

            // its Sieve script redirects it outside: the internal ID must not leave with it
            init(new ReplaceInternalMessageId(Fixtures.BORDER_TEST, metrics, ThirdPartySigner.keys()), "keys",
                Fixtures.KEY_1).service(mail);
            assertThat(mail.getMessage().getHeader("References")).containsExactly(publicId);
            assertThat(mail.getMessage().getHeader("In-Reply-To")).containsExactly(publicId);
            assertThat(metrics.countFor("border.dkim.kept")).isZero();
            // the same public ID as before: the octets are those that were signed, and the signature verifies again
            assertThat(bytes(mail.getMessage())).isEqualTo(signed);
            assertThat(verifies(mail.getMessage())).isTrue();
        }

        private static final String FORWARDED = "From: someone@sender.example\r\nTo: fwd@border.test\r\n"
            + "Subject: fwd\r\nMessage-ID: <fwd-1@sender.example>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n"
            + "see attached\r\n--b\r\nContent-Type: message/rfc822\r\n\r\nMessage-ID: <abc@mx.corp.local>\r\n"
            + "Subject: old\r\n\r\nold\r\n--b--\r\n";

        @Test
        void internalMessageIdsInsideASignedMessageThatVerifiesAreLeftAlone() throws Exception {
            // the signature does not cover Message-ID, but it covers the body: any change inside breaks it
            Mail mail = mail(ThirdPartySigner.sign(FORWARDED), "x@elsewhere.test");
            init(new ReplaceInternalMessageId(Fixtures.BORDER_TEST, metrics, ThirdPartySigner.keys()), "keys",
                Fixtures.KEY_1).service(mail);
            assertThat(new String(bytes(mail.getMessage()), StandardCharsets.UTF_8))
                .contains("Message-ID: <abc@mx.corp.local>");
            assertThat(verifies(mail.getMessage())).isTrue();
            assertThat(metrics.countFor("border.dkim.kept")).isEqualTo(1);
            assertThat(metrics.countFor("border.messageid.inner.rewritten")).isZero();
        }

        @Test
        void internalMessageIdsInsideASignedMessageThatCannotBeCheckedDoNotLeave() throws Exception {
            Mail mail = mail(ThirdPartySigner.sign(FORWARDED), "x@elsewhere.test");
            init(new ReplaceInternalMessageId(Fixtures.BORDER_TEST, metrics, ThirdPartySigner.dnsDown()), "keys",
                Fixtures.KEY_1).service(mail);
            assertThat(new String(bytes(mail.getMessage()), StandardCharsets.UTF_8)).doesNotContain("corp.local");
            assertThat(metrics.countFor("border.dkim.broken")).isEqualTo(1);
            assertThat(metrics.countFor("border.messageid.inner.rewritten")).isEqualTo(1);
        }

        @Test
        void inboundRestoreInsideIgnoresSignatures() throws Exception {
            Mail outbound = mail(FORWARDED, "x@elsewhere.test");
            init(new ReplaceInternalMessageId(Fixtures.BORDER_TEST, metrics, ThirdPartySigner.keys()), "keys",
                Fixtures.KEY_1).service(outbound);
            String leaving = new String(bytes(outbound.getMessage()), StandardCharsets.UTF_8);
            assertThat(leaving).doesNotContain("corp.local");

            Mail back = mail(ThirdPartySigner.sign(leaving), "alice@border.test");
            init(new RestoreInternalMessageId(Fixtures.BORDER_TEST, metrics), "keys", Fixtures.KEY_1).service(back);
            assertThat(new String(bytes(back.getMessage()), StandardCharsets.UTF_8))
                .contains("Message-ID: <abc@mx.corp.local>");
        }

        @Test
        void changedFieldsAreComparedByNameAndValues() {
            List<HeaderField> before = List.of(new HeaderField("Message-ID", "<a@x.local>"),
                new HeaderField("References", "<b@y> <a@x.local>"),
                new HeaderField("Subject", "s"));
            List<HeaderField> after = List.of(new HeaderField("Message-ID", "<k.x@border.test>"),
                new HeaderField("Subject", "s"));
            assertThat(MessageIdRewritingMailet.changedFields(before, after)).containsExactly("message-id",
                "references");
        }
    }
}
