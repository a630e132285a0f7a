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
import java.util.ArrayList;
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

    /** Where a bounce went: the mail itself (rerouted in place) or a copy sent from the mailet. */
    private record Routed(List<MailAddress> recipients, boolean nullSender, String reroutedFrom, boolean inPlace) {
    }

    private final List<Routed> routed = new ArrayList<>();

    /** Services the mail and records where it was rerouted to, in place or as copies. */
    private void service(MailImpl mail) throws MessagingException {
        int before = sent().size();
        mailet.service(mail);
        for (FakeMailContext.SentMail copy : sent().subList(before, sent().size())) {
            routed.add(new Routed(List.copyOf(copy.getRecipients()), copy.getSender() == null,
                copy.getAttributes().get(AttributeName.of(ReverseSrs.REROUTED_ATTRIBUTE)).getValue()
                    .valueAs(String.class).orElseThrow(), false));
        }
        mail.getAttribute(AttributeName.of(ReverseSrs.REROUTED_ATTRIBUTE)).ifPresent(rerouted ->
            routed.add(new Routed(List.copyOf(mail.getRecipients()), mail.getMaybeSender().isNullSender(),
                rerouted.getValue().valueAs(String.class).orElseThrow(), true)));
    }

    @Test
    void aBounceToAForwardAddressGoesToTheOriginalSenderInPlace() throws Exception {
        init();
        String srs = M365.forward("bob@fabrikam.com", "john.work@border.test").address();
        MailImpl mail = mail(null, BOUNCE, srs);
        mail.setState("transport");
        service(mail);

        assertThat(sent()).as("no copy: the bounce itself goes on").isEmpty();
        assertThat(mail.getRecipients()).containsExactly(new MailAddress("bob@fabrikam.com"));
        assertThat(mail.getMaybeSender().isNullSender()).isTrue();
        assertThat(mail.getAttribute(AttributeName.of(ReverseSrs.REROUTED_ATTRIBUTE)).orElseThrow().getValue()
            .getValue()).as("marked rerouted, naming the SRS address").isEqualTo(srs);
        assertThat(mail.getAttribute(Mail.SENT_BY_MAILET_ATTRIBUTE.getName()))
            .as("relayed as mail sent by a mailet (SentByMailet), as a copy from sendMail would be").isPresent();
        assertThat(mail.getState()).as("routed from root, as a copy would be, wherever the mailet stands")
            .isEqualTo(Mail.DEFAULT);
        assertThat(metrics.countFor("border.ndr.rerouted")).isEqualTo(1);
    }

    @Test
    void aBounceToSeveralSrsAddressesIsCopiedOncePerAddress() throws Exception {
        init();
        String first = M365.forward("bob@fabrikam.com", "john.work@border.test").address();
        String second = M365.forward("carol@contoso.example", "john.work@border.test").address();
        MailImpl mail = mail(null, BOUNCE, first, second);
        service(mail);

        assertThat(routed).extracting(Routed::inPlace).containsExactly(false, false);
        assertThat(routed).extracting(Routed::recipients).containsExactly(
            List.of(new MailAddress("bob@fabrikam.com")), List.of(new MailAddress("carol@contoso.example")));
        assertThat(routed).extracting(Routed::reroutedFrom).containsExactly(first, second);
        assertThat(routed).allMatch(Routed::nullSender);
        assertThat(sent()).allMatch(copy -> copy.getState().equals(Mail.DEFAULT));
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(metrics.countFor("border.ndr.rerouted")).isEqualTo(2);
    }

    @Test
    void aGenuineRecipientBesideAForgedOneIsCopiedAndTheForgedOneRefused() throws Exception {
        init();
        String genuine = M365.forward("bob@fabrikam.com", "john.work@border.test").address();
        String forged = genuine.replace("=bob@", "=eve@");
        MailImpl mail = mail(null, BOUNCE, genuine, forged);
        service(mail);

        assertThat(routed).extracting(Routed::inPlace).containsExactly(false);
        assertThat(routed.get(0).recipients()).containsExactly(new MailAddress("bob@fabrikam.com"));
        assertThat(mail.getRecipients()).containsExactly(new MailAddress(forged));
        assertThat(mail.getState()).isEqualTo("srs-error");
        assertThat(mail.getAttribute(AttributeName.of(ReverseSrs.REROUTED_ATTRIBUTE))).isEmpty();
        assertThat(mail.getAttribute(Mail.SENT_BY_MAILET_ATTRIBUTE.getName())).isEmpty();
    }

    @Test
    void srs0IsReversedAndSrs1GoesToTheFirstForwarder() throws Exception {
        init();
        StandardSrs standard = StandardSrs.builder(SrsSecrets.of(SECRET), "border.test").clock(CLOCK).build();
        service(mail(null, BOUNCE, standard.forward("bob@fabrikam.com").address()));
        assertThat(routed.get(0).recipients()).containsExactly(new MailAddress("bob@fabrikam.com"));

        String srs1 = standard.forward("SRS0=abcd=JM=fabrikam.com=bob@first.example").address();
        assertThat(srs1).startsWith("SRS1=");
        service(mail(null, BOUNCE, srs1));
        assertThat(routed.get(1).recipients())
            .containsExactly(new MailAddress("SRS0=abcd=JM=fabrikam.com=bob@first.example"));
    }

    @Test
    void relayFormBouncesGoToTheBouncesMailboxOrThePostmaster() throws Exception {
        init();
        service(mail(null, BOUNCE, M365.relay("app@onprem.example").address()));
        assertThat(routed.get(0).recipients()).containsExactly(new MailAddress("bounces@border.test"));

        context = new BorderContext(Set.of());
        setUpMailetOnly();
        init();
        service(mail(null, BOUNCE, M365.relay("app@onprem.example").address()));
        assertThat(routed.get(1).recipients()).containsExactly(context.fake.getPostmaster());

        context = new BorderContext(Set.of());
        setUpMailetOnly();
        init("fallbackRecipient", "noc@border.test");
        service(mail(null, BOUNCE, M365.relay("app@onprem.example").address()));
        assertThat(routed.get(2).recipients()).containsExactly(new MailAddress("noc@border.test"));
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
        service(mail);

        assertThat(routed).isEmpty();
        assertThat(mail.getState()).isEqualTo("srs-error");
        assertThat(mail.getRecipients()).hasSize(2);
        String reasons = mail.getAttribute(AttributeName.of(ReverseSrs.REASON_ATTRIBUTE)).orElseThrow().getValue()
            .valueAs(String.class).orElseThrow();
        assertThat(reasons).contains("BAD_HASH").contains("EXPIRED").doesNotContain(SECRET);

        MailImpl spam = mail("spammer@attacker.example", BOUNCE, genuine);
        service(spam);
        assertThat(routed).isEmpty();
        assertThat(spam.getState()).isEqualTo("srs-error");
        assertThat(metrics.countFor("border.ndr.refused")).isEqualTo(2);
    }

    @Test
    void nonBouncesAreReversedWhenAsked() throws Exception {
        init("nonBounce", "reverse");
        service(mail("someone@example.org", BOUNCE, M365.forward("bob@fabrikam.com",
            "john.work@border.test").address()));
        assertThat(routed).hasSize(1);
    }

    @Test
    void loopsStopAtTheReceivedLimit() throws Exception {
        init("maxReceived", "3");
        String looping = "Received: a\r\nReceived: b\r\nReceived: c\r\nReceived: d\r\n" + BOUNCE;
        MailImpl mail = mail(null, looping, M365.forward("bob@fabrikam.com", "john.work@border.test").address());
        service(mail);
        assertThat(routed).isEmpty();
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
        service(once);
        assertThat(reasons(once)).contains("still an SRS address of ours after 1 reversals");

        setUpMailetOnly();
        init();
        MailImpl twice = mail(null, BOUNCE, srs1);
        service(twice);
        assertThat(reasons(twice)).contains("BAD_HASH");
        assertThat(routed).isEmpty();
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
