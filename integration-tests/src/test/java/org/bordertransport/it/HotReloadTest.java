package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.it.BorderJames.ALICE;
import static org.bordertransport.it.BorderJames.BOB;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.apache.james.utils.DataProbeImpl;
import org.bordertransport.core.srs.Microsoft365Srs;
import org.bordertransport.core.srs.SrsException;
import org.bordertransport.core.srs.SrsSecrets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * Hot reload in a real James with the drop-in jar and the shipped conf, every {@code reloadInterval} set to 1s: the
 * test rewrites conf/remotedomains.xml and conf/srs-secrets in James's working directory while it runs. A new policy
 * converts the next mails; a broken one is rejected (one WARN per component) and mail goes on as before; a new first
 * SRS secret signs new addresses while bounces to addresses made with the old one are still routed back.
 */
class HotReloadTest {
    private static final String PARTNER = "partner.test";
    private static final String ORIGIN = "fabrikam.test";
    private static final String BOB_OUTSIDE = "bob@" + ORIGIN;
    private static final String FORWARDER = "john.work@" + BorderJames.DOMAIN;
    private static final String TARGET = "john.home@" + PARTNER;
    private static final String RELOADING_LOGGER = "org.bordertransport.james.ReloadingFile";
    private static final String RELOAD = "<reloadInterval>1s</reloadInterval>";
    /** James names a mailet by its class attribute: the fully qualified class name in the shipped conf. */
    private static final String MAILETS = "org.bordertransport.mailets.";

    @RegisterExtension
    BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains(PARTNER, ORIGIN).customized(james -> james
        .editConf("mailetcontainer.xml", text -> text
            .replace("<policyFile>file://conf/remotedomains.xml</policyFile>",
                "<policyFile>file://conf/remotedomains.xml</policyFile>" + RELOAD)
            .replace("<secretsFile>file://conf/srs-secrets</secretsFile>",
                "<secretsFile>file://conf/srs-secrets</secretsFile>" + RELOAD)
            .replace("RemoteDomainDisallows=AutoReply,AutoForward,DeliveryReport,NonDeliveryReport\"",
                "RemoteDomainDisallows=AutoReply,AutoForward,DeliveryReport,NonDeliveryReport;reloadInterval=1s\""))
        .replaceInConf("smtpserver.xml", "<secretsFile>file://conf/srs-secrets</secretsFile>",
            "<secretsFile>file://conf/srs-secrets</secretsFile>" + RELOAD));

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private int sent;

    @BeforeEach
    void captureReloadLines() {
        log.start();
        reloadLogger().addAppender(log);
    }

    @AfterEach
    void release() {
        reloadLogger().detachAppender(log);
    }

    private static Logger reloadLogger() {
        return (Logger) LoggerFactory.getLogger(RELOADING_LOGGER);
    }

