package org.bordertransport.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.bordertransport.core.tnef.MapiTag;
import org.bordertransport.core.tnefmime.TnefFixture;
import org.bordertransport.james.FileResolver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reprocessing (James's WebAdmin {@code action=reprocess}) sends a stored mail through the mailets again: each Border
 * mailet must leave its own output as it is. Every case runs a mailet once, stores the message as octets (what a mail
 * repository keeps), reads it back and runs the mailet again on it: the second run changes nothing.
 */
class ReprocessingIdempotenceTest {
    private static final Path SHIPPED_POLICY = Path.of("../conf/remotedomains.xml");
    private static final String HTML = "<html><head><title>t</title></head><body><h1>Quarterly</h1>"
        + "<p>The <b>quarterly</b> report: r\u00e9sum\u00e9, na\u00efve, \u65e5\u672c\u8a9e and a line long enough to be"
        + " wrapped by every remote domain that wraps lines at seventy-two or seventy-six columns.</p>"
        + "<ul><li>one</li><li>two</li></ul><p><a href=\"https://example.com/r\">the link</a></p></body></html>";

    @TempDir
    Path conf;
    private RecordingMetricFactory metrics;

    @BeforeEach
    void setUp() throws Exception {
        metrics = new RecordingMetricFactory();
        Files.writeString(conf.resolve("srs-secrets"), "reprocessing-secret-0123456789\n", StandardCharsets.UTF_8);
        Files.copy(SHIPPED_POLICY, conf.resolve("remotedomains.xml"));
    }

    private FileResolver resolver() {
        return location -> {
            switch (location) {
                case "file://conf/srs-secrets":
                    return conf.resolve("srs-secrets");
                case "file://conf/remotedomains.xml":
                    return conf.resolve("remotedomains.xml");
                default:
                    throw new FileNotFoundException(location);
            }
        };
    }

    private static <T extends GenericMailet> T init(T mailet, String... pairs) throws MessagingException {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName(mailet.getClass().getSimpleName())
            .mailetContext(RewriteSenderSrsTest.context());
        for (int i = 0; i < pairs.length; i += 2) {
            config.setProperty(pairs[i], pairs[i + 1]);
        }
        mailet.init(config.build());
        return mailet;
    }

    private static MimeMessage parse(byte[] octets) throws MessagingException {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(octets));
    }

    private static byte[] octets(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    private static Mail mail(byte[] octets, String sender, String... recipients) throws Exception {
        return FakeMail.builder().name("m1").state("relay").sender(sender).recipients(recipients)
            .mimeMessage(parse(octets)).build();
    }

    /** Runs {@code mailet} on the message, stores it as octets, and returns them. */
    private static byte[] pass(GenericMailet mailet, byte[] message, String sender, String... recipients)
            throws Exception {
        Mail mail = mail(message, sender, recipients);
        mailet.service(mail);
        assertThat(mail.getState()).as("the mail stays in its processor").isEqualTo("relay");
        return octets(mail.getMessage());
    }

    /** The first pass's output, after checking that a second pass over it gives the same octets. */
    private static String assertIdempotent(GenericMailet mailet, String raw, String sender, String... recipients)
            throws Exception {
        byte[] first = pass(mailet, raw.getBytes(StandardCharsets.UTF_8), sender, recipients);
        byte[] second = pass(mailet, first, sender, recipients);
        assertThat(new String(second, StandardCharsets.ISO_8859_1))
            .as("a second pass over the first pass's output").isEqualTo(new String(first, StandardCharsets.ISO_8859_1));
        return new String(first, StandardCharsets.ISO_8859_1);
    }

    private static String htmlMail(String to) {
        return "From: alice@border.test\r\nTo: " + to + "\r\nSubject: =?UTF-8?Q?r=C3=A9sum=C3=A9?= of the quarter\r\n"
            + "Date: Mon, 2 Mar 2026 10:00:00 +0000\r\nMessage-ID: <q1@exch01.corp.local>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n--m\r\n"
            + "Content-Type: multipart/alternative; boundary=\"a\"\r\n\r\n--a\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "The quarterly report: r\u00e9sum\u00e9, na\u00efve, \u65e5\u672c\u8a9e.\r\n--a\r\n"
            + "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + HTML + "\r\n--a--\r\n"
            + "--m\r\nContent-Type: application/pdf; name=\"report.pdf\"\r\nContent-Transfer-Encoding: base64\r\n"
            + "Content-Disposition: attachment; filename=\"report.pdf\"\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString("%PDF-1.4 a report\n".repeat(20).getBytes(StandardCharsets.US_ASCII))
            + "\r\n--m--\r\n";
    }

    @Nested
    class RewriteSenderSrsOnItsOwnAddresses {
        private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

        private RewriteSenderSrs mailet(Clock at, String... pairs) throws MessagingException {
            return init(new RewriteSenderSrs(resolver(), () -> Optional.of("border.test"), metrics, at), pairs);
        }

        private MailImpl mail(String sender, String recipient) throws Exception {
            return MailImpl.builder().name("m1").sender(new MailAddress(sender)).addRecipient(recipient)
                .mimeMessage(parse("From: bob@fabrikam.com\r\nSubject: s\r\n\r\nbody\r\n"
                    .getBytes(StandardCharsets.US_ASCII))).build();
        }

        /** The rewritten sender of the first pass, after checking that a second pass keeps it. */
        private String assertKeptOnSecondPass(RewriteSenderSrs first, RewriteSenderSrs second, MailImpl mail)
                throws Exception {
            first.service(mail);
            String rewritten = mail.getMaybeSender().asString();
            assertThat(rewritten).isNotEqualTo("bob@fabrikam.com");
            long rewrittenCount = metrics.countFor("border.srs.rewritten");

            MailImpl reprocessed = mail(rewritten, mail.getRecipients().iterator().next().asString());
            mail.attributes().forEach(reprocessed::setAttribute);
            second.service(reprocessed);
            assertThat(reprocessed.getMaybeSender().asString()).isEqualTo(rewritten);
            assertThat(metrics.countFor("border.srs.rewritten")).isEqualTo(rewrittenCount);
            return rewritten;
        }

        @Test
        void serviceShouldKeepTheBouncesAddressOfRelayedMail() throws Exception {
            RewriteSenderSrs mailet = mailet(clock);
            assertThat(assertKeptOnSecondPass(mailet, mailet, mail("bob@fabrikam.com", "x@remote.example")))
                .startsWith("bounces+SRS=").endsWith("@border.test");
        }

        @Test
        void serviceShouldKeepTheForwardAddressOfForwardedMail() throws Exception {
            RewriteSenderSrs mailet = mailet(clock);
            MailImpl mail = mail("bob@fabrikam.com", "john.home@remote.example");
            mail.setAttribute(new Attribute(AttributeName.of(RecordForwards.ATTRIBUTE),
                AttributeValue.of("john.home@remote.example\tjohn.work@border.test")));
            assertThat(assertKeptOnSecondPass(mailet, mailet, mail))
                .startsWith("john.work+SRS=").endsWith("=fabrikam.com=bob@border.test");
        }

        @Test
        void serviceShouldKeepAnSrs0Address() throws Exception {
            RewriteSenderSrs mailet = mailet(clock, "format", "srs0");
            assertThat(assertKeptOnSecondPass(mailet, mailet, mail("bob@fabrikam.com", "x@remote.example")))
                .startsWith("SRS0=").endsWith("=fabrikam.com=bob@border.test");
        }

        @ParameterizedTest
        @ValueSource(strings = {"m365", "srs0"})
        void serviceShouldKeepItsAddressOnASrsDomainJamesDoesNotHost(String format) throws Exception {
            RewriteSenderSrs mailet = mailet(clock, "format", format, "srsDomain", "srs.border-mail.example");
            assertThat(assertKeptOnSecondPass(mailet, mailet, mail("bob@fabrikam.com", "x@remote.example")))
                .endsWith("@srs.border-mail.example");
        }

        @ParameterizedTest
        @ValueSource(strings = {"m365", "srs0"})
        void serviceShouldKeepItsAddressReprocessedAfterItExpired(String format) throws Exception {
            RewriteSenderSrs first = mailet(clock, "format", format, "srsDomain", "srs.border-mail.example");
            RewriteSenderSrs monthLater = mailet(Clock.offset(clock, Duration.ofDays(40)), "format", format,
                "srsDomain", "srs.border-mail.example");
            assertKeptOnSecondPass(first, monthLater, mail("bob@fabrikam.com", "x@remote.example"));
        }

        @Test
        void serviceShouldKeepItsAddressWrittenInAnotherCase() throws Exception {
            RewriteSenderSrs mailet = mailet(clock, "srsDomain", "srs.border-mail.example");
            MailImpl mail = mail("bob@fabrikam.com", "x@remote.example");
            mailet.service(mail);
            String upper = mail.getMaybeSender().asString().toUpperCase(Locale.ROOT);

            MailImpl reprocessed = mail(upper, "x@remote.example");
            mailet.service(reprocessed);
            // James writes the domain in lower case; the local part stays as it was, not wrapped again
            assertThat(reprocessed.getMaybeSender().asString()).isEqualToIgnoringCase(upper).startsWith("BOUNCES+SRS=");
        }

        @Test
        void serviceShouldKeepTheAddressMadeInTheOtherFormatAfterAFormatChange() throws Exception {
            RewriteSenderSrs m365 = mailet(clock, "srsDomain", "srs.border-mail.example");
            RewriteSenderSrs srs0 = mailet(clock, "format", "srs0", "srsDomain", "srs.border-mail.example");
            assertKeptOnSecondPass(m365, srs0, mail("bob@fabrikam.com", "x@remote.example"));
            assertKeptOnSecondPass(srs0, m365, mail("carol@fabrikam.com", "x@remote.example"));
        }
    }

    @Nested
    class ReplaceInternalMessageIdOnItsOwnIds {
        private static final String MAIL = "From: alice@border.test\r\nTo: x@remote.example\r\nSubject: re\r\n"
            + "Message-ID: <m2@exch01.corp.local>\r\nIn-Reply-To: <m1@exch01.corp.local>\r\n"
            + "References: <m0@outside.example> <m1@exch01.corp.local>\r\nX-Original-Message-ID: <m2@exch01.corp.local>\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nhello\r\n";

        private ReplaceInternalMessageId mailet(String keys) throws MessagingException {
            return init(new ReplaceInternalMessageId(Fixtures.BORDER_TEST, metrics, ThirdPartySigner.unused()),
                "keys", keys, "publicDomain", "border.test");
        }

        @Test
        void serviceShouldLeaveThePublicIdsItMadeAlone() throws Exception {
            String out = assertIdempotent(mailet(Fixtures.KEY_1), MAIL, "alice@border.test", "x@remote.example");
            assertThat(out).doesNotContain("corp.local").contains("<m0@outside.example>");
            assertThat(metrics.countFor("border.messageid.replaced")).isEqualTo(2);
        }

        @Test
        void serviceShouldLeaveThePublicIdsOfARetiredKeyAlone() throws Exception {
            byte[] first = pass(mailet(Fixtures.KEY_1), MAIL.getBytes(StandardCharsets.US_ASCII), "alice@border.test",
                "x@remote.example");
            byte[] second = pass(mailet(Fixtures.KEY_2 + "," + Fixtures.KEY_1), first, "alice@border.test",
                "x@remote.example");
            assertThat(second).isEqualTo(first);
        }

        @Test
        void serviceShouldLeaveAMessageWithInnerMessageIdsAloneTheSecondTime() throws Exception {
            String attached = "From: alice@border.test\r\nTo: x@remote.example\r\nSubject: fwd\r\n"
                + "Message-ID: <f1@exch01.corp.local>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee\r\n"
                + "--b\r\nContent-Type: message/rfc822\r\n\r\nFrom: bob@border.test\r\nSubject: inner\r\n"
                + "Message-ID: <i1@exch02.corp.local>\r\n\r\ninner body\r\n--b--\r\n";
            String out = assertIdempotent(mailet(Fixtures.KEY_1), attached, "alice@border.test", "x@remote.example");
            assertThat(out).doesNotContain("corp.local");
        }
    }

    @Nested
    class AddMessageIdOnItsOwnIds {
        @Test
        void serviceShouldAddNoSecondMessageId() throws Exception {
            AddMessageId mailet = init(new AddMessageId(Fixtures.BORDER_TEST, metrics));
            String out = assertIdempotent(mailet, "From: alice@border.test\r\nSubject: s\r\n\r\nbody\r\n",
                "alice@border.test", "x@remote.example");
            assertThat(out).contains("@border.test>");
            assertThat(metrics.countFor("border.messageid.added")).isEqualTo(1);
        }
    }

    @Nested
    class ConvertForRemoteDomainOnItsOwnOutput {
        private ConvertForRemoteDomain mailet() throws MessagingException {
            return init(new ConvertForRemoteDomain(resolver(), metrics, ThirdPartySigner.unused()));
        }

        /** One recipient for each remote domain (and the mail contact) of the shipped remotedomains.xml. */
        @ParameterizedTest
        @ValueSource(strings = {"x@elsewhere.example", "p@plaintext.example.net", "h@html.example.net",
            "j@mobile.carrier.example.jp", "g@gateway.example.org", "m@mainframe.example.org",
            "e@exchange.example.com", "n@notnef.example.com", "s@mail.sister.example", "f@freemail.example.com",
            "text-reader@partner.example.net"})
        void serviceShouldChangeNothingTheSecondTime(String recipient) throws Exception {
            assertIdempotent(mailet(), htmlMail(recipient), "alice@border.test", recipient);
        }

        @Test
        void serviceShouldLeaveTheTextItRenderedFromHtmlAsItIs() throws Exception {
            String out = assertIdempotent(mailet(), "From: alice@border.test\r\nTo: p@plaintext.example.net\r\n"
                + "Subject: hi\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\n" + HTML + "\r\n", "alice@border.test", "p@plaintext.example.net");
            assertThat(out).contains("text/plain").doesNotContain("<b>");
            assertThat(metrics.countFor("border.convert.converted")).isEqualTo(1);
        }
    }

    @Nested
    class ConvertTnefOnItsOwnOutput {
        private final byte[] pdf = "%PDF-1.4 not really a pdf".getBytes(StandardCharsets.US_ASCII);

        private String winmail(String to) {
            byte[] tnef = TnefFixture.tnef().codePage(1252).subject("Report", TnefFixture.CP1252)
                .messageProps(TnefFixture.Props.props().binary(MapiTag.PR_HTML,
                    "<html><body><p>The <b>report</b></p></body></html>".getBytes(StandardCharsets.US_ASCII)))
                .file("report.pdf", pdf, "application/pdf", null).build();
            return "From: alice@border.test\r\nTo: " + to + "\r\nSubject: report\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"o\"\r\n\r\n--o\r\nContent-Type: text/plain\r\n\r\nsee\r\n"
                + "--o\r\nContent-Type: application/ms-tnef; name=\"winmail.dat\"\r\nContent-Transfer-Encoding: base64\r\n"
                + "\r\n" + Base64.getMimeEncoder().encodeToString(tnef) + "\r\n--o--\r\n";
        }

        private ConvertTnef mailet() throws MessagingException {
            FakeMailetConfig config = FakeMailetConfig.builder().mailetName("ConvertTnef")
                .mailetContext(FakeMailContext.defaultContext()).build();
            ConvertTnef mailet = new ConvertTnef(resolver(), metrics, ThirdPartySigner.unused());
            mailet.init(config);
            return mailet;
        }

        @ParameterizedTest
        @ValueSource(strings = {"n@notnef.example.com", "x@elsewhere.example", "e@exchange.example.com"})
        void serviceShouldChangeNothingTheSecondTime(String recipient) throws Exception {
            assertIdempotent(mailet(), winmail(recipient), "alice@border.test", recipient);
        }

        @Test
        void serviceShouldFindNoTnefInWhatItDecoded() throws Exception {
            String out = assertIdempotent(mailet(), winmail("n@notnef.example.com"), "alice@border.test",
                "n@notnef.example.com");
            assertThat(out).doesNotContain("application/ms-tnef").contains("report.pdf");
            assertThat(metrics.countFor("border.tnef.converted")).isEqualTo(1);
        }
    }

    @Nested
    class RemoveInternalHeadersOnItsOwnOutput {
        @Test
        void serviceShouldChangeNothingTheSecondTime() throws Exception {
            RemoveInternalHeaders mailet = new RemoveInternalHeaders(metrics, ThirdPartySigner.unused());
            init(mailet, "received", "reduce", "internalSuffixes", ".local,.internal,.lan,.corp.local");
            String out = assertIdempotent(mailet, "Received: from client.example (localhost [127.0.0.1])\r\n"
                + "          by mx.border.test (JAMES SMTP Server) with ESMTP ID 5\r\n"
                + "          for <carol@remote.test>;\r\n          Mon, 2 Mar 2026 10:00:01 +0000 (UTC)\r\n"
                + "Received: from client.corp.local (10.1.2.50) by EXCH01.corp.local (10.1.2.3) with Microsoft SMTP"
                + " Server id 15.2.1118.7; Mon, 2 Mar 2026 10:00:00 +0000\r\n"
                + "From: alice@border.test\r\nTo: carol@remote.test\r\nSubject: hello\r\n"
                + "X-MS-Exchange-Organization-SCL: -1\r\nX-Border-Delivered-To: bob@border.test\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nHello\r\n",
                "alice@border.test", "carol@remote.test");
            assertThat(out).doesNotContain("corp.local").doesNotContain("X-MS-Exchange").contains("mx.border.test");
        }
    }

    @Nested
    class SplitByRemoteDomainOnItsOwnCopies {
        @Test
        void serviceShouldNotSplitACopyAgain() throws Exception {
            SplitByRemoteDomain mailet = init(new SplitByRemoteDomain(resolver(), metrics));
            Mail mail = mail(Mails.PLAIN.getBytes(StandardCharsets.US_ASCII), "alice@border.test", "a@plaintext.example.net", "b@plaintext.example.net");
            mailet.service(mail);
            assertThat(mail.getRecipients()).hasSize(2);
            assertThat(metrics.countFor("border.remotedomain.split")).isZero();
        }
    }

    @Nested
    class SignDkimOnItsOwnSignature {
        private static final String TEMPLATE = "v=1; s=border; d=border.test; h=from:to:subject; a=rsa-sha256;"
            + " c=relaxed/relaxed; bh=; b=;";
        private static String key;

        @BeforeAll
        static void generateKey() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            key = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(generator.generateKeyPair().getPrivate()
                .getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        }

        private SignDkim mailet(String template) throws MessagingException {
            return init(new SignDkim(new RecordingMetricFactory()), "signatureTemplate", template, "privateKey", key);
        }

        private static List<String> signatures(String message) throws Exception {
            String[] values = parse(message.getBytes(StandardCharsets.ISO_8859_1)).getHeader("DKIM-Signature");
            return values == null ? List.of() : List.of(values);
        }

        @Test
        void serviceShouldReplaceItsOwnSignatureInsteadOfAddingASecond() throws Exception {
            String out = assertIdempotent(mailet(TEMPLATE), Mails.PLAIN, "alice@border.test", "x@remote.example");
            assertThat(signatures(out)).hasSize(1);
        }

        @Test
        void serviceShouldKeepSignaturesOfOtherSelectorsAndDomains() throws Exception {
            String signedElsewhere = pass(mailet(TEMPLATE.replace("s=border", "s=exchange")), Mails.PLAIN);
            String signedByThirdParty = pass(mailet(TEMPLATE.replace("d=border.test", "d=partner.example")),
                signedElsewhere);
            String ours = pass(mailet(TEMPLATE), signedByThirdParty);
            assertThat(signatures(ours)).hasSize(3);
            assertThat(signatures(pass(mailet(TEMPLATE), ours))).hasSize(3);
        }

        private String pass(SignDkim mailet, String message) throws Exception {
            return new String(ReprocessingIdempotenceTest.pass(mailet, message.getBytes(StandardCharsets.ISO_8859_1),
                "alice@border.test", "x@remote.example"), StandardCharsets.ISO_8859_1);
        }
    }

    /** Messages shared by the cases above. */
    static final class Mails {
        static final String PLAIN = "From: alice@border.test\r\nTo: x@remote.example\r\nSubject: hi\r\n"
            + "Date: Mon, 2 Mar 2026 10:00:00 +0000\r\nMessage-ID: <p1@border.test>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n\r\nHello\r\n";

        private Mails() {
        }
    }
}
