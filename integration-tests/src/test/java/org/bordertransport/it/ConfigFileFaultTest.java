package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.james.utils.DataProbeImpl;
import org.bordertransport.core.srs.Microsoft365Srs;
import org.bordertransport.core.srs.SrsSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * The SRS secrets file and the remote-domain policy go away while James runs ({@code conf/srs-secrets} becomes a
 * directory, which nobody can read as a file, root included; {@code conf/remotedomains.xml} is deleted). Both are read
 * once, at startup (by RewriteSenderSrs, ReverseSrs, SrsRcptHook, SplitByRemoteDomain, RemoteDomainDisallows,
 * ConvertTnef, ConvertForRemoteDomain): James goes on with what it loaded. A forward still gets its SRS address, made
 * with the loaded secret, and is still converted for its remote domain; a bounce to that address still goes back to
 * the original sender; a forged SRS address is still refused at RCPT and relayed nowhere. Nothing is logged about the
 * files (nothing reads them again), and no log line holds the secret.
 */
class ConfigFileFaultTest {
    /** MimeText in the shipped remotedomains.xml: HTML is sent as plain text. */
    private static final String PLAIN = "plaintext.example.net";
    private static final String ORIGIN = "fabrikam.test";
    private static final String BOB_OUTSIDE = "bob@" + ORIGIN;
    private static final String FORWARDER = "john.work@" + BorderJames.DOMAIN;
    private static final String TARGET = "john.home@" + PLAIN;

    @RegisterExtension
    BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains(PLAIN, ORIGIN);

    /** Every line logged from before James starts (its startup lines too) to the end of the test. */
    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

    @BeforeAll
    static void captureLog() {
        LOG.start();
        root().addAppender(LOG);
    }

    @AfterAll
    static void releaseLog() {
        root().detachAppender(LOG);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private static List<ILoggingEvent> logged() {
        synchronized (LOG) {
            return List.copyOf(LOG.list);
        }
    }

    @Test
    void jamesGoesOnWithTheSecretsAndPolicyItLoadedWhenTheFilesGoAway() throws Exception {
        Path conf = extension.james().workingDirectory().resolve("conf");
        Path secretsFile = conf.resolve("srs-secrets");
        SrsSecrets loaded = SrsSecrets.load(secretsFile);
        List<String> secretLines = Files.readAllLines(secretsFile, StandardCharsets.UTF_8).stream().map(String::trim)
            .filter(line -> !line.isEmpty() && !line.startsWith("#")).collect(Collectors.toList());
        assertThat(secretLines).isNotEmpty();
        extension.james().server().getProbe(DataProbeImpl.class).addAddressMapping("john.work", BorderJames.DOMAIN,
            TARGET);

        Files.delete(secretsFile);
        Files.createDirectory(secretsFile);
        Files.delete(conf.resolve("remotedomains.xml"));
        int linesBefore = logged().size();

        // a forward: SRS address made with the loaded secret, converted with the loaded policy
        String subject = Mails.uniqueSubject("files gone");
        extension.james().send(BOB_OUTSIDE, List.of(FORWARDER), "From: " + BOB_OUTSIDE + "\r\nTo: " + FORWARDER
            + "\r\nSubject: " + subject + "\r\nMessage-ID: <files-gone-1@" + ORIGIN + ">\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/html; charset=us-ascii\r\n\r\n<html><body><p>Still <b>here</b>.</p></body></html>\r\n");
        ReceivedMail forwarded = extension.mx(PLAIN).awaitOneMail();
        assertThat(forwarded.header("Subject")).contains(subject);
        assertThat(forwarded.envelopeSender()).startsWith("john.work+SRS=").endsWith("=fabrikam.test=bob@border.test");
        assertThat(Microsoft365Srs.builder(loaded, BorderJames.DOMAIN).clock(Clock.systemUTC()).build()
            .reverse(forwarded.envelopeSender()).bounceRecipient()).contains(BOB_OUTSIDE);
        assertThat(forwarded.header("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(forwarded.raw()).contains("Still").doesNotContain("<b>");

        // a bounce to that address: verified with the loaded secret (SMTP hook, then ReverseSrs), back to the sender
        String srs = forwarded.envelopeSender();
        try (RawSmtp smtp = new RawSmtp(extension.james().smtpPort())) {
            assertThat(smtp.command("EHLO mx." + PLAIN)).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + srs + ">")).startsWith("250");
            assertThat(smtp.data("From: MAILER-DAEMON@mx." + PLAIN + "\r\nTo: " + srs + "\r\nSubject: Undelivered"
                + "\r\nMessage-ID: <dsn-files-gone@mx." + PLAIN + ">\r\n"
                + NdrReverseRoutingTest.report(srs, TARGET))).startsWith("250");
        }
        ReceivedMail back = extension.mx(ORIGIN).awaitOneMail();
        assertThat(back.envelopeSender()).isEmpty();
        assertThat(back.envelopeRecipients()).containsExactly(BOB_OUTSIDE);

        // a forged SRS address: still refused, relayed nowhere
        char hash = srs.charAt(srs.indexOf("+SRS=") + 5);
        String forged = srs.replaceFirst("\\+SRS=.", "+SRS=" + (hash == 'a' ? 'b' : 'a'));
        try (RawSmtp smtp = new RawSmtp(extension.james().smtpPort())) {
            smtp.command("EHLO mx." + PLAIN);
            smtp.command("MAIL FROM:<>");
            assertThat(smtp.command("RCPT TO:<" + forged + ">")).startsWith("550");
        }
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
            extension.mx(ORIGIN).mails().size() == 1 && extension.mx(PLAIN).mails().size() == 1);

        List<ILoggingEvent> all = logged();
        List<ILoggingEvent> since = all.subList(linesBefore, all.size());
        // only what hot reload says when it looks at the files in the meantime (default interval 10 s, so on a slow
        // machine): the files are rejected, the loaded ones stay in use
        assertThat(since).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN)
            && event.getLoggerName().startsWith("org.bordertransport"))
            .allSatisfy(event -> assertThat(event.getFormattedMessage()).contains("rejected, the one loaded before "
                + "stays in use"));
        assertThat(all).isNotEmpty().allSatisfy(event -> {
            for (String secret : secretLines) {
                assertThat(event.getFormattedMessage()).doesNotContain(secret);
            }
        });
    }
}