    private List<String> lines(Level level) {
        synchronized (log) {
            return log.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage)
                .collect(Collectors.toList());
        }
    }

    private Path conf(String name) {
        return extension.james().workingDirectory().resolve("conf").resolve(name);
    }

    /** As an operator should: write next to it, then rename over it. */
    private void replace(String name, String content) throws Exception {
        Path next = conf(name + ".new");
        Files.writeString(next, content, StandardCharsets.UTF_8);
        Files.move(next, conf(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Sends one HTML mail from Alice to the partner and returns it as the partner's MX received it. */
    private ReceivedMail htmlToPartner() throws Exception {
        String to = "x@" + PARTNER;
        sent++;
        extension.james().send(ALICE, List.of(to), "From: " + ALICE + "\r\nTo: " + to + "\r\nSubject: "
            + Mails.uniqueSubject("reload " + sent) + "\r\nMessage-ID: <reload-" + sent + "@border.test>\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: text/html; charset=us-ascii\r\n\r\n"
            + "<html><body><p>Hello <b>partner</b></p></body></html>\r\n");
        List<ReceivedMail> received = extension.mx(PARTNER).awaitMails(sent);
        assertThat(received).hasSize(sent);
        return received.get(sent - 1);
    }

    private static String contentType(ReceivedMail mail) {
        return mail.header("Content-Type").orElseThrow();
    }

    @Test
    void aChangedPolicyConvertsTheNextMailsAndABrokenOneChangesNothing() throws Exception {
        assertThat(contentType(htmlToPartner())).startsWith("multipart/alternative");
        String shipped = Files.readString(conf("remotedomains.xml"), StandardCharsets.UTF_8);
        String textForPartner = shipped.replace("</remoteDomains>", "  <remoteDomain name=\"Partner\" domain=\""
            + PARTNER + "\"><ContentType>MimeText</ContentType></remoteDomain>\n</remoteDomains>");
        replace("remotedomains.xml", textForPartner);

        // the check comes with the first mail after the interval: mail keeps flowing until one is converted
        BorderJames.await().pollInterval(Duration.ofMillis(200))
            .until(() -> contentType(htmlToPartner()).startsWith("text/plain"));
        assertThat(contentType(htmlToPartner())).startsWith("text/plain");
        int domains = textForPartner.split("<remoteDomain ", -1).length - 1;
        int recipients = textForPartner.split("<recipient ", -1).length - 1;
        assertThat(lines(Level.INFO)).contains(MAILETS + "ConvertForRemoteDomain: reloaded "
            + "'file://conf/remotedomains.xml' (" + domains + " remote domains, " + recipients
            + " per-recipient entries): in use from now on");

        // broken: rejected with a WARN line, and every mail is still converted with the policy in use
        replace("remotedomains.xml", textForPartner.replace("<ContentType>MimeText", "<ContentType>MimeTxt"));
        BorderJames.await().pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(contentType(htmlToPartner())).startsWith("text/plain");
            return lines(Level.WARN).stream().anyMatch(line -> line.startsWith(MAILETS
                + "ConvertForRemoteDomain: changed 'file://conf/remotedomains.xml' rejected, the one loaded before "
                + "stays in use: " + MAILETS + "ConvertForRemoteDomain: Invalid parameter 'policyFile': "));
        });
        for (int i = 0; i < 3; i++) {
            assertThat(contentType(htmlToPartner())).startsWith("text/plain");
        }
        extension.james().send(ALICE, List.of(BOB), Mails.message(ALICE, List.of(BOB), Mails.uniqueSubject("local")));
        assertThat(extension.james().awaitSingleMessage(BOB).raw()).contains("local");
        Map<String, Long> warningsPerComponent = lines(Level.WARN).stream()
            .collect(Collectors.groupingBy(line -> line.substring(0, line.indexOf(':')), Collectors.counting()));
        assertThat(warningsPerComponent).containsKey(MAILETS + "ConvertForRemoteDomain")
            .allSatisfy((component, count) ->
                assertThat(count).as("WARN lines of %s for one bad file", component).isEqualTo(1));
        assertThat(lines(Level.WARN)).allSatisfy(line -> assertThat(line).contains("MimeTxt"));
    }

    @Test
    void aNewFirstSecretSignsNewAddressesAndBouncesToOldOnesStillGoBack() throws Exception {
        extension.james().server().getProbe(DataProbeImpl.class).addAddressMapping("john.work", BorderJames.DOMAIN,
            TARGET);
        String oldSecrets = Files.readString(conf("srs-secrets"), StandardCharsets.UTF_8);
        SrsSecrets old = SrsSecrets.load(conf("srs-secrets"));
        String oldAddress = forward("before the new secret");
        assertThat(verifies(oldAddress, old)).isTrue();

        String newSecret = SrsSecrets.generate(new SecureRandom());
        replace("srs-secrets", newSecret + "\n" + oldSecrets);
        SrsSecrets onlyNew = SrsSecrets.of(newSecret);
        AtomicReference<String> newAddress = new AtomicReference<>();
        BorderJames.await().pollInterval(Duration.ofMillis(200)).until(() -> {
            newAddress.set(forward("after the new secret"));
            return verifies(newAddress.get(), onlyNew);
        });
        assertThat(verifies(newAddress.get(), old)).isFalse();

        // a bounce to the new address, then one to the old: both accepted at RCPT and routed back to the sender
        bounce(newAddress.get());
        assertThat(extension.mx(ORIGIN).awaitMails(1)).last().satisfies(back -> {
            assertThat(back.envelopeSender()).isEmpty();
            assertThat(back.envelopeRecipients()).containsExactly(BOB_OUTSIDE);
        });
        bounce(oldAddress);
        assertThat(extension.mx(ORIGIN).awaitMails(2)).hasSize(2).last().satisfies(back -> {
            assertThat(back.envelopeSender()).isEmpty();
            assertThat(back.envelopeRecipients()).containsExactly(BOB_OUTSIDE);
            assertThat(back.raw()).contains(oldAddress);
        });

        assertThat(lines(Level.INFO)).contains(
            MAILETS + "RewriteSenderSrs: reloaded 'file://conf/srs-secrets' (2 secret(s)): in use from now on",
            "SrsRcptHook: reloaded 'file://conf/srs-secrets' (2 secret(s)): in use from now on",
            MAILETS + "ReverseSrs: reloaded 'file://conf/srs-secrets' (2 secret(s)): in use from now on");
        assertThat(log.list).allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain(newSecret));
    }

    @Test
    void secretsWithoutAValidLineAreRejectedAndTheOnesInUseStay() throws Exception {
        extension.james().server().getProbe(DataProbeImpl.class).addAddressMapping("john.work", BorderJames.DOMAIN,
            TARGET);
        SrsSecrets old = SrsSecrets.load(conf("srs-secrets"));
        replace("srs-secrets", "\n\n");

        BorderJames.await().pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(verifies(forward("with a broken secrets file"), old)).isTrue();
            return lines(Level.WARN).stream().anyMatch(line -> line.startsWith(MAILETS + "RewriteSenderSrs: changed "
                + "'file://conf/srs-secrets' rejected, the one loaded before stays in use: " + MAILETS
                + "RewriteSenderSrs: Invalid parameter 'secretsFile'"));
        });
        String address = forward("still signed with the old secret");
        assertThat(verifies(address, old)).isTrue();
        bounce(address);
        assertThat(extension.mx(ORIGIN).awaitMails(1)).singleElement()
            .satisfies(back -> assertThat(back.envelopeRecipients()).containsExactly(BOB_OUTSIDE));
    }

    /** Bob (outside) writes to john.work, who forwards to the partner: the SRS sender the partner sees. */
    private String forward(String subject) throws Exception {
        sent++;
        extension.james().send(BOB_OUTSIDE, List.of(FORWARDER), Mails.message(BOB_OUTSIDE, List.of(FORWARDER),
            Mails.uniqueSubject(subject)));
        List<ReceivedMail> received = extension.mx(PARTNER).awaitMails(sent);
        assertThat(received).hasSize(sent);
        String sender = received.get(sent - 1).envelopeSender();
        assertThat(sender).startsWith("john.work+SRS=");
        return sender;
    }

    private static boolean verifies(String address, SrsSecrets secrets) {
        try {
            return Microsoft365Srs.builder(secrets, BorderJames.DOMAIN).clock(Clock.systemUTC()).build()
                .reverse(address).bounceRecipient().map(BOB_OUTSIDE::equals).orElse(false);
        } catch (SrsException e) {
            return false;
        }
    }

    private void bounce(String srs) throws Exception {
        try (RawSmtp smtp = new RawSmtp(extension.james().smtpPort())) {
            assertThat(smtp.command("EHLO mx." + PARTNER)).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + srs + ">")).startsWith("250");
            assertThat(smtp.data(NdrReverseRoutingTest.report(srs, TARGET))).startsWith("250");
        }
    }
}
