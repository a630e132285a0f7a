package org.bordertransport.it.interop;

import static org.assertj.core.api.Assertions.assertThat;

import org.bordertransport.it.BorderJames;
import org.bordertransport.it.FakeMx;
import org.bordertransport.it.ReceivedMail;

/**
 * OpenSMTPD 6.8 ({@link OpenSmtpdInstance}) as the MX of remote-a.test: it relays that domain's mail to a
 * {@link FakeMx} that refuses the recipient with a 550, so OpenSMTPD writes its own bounce, which goes back through
 * James (see {@link MtaBounceInteropContract}). One OpenSMTPD per machine: the instance holds a lock and empties the
 * queue around each test. Skipped, with the reason, without OpenSMTPD or root ({@code sudo bash .ci/install-interop});
 * failed with {@code CI=true}.
 */
class OpenSmtpdBounceInteropTest extends MtaBounceInteropContract {
    private FakeMx remoteMx;
    private OpenSmtpdInstance smtpd;

    @Override
    String mtaName() {
        return "opensmtpd";
    }

    @Override
    void requireMta() {
        Lab.require(Lab.Tool.OPENSMTPD);
        Lab.requireRoot("OpenSMTPD");
    }

    @Override
    AutoCloseable startMta(int port, int jamesPort) throws Exception {
        remoteMx = FakeMx.start(REMOTE);
        for (String recipient : new String[] {TARGET, STRANGER}) {
            remoteMx.refuseRecipient(recipient, refusal(recipient));
        }
        smtpd = OpenSmtpdInstance.builder(MTA_HOSTNAME).port(port)
            .relay(REMOTE, remoteMx.port())
            .relay(BorderJames.DOMAIN, jamesPort)
            .start();
        return () -> {
            try (FakeMx mx = remoteMx; OpenSmtpdInstance instance = smtpd) {
                // OpenSMTPD first, then the MX it relays to
            }
        };
    }

    /**
     * OpenSMTPD names its bounce {@code <HEX@HOST>} with the machine's host name (not the listener's), which may have
     * no dot (the lab machine's is {@code vm}): the shipped ReplaceInternalMessageId ({@code unqualifiedIsInternal}
     * true by default) then takes it for one of ours and replaces it in the rerouted bounce. Here only, unqualified
     * hosts are not internal, so the comparison stays octet for octet.
     */
    @Override
    BorderJames.Builder configure(BorderJames.Builder james) {
        return james.replaceInConf("mailetcontainer.xml",
            "<internalSuffixes>.local,.internal,.lan,.corp.local</internalSuffixes>",
            "<internalSuffixes>.local,.internal,.lan,.corp.local</internalSuffixes>\n"
                + "                <unqualifiedIsInternal>false</unqualifiedIsInternal>");
    }

    private static String refusal(String recipient) {
        return "550 5.1.1 <" + recipient + ">: no such user (Border Transport interop lab)";
    }

    @Override
    void assertWrittenByTheMta(ReceivedMail bounce, String failedRecipient) {
        assertThat(bounce.header("From")).as(smtpd.log()).contains("Mailer Daemon <MAILER-DAEMON@" + MTA_HOSTNAME + ">");
        assertThat(bounce.header("Subject")).contains("Delivery status notification: failed");
        assertThat(bounce.raw()).contains(failedRecipient + ": " + refusal(failedRecipient) + "\r\n");
        assertThat(remoteMx.mails()).as("the MX refused the recipient").isEmpty();
    }
}
