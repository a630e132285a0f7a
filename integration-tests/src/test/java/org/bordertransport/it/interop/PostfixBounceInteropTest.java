package org.bordertransport.it.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


import org.apache.james.utils.DataProbeImpl;
import org.awaitility.core.ConditionTimeoutException;
import org.bordertransport.core.ndr.NdrDetector;
import org.bordertransport.core.ndr.NdrVerdict;
import org.bordertransport.it.BorderJames;
import org.bordertransport.it.FakeDns;
import org.bordertransport.it.FakeMx;
import org.bordertransport.it.Mails;
import org.bordertransport.it.ReceivedMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real Postfix (Debian's 3.7, a {@link PostfixInstance}) as the MX of {@code remote-a.test} behind James with the
 * shipped conf: Postfix accepts what James relays, delivery then fails, and Postfix writes its own DSN, which it
 * delivers to James through an {@link SmtpTap} (Postfix → tap → James's SMTP port), so the test knows the report
 * octet for octet as Postfix sent it.
 * <ul>
 *   <li>a forward (RecipientRewriteTable alias {@code john.work@border.test → john.home@remote-a.test}) bounced by
 *   Postfix's {@code local(8)} (unknown user): the DSN goes to our SRS address, and James routes it back to the
 *   original sender's MX ({@code fabrikam.test}, a {@link FakeMx} announcing {@code 8BITMIME} as real MXs do) with
 *   {@code <>}, recipient {@code bob@fabrikam.test}, and Postfix's report as it sent it but for what James and the
 *   shipped conf change, stated exactly in {@link #assertSameReport}: James's {@code Received} field on top, nothing
 *   else; to an MX without {@code 8BITMIME}, James 3.8.1 loses the report (its bug, pinned here);</li>
 *   <li>mail of a local user ({@code alice@border.test}) refused by Postfix after acceptance, three ways (unknown
 *   local user, an {@code error:} transport, a next hop answering 550): Postfix's bounce is an NDR by its content
 *   alone ({@link NdrDetector} without the envelope, as {@code bin/border ndr classify FILE}) and reaches Alice.</li>
 * </ul>
 * Each bounce Postfix made is kept with {@link Lab#saveSample} as {@code postfix-WHAT.eml}. Skipped, with the
 * reason, without Postfix or root (failed with {@code CI=true}).
 */
class PostfixBounceInteropTest {
    private static final String REMOTE = "remote-a.test";
    private static final String POSTFIX_HOST = "mx." + REMOTE;
    /** Where Postfix sends the mailbox that is closed (through the {@code error} transport). */
    private static final String CLOSED = "closed." + REMOTE;
    private static final String ORIGIN = "fabrikam.test";
    private static final String BOB_OUTSIDE = "bob@" + ORIGIN;
    /** A sender whose MX announces no {@code 8BITMIME}. */
    private static final String LEGACY = "legacy.test";
    private static final String DAVE_LEGACY = "dave@" + LEGACY;
    private static final String FORWARDER = "john.work@" + BorderJames.DOMAIN;
    private static final String TARGET = "john.home@" + REMOTE;
    /** A header field: its name, then its first line and any continuation lines. */
    private static final Pattern FIELD = Pattern.compile("([!-9;-~]+):[^\r\n]*\r\n(?:[ \t][^\r\n]*\r\n)*");

    /** How Postfix fails a recipient it accepted. */
    enum Failure {
        /** local(8): {@code mydestination} takes any local part, there is no such user. */
        UNKNOWN_USER("someone", "someone@" + REMOTE, null, "5.1.1", "unknown user: \"someone\""),
        /**
         * The {@code error} transport, as an admin routes a closed mailbox: behind a virtual alias, since Postfix's
         * SMTP server refuses at RCPT an address whose own transport is {@code error} (that would be James's bounce).
         */
        ERROR_TRANSPORT("full", "full@" + CLOSED, "error:5.2.2 mailbox full", "5.2.2", "mailbox full"),
        /** The next hop (a {@link FakeMx}) refuses the recipient: Postfix bounces with the remote answer. */
        REMOTE_REFUSAL("gone", "gone@" + REMOTE, null, "5.1.1", "550 5.1.1 <gone@remote-a.test>: no such mailbox");

        final String localPart;
        /** The {@code Final-Recipient} of Postfix's report: after virtual alias expansion. */
        final String finalRecipient;
        final String transport;
        final String status;
        final String diagnostic;

        Failure(String localPart, String finalRecipient, String transport, String status, String diagnostic) {
            this.localPart = localPart;
            this.finalRecipient = finalRecipient;
            this.transport = transport;
            this.status = status;
            this.diagnostic = diagnostic;
        }

        String recipient() {
            return localPart + "@" + REMOTE;
        }

        String sampleName() {
            return "postfix-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    @TempDir
    Path dir;
    private final StartedResources running = new StartedResources();
    private FakeMx origin;
    private FakeMx legacy;
    private BorderJames james;
    private SmtpTap tap;
    private PostfixInstance postfix;

    @BeforeEach
    void startPostfixBetweenJamesAndItself() throws Exception {
        PostfixInstance.requireAvailable();
        origin = started(FakeMx.start(ORIGIN)).announcing("8BITMIME");
        legacy = started(FakeMx.start(LEGACY));
        FakeMx nextHop = started(FakeMx.start("next-hop." + REMOTE));
        nextHop.refuseRecipient(Failure.REMOTE_REFUSAL.recipient(), "550 5.1.1 <" + Failure.REMOTE_REFUSAL.recipient()
            + ">: no such mailbox");
        FakeDns dns = new FakeDns().mx(ORIGIN, origin.port()).mx(LEGACY, legacy.port());
        james = started(BorderJames.builder().dns(dns).start());
        tap = started(SmtpTap.to(james.smtpPort()));
        postfix = started(PostfixInstance.builder(dir)
            .hostname(POSTFIX_HOST)
            .mainCf("mydestination", REMOTE)
            .smtpTo(BorderJames.DOMAIN, tap.port())
            .virtualAlias(Failure.ERROR_TRANSPORT.recipient(), "full@" + CLOSED)
            .transport(CLOSED, Failure.ERROR_TRANSPORT.transport)
            .smtpTo(Failure.REMOTE_REFUSAL.recipient(), nextHop.port())
            .start());
        dns.mx(REMOTE, postfix.port());
    }

    private <T extends AutoCloseable> T started(T resource) {
        return running.add(resource);
    }

    @AfterEach
    void stopAll() throws Exception {
        running.close();
    }

    /** {@code sender} writes to john.work, forwarded to john.home@remote-a.test; Postfix's bounce, as it sent it. */
    private ReceivedMail forwardedAndBouncedByPostfix(String sender, String subject) throws Exception {
        james.server().getProbe(DataProbeImpl.class).addAddressMapping("john.work", BorderJames.DOMAIN, TARGET);
        james.send(sender, List.of(FORWARDER), Mails.message(sender, List.of(FORWARDER), subject));

        ReceivedMail dsn = awaitPostfixBounce();
        assertThat(dsn.envelopeSender()).isEmpty();
        assertThat(dsn.envelopeRecipients()).hasSize(1);
        String srs = dsn.envelopeRecipients().get(0);
        String[] at = sender.split("@");
        assertThat(srs).startsWith("john.work+SRS=").endsWith("=" + at[1] + "=" + at[0] + "@" + BorderJames.DOMAIN);
        assertThat(dsn.header("From")).contains("Mail Delivery System <MAILER-DAEMON@" + POSTFIX_HOST + ">");
        assertThat(dsn.header("To")).contains(srs);
        assertThat(dsn.header("Content-Type")).hasValueSatisfying(type ->
            assertThat(type).startsWith("multipart/report; report-type=delivery-status;"));
        assertThat(dsn.raw()).contains("Reporting-MTA: dns; " + POSTFIX_HOST, "Final-Recipient: rfc822; " + TARGET,
            "Action: failed", "Status: 5.1.1", "Subject: " + subject);
        return dsn;
    }

    @Test
    void postfixsOwnBounceToOurSrsAddressReachesTheOriginalSenderWithItsReport() throws Exception {
        ReceivedMail dsn = forwardedAndBouncedByPostfix(BOB_OUTSIDE, Mails.uniqueSubject("forwarded to Postfix"));
        Lab.saveSample("postfix-forwarded-unknown-user", bytes(dsn));
        String srs = dsn.envelopeRecipients().get(0);

        ReceivedMail bounce = origin.awaitOneMail();
        assertThat(bounce.envelopeSender()).isEmpty();
        assertThat(bounce.envelopeRecipients()).containsExactly(BOB_OUTSIDE);
        assertSameReport(dsn.raw(), bounce.raw(), srs);
    }

    /**
     * Pins a bug of James 3.8.1 (not of Border Transport), which real Postfix reveals: to an MX that does not
     * announce {@code 8BITMIME}, RemoteDelivery converts the mail to 7 bits with {@code Converter7Bit}, which looks
     * at {@code Content-Transfer-Encoding: 8bit} before it looks for a multipart — and Postfix labels its
     * {@code multipart/report} {@code 8bit}. The multipart is then treated as a leaf: its {@code Content-Type} is
     * lost, it is relabelled base64, and what arrives has an empty body. The rerouted bounce still goes to the right
     * place with {@code <>}, but without its report. If this test fails after a James upgrade, the bug is fixed:
     * make it assert the report arrives whole and drop the limitation from {@code docs/ndr.md}.
     */
    @Test
    void toAnMxWithout8BitMimeJamesRemoteDeliveryLosesPostfixsReport() throws Exception {
        ReceivedMail dsn = forwardedAndBouncedByPostfix(DAVE_LEGACY, Mails.uniqueSubject("to an MX without 8BITMIME"));

        ReceivedMail bounce = legacy.awaitOneMail();
        assertThat(bounce.envelopeSender()).isEmpty();
        assertThat(bounce.envelopeRecipients()).containsExactly(DAVE_LEGACY);
        assertThat(bounce.header("Message-Id")).isEqualTo(dsn.header("Message-Id"));
        assertThat(bounce.header("X-MIME-Autoconverted")).hasValueSatisfying(value ->
            assertThat(value).startsWith("from 8bit to base64"));
        assertThat(bounce.header("Content-Type")).isEmpty();
        assertThat(bounce.raw()).doesNotContain("Final-Recipient", "multipart/report");
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void aBounceFromPostfixForMailJamesSentIsAnNdrByItsContentAlone(Failure failure) throws Exception {
        String subject = Mails.uniqueSubject("to be refused by Postfix");
        james.send(BorderJames.ALICE, List.of(failure.recipient()), Mails.message(BorderJames.ALICE,
            List.of(failure.recipient()), subject));

        ReceivedMail dsn = awaitPostfixBounce();
        Lab.saveSample(failure.sampleName(), bytes(dsn));
        assertThat(dsn.envelopeSender()).isEmpty();
        assertThat(dsn.envelopeRecipients()).containsExactly(BorderJames.ALICE);
        assertThat(dsn.raw()).contains("Final-Recipient: rfc822; " + failure.finalRecipient,
            "Original-Recipient: rfc822;" + failure.recipient(), "Status: " + failure.status, failure.diagnostic,
            "Subject: " + subject);

        NdrVerdict verdict = NdrDetector.defaults().detect(new ByteArrayInputStream(bytes(dsn)), null);
        assertThat(verdict.isNdr()).as("verdict on Postfix's bounce: %s", verdict).isTrue();
        assertThat(verdict.signals()).contains(NdrVerdict.REPORT_DELIVERY_STATUS, NdrVerdict.ACTION_FAILED);
        assertThat(verdict.failedRecipients()).containsExactlyElementsOf(
            new LinkedHashSet<>(List.of(failure.finalRecipient, failure.recipient())));

        assertThat(james.awaitSingleMessage(BorderJames.ALICE).header("Subject"))
            .contains("Undelivered Mail Returned to Sender");
    }

    private ReceivedMail awaitPostfixBounce() {
        try {
            List<ReceivedMail> mails = tap.awaitMails(1, BorderJames.TIMEOUT);
            return mails.get(0);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("No bounce from Postfix through the tap; Postfix's log:\n" + postfix.log(), e);
        }
    }

    private static byte[] bytes(ReceivedMail mail) {
        return mail.raw().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * The original sender's MX gets the report exactly as Postfix sent it, with one {@code Received} field on top —
     * the one James's SMTP server wrote when Postfix delivered it (for the SRS address) — and nothing else changed:
     * ReverseSrs keeps the message, and the shipped relay processor leaves rerouted bounces out of its content
     * mailets (conversion, TNEF, Message-ID replacement).
     */
    private static void assertSameReport(String sent, String received, String srs) {
        assertThat(received).as("what the original sender's MX got ends with what Postfix sent").endsWith(sent);
        List<String> added = fields(received.substring(0, received.length() - sent.length()));
        assertThat(added).as("the fields James put on top").singleElement(STRING)
            .startsWith("Received: from localhost").contains("for <" + srs + ">");
    }

    /** The header fields that make up {@code block} exactly, each with its line ends (fails on anything else). */
    private static List<String> fields(String block) {
        List<String> fields = new ArrayList<>();
        Matcher matcher = FIELD.matcher(block);
        int at = 0;
        while (at < block.length()) {
            if (!matcher.find(at) || matcher.start() != at) {
                throw new AssertionError("Not a header field at offset " + at + ": " + block.substring(at));
            }
            fields.add(matcher.group());
            at = matcher.end();
        }
        return fields;
    }
}
