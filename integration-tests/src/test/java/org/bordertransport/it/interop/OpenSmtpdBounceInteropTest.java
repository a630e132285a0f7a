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
