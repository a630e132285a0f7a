package org.bordertransport.it.interop;

import static org.assertj.core.api.Assertions.assertThat;

import org.bordertransport.it.ReceivedMail;

/**
 * Exim 4.96 ({@link EximInstance}) as the MX of remote-a.test: a {@code redirect} router fails the mail after
 * acceptance, and Exim's own bounce goes back through James (see {@link MtaBounceInteropContract}). Skipped, with the
 * reason, without Exim or root ({@code sudo bash .ci/install-interop}); failed with {@code CI=true}.
 */
class EximBounceInteropTest extends MtaBounceInteropContract {
    static final String REASON = "mailbox unavailable (Border Transport interop lab)";

    private EximInstance exim;

    @Override
    String mtaName() {
        return "exim";
    }

    @Override
    void requireMta() {
        Lab.require(Lab.Tool.EXIM);
        Lab.requireRoot("Exim");
    }

    @Override
    AutoCloseable startMta(int port, int jamesPort) throws Exception {
        exim = EximInstance.builder(MTA_HOSTNAME).port(port).failing(REMOTE, REASON).relayOthersTo(jamesPort).start();
        return exim;
    }

    @Override
    void assertWrittenByTheMta(ReceivedMail bounce, String failedRecipient) {
        assertThat(bounce.header("From")).as(exim.logs()).contains("Mail Delivery System <Mailer-Daemon@"
            + MTA_HOSTNAME + ">");
        assertThat(bounce.header("X-Failed-Recipients")).contains(failedRecipient);
        assertThat(bounce.header("Subject")).contains("Mail delivery failed: returning message to sender");
        assertThat(bounce.raw()).contains("  " + failedRecipient + "\r\n    " + REASON + "\r\n");
    }
}
