package org.bordertransport.it.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.utils.DataProbeImpl;
import org.bordertransport.core.ndr.NdrDetector;
import org.bordertransport.core.ndr.NdrVerdict;
import org.bordertransport.it.BorderJames;
import org.bordertransport.it.FakeDns;
import org.bordertransport.it.FakeMx;
import org.bordertransport.it.ImapMessage;
import org.bordertransport.it.Mails;
import org.bordertransport.it.ReceivedMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real MTA as the MX of {@value #REMOTE}, between James and the outside: it accepts mail for {@value #REMOTE}, then
 * fails to deliver it and writes its own bounce, which it sends to the envelope sender through an {@link SmtpTap} in
 * front of James (so the test knows the bounce octet for octet). The original sender's MX ({@value #ORIGIN}) is a
 * {@link FakeMx}. The subclasses start the MTA.
 * <ol>
 *   <li>bob@{@value #ORIGIN} writes to {@value #FORWARDER}, which James forwards (RecipientRewriteTable) to
 *   {@value #TARGET} with an SRS sender; the MTA's bounce to that SRS address reaches bob's MX with {@code <>}, and
 *   James changed nothing in it but the {@code Received} field it puts on top;</li>
 *   <li>alice@border.test writes to {@value #STRANGER}: the MTA's bounce reaches her mailbox, and our NDR detector,
 *   reading it with the envelope unknown (as {@code bin/border ndr classify FILE} does), says it is an NDR.</li>
 * </ol>
 * Each bounce is saved with {@link LabFiles#saveBounce} as {@code MTA-srs-forward.eml} and
 * {@code MTA-local-sender.eml}.
 */
abstract class MtaBounceInteropContract {
    static final String REMOTE = "remote-a.test";
    static final String MTA_HOSTNAME = "mx." + REMOTE;
    static final String ORIGIN = "fabrikam.test";
    static final String BOB_OUTSIDE = "bob@" + ORIGIN;
    static final String FORWARDER = "john.work@" + BorderJames.DOMAIN;
    static final String TARGET = "john.home@" + REMOTE;
    static final String STRANGER = "someone@" + REMOTE;
    /** One header field, continuation lines included, at the start of a text. */
    private static final Pattern FIELD = Pattern.compile("\\A([!-9;-~]+):[^\r\n]*\r\n(?:[ \t][^\r\n]*\r\n)*");

    private FakeMx originMx;
    private BorderJames james;
    private SmtpTap tap;
    private AutoCloseable mta;

    /** The file name prefix of the saved bounces ({@code exim}, {@code opensmtpd}). */
    abstract String mtaName();

    /** Skips the test (fails it with {@code CI=true}) before James starts when the MTA cannot run here. */
    abstract void requireMta();

    /**
     * Starts the MTA on {@code 127.0.0.1:port}, named {@value #MTA_HOSTNAME}: it accepts mail for {@value #REMOTE}
     * and fails it after acceptance, and sends mail for border.test to {@code 127.0.0.1:jamesPort}.
     */
    abstract AutoCloseable startMta(int port, int jamesPort) throws Exception;

    /** Checks that {@code bounce} is the MTA's own bounce for {@code failedRecipient} (its own fields and text). */
    abstract void assertWrittenByTheMta(ReceivedMail bounce, String failedRecipient);

    @BeforeEach
    void startJamesAndTheMta() throws Exception {
        requireMta();
        // as real MXs do: without 8BITMIME, James 3.8.1 re-saves the message before sending, which reorders its header
        originMx = FakeMx.start(ORIGIN).announcing("8BITMIME");
        int mtaPort = Lab.freePort();
        FakeDns dns = new FakeDns().mx(REMOTE, mtaPort).mx(ORIGIN, originMx.port());
        james = BorderJames.builder().dns(dns).start();
        tap = SmtpTap.to(james.smtpPort());
        mta = startMta(mtaPort, tap.port());
    }

    @AfterEach
    void stopAll() throws Exception {
        try (FakeMx o = originMx; BorderJames j = james; SmtpTap t = tap; AutoCloseable m = mta) {
            // closed last to first: the MTA first, so it sends nothing more
        }
    }

    @Test
    void theMtasOwnBounceToTheSrsAddressGoesBackToTheOriginalSenderUnchanged() throws Exception {
        james.server().getProbe(DataProbeImpl.class).addAddressMapping("john.work", BorderJames.DOMAIN, TARGET);
        james.send(BOB_OUTSIDE, List.of(FORWARDER), Mails.message(BOB_OUTSIDE, List.of(FORWARDER),
            Mails.uniqueSubject("forwarded, then bounced by " + mtaName())));

        ReceivedMail bounce = tap.awaitMails(1, BorderJames.TIMEOUT).get(0);
        Lab.saveSample(mtaName() + "-srs-forward", bounce.raw().getBytes(StandardCharsets.ISO_8859_1));
        assertThat(bounce.envelopeSender()).as("the MTA's bounce has the null sender").isEmpty();
        assertThat(bounce.envelopeRecipients()).singleElement(STRING)
            .startsWith("john.work+SRS=").endsWith("=" + ORIGIN + "=bob@" + BorderJames.DOMAIN);
        String srs = bounce.envelopeRecipients().get(0);
        assertWrittenByTheMta(bounce, TARGET);

        ReceivedMail relayed = originMx.awaitOneMail();
        assertThat(relayed.envelopeSender()).as("<> kept").isEmpty();
        assertThat(relayed.envelopeRecipients()).containsExactly(BOB_OUTSIDE);
        assertThat(jamesFieldsOnTop(bounce, relayed)).as("the fields James put on top of the MTA's bounce")
            .singleElement(STRING)
            .startsWith("Received: from ")
            .contains("(EHLO " + MTA_HOSTNAME + ")", "(JAMES SMTP Server )", "for <" + srs + ">;");
        assertThat(tap.mails()).as("nothing else came from the MTA").hasSize(1);
    }

    @Test
    void theMtasBounceToOneOfOurSendersReachesHerMailbox() throws Exception {
        ReceivedMail bounce = bounceToAlice();
        assertThat(bounce.envelopeSender()).isEmpty();
        assertThat(bounce.envelopeRecipients()).containsExactly(BorderJames.ALICE);
        assertWrittenByTheMta(bounce, STRANGER);

        ImapMessage delivered = james.awaitSingleMessage(BorderJames.ALICE);
        assertThat(delivered.header("Message-ID")).isEqualTo(bounce.header("Message-ID"));
    }

    @Test
    void theMtasBounceIsAnNdrForOurDetector() throws Exception {
        ReceivedMail bounce = bounceToAlice();
        byte[] bytes = bounce.raw().getBytes(StandardCharsets.ISO_8859_1);

        NdrVerdict verdict = NdrDetector.defaults().detect(new ByteArrayInputStream(bytes), null);

        assertThat(verdict.isNdr()).as("%s's bounce, envelope unknown: %s", mtaName(), verdict).isTrue();
    }

    /** alice@border.test writes to {@value #STRANGER}; the MTA's bounce, as it sent it through the tap. */
    private ReceivedMail bounceToAlice() throws Exception {
        james.send(BorderJames.ALICE, List.of(STRANGER), Mails.message(BorderJames.ALICE, List.of(STRANGER),
            Mails.uniqueSubject("bounced by " + mtaName())));
        ReceivedMail bounce = tap.awaitMails(1, BorderJames.TIMEOUT).get(0);
        Lab.saveSample(mtaName() + "-local-sender", bounce.raw().getBytes(StandardCharsets.ISO_8859_1));
        return bounce;
    }

    /**
     * The header fields James put before the message it received: what it relayed must end with the received octets
     * exactly, and start with whole header fields only.
     */
    private static List<String> jamesFieldsOnTop(ReceivedMail received, ReceivedMail relayed) {
        assertThat(relayed.raw()).as("what James relayed ends with what the MTA sent, octet for octet")
            .endsWith(received.raw());
        String prefix = relayed.raw().substring(0, relayed.raw().length() - received.raw().length());
        List<String> fields = new ArrayList<>();
        while (!prefix.isEmpty()) {
            Matcher field = FIELD.matcher(prefix);
            assertThat(field.lookingAt()).as("a whole header field at the start of %s", prefix).isTrue();
            fields.add(field.group().replaceAll("\r\n[ \t]+", " ").trim());
            prefix = prefix.substring(field.end());
        }
        return fields;
    }
}
