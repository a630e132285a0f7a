package org.bordertransport.it.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.apache.james.utils.DataProbeImpl;
import org.bordertransport.core.srs.HashAlphabet;
import org.bordertransport.core.srs.SrsSecrets;
import org.bordertransport.core.srs.StandardSrs;
import org.bordertransport.it.BorderJames;
import org.bordertransport.it.FakeDns;
import org.bordertransport.it.FakeMx;
import org.bordertransport.it.Mails;
import org.bordertransport.it.RawSmtp;
import org.bordertransport.it.ReceivedMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Debian's postsrsd 1.10 behind a real Postfix 3.7 ({@link PostsrsdInstance}, {@link PostfixInstance}) and James with
 * the shipped conf share one secrets file — the one Debian's package generated ({@code /etc/postsrsd.secret}, copied;
 * random base64 where it cannot be read) and a short hand-written one ({@code s3cr3t}) — and the SRS domain
 * {@code border.test} (James's, postsrsd's {@code -d}):
 * <ul>
 *   <li>Postfix forwards (a virtual alias) with postsrsd as {@code sender_canonical_maps}: the envelope sender
 *   becomes {@code SRS0=...@border.test} (SRS1 for a sender already SRS0 at another forwarder); a bounce to it,
 *   coming back to border.test's MX — James — goes back to the original sender's MX (the first forwarder's, for
 *   SRS1);</li>
 *   <li>James forwards with {@code format=srs0} and {@code alphabet=standard} (postsrsd 1.x writes and reads
 *   {@code +/}; James's default {@code urlsafe} is refused by it, as a test here shows): postsrsd reverses James's
 *   address, asked through Postfix's own table client ({@code postmap -q ADDRESS tcp:127.0.0.1:PORT}) and as
 *   Postfix's {@code recipient_canonical_maps} when the bounce goes through Postfix;</li>
 *   <li>a forged address (one hash character changed) and an expired one (made with a clock 40 days back) are refused
 *   by both: James at {@code RCPT TO}, postsrsd with no result.</li>
 * </ul>
 * Skipped, with the reason, without Postfix, postsrsd or root (failed with {@code CI=true}).
 */
class PostsrsdPostfixInteropTest {
    private static final Path DEBIAN_SECRET = Paths.get("/etc/postsrsd.secret");
    private static final String SRS_DOMAIN = BorderJames.DOMAIN;
    private static final String ORIGIN = "fabrikam.test";
    private static final String BOB_OUTSIDE = "bob@" + ORIGIN;
    /** A forwarder before ours, for SRS1: it rewrote Bob's address to SRS0 at its own domain. */
    private static final String FIRST_FORWARDER = "first-fwd.test";
    /** Postfix's virtual alias domain, and where it forwards. */
    private static final String ALIAS_DOMAIN = "alias.test";
    private static final String CAROL_ALIAS = "carol@" + ALIAS_DOMAIN;
    private static final String TARGET_DOMAIN = "remote-b.test";
    private static final String CAROL_TARGET = "carol.home@" + TARGET_DOMAIN;
    /** James's RecipientRewriteTable forward. */
    private static final String FORWARDER = "john.work@" + BorderJames.DOMAIN;
    private static final String JAMES_TARGET_DOMAIN = "remote-a.test";
    private static final String JAMES_TARGET = "john.home@" + JAMES_TARGET_DOMAIN;
    private static final String SRS0 = "SRS0=[A-Za-z0-9+/]{4}=[A-Z2-7]{2}=";

    @TempDir
    Path dir;
    private final StartedResources running = new StartedResources();
    private Path secrets;
    private PostsrsdInstance postsrsd;
    private FakeMx origin;
    private FakeMx firstForwarder;
    private FakeMx target;
    private FakeMx jamesTarget;
    private BorderJames james;
    private PostfixInstance postfix;

    /** postsrsd, the fake MXs, James (with {@code jamesConf} applied) and Postfix, on one secrets file. */
    private void start(String kind, UnaryOperator<BorderJames.Builder> jamesConf) throws Exception {
        PostfixInstance.requireAvailable();
        Lab.require(Lab.Tool.POSTSRSD, Lab.Tool.POSTMAP);
        secrets = secretsFile(kind);
        postsrsd = started(PostsrsdInstance.start(secrets, SRS_DOMAIN, dir));
        origin = started(FakeMx.start(ORIGIN)).announcing("8BITMIME");
        firstForwarder = started(FakeMx.start(FIRST_FORWARDER)).announcing("8BITMIME");
        target = started(FakeMx.start(TARGET_DOMAIN)).announcing("8BITMIME");
        jamesTarget = started(FakeMx.start(JAMES_TARGET_DOMAIN)).announcing("8BITMIME");
        FakeDns dns = new FakeDns().mx(ORIGIN, origin.port()).mx(FIRST_FORWARDER, firstForwarder.port())
            .mx(JAMES_TARGET_DOMAIN, jamesTarget.port());
        String shared = Files.readString(secrets, StandardCharsets.US_ASCII);
        james = started(jamesConf.apply(BorderJames.builder().dns(dns).editConf("srs-secrets", text -> shared))
            .start());
        Path postfixDir = Files.createDirectory(dir.resolve("postfix"));
        postfix = started(PostfixInstance.builder(postfixDir)
            .hostname("relay." + ALIAS_DOMAIN)
            .mainCf("virtual_alias_domains", ALIAS_DOMAIN)
            .virtualAlias(CAROL_ALIAS, CAROL_TARGET)
            .mainCf("sender_canonical_maps", postsrsd.forwardTable())
            .mainCf("sender_canonical_classes", "envelope_sender")
            .mainCf("recipient_canonical_maps", postsrsd.reverseTable())
            .mainCf("recipient_canonical_classes", "envelope_recipient")
            .smtpTo(TARGET_DOMAIN, target.port())
            .smtpTo(ORIGIN, origin.port())
            .smtpTo(FIRST_FORWARDER, firstForwarder.port())
            .start());
    }

    private <T extends AutoCloseable> T started(T resource) {
        return running.add(resource);
    }

    @AfterEach
    void stopAll() throws Exception {
        running.close();
    }

    /** Debian's generated file (copied; random base64 as its postinst writes when it cannot be read), or s3cr3t. */
    private Path secretsFile(String kind) throws Exception {
        Path file = dir.resolve(kind + ".secret");
        if (kind.equals("short")) {
            Files.writeString(file, "s3cr3t\n", StandardCharsets.US_ASCII);
        } else if (Files.isReadable(DEBIAN_SECRET)) {
            Files.copy(DEBIAN_SECRET, file);
            String content = Files.readString(file, StandardCharsets.ISO_8859_1);
            assertThat(content).as("Debian's secret is one printable ASCII line (James's conf is edited as text)")
                .matches("[!-~]+\n?");
        } else {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            Files.write(file, Base64.getEncoder().encode(random));
        }
        return file;
    }

    @ParameterizedTest(name = "{0} secret")
    @ValueSource(strings = {"debian", "short"})
    void postfixForwardsWithPostsrsdAndJamesRoutesTheBouncesBack(String kind) throws Exception {
        start(kind, UnaryOperator.identity());
        String alreadySrs0 = StandardSrs.builder(SrsSecrets.of("the first forwarder's own secret"), FIRST_FORWARDER)
            .build().forward(BOB_OUTSIDE).address();
        sendThroughPostfix(BOB_OUTSIDE, CAROL_ALIAS, Mails.uniqueSubject("forwarded by Postfix"));
        sendThroughPostfix(alreadySrs0, CAROL_ALIAS, Mails.uniqueSubject("forwarded twice"));

        List<ReceivedMail> forwarded = target.awaitMails(2);
        assertThat(forwarded).as("Postfix's log:%n%s", postfix.log()).hasSize(2)
            .allSatisfy(mail -> assertThat(mail.envelopeRecipients()).containsExactly(CAROL_TARGET));
        String srs0 = forwarded.get(0).envelopeSender();
        String srs1 = forwarded.get(1).envelopeSender();
        assertThat(srs0).matches(SRS0 + "fabrikam\\.test=bob@border\\.test");
        // SRS1=HHHH=first-fwd.test==HHHH=TT=fabrikam.test=bob@border.test: the first forwarder and its SRS0 kept
        assertThat(srs1).matches("SRS1=[A-Za-z0-9+/]{4}=" + Pattern.quote(FIRST_FORWARDER + "="
            + alreadySrs0.substring("SRS0".length(), alreadySrs0.indexOf('@')) + "@" + SRS_DOMAIN));

        injectBounce(srs0, CAROL_TARGET);
        ReceivedMail bounce = origin.awaitOneMail();
        assertThat(bounce.envelopeSender()).isEmpty();
        assertThat(bounce.envelopeRecipients()).containsExactly(BOB_OUTSIDE);
        assertThat(bounce.raw()).contains("Final-Recipient: rfc822; " + CAROL_TARGET);

        injectBounce(srs1, CAROL_TARGET);
        ReceivedMail toFirstForwarder = firstForwarder.awaitOneMail();
        assertThat(toFirstForwarder.envelopeSender()).isEmpty();
        assertThat(toFirstForwarder.envelopeRecipients()).containsExactly(alreadySrs0);
        assertThat(origin.mails()).hasSize(1);
    }

    @ParameterizedTest(name = "{0} secret")
    @ValueSource(strings = {"debian", "short"})
    void jamesForwardsWithSrs0AndPostsrsdReversesIt(String kind) throws Exception {
        start(kind, builder -> builder.replaceInConf("mailetcontainer.xml", "<format>m365</format>",
            "<format>srs0</format>\n                <alphabet>standard</alphabet>"));
        james.server().getProbe(DataProbeImpl.class).addAddressMapping("john.work", BorderJames.DOMAIN, JAMES_TARGET);
        james.send(BOB_OUTSIDE, List.of(FORWARDER), Mails.message(BOB_OUTSIDE, List.of(FORWARDER),
            Mails.uniqueSubject("forwarded by James")));
        String srs0 = jamesTarget.awaitOneMail().envelopeSender();
        assertThat(srs0).matches(SRS0 + "fabrikam\\.test=bob@border\\.test");

        assertThat(PostfixInstance.postmapQuery(srs0, postsrsd.reverseTable())).contains(BOB_OUTSIDE);
        // the bounce through Postfix: recipient_canonical_maps (postsrsd) turns it back into Bob's address
        try (RawSmtp smtp = new RawSmtp(postfix.port())) {
            assertThat(smtp.command("EHLO mx." + JAMES_TARGET_DOMAIN)).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + srs0 + ">")).startsWith("250");
            assertThat(smtp.data(report(srs0, JAMES_TARGET))).startsWith("250");
        }
        ReceivedMail bounce = origin.awaitOneMail();
        assertThat(bounce.envelopeSender()).isEmpty();
        assertThat(bounce.envelopeRecipients()).as("Postfix's log:%n%s", postfix.log()).containsExactly(BOB_OUTSIDE);
        assertThat(bounce.raw()).contains("Final-Recipient: rfc822; " + JAMES_TARGET);
    }

    @ParameterizedTest(name = "{0} secret")
    @ValueSource(strings = {"debian", "short"})
    void forgedAndExpiredAddressesAreRefusedByBoth(String kind) throws Exception {
        start(kind, UnaryOperator.identity());
        String genuine = PostfixInstance.postmapQuery(BOB_OUTSIDE, postsrsd.forwardTable()).orElseThrow();
        assertThat(genuine).matches(SRS0 + "fabrikam\\.test=bob@border\\.test");
        String forged = withOneHashCharacterChanged(genuine);
        String expired = StandardSrs.builder(SrsSecrets.load(secrets), SRS_DOMAIN).alphabet(HashAlphabet.STANDARD)
            .clock(Clock.fixed(Instant.now().minus(Duration.ofDays(40)), ZoneOffset.UTC)).build()
            .forward(BOB_OUTSIDE).address();

        assertThat(PostfixInstance.postmapQuery(genuine, postsrsd.reverseTable())).contains(BOB_OUTSIDE);
        assertThat(PostfixInstance.postmapQuery(forged, postsrsd.reverseTable())).as("postsrsd on %s", forged).isEmpty();
        assertThat(PostfixInstance.postmapQuery(expired, postsrsd.reverseTable())).as("postsrsd on %s", expired)
            .isEmpty();

        try (RawSmtp smtp = new RawSmtp(james.smtpPort())) {
            assertThat(smtp.command("EHLO mx." + TARGET_DOMAIN)).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + forged + ">")).as("James on %s", forged).startsWith("550 5.1.1");
            assertThat(smtp.command("RCPT TO:<" + expired + ">")).as("James on %s", expired).startsWith("550 5.1.1");
            assertThat(smtp.command("RCPT TO:<" + genuine + ">")).startsWith("250");
            assertThat(smtp.data(report(genuine, CAROL_TARGET))).startsWith("250");
        }
        ReceivedMail bounce = origin.awaitOneMail();
        assertThat(bounce.envelopeRecipients()).containsExactly(BOB_OUTSIDE);
        assertThat(firstForwarder.mails()).isEmpty();
    }

    /**
     * Why James's conf says {@code alphabet=standard} next to postsrsd 1.x: with James's default {@code urlsafe}
     * alphabet, an address whose hash has {@code -} or {@code _} (about one in eight) is refused by postsrsd 1.10,
     * which only knows {@code +/}; the same address in the standard alphabet is reversed. (James accepts both.)
     */
    @Test
    void postsrsd1RefusesUrlSafeHashes() throws Exception {
        Lab.require(Lab.Tool.POSTSRSD, Lab.Tool.POSTMAP);
        secrets = secretsFile("short");
        postsrsd = started(PostsrsdInstance.start(secrets, SRS_DOMAIN, dir));
        SrsSecrets shared = SrsSecrets.load(secrets);
        StandardSrs urlSafe = StandardSrs.builder(shared, SRS_DOMAIN).alphabet(HashAlphabet.URL_SAFE).build();
        StandardSrs standard = StandardSrs.builder(shared, SRS_DOMAIN).alphabet(HashAlphabet.STANDARD).build();
        int found = 0;
        for (int i = 0; found < 3; i++) {
            String sender = "user" + i + "@" + ORIGIN;
            String address = urlSafe.forward(sender).address();
            String hash = address.substring("SRS0=".length(), "SRS0=".length() + 4);
            if (hash.contains("-") || hash.contains("_")) {
                found++;
                Optional<String> theirs = PostfixInstance.postmapQuery(address, postsrsd.reverseTable());
                assertThat(theirs).as("postsrsd 1.10 on the urlsafe %s", address).isEmpty();
                assertThat(PostfixInstance.postmapQuery(standard.forward(sender).address(), postsrsd.reverseTable()))
                    .contains(sender);
            }
        }
    }

    private void sendThroughPostfix(String sender, String recipient, String subject) throws Exception {
        try (RawSmtp smtp = new RawSmtp(postfix.port())) {
            assertThat(smtp.command("EHLO mx." + ORIGIN)).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<" + sender + ">")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + recipient + ">")).startsWith("250");
            assertThat(smtp.data(Mails.message(BOB_OUTSIDE, List.of(recipient), subject))).startsWith("250");
        }
    }

    /** A bounce to {@code srs}, as the target's MX sends it back to border.test's MX, James. */
    private void injectBounce(String srs, String failed) throws Exception {
        try (RawSmtp smtp = new RawSmtp(james.smtpPort())) {
            assertThat(smtp.command("EHLO mx." + TARGET_DOMAIN)).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + srs + ">")).as("James on %s", srs).startsWith("250");
            assertThat(smtp.data(report(srs, failed))).startsWith("250");
        }
    }

    private static String report(String to, String failed) {
        String domain = failed.substring(failed.indexOf('@') + 1);
        return "From: MAILER-DAEMON@mx." + domain + "\r\nTo: " + to + "\r\nSubject: Undelivered Mail Returned to Sender\r\n"
            + "Message-ID: <dsn-" + Math.abs(to.hashCode()) + "@mx." + domain + ">\r\nAuto-Submitted: auto-replied\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"r1\"\r\n\r\n"
            + "--r1\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n"
            + "--r1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx." + domain + "\r\n\r\n"
            + "Final-Recipient: rfc822; " + failed + "\r\nAction: failed\r\nStatus: 5.1.1\r\n"
            + "Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n\r\n--r1--\r\n";
    }

    /** The first hash character replaced by one that differs even ignoring case and the {@code -_}/{@code +/} pairs. */
    private static String withOneHashCharacterChanged(String address) {
        int at = address.indexOf('=') + 1;
        char c = address.charAt(at);
        char replacement = Character.isDigit(c) ? (c == '0' ? '1' : '0') : '0';
        return address.substring(0, at) + replacement + address.substring(at + 1);
    }
}
