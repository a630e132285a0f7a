package org.bordertransport.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.bordertransport.core.srs.Microsoft365Srs;
import org.bordertransport.core.srs.SrsSecrets;
import org.bordertransport.core.srs.StandardSrs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReverseSrsTest {
    private static final String SECRET = "test-secret-0123456789abcdef";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    private static final Microsoft365Srs M365 = Microsoft365Srs.builder(SrsSecrets.of(SECRET), "border.test")
        .clock(CLOCK).build();
    private static final String BOUNCE = "From: MAILER-DAEMON@remote.example\r\nSubject: Undelivered\r\n"
        + "Content-Type: multipart/report; report-type=delivery-status; boundary=r\r\n\r\n--r\r\n"
        + "Content-Type: message/delivery-status\r\n\r\nFinal-Recipient: rfc822; x@remote.example\r\n"
        + "Action: failed\r\nStatus: 5.1.1\r\n\r\n--r--\r\n";

    @TempDir
    Path conf;
    private RecordingMetricFactory metrics;
    private ReverseSrs mailet;
    private BorderContext context;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(conf.resolve("srs-secrets"), SECRET + "\n", StandardCharsets.UTF_8);
        metrics = new RecordingMetricFactory();
        mailet = new ReverseSrs(location -> {
            if (!location.equals("file://conf/srs-secrets")) {
                throw new FileNotFoundException(location);
            }
            return conf.resolve("srs-secrets");
        }, metrics, CLOCK);
        context = new BorderContext(Set.of("bounces@border.test"));
    }

    private void init(String... pairs) throws MessagingException {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("ReverseSrs")
            .mailetContext(context.context).setProperty("errorProcessor", "srs-error");
        for (int i = 0; i < pairs.length; i += 2) {
            config.setProperty(pairs[i], pairs[i + 1]);
        }
        mailet.init(config.build());
    }

    private static MailImpl mail(String sender, String raw, String... recipients) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
        MailImpl.Builder builder = MailImpl.builder().name("m1").addRecipients(recipients).mimeMessage(message);
        if (sender != null) {
            builder.sender(new MailAddress(sender));
        }
        return builder.build();
    }

    private List<FakeMailContext.SentMail> sent() {
        return context.fake.getSentMails();
    }

    @Test
    void aBounceToAForwardAddressGoesToTheOriginalSender() throws Exception {
        init();
        String srs = M365.forward("bob@fabrikam.com", "john.work@border.test").address();
        MailImpl mail = mail(null, BOUNCE, srs);
        mailet.service(mail);

        assertThat(sent()).hasSize(1);
        assertThat(sent().get(0).getRecipients()).containsExactly(new MailAddress("bob@fabrikam.com"));
        assertThat(sent().get(0).getSender()).isNull();
        assertThat(sent().get(0).getAttributes().get(AttributeName.of(ReverseSrs.REROUTED_ATTRIBUTE)).getValue()
            .getValue()).as("the copy is marked rerouted, naming the SRS address").isEqualTo(srs);
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(metrics.countFor("border.ndr.rerouted")).isEqualTo(1);
    }

    @Test
    void srs0IsReversedAndSrs1GoesToTheFirstForwarder() throws Exception {
        init();
        StandardSrs standard = StandardSrs.builder(SrsSecrets.of(SECRET), "border.test").clock(CLOCK).build();
        mailet.service(mail(null, BOUNCE, standard.forward("bob@fabrikam.com").address()));
        assertThat(sent().get(0).getRecipients()).containsExactly(new MailAddress("bob@fabrikam.com"));

        String srs1 = standard.forward("SRS0=abcd=JM=fabrikam.com=bob@first.example").address();
        assertThat(srs1).startsWith("SRS1=");
        mailet.service(mail(null, BOUNCE, srs1));
        assertThat(sent().get(1).getRecipients())
            .containsExactly(new MailAddress("SRS0=abcd=JM=fabrikam.com=bob@first.example"));
    }

    @Test
    void relayFormBouncesGoToTheBouncesMailboxOrThePostmaster() throws Exception {
        init();
        mailet.service(mail(null, BOUNCE, M365.relay("app@onprem.example").address()));
        assertThat(sent().get(0).getRecipients()).containsExactly(new MailAddress("bounces@border.test"));

        context = new BorderContext(Set.of());
        setUpMailetOnly();
        init();
        mailet.service(mail(null, BOUNCE, M365.relay("app@onprem.example").address()));
        assertThat(sent().get(0).getRecipients()).containsExactly(context.fake.getPostmaster());

        context = new BorderContext(Set.of());
        setUpMailetOnly();
        init("fallbackRecipient", "noc@border.test");
        mailet.service(mail(null, BOUNCE, M365.relay("app@onprem.example").address()));
        assertThat(sent().get(0).getRecipients()).containsExactly(new MailAddress("noc@border.test"));
    }

    private void setUpMailetOnly() {
        mailet = new ReverseSrs(location -> conf.resolve("srs-secrets"), metrics, CLOCK);
    }

    @Test
    void forgedExpiredAndNonBounceMailIsNeverRelayed() throws Exception {
        init();
        String genuine = M365.forward("bob@fabrikam.com", "john.work@border.test").address();
        String forged = genuine.replace("=bob@", "=eve@");
        String expired = Microsoft365Srs.builder(SrsSecrets.of(SECRET), "border.test")
            .clock(Clock.offset(CLOCK, Duration.ofDays(-30))).build()
            .forward("bob@fabrikam.com", "john.work@border.test").address();
        MailImpl mail = mail(null, BOUNCE, forged, expired);
        mailet.service(mail);

        assertThat(sent()).isEmpty();
        assertThat(mail.getState()).isEqualTo("srs-error");
        assertThat(mail.getRecipients()).hasSize(2);
        String reasons = mail.getAttribute(AttributeName.of(ReverseSrs.REASON_ATTRIBUTE)).orElseThrow().getValue()
            .valueAs(String.class).orElseThrow();
        assertThat(reasons).contains("BAD_HASH").contains("EXPIRED").doesNotContain(SECRET);

        MailImpl spam = mail("spammer@attacker.example", BOUNCE, genuine);
        mailet.service(spam);
        assertThat(sent()).isEmpty();
        assertThat(spam.getState()).isEqualTo("srs-error");
        assertThat(metrics.countFor("border.ndr.refused")).isEqualTo(2);
    }

    @Test
    void nonBouncesAreReversedWhenAsked() throws Exception {
        init("nonBounce", "reverse");
        mailet.service(mail("someone@example.org", BOUNCE, M365.forward("bob@fabrikam.com",
            "john.work@border.test").address()));
        assertThat(sent()).hasSize(1);
    }

    @Test
    void loopsStopAtTheReceivedLimit() throws Exception {
        init("maxReceived", "3");
        String looping = "Received: a\r\nReceived: b\r\nReceived: c\r\nReceived: d\r\n" + BOUNCE;
        MailImpl mail = mail(null, looping, M365.forward("bob@fabrikam.com", "john.work@border.test").address());
        mailet.service(mail);
        assertThat(sent()).isEmpty();
        assertThat(mail.getState()).isEqualTo("srs-error");
    }

    @Test
    void anAddressReversingToAnotherOfOursIsReversedAgainButNotForever() throws Exception {
        // SRS1 whose first forwarder is us: its reversal is an SRS0 address of ours, reversed in turn (and refused
        // here: its hash was never ours)
        StandardSrs standard = StandardSrs.builder(SrsSecrets.of(SECRET), "relay.example").clock(CLOCK).build();
        String srs1 = standard.forward("SRS0=abcd=JM=fabrikam.com=bob@border.test").address();
        assertThat(srs1).startsWith("SRS1=").endsWith("@relay.example");
        init("maxHops", "1");
        MailImpl once = mail(null, BOUNCE, srs1);
        mailet.service(once);
        assertThat(reasons(once)).contains("still an SRS address of ours after 1 reversals");

        setUpMailetOnly();
        init();
        MailImpl twice = mail(null, BOUNCE, srs1);
        mailet.service(twice);
        assertThat(reasons(twice)).contains("BAD_HASH");
        assertThat(sent()).isEmpty();
    }

    private static String reasons(Mail mail) {
        assertThat(mail.getState()).isEqualTo("srs-error");
        return mail.getAttribute(AttributeName.of(ReverseSrs.REASON_ATTRIBUTE)).orElseThrow().getValue()
            .valueAs(String.class).orElseThrow();
    }

    @Test
    void configurationErrorsNameTheParameter() {
        assertThatThrownBy(() -> mailet.init(FakeMailetConfig.builder().mailetName("ReverseSrs")
            .mailetContext(context.context).build()))
            .isInstanceOf(MessagingException.class)
            .hasMessageStartingWith("ReverseSrs: Invalid parameter 'errorProcessor': missing");
        assertThatThrownBy(() -> init("maxHops", "0"))
            .isInstanceOf(MessagingException.class)
            .hasMessage("ReverseSrs: Invalid parameter 'maxHops': '0', allowed: 1 to 10");
        assertThatThrownBy(() -> init("nonBounce", "accept"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("'nonBounce'");
    }
}
