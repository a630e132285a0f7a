package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.james.utils.DataProbeImpl;
import org.junit.jupiter.api.Test;

/**
 * Two James servers with the same shipped conf (so the same conf/srs-secrets): an address the first rewrote when
 * forwarding is reversed by the second when the bounce comes back to it. The servers run one after the other: James
 * 3.8.1 registers some processors' JMX beans in the JVM whatever {@code enableJmx} says, so two cannot share a JVM.
 */
class SharedSecretsTest {
    @Test
    void aBounceToAnAddressTheFirstServerRewroteIsReversedByTheSecond() throws Exception {
        try (FakeMx remote = FakeMx.start("remote-a.test"); FakeMx origin = FakeMx.start("fabrikam.test")) {
            FakeDns dns = new FakeDns().mx("remote-a.test", remote.port()).mx("fabrikam.test", origin.port());
            String srs;
            try (BorderJames first = BorderJames.builder().dns(dns).start()) {
                first.server().getProbe(DataProbeImpl.class).addAddressMapping("john.work", BorderJames.DOMAIN,
                    "john.home@remote-a.test");
                first.send("bob@fabrikam.test", List.of("john.work@border.test"), Mails.message("bob@fabrikam.test",
                    List.of("john.work@border.test"), Mails.uniqueSubject("first server")));
                srs = remote.awaitOneMail().envelopeSender();
            }
            assertThat(srs).startsWith("john.work+SRS=");

            try (BorderJames second = BorderJames.builder().dns(dns).start();
                 RawSmtp smtp = new RawSmtp(second.smtpPort())) {
                smtp.command("EHLO mx.remote-a.test");
                smtp.command("MAIL FROM:<>");
                assertThat(smtp.command("RCPT TO:<" + srs + ">")).startsWith("250");
                assertThat(smtp.data(NdrReverseRoutingTest.report(srs, "john.home@remote-a.test",
                    "bob@fabrikam.test"))).startsWith("250");
                ReceivedMail bounce = origin.awaitOneMail();
                assertThat(bounce.envelopeSender()).isEmpty();
                assertThat(bounce.envelopeRecipients()).containsExactly("bob@fabrikam.test");
            }
        }
    }
}
