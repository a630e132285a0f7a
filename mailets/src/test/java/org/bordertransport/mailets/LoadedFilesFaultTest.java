package org.bordertransport.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.bordertransport.core.srs.Microsoft365Srs;
import org.bordertransport.core.srs.SrsSecrets;
import org.bordertransport.james.FileResolver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SRS secrets file and the remote-domain policy are read in {@code init()} only: once they are loaded, the files
 * may go away (here: replaced by directories, which nobody can read as files, root included) and every mail is still
 * handled with what was loaded. The resolver counts the reads, so a mailet that starts reading a file per mail fails
 * here before it fails in production.
 */
class LoadedFilesFaultTest {
    private static final String SECRET = "loaded-secret-0123456789abcdef";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T04:00:00Z"), ZoneOffset.UTC);
    private static final String POLICY = "<remoteDomains>\n  <remoteDomain name=\"Default\" domain=\"*\"/>\n"
        + "  <remoteDomain name=\"Text\" domain=\"text.test\"><ContentType>MimeText</ContentType></remoteDomain>\n"
        + "</remoteDomains>\n";

    @TempDir
    Path conf;
    private final List<String> reads = new ArrayList<>();
    private FileResolver resolver;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(conf.resolve("srs-secrets"), SECRET + "\n", StandardCharsets.UTF_8);
        Files.writeString(conf.resolve("remotedomains.xml"), POLICY, StandardCharsets.UTF_8);
        resolver = location -> {
            reads.add(location);
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

    private void filesGoAway() throws Exception {
        for (String name : List.of("srs-secrets", "remotedomains.xml")) {
            Files.delete(conf.resolve(name));
            Files.createDirectory(conf.resolve(name));
        }
    }

    private static MailImpl mail(String sender, String to, String contentType, String body) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(
            ("From: " + sender + "\r\nTo: " + to + "\r\nSubject: s\r\nMIME-Version: 1.0\r\nContent-Type: " + contentType
                + "\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.US_ASCII)));
        return MailImpl.builder().name("m1").sender(new MailAddress(sender)).addRecipient(to).mimeMessage(message)
            .build();
    }

    @Test
    void rewriteSenderSrsSignsWithTheLoadedSecretWhenTheFilesAreGone() throws Exception {
        RewriteSenderSrs mailet = new RewriteSenderSrs(resolver, () -> Optional.of("border.test"),
            new RecordingMetricFactory(), CLOCK);
        mailet.init(FakeMailetConfig.builder().mailetName("RewriteSenderSrs")
            .mailetContext(RewriteSenderSrsTest.context()).build());
        List<String> readAtInit = List.copyOf(reads);
        filesGoAway();

        for (int i = 0; i < 3; i++) {
            MailImpl mail = mail("bob@fabrikam.test", "x@partner.test", "text/plain", "hello");
            mailet.service(mail);
            String sender = mail.getMaybeSender().asString();
            assertThat(sender).startsWith("bounces+SRS=").endsWith("@border.test");
            assertThat(Microsoft365Srs.builder(SrsSecrets.of(SECRET), "border.test").clock(CLOCK).build()
                .reverse(sender).kind()).isNotNull();
        }
        assertThat(readAtInit).containsExactlyInAnyOrder("file://conf/srs-secrets", "file://conf/remotedomains.xml");
        assertThat(reads).isEqualTo(readAtInit);
    }

    @Test
    void convertForRemoteDomainConvertsWithTheLoadedPolicyWhenTheFileIsGone() throws Exception {
        RecordingMetricFactory metrics = new RecordingMetricFactory();
        ConvertForRemoteDomain mailet = new ConvertForRemoteDomain(resolver, metrics, ThirdPartySigner.keys());
        mailet.init(FakeMailetConfig.builder().mailetName("ConvertForRemoteDomain")
            .mailetContext(FakeMailContext.defaultContext()).build());
        List<String> readAtInit = List.copyOf(reads);
        filesGoAway();

        MailImpl mail = mail("alice@border.test", "x@text.test", "text/html; charset=us-ascii",
            "<html><body><p>Hello <b>world</b></p></body></html>");
        mailet.service(mail);

        assertThat(mail.getMessage().getContentType()).startsWith("text/plain");
        assertThat(metrics.countFor("border.convert.converted")).isEqualTo(1);
        assertThat(readAtInit).containsExactly("file://conf/remotedomains.xml");
        assertThat(reads).isEqualTo(readAtInit);
    }
}
