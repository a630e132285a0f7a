package org.bordertransport.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;
import org.apache.mailet.Mailet;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.bordertransport.core.srs.Microsoft365Srs;
import org.bordertransport.core.srs.SrsSecrets;
import org.bordertransport.james.FileResolver;
import org.bordertransport.james.ReloadContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each mailet that reads the remote-domain policy or the SRS secrets uses a changed file from the first mail after
 * {@code reloadInterval} (the ticker is moved by hand), keeps the old one when the new one is invalid, and refuses a
 * bad {@code reloadInterval} at startup.
 */
class FileReloadTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T04:00:00Z"), ZoneOffset.UTC);
    private static final Duration INTERVAL = ReloadContext.DEFAULT_INTERVAL;
    private static final String OLD_SECRET = "old-secret-0123456789abcdefghij";
    private static final String NEW_SECRET = "new-secret-0123456789abcdefghij";
    private static final String HTML_EVERYWHERE = "<remoteDomains>\n  <remoteDomain name=\"Default\" domain=\"*\"/>\n"
        + "</remoteDomains>\n";
    private static final String TEXT_FOR_PARTNER = "<remoteDomains>\n  <remoteDomain name=\"Default\" domain=\"*\"/>\n"
        + "  <remoteDomain name=\"Text\" domain=\"partner.test\"><ContentType>MimeText</ContentType>"
        + "<TNEFEnabled>false</TNEFEnabled><IsInternal>true</IsInternal></remoteDomain>\n</remoteDomains>\n";

    @TempDir
    Path conf;
    private final AtomicLong ticker = new AtomicLong();
    private final RecordingMetricFactory metrics = new RecordingMetricFactory();
    private ReloadContext reload;
    private FileResolver resolver;
    private long mtime = 1_700_000_000_000L;

    @BeforeEach
    void setUp() throws Exception {
        reload = ReloadContext.of(metrics, ticker::get);
        write("remotedomains.xml", HTML_EVERYWHERE);
        write("srs-secrets", OLD_SECRET + "\n");
        resolver = location -> {
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

    private void write(String name, String content) throws Exception {
        Path file = conf.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        mtime += 1000;
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtime));
    }

    private void afterTheInterval() {
        ticker.addAndGet(INTERVAL.toNanos());
    }

    private static <M extends Mailet> M init(M mailet, String name, String... pairs) throws MessagingException {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName(name)
            .mailetContext(RewriteSenderSrsTest.context());
        for (int i = 0; i < pairs.length; i += 2) {
            config.setProperty(pairs[i], pairs[i + 1]);
        }
        mailet.init(config.build());
        return mailet;
    }

    private static MailImpl mail(String sender, String contentType, String body, String... to) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(
            ("From: " + sender + "\r\nTo: " + String.join(", ", to) + "\r\nSubject: s\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.US_ASCII)));
        return MailImpl.builder().name("m1").sender(new MailAddress(sender)).addRecipients(to).mimeMessage(message)
            .build();
    }

    private static MailImpl html() throws Exception {
        return mail("alice@border.test", "text/html; charset=us-ascii",
            "<html><body><p>Hello <b>world</b></p></body></html>", "x@partner.test");
    }

    @Test
    void convertForRemoteDomainConvertsPerTheNewPolicyAfterTheInterval() throws Exception {
        ConvertForRemoteDomain mailet = init(new ConvertForRemoteDomain(resolver, metrics,
            ThirdPartySigner.keys(), reload), "ConvertForRemoteDomain");
        write("remotedomains.xml", TEXT_FOR_PARTNER);

        MailImpl before = html();
        mailet.service(before);
        assertThat(before.getMessage().getContentType()).startsWith("multipart/alternative");

        afterTheInterval();
        MailImpl after = html();
        mailet.service(after);
        assertThat(after.getMessage().getContentType()).startsWith("text/plain");
        assertThat(metrics.countFor(ReloadContext.APPLIED_METRIC)).isEqualTo(1);
    }

    @Test
    void convertForRemoteDomainKeepsThePolicyInUseWhenTheNewOneIsInvalid() throws Exception {
        ConvertForRemoteDomain mailet = init(new ConvertForRemoteDomain(resolver, metrics,
            ThirdPartySigner.keys(), reload), "ConvertForRemoteDomain");
        write("remotedomains.xml", TEXT_FOR_PARTNER.replace("MimeText", "MimeNothing"));
        afterTheInterval();

        MailImpl mail = html();
        mailet.service(mail);
        assertThat(mail.getMessage().getContentType()).startsWith("multipart/alternative");
        assertThat(metrics.countFor(ReloadContext.REJECTED_METRIC)).isEqualTo(1);
        assertThat(metrics.countFor(ReloadContext.APPLIED_METRIC)).isZero();
    }

    @Test
    void splitByRemoteDomainSplitsPerTheNewPolicyAfterTheInterval() throws Exception {
        BorderContext context = new BorderContext(Set.of());
        SplitByRemoteDomain mailet = new SplitByRemoteDomain(resolver, metrics, reload);
        mailet.init(FakeMailetConfig.builder().mailetName("SplitByRemoteDomain").mailetContext(context.context)
            .build());
        write("remotedomains.xml", TEXT_FOR_PARTNER);

        MailImpl before = mail("alice@border.test", "text/plain", "hi", "x@partner.test", "y@other.test");
        mailet.service(before);
        assertThat(before.getRecipients()).hasSize(2);

        afterTheInterval();
        MailImpl after = mail("alice@border.test", "text/plain", "hi", "x@partner.test", "y@other.test");
        mailet.service(after);
        assertThat(after.getRecipients()).hasSize(1);
    }

    @Test
    void convertTnefFollowsTheNewTnefEnabledAfterTheInterval() throws Exception {
        ConvertTnef mailet = new ConvertTnef(resolver, metrics, ThirdPartySigner.keys(), reload);
        mailet.init(FakeMailetConfig.builder().mailetName("ConvertTnef")
            .mailetContext(FakeMailContext.defaultContext()).setProperty("unsetAction", "keep").build());
        String raw = ConvertTnefTest.winmail(ConvertTnefTest.tnef());
        write("remotedomains.xml", TEXT_FOR_PARTNER);

        Mail before = tnefMail(raw);
        mailet.service(before);
        assertThat(text(before.getMessage())).contains("application/ms-tnef");

        afterTheInterval();
        Mail after = tnefMail(raw);
        mailet.service(after);
        assertThat(text(after.getMessage())).doesNotContain("application/ms-tnef");
    }

    private static Mail tnefMail(String raw) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
        return FakeMail.builder().name("m1").state("relay").sender("alice@border.test").recipients("x@partner.test")
            .mimeMessage(message).build();
    }

    private static String text(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void rewriteSenderSrsSignsWithTheNewFirstSecretAndReadsTheNewPolicyAfterTheInterval() throws Exception {
        RewriteSenderSrs mailet = init(new RewriteSenderSrs(resolver, () -> Optional.of("border.test"), metrics,
            CLOCK, reload), "RewriteSenderSrs");
        write("srs-secrets", NEW_SECRET + "\n" + OLD_SECRET + "\n");

        assertThat(verifies(rewrite(mailet, "x@elsewhere.test"), OLD_SECRET)).isTrue();
        afterTheInterval();
        String after = rewrite(mailet, "x@elsewhere.test");
        assertThat(verifies(after, NEW_SECRET)).isTrue();
        assertThat(verifies(after, OLD_SECRET)).isFalse();

        // IsInternal=true for partner.test in the new policy: a trusted destination, not rewritten
        write("remotedomains.xml", TEXT_FOR_PARTNER);
        assertThat(rewrite(mailet, "x@partner.test")).startsWith("bounces+SRS=");
        afterTheInterval();
        assertThat(rewrite(mailet, "x@partner.test")).isEqualTo("bob@fabrikam.test");
        assertThat(metrics.countFor(ReloadContext.APPLIED_METRIC)).isEqualTo(2);
    }

    private static String rewrite(RewriteSenderSrs mailet, String to) throws Exception {
        MailImpl mail = mail("bob@fabrikam.test", "text/plain", "hi", to);
        mailet.service(mail);
        return mail.getMaybeSender().asString();
    }

    private static boolean verifies(String address, String secret) {
        try {
            Microsoft365Srs.builder(SrsSecrets.of(secret), "border.test").clock(CLOCK).build().reverse(address);
            return true;
        } catch (org.bordertransport.core.srs.SrsException e) {
            return false;
        }
    }

    @Test
    void reverseSrsVerifiesWithTheNewSecretsAndStillWithTheOldOne() throws Exception {
        BorderContext context = new BorderContext(Set.of());
        ReverseSrs mailet = new ReverseSrs(resolver, metrics, CLOCK, reload);
        mailet.init(FakeMailetConfig.builder().mailetName("ReverseSrs").mailetContext(context.context)
            .setProperty("errorProcessor", "srs-error").build());
        String madeWithNew = srs(NEW_SECRET).forward("bob@fabrikam.test", "john@border.test").address();
        String madeWithOld = srs(OLD_SECRET).forward("carol@fabrikam.test", "john@border.test").address();

        MailImpl refused = bounce(madeWithNew);
        mailet.service(refused);
        assertThat(refused.getState()).isEqualTo("srs-error");

        write("srs-secrets", NEW_SECRET + "\n" + OLD_SECRET + "\n");
        afterTheInterval();
        MailImpl newOne = bounce(madeWithNew);
        mailet.service(newOne);
        MailImpl oldOne = bounce(madeWithOld);
        mailet.service(oldOne);
        // rerouted in place: each bounce goes on to its original sender, neither refused nor copied
        assertThat(newOne.getState()).isNotEqualTo("srs-error");
        assertThat(oldOne.getState()).isNotEqualTo("srs-error");
        assertThat(newOne.getRecipients()).extracting(MailAddress::asString).containsExactly("bob@fabrikam.test");
        assertThat(oldOne.getRecipients()).extracting(MailAddress::asString).containsExactly("carol@fabrikam.test");
        assertThat(context.fake.getSentMails()).isEmpty();
    }

    private static Microsoft365Srs srs(String secret) {
        return Microsoft365Srs.builder(SrsSecrets.of(secret), "border.test").clock(CLOCK).build();
    }

    private static MailImpl bounce(String to) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(
            ("From: MAILER-DAEMON@remote.test\r\nSubject: Undelivered\r\n\r\nfailed\r\n")
                .getBytes(StandardCharsets.US_ASCII)));
        return MailImpl.builder().name("b1").addRecipient(to).mimeMessage(message).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ConvertForRemoteDomain", "ConvertTnef", "SplitByRemoteDomain", "RewriteSenderSrs",
        "ReverseSrs"})
    void initShouldThrowWhenReloadIntervalIsInvalid(String name) {
        Mailet mailet = mailet(name);
        FakeMailetConfig config = config(name).setProperty("reloadInterval", "10").build();

        assertThatThrownBy(() -> mailet.init(config)).isInstanceOf(MessagingException.class)
            .hasMessage(name + ": Invalid parameter 'reloadInterval': '10' is not a duration; allowed: "
                + ReloadContext.ALLOWED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ConvertForRemoteDomain", "ConvertTnef", "SplitByRemoteDomain", "RewriteSenderSrs",
        "ReverseSrs"})
    void reloadIntervalZeroKeepsWhatWasLoadedAtStartup(String name) throws Exception {
        Mailet mailet = mailet(name);
        mailet.init(config(name).setProperty("reloadInterval", "0").build());
        write("remotedomains.xml", TEXT_FOR_PARTNER);
        write("srs-secrets", NEW_SECRET + "\n");
        ticker.addAndGet(Duration.ofDays(30).toNanos());

        MailImpl mail = mail("bob@fabrikam.test", "text/plain", "hi", "x@partner.test");
        mailet.service(mail);
        assertThat(metrics.countFor(ReloadContext.APPLIED_METRIC)).isZero();
        assertThat(metrics.countFor(ReloadContext.REJECTED_METRIC)).isZero();
    }

    private static FakeMailetConfig.Builder config(String name) {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName(name)
            .mailetContext(RewriteSenderSrsTest.context());
        return name.equals("ReverseSrs") ? config.setProperty("errorProcessor", "error") : config;
    }

    private Mailet mailet(String name) {
        switch (name) {
            case "ConvertForRemoteDomain":
                return new ConvertForRemoteDomain(resolver, metrics, ThirdPartySigner.keys(), reload);
            case "ConvertTnef":
                return new ConvertTnef(resolver, metrics, ThirdPartySigner.keys(), reload);
            case "SplitByRemoteDomain":
                return new SplitByRemoteDomain(resolver, metrics, reload);
            case "RewriteSenderSrs":
                return new RewriteSenderSrs(resolver, () -> Optional.of("border.test"), metrics, CLOCK, reload);
            default:
                return new ReverseSrs(resolver, metrics, CLOCK, reload);
        }
    }

    @Test
    void everyMailetThatReadsTheseFilesTakesReloadInterval() {
        for (Set<String> parameters : List.of(ConvertForRemoteDomain.PARAMETERS, ConvertTnef.PARAMETERS,
            SplitByRemoteDomain.PARAMETERS, RewriteSenderSrs.PARAMETERS, ReverseSrs.PARAMETERS)) {
            assertThat(parameters).contains(ReloadContext.PARAMETER);
        }
    }
}
