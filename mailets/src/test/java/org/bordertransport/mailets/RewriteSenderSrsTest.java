package org.bordertransport.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.bordertransport.core.srs.Microsoft365Srs;
import org.bordertransport.core.srs.SrsReverse;
import org.bordertransport.core.srs.SrsSecrets;
import org.bordertransport.core.srs.StandardSrs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** James hosts {@code border.test} here (the context below): the forwarding mailboxes live there. */
class RewriteSenderSrsTest {
    private static final String SECRET = "test-secret-0123456789abcdef";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    private static final String POLICY = "<remoteDomains>\n  <remoteDomain name=\"Default\" domain=\"*\"/>\n"
        + "  <remoteDomain name=\"Forest\" domain=\"forest.example\"><IsInternal>true</IsInternal></remoteDomain>\n"
        + "</remoteDomains>\n";

    @TempDir
    Path conf;
    private RecordingMetricFactory metrics;
    private RewriteSenderSrs mailet;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(conf.resolve("srs-secrets"), SECRET + "\n", StandardCharsets.UTF_8);
        Files.writeString(conf.resolve("remotedomains.xml"), POLICY, StandardCharsets.UTF_8);
        metrics = new RecordingMetricFactory();
        mailet = new RewriteSenderSrs(location -> {
            switch (location) {
                case "file://conf/srs-secrets":
                    return conf.resolve("srs-secrets");
                case "file://conf/remotedomains.xml":
                    return conf.resolve("remotedomains.xml");
                default:
                    throw new FileNotFoundException(location);
            }
        }, () -> Optional.of("border.test"), metrics, CLOCK);
    }

    private void init(String... pairs) throws MessagingException {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("RewriteSenderSrs")
            .mailetContext(context());
        for (int i = 0; i < pairs.length; i += 2) {
            config.setProperty(pairs[i], pairs[i + 1]);
        }
        mailet.init(config.build());
    }

    /** FakeMailContext, with border.test as the one domain James hosts. */
    static MailetContext context() {
        return new BorderContext(java.util.Set.of()).context;
    }

    private static MailImpl mail(String sender, String header, String... recipients) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(
            (header + "From: x@example.com\r\nSubject: s\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII)));
        MailImpl.Builder builder = MailImpl.builder().name("m1").addRecipients(recipients).mimeMessage(message);
        if (sender != null) {
            builder.sender(new MailAddress(sender));
        }
        return builder.build();
    }

    private static Microsoft365Srs m365() {
        return Microsoft365Srs.builder(SrsSecrets.of(SECRET), "border.test").clock(CLOCK).build();
    }

    @Test
    void aForwardRecordedByRecordForwardsGetsTheForwardingMailboxsAddress() throws Exception {
        init();
        MailImpl mail = mail("bob@fabrikam.com", "", "john.home@example.com");
        mail.setAttribute(new Attribute(AttributeName.of(RecordForwards.ATTRIBUTE),
            AttributeValue.of("john.home@example.com\tjohn.work@border.test")));
        mailet.service(mail);

        String sender = mail.getMaybeSender().asString();
        assertThat(sender).startsWith("john.work+SRS=").endsWith("=fabrikam.com=bob@border.test");
        SrsReverse reverse = m365().reverse(sender);
        assertThat(reverse.bounceRecipient()).contains("bob@fabrikam.com");
        assertThat(reverse.forwardingAddress()).contains("john.work@border.test");
        assertThat(metrics.countFor("border.srs.rewritten")).isEqualTo(1);
    }

    @Test
    void aForwardRuleRecordedByRecordForwardingMailboxGetsTheForwardingMailboxsAddress() throws Exception {
        init();
        MailImpl mail = mail("bob@fabrikam.com", "X-Border-Delivered-To: ceo@border.test\r\n"
            + "Delivered-To: ceo@border.test\r\n", "john.home@example.com");
        ForwardingMailbox.record(mail, new MailAddress("john.work@border.test"));
        mailet.service(mail);

        String sender = mail.getMaybeSender().asString();
        assertThat(sender).startsWith("john.work+SRS=").endsWith("=fabrikam.com=bob@border.test");
        assertThat(m365().reverse(sender).bounceRecipient()).contains("bob@fabrikam.com");
        assertThat(ForwardingMailbox.read(mail)).isEmpty();
    }

    @Test
    void theDeliveryMailboxFieldLeavesABrokenMultipartRedirectWithoutAReSave() throws Exception {
        init();
        String body = "no boundary here at all\r\n--c\r\n\r\nnone\r\n";
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(
            ("X-Border-Delivered-To: ceo@border.test\r\nFrom: x@example.com\r\nSubject: s\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/alternative; boundary=\"a\"\r\n\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII)));
        MailImpl mail = MailImpl.builder().name("m1").sender(new MailAddress("bob@fabrikam.com"))
            .addRecipient("john.home@example.com").mimeMessage(message).build();
        ForwardingMailbox.record(mail, new MailAddress("john.work@border.test"));

        mailet.service(mail);

        assertThat(mail.getMaybeSender().asString()).startsWith("john.work+SRS=");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        assertThat(out.toString(StandardCharsets.US_ASCII)).doesNotContain("X-Border-Delivered-To").endsWith(body);
    }

    @Test
    void aRecordedForwardingMailboxOutsideOurDomainsIsIgnored() throws Exception {
        init();
        MailImpl mail = mail("bob@fabrikam.com", "", "john.home@example.com");
        ForwardingMailbox.record(mail, new MailAddress("john.work@elsewhere.example"));
        mailet.service(mail);

        assertThat(mail.getMaybeSender().asString()).startsWith("bounces+SRS=").endsWith("@border.test");
    }

    @Test
    void theRecipientRewriteTableRecordComesBeforeTheForwardRuleRecord() throws Exception {
        init();
        MailImpl mail = mail("bob@fabrikam.com", "", "john.home@example.com");
        ForwardingMailbox.record(mail, new MailAddress("alice@border.test"));
        mail.setAttribute(new Attribute(AttributeName.of(RecordForwards.ATTRIBUTE),
            AttributeValue.of("john.home@example.com\tjohn.work@border.test")));
        mailet.service(mail);

        assertThat(mail.getMaybeSender().asString()).startsWith("john.work+SRS=");
    }

    @Test
    void aSieveRedirectIsRecognisedByItsDeliveredToHeader() throws Exception {
        init();
        MailImpl mail = mail("bob@fabrikam.com", "Delivered-To: other@elsewhere.example\r\n"
            + "Delivered-To: john.work@border.test\r\n", "john.home@example.com");
        mailet.service(mail);

        assertThat(mail.getMaybeSender().asString()).startsWith("john.work+SRS=")
            .endsWith("=fabrikam.com=bob@border.test");
    }

    @Test
    void relayedMailGetsTheBouncesAddressOfTheSrsDomain() throws Exception {
        init("srsDomain", "border.test");
        MailImpl mail = mail("app@onprem.example", "", "customer@example.com");
        mailet.service(mail);

        String sender = mail.getMaybeSender().asString();
        assertThat(sender).startsWith("bounces+SRS=").endsWith("@border.test");
        assertThat(m365().reverse(sender).kind()).isEqualTo(SrsReverse.Kind.BOUNCES);
    }

    @Test
    void srs0FormatIsPostsrsdsAndReversible() throws Exception {
        init("format", "srs0", "srsDomain", "srs.example");
        MailImpl mail = mail("bob@fabrikam.com", "", "john.home@example.com");
        mailet.service(mail);

        String sender = mail.getMaybeSender().asString();
        assertThat(sender).startsWith("SRS0=").endsWith("=fabrikam.com=bob@srs.example");
        assertThat(StandardSrs.builder(SrsSecrets.of(SECRET), "srs.example").clock(CLOCK).build().reverse(sender)
            .bounceRecipient()).contains("bob@fabrikam.com");
    }

    @Test
    void nullLocalAndAlreadyRewrittenSendersAreNeverRewritten() throws Exception {
        init();
        MailImpl bounce = mail(null, "", "x@example.com");
        mailet.service(bounce);
        assertThat(bounce.getMaybeSender().isNullSender()).isTrue();

        MailImpl local = mail("alice@border.test", "", "x@example.com");
        mailet.service(local);
        assertThat(local.getMaybeSender().asString()).isEqualTo("alice@border.test");

        MailImpl once = mail("bob@fabrikam.com", "", "x@example.com");
        mailet.service(once);
        String first = once.getMaybeSender().asString();
        MailImpl twice = mail(first, "", "y@example.org");
        mailet.service(twice);
        assertThat(twice.getMaybeSender().asString()).isEqualTo(first);
        assertThat(metrics.countFor("border.srs.skipped")).isEqualTo(3);
    }

    @Test
    void trustedDestinationsAreNotRewrittenUnlessAsked() throws Exception {
        init("trustedDomains", "partner.example, Other.Example");
        MailImpl internal = mail("bob@fabrikam.com", "", "a@forest.example");
        mailet.service(internal);
        assertThat(internal.getMaybeSender().asString()).isEqualTo("bob@fabrikam.com");
        MailImpl trusted = mail("bob@fabrikam.com", "", "a@partner.example", "b@other.example");
        mailet.service(trusted);
        assertThat(trusted.getMaybeSender().asString()).isEqualTo("bob@fabrikam.com");
        MailImpl mixed = mail("bob@fabrikam.com", "", "a@partner.example", "c@example.com");
        mailet.service(mixed);
        assertThat(mixed.getMaybeSender().asString()).startsWith("bounces+SRS=");

        setUp();
        init("rewriteInternal", "true");
        MailImpl forced = mail("bob@fabrikam.com", "", "a@forest.example");
        mailet.service(forced);
        assertThat(forced.getMaybeSender().asString()).startsWith("bounces+SRS=");
    }

    @Test
    void configurationErrorsNameTheParameter() throws Exception {
        assertThatThrownBy(() -> init("format", "srs2"))
            .isInstanceOf(MessagingException.class)
            .hasMessage("RewriteSenderSrs: Invalid parameter 'format': 'srs2', allowed values are m365, srs0");
        assertThatThrownBy(() -> init("secretsFile", "file://conf/missing"))
            .isInstanceOf(MessagingException.class)
            .hasMessageStartingWith("RewriteSenderSrs: Invalid parameter 'secretsFile': 'file://conf/missing' cannot "
                + "be found");
        Files.writeString(conf.resolve("srs-secrets"), "\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> init())
            .isInstanceOf(MessagingException.class)
            .hasMessageStartingWith("RewriteSenderSrs: Invalid parameter 'secretsFile': 'file://conf/srs-secrets': ")
            .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> init("hashLength", "two"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("'hashLength'");
    }

    @Test
    void initShouldSayTheDomainListCannotBeReadRatherThanThatThereIsNoDefaultDomain() {
        RewriteSenderSrs unreadable = new RewriteSenderSrs(location -> conf.resolve("srs-secrets"), () -> {
            throw new MessagingException("Cannot read James's default domain");
        }, metrics, CLOCK);
        assertThatThrownBy(() -> unreadable.init(FakeMailetConfig.builder().mailetName("RewriteSenderSrs")
            .mailetContext(context()).build()))
            .isInstanceOf(MessagingException.class)
            .hasMessage("RewriteSenderSrs: Invalid parameter 'srsDomain': missing, and James's default domain cannot be "
                + "read: Cannot read James's default domain");
        RewriteSenderSrs none = new RewriteSenderSrs(location -> conf.resolve("srs-secrets"), Optional::empty, metrics,
            CLOCK);
        assertThatThrownBy(() -> none.init(FakeMailetConfig.builder().mailetName("RewriteSenderSrs")
            .mailetContext(context()).build()))
            .hasMessage("RewriteSenderSrs: Invalid parameter 'srsDomain': missing, and James has no default domain to "
                + "use instead");
    }

    /** SPF before SRS: the result James's SPF mailet records decides for {@code fail} only. */
    @Nested
    class SpfBeforeSrs {
        private MailImpl forwardedFrom(String spfResult) throws Exception {
            MailImpl mail = mail("bob@fabrikam.com", "", "john.home@example.com");
            mail.setAttribute(new Attribute(AttributeName.of(RecordForwards.ATTRIBUTE),
                AttributeValue.of("john.home@example.com\tjohn.work@border.test")));
            if (spfResult != null) {
                mail.setAttribute(new Attribute(AttributeName.of(RewriteSenderSrs.SPF_RESULT_ATTRIBUTE),
                    AttributeValue.of(spfResult)));
            }
            return mail;
        }

        @Test
        void serviceShouldKeepTheSenderWhenSpfFailsByDefault() throws Exception {
            init();
            MailImpl mail = forwardedFrom("fail");
            mailet.service(mail);

            assertThat(mail.getMaybeSender().asString()).isEqualTo("bob@fabrikam.com");
            assertThat(mail.getState()).isEqualTo(MailImpl.DEFAULT);
            assertThat(metrics.countFor("border.srs.spf-fail-kept")).isEqualTo(1);
            assertThat(metrics.countFor("border.srs.rewritten")).isZero();
        }

        @Test
        void serviceShouldKeepTheSenderWhenSpfFailsWrittenInAnotherCase() throws Exception {
            init("spfFail", "KEEP");
            MailImpl mail = forwardedFrom(" Fail ");
            mailet.service(mail);

            assertThat(mail.getMaybeSender().asString()).isEqualTo("bob@fabrikam.com");
        }

        @ParameterizedTest
        @ValueSource(strings = {"pass", "softfail", "neutral", "none", "temperror", "permerror"})
        void serviceShouldRewriteWhenSpfDoesNotFail(String result) throws Exception {
            init();
            MailImpl mail = forwardedFrom(result);
            mailet.service(mail);

            assertThat(mail.getMaybeSender().asString()).startsWith("john.work+SRS=")
                .endsWith("=fabrikam.com=bob@border.test");
            assertThat(metrics.countFor("border.srs.spf-fail-kept")).isZero();
        }

        @Test
        void serviceShouldRewriteMailThatWasNotCheckedAsOurUsersAndAuthorisedNetworksMail() throws Exception {
            init();
            MailImpl mail = forwardedFrom(null);
            mailet.service(mail);

            assertThat(mail.getMaybeSender().asString()).startsWith("john.work+SRS=");
        }

        @Test
        void serviceShouldRewriteWhenTheResultIsNotAString() throws Exception {
            init();
            MailImpl mail = forwardedFrom(null);
            mail.setAttribute(new Attribute(AttributeName.of(RewriteSenderSrs.SPF_RESULT_ATTRIBUTE),
                AttributeValue.of(true)));
            mailet.service(mail);

            assertThat(mail.getMaybeSender().asString()).startsWith("john.work+SRS=");
        }

        @Test
        void serviceShouldRewriteMailFailingSpfWhenAskedTo() throws Exception {
            init("spfFail", "rewrite");
            MailImpl mail = forwardedFrom("fail");
            mailet.service(mail);

            assertThat(mail.getMaybeSender().asString()).startsWith("john.work+SRS=");
            assertThat(metrics.countFor("border.srs.spf-fail-kept")).isZero();
        }

        @Test
        void serviceShouldSendMailFailingSpfToTheProcessorWhenRefused() throws Exception {
            init("spfFail", "refuse", "spfFailProcessor", "spf-fail");
            MailImpl failing = forwardedFrom("fail");
            mailet.service(failing);
            MailImpl passing = forwardedFrom("pass");
            mailet.service(passing);

            assertThat(failing.getState()).isEqualTo("spf-fail");
            assertThat(failing.getMaybeSender().asString()).isEqualTo("bob@fabrikam.com");
            assertThat(passing.getState()).isEqualTo(MailImpl.DEFAULT);
            assertThat(passing.getMaybeSender().asString()).startsWith("john.work+SRS=");
            assertThat(metrics.countFor("border.srs.spf-fail-refused")).isEqualTo(1);
            assertThat(mailet.requiredProcessingState()).extracting(state -> state.getValue())
                .containsExactly("spf-fail");
        }

        @Test
        void serviceShouldLeaveOurOwnSendersAloneWhateverTheResult() throws Exception {
            init("spfFail", "refuse", "spfFailProcessor", "spf-fail");
            MailImpl mail = mail("alice@border.test", "", "x@example.com");
            mail.setAttribute(new Attribute(AttributeName.of(RewriteSenderSrs.SPF_RESULT_ATTRIBUTE),
                AttributeValue.of("fail")));
            mailet.service(mail);

            assertThat(mail.getState()).isEqualTo(MailImpl.DEFAULT);
            assertThat(mail.getMaybeSender().asString()).isEqualTo("alice@border.test");
            assertThat(metrics.countFor("border.srs.spf-fail-refused")).isZero();
        }

        @Test
        void initShouldThrowWhenSpfFailIsUnknown() {
            assertThatThrownBy(() -> init("spfFail", "reject"))
                .isInstanceOf(MessagingException.class)
                .hasMessage("RewriteSenderSrs: Invalid parameter 'spfFail': 'reject', allowed values are keep, "
                    + "refuse, rewrite");
        }

        @Test
        void initShouldThrowWhenRefuseHasNoProcessor() {
            assertThatThrownBy(() -> init("spfFail", "refuse"))
                .isInstanceOf(MessagingException.class)
                .hasMessageStartingWith("RewriteSenderSrs: ")
                .hasMessageContaining("'spfFailProcessor'");
        }

        @Test
        void initShouldThrowWhenAProcessorIsGivenWithoutRefuse() {
            assertThatThrownBy(() -> init("spfFailProcessor", "spf-fail"))
                .isInstanceOf(MessagingException.class)
                .hasMessage("RewriteSenderSrs: Invalid parameter 'spfFailProcessor': only used with spfFail=refuse "
                    + "(spfFail is keep)");
        }

        @Test
        void requiredProcessingStateShouldBeEmptyUnlessRefused() throws Exception {
            init();
            assertThat(mailet.requiredProcessingState()).isEmpty();
        }
    }
}
