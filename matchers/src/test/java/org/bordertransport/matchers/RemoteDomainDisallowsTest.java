package org.bordertransport.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.bordertransport.core.ndr.ReportLimits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RemoteDomainDisallowsTest {
    /** Default lets everything through (ExternalLegacy admits undesignated out-of-office replies). */
    private static final String POLICY = "<remoteDomains>\n"
        + "  <remoteDomain name=\"Default\" domain=\"*\"><AllowedOOFType>ExternalLegacy</AllowedOOFType></remoteDomain>\n"
        + "  <remoteDomain name=\"NoAutoReply\" domain=\"noreply.test\"><AutoReplyEnabled>false</AutoReplyEnabled>"
        + "<AllowedOOFType>ExternalLegacy</AllowedOOFType></remoteDomain>\n"
        + "  <remoteDomain name=\"NoOof\" domain=\"nooof.test\"><AllowedOOFType>External</AllowedOOFType></remoteDomain>\n"
        + "  <remoteDomain name=\"NoForward\" domain=\"*.noforward.test\"><AutoForwardEnabled>false</AutoForwardEnabled>"
        + "<AllowedOOFType>ExternalLegacy</AllowedOOFType></remoteDomain>\n"
        + "  <remoteDomain name=\"NoReceipts\" domain=\"nodr.test\"><DeliveryReportEnabled>false</DeliveryReportEnabled>"
        + "<AllowedOOFType>ExternalLegacy</AllowedOOFType></remoteDomain>\n"
        + "  <remoteDomain name=\"NoNdr\" domain=\"nondr.test\"><NDREnabled>false</NDREnabled>"
        + "<AllowedOOFType>ExternalLegacy</AllowedOOFType></remoteDomain>\n"
        + "  <remoteDomain name=\"Nothing\" domain=\"nothing.test\"><AutoReplyEnabled>false</AutoReplyEnabled>"
        + "<AllowedOOFType>None</AllowedOOFType><AutoForwardEnabled>false</AutoForwardEnabled>"
        + "<DeliveryReportEnabled>false</DeliveryReportEnabled><NDREnabled>false</NDREnabled></remoteDomain>\n"
        + "</remoteDomains>\n";

    private static final String ALL = "AutoReply,OutOfOffice,AutoForward,DeliveryReport,NonDeliveryReport";
    private static final String[] EVERY_DOMAIN = {"a@open.test", "b@noreply.test", "c@nooof.test",
        "d@mx.noforward.test", "e@nodr.test", "f@nondr.test", "g@nothing.test"};

    private static final String AUTO_REPLY = "Auto-Submitted: auto-replied\r\nSubject: Re: hello\r\n\r\nThanks.\r\n";
    private static final String OOF = "Auto-Submitted: auto-replied (vacation)\r\nSubject: Re: hello\r\n\r\nAway.\r\n";
    private static final String FORWARD = "X-MS-Exchange-Organization-AutoForwarded: true\r\nSubject: FW: hello\r\n"
        + "\r\nForwarded.\r\n";
    private static final String READ_RECEIPT = "Subject: Read: hello\r\n"
        + "Content-Type: multipart/report; report-type=disposition-notification; boundary=b1\r\n\r\n"
        + "--b1\r\nContent-Type: text/plain\r\n\r\nRead.\r\n"
        + "--b1\r\nContent-Type: message/disposition-notification\r\n\r\n"
        + "Disposition: manual-action/MDN-sent-manually; displayed\r\n--b1--\r\n";
    private static final String PLAIN = "Subject: hello\r\n\r\nHi.\r\n";

    private static String dsn(String... actions) {
        StringBuilder fields = new StringBuilder("Reporting-MTA: dns; mx.border.test\r\n");
        for (String action : actions) {
            fields.append("\r\nFinal-Recipient: rfc822; x@remote.test\r\nAction: ").append(action).append("\r\n");
        }
        return "Subject: Delivery Status Notification\r\n"
            + "Content-Type: multipart/report; report-type=delivery-status;\r\n boundary=\"b1\"\r\n\r\n"
            + "--b1\r\nContent-Type: text/plain\r\n\r\nA report.\r\n"
            + "--b1\r\nContent-Type: message/delivery-status\r\n\r\n" + fields
            + "--b1\r\nContent-Type: text/rfc822-headers\r\n\r\nSubject: hello\r\n--b1--\r\n";
    }

    @TempDir
    Path conf;
    private RecordingMetricFactory metrics;
    private RemoteDomainDisallows matcher;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(conf.resolve("remotedomains.xml"), POLICY, StandardCharsets.UTF_8);
        metrics = new RecordingMetricFactory();
        matcher = new RemoteDomainDisallows(location -> {
            if (!location.startsWith("file://conf/")) {
                throw new FileNotFoundException(location);
            }
            return conf.resolve(location.substring("file://conf/".length()));
        }, metrics, ReportLimits.defaults());
    }

    private void init(String condition) throws MessagingException {
        FakeMatcherConfig.Builder config = FakeMatcherConfig.builder().matcherName("RemoteDomainDisallows");
        if (condition != null) {
            config.condition(condition);
        }
        matcher.init(config.build());
    }

    private static Mail mail(String text, String... recipients) throws MessagingException {
        String message = "From: alice@border.test\r\nTo: someone@remote.test\r\nMessage-ID: <1@border.test>\r\n" + text;
        MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
        return FakeMail.builder().name("m1").sender("alice@border.test").recipients(recipients).mimeMessage(mime).build();
    }

    private static String[] local(Mail mail) {
        return mail.getRecipients().stream().map(MailAddress::getLocalPart).toArray(String[]::new);
    }

    @Nested
    class Matching {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "AUTO_REPLY|b,g",
            "OOF|c,g",
            "FORWARD|d,g",
            "READ_RECEIPT|e,g",
            "SUCCESS_DSN|e,g",
            "FAILURE_DSN|f,g",
            "MIXED_DSN|e,f,g",
            "DELAY_DSN|''",
            "PLAIN|''",
        })
        void eachKindMatchesTheRecipientsWhoseRemoteDomainDisallowsIt(String message, String expected)
            throws Exception {
            init(ALL);
            Mail mail = mail(text(message), EVERY_DOMAIN);
            String[] locals = matcher.match(mail).stream().map(MailAddress::getLocalPart).toArray(String[]::new);
            String[] wanted = expected.isEmpty() ? new String[0] : expected.split(",");
            assertThat(locals).containsExactly(wanted);
            assertThat(metrics.countFor(RemoteDomainDisallows.METRIC)).isEqualTo(wanted.length);
            assertThat(local(mail)).hasSize(EVERY_DOMAIN.length);
        }

        static String text(String name) {
            switch (name) {
                case "AUTO_REPLY":
                    return AUTO_REPLY;
                case "OOF":
                    return OOF;
                case "FORWARD":
                    return FORWARD;
                case "READ_RECEIPT":
                    return READ_RECEIPT;
                case "SUCCESS_DSN":
                    return dsn("delivered");
                case "FAILURE_DSN":
                    return dsn("failed");
                case "MIXED_DSN":
                    return dsn("relayed", "failed");
                case "DELAY_DSN":
                    // a delay notice is neither a delivery report nor (NdrDetector's delay-only) a bounce
                    return dsn("delayed");
                default:
                    return PLAIN;
            }
        }

        @Test
        void onlyTheKindsInTheConditionCount() throws Exception {
            init("OutOfOffice");
            assertThat(matcher.match(mail(AUTO_REPLY, EVERY_DOMAIN))).isEmpty();
            assertThat(matcher.match(mail(dsn("failed"), EVERY_DOMAIN))).isEmpty();
            assertThat(matcher.match(mail(OOF, EVERY_DOMAIN))).extracting(MailAddress::getLocalPart)
                .containsExactly("c", "g");
        }

        @Test
        void anOutOfOfficeReplyIsNotGovernedByAutoReplyEnabled() throws Exception {
            init("AutoReply");
            assertThat(matcher.match(mail(OOF, EVERY_DOMAIN))).isEmpty();
        }

        @Test
        void theDefaultAllowedOofTypeDisallowsDetectedOutOfOfficeReplies() throws Exception {
            Files.writeString(conf.resolve("default.xml"), "<remoteDomains/>", StandardCharsets.UTF_8);
            init("OutOfOffice;policyFile=file://conf/default.xml");
            assertThat(matcher.match(mail(OOF, "a@open.test"))).extracting(MailAddress::asString)
                .containsExactly("a@open.test");
        }

        @Test
        void aReportIsReadOnlyWhenReportKindsAreAsked() throws Exception {
            init("AutoReply");
            assertThat(matcher.match(mail(dsn("failed"), EVERY_DOMAIN))).isEmpty();
        }

        @Test
        void aMalformedDeliveryStatusReportFromTheNullSenderCountsAsANonDeliveryReport() throws Exception {
            init(ALL);
            String broken = "Subject: x\r\nContent-Type: multipart/report; report-type=delivery-status; "
                + "boundary=b1\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\ntruncated";
            Mail bounce = FakeMail.builder().name("m1").sender(MailAddress.nullSender()).recipients(EVERY_DOMAIN)
                .mimeMessage(mail(broken).getMessage()).build();
            assertThat(matcher.match(bounce)).extracting(MailAddress::getLocalPart).containsExactly("f", "g");
            // NdrDetector: bounce evidence from a sender that is not the null reverse-path is no bounce
            assertThat(matcher.match(mail(broken, EVERY_DOMAIN))).isEmpty();
        }

        @Test
        void anEximTextBounceIsANonDeliveryReportForBothMatchers() throws Exception {
            init("NonDeliveryReport");
            MimeMessage exim;
            try (InputStream in = getClass().getResourceAsStream("/org/bordertransport/core/ndr/exim-bounce.eml")) {
                exim = new MimeMessage(Session.getInstance(new Properties()), in);
            }
            Mail bounce = FakeMail.builder().name("m4").sender(MailAddress.nullSender()).recipients(EVERY_DOMAIN)
                .mimeMessage(exim).build();
            assertThat(matcher.match(bounce)).extracting(MailAddress::getLocalPart).containsExactly("f", "g");
            IsNonDeliveryReport isNdr = new IsNonDeliveryReport();
            isNdr.init(FakeMatcherConfig.builder().matcherName("IsNonDeliveryReport").build());
            assertThat(isNdr.match(bounce)).hasSize(EVERY_DOMAIN.length);
        }

        @Test
        void aMessageBuiltInMemoryIsReadToo() throws Exception {
            init("DeliveryReport");
            MimeMessage built = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(("From: a@b.test\r\n" + dsn("delivered")).getBytes(StandardCharsets.UTF_8)));
            MimeMessage copy = new MimeMessage(built) {
                @Override
                public java.io.InputStream getRawInputStream() throws MessagingException {
                    throw new MessagingException("No MimeMessage content");
                }
            };
            Mail mail = FakeMail.builder().name("m2").sender("a@b.test").recipients("e@nodr.test", "a@open.test")
                .mimeMessage(copy).build();
            assertThat(matcher.match(mail)).extracting(MailAddress::asString).containsExactly("e@nodr.test");
        }

        @Test
        void theMessageIsNotReadWhenNoRecipientsDomainRefusesAnyOfTheKinds() throws Exception {
            // the shipped condition; with OutOfOffice, every domain refuses internal out-of-office replies
            init("AutoReply,AutoForward,DeliveryReport,NonDeliveryReport");
            java.util.concurrent.atomic.AtomicBoolean reading = new java.util.concurrent.atomic.AtomicBoolean();
            MimeMessage unreadable = new MimeMessage(Session.getInstance(new Properties())) {
                @Override
                public java.util.Enumeration<javax.mail.Header> getAllHeaders() throws MessagingException {
                    if (reading.get()) {
                        throw new MessagingException("read");
                    }
                    return super.getAllHeaders();
                }
            };
            Mail open = FakeMail.builder().name("m5").sender("a@b.test").recipients("a@open.test", "x@sub.open.test")
                .mimeMessage(unreadable).build();
            Mail refusing = FakeMail.builder().name("m6").sender("a@b.test").recipients("a@open.test", "e@nodr.test")
                .mimeMessage(unreadable).build();
            reading.set(true);

            assertThat(matcher.match(open)).isEmpty();
            assertThatThrownBy(() -> matcher.match(refusing)).isInstanceOf(MessagingException.class);
        }

        @Test
        void aMailWithoutRecipientsMatchesNothing() throws Exception {
            init(ALL);
            Mail mail = FakeMail.builder().name("m3").sender("a@b.test").mimeMessage(mail(AUTO_REPLY).getMessage())
                .build();
            assertThat(matcher.match(mail)).isEmpty();
        }
    }

    @Nested
    class Init {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "autoreply , outOfOffice|AUTO_REPLY|b,g",
            "autoreply , outOfOffice|OOF|c,g",
            "NonDeliveryReport;policyFile=file://conf/remotedomains.xml|FAILURE_DSN|f,g",
            "DeliveryReport ; policyFile = file://conf/remotedomains.xml |READ_RECEIPT|e,g",
        })
        void initShouldAcceptKindsInAnyCaseAndThePolicyFile(String condition, String message, String expected)
            throws Exception {
            init(condition);

            assertThat(matcher.match(mail(Matching.text(message), EVERY_DOMAIN))).extracting(MailAddress::getLocalPart)
                .containsExactly(expected.split(","));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL|RemoteDomainDisallows: a condition is required: KIND[,KIND...][;policyFile=LOCATION][;reloadInterval=DURATION] with KIND one "
                + "of AutoReply, OutOfOffice, AutoForward, DeliveryReport, NonDeliveryReport",
            "' '|RemoteDomainDisallows: a condition is required: KIND[,KIND...][;policyFile=LOCATION][;reloadInterval=DURATION] with KIND one "
                + "of AutoReply, OutOfOffice, AutoForward, DeliveryReport, NonDeliveryReport",
            "AutoReply,Bounce|RemoteDomainDisallows: invalid condition 'AutoReply,Bounce': unknown message kind "
                + "'Bounce', allowed: AutoReply, OutOfOffice, AutoForward, DeliveryReport, NonDeliveryReport",
            "AutoReply,,AutoForward|RemoteDomainDisallows: invalid condition 'AutoReply,,AutoForward': an empty kind; "
                + "expected KIND[,KIND...][;policyFile=LOCATION][;reloadInterval=DURATION] with KIND one of AutoReply, OutOfOffice, AutoForward, "
                + "DeliveryReport, NonDeliveryReport",
            ";policyFile=file://conf/remotedomains.xml|RemoteDomainDisallows: invalid condition "
                + "';policyFile=file://conf/remotedomains.xml': an empty kind; expected KIND[,KIND...]"
                + "[;policyFile=LOCATION][;reloadInterval=DURATION] with KIND one of AutoReply, OutOfOffice, AutoForward, DeliveryReport, "
                + "NonDeliveryReport",
            "AutoReply,autoreply|RemoteDomainDisallows: invalid condition 'AutoReply,autoreply': kind 'AutoReply' is "
                + "listed twice",
            "AutoReply;policy=x|RemoteDomainDisallows: invalid condition 'AutoReply;policy=x': unknown option "
                + "'policy', allowed: policyFile, reloadInterval",
            "AutoReply;policyFile=|RemoteDomainDisallows: invalid condition 'AutoReply;policyFile=': option "
                + "'policyFile' needs a value, e.g. policyFile=file://conf/remotedomains.xml",
            "AutoReply;policyFile=file://conf/a.xml;policyFile=file://conf/b.xml|RemoteDomainDisallows: invalid "
                + "condition 'AutoReply;policyFile=file://conf/a.xml;policyFile=file://conf/b.xml': option "
                + "'policyFile' is given twice",
        })
        void initShouldThrowOnABadCondition(String condition, String message) {
            assertThatThrownBy(() -> init(condition))
                .isInstanceOf(MessagingException.class)
                .hasMessage(message);
        }

        @Test
        void initShouldThrowWhenThePolicyFileIsMissingOrBroken() throws Exception {
            assertThatThrownBy(() -> init("AutoReply;policyFile=file://var/none.xml"))
                .isInstanceOf(MessagingException.class)
                .hasMessage("RemoteDomainDisallows: invalid condition option 'policyFile': 'file://var/none.xml' "
                    + "cannot be found (file://var/none.xml); ship a remotedomains.xml in James's conf folder");
            Files.writeString(conf.resolve("remotedomains.xml"), "<remoteDomains><remoteDomain name=\"x\" "
                + "domain=\"x.test\"><NDREnabled>1</NDREnabled></remoteDomain></remoteDomains>", StandardCharsets.UTF_8);
            assertThatThrownBy(() -> init("AutoReply"))
                .isInstanceOf(MessagingException.class)
                .hasMessageStartingWith("RemoteDomainDisallows: invalid condition option 'policyFile': ")
                .hasMessageContaining("invalid NDREnabled '1': allowed true, false");
        }
    }
}
