package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;

import org.apache.james.utils.DataProbeImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SPF before SRS in a real James with the shipped conf: James's SPF mailet checks mail from outside against TXT
 * records of the fake DNS ({@link FakeDns#txt}, answered through dnsjava as {@link BorderJames} wires it), and {@code RewriteSenderSrs} (shipped {@code spfFail}: keep) leaves the envelope sender of
 * a forward whose sender fails SPF as it is, while pass, softfail and none get the forwarding mailbox's SRS address.
 *
 * <p>"Outside" is 127.0.0.2: the test narrows {@code authorizedAddresses} to {@code 127.0.0.1/32} and takes
 * 127.0.0.0/8 out of the SPF mailet's {@code ignoredNetworks} (every other line of the conf is used as shipped), so
 * mail from 127.0.0.2 is mail from the internet, and mail from 127.0.0.1 is mail from an authorised network.</p>
 */
class SpfBeforeSrsTest {
    private static final String REMOTE = "remote-a.test";
    private static final String FORWARDER = "john.work@" + BorderJames.DOMAIN;
    private static final String OUTSIDE_HOST = "127.0.0.2";

    @RegisterExtension
    BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains(REMOTE).customized(james -> james
        .replaceInConf("smtpserver.xml", "<authorizedAddresses>127.0.0.0/8</authorizedAddresses>",
            "<authorizedAddresses>127.0.0.1/32</authorizedAddresses>")
        .replaceInConf("mailetcontainer.xml", "<ignoredNetworks>127.0.0.0/8, ", "<ignoredNetworks>"));

    @BeforeEach
    void forwardAndSpfRecords() throws Exception {
        extension.james().server().getProbe(DataProbeImpl.class)
            .addAddressMapping("john.work", BorderJames.DOMAIN, "john.home@" + REMOTE);
        extension.dns()
            .txt("pass.test", "v=spf1 ip4:" + OUTSIDE_HOST + " -all")
            .txt("fail.test", "v=spf1 ip4:192.0.2.1 -all")
            .txt("softfail.test", "v=spf1 ip4:192.0.2.1 ~all");
    }

    private ReceivedMail forwardFromOutside(String sender) throws Exception {
        String subject = Mails.uniqueSubject("spf");
        try (RawSmtp smtp = new RawSmtp(extension.james().smtpPort(), InetAddress.getByName(OUTSIDE_HOST))) {
            assertThat(smtp.command("EHLO mx.outside.test")).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<" + sender + ">")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + FORWARDER + ">")).startsWith("250");
            assertThat(smtp.data(Mails.message(sender, List.of(FORWARDER), subject))).startsWith("250");
        }
        ReceivedMail mail = extension.mx(REMOTE).awaitOneMail();
        assertThat(mail.envelopeRecipients()).containsExactly("john.home@" + REMOTE);
        assertThat(mail.header("From")).contains(sender);
        return mail;
    }

    @Test
    void aSenderFailingSpfKeepsItsEnvelopeSender() throws Exception {
        assertThat(forwardFromOutside("bob@fail.test").envelopeSender()).isEqualTo("bob@fail.test");
    }

    @Test
    void aSenderPassingSpfGetsTheSrsAddress() throws Exception {
        assertThat(forwardFromOutside("bob@pass.test").envelopeSender()).startsWith("john.work+SRS=")
            .endsWith("=pass.test=bob@border.test");
    }

    @Test
    void aSoftfailGetsTheSrsAddress() throws Exception {
        assertThat(forwardFromOutside("bob@softfail.test").envelopeSender()).startsWith("john.work+SRS=")
            .endsWith("=softfail.test=bob@border.test");
    }

    @Test
    void aDomainWithoutSpfGetsTheSrsAddress() throws Exception {
        assertThat(forwardFromOutside("bob@none.test").envelopeSender()).startsWith("john.work+SRS=")
            .endsWith("=none.test=bob@border.test");
    }

    @Test
    void mailFromAnAuthorisedNetworkIsNotCheckedAndIsRewritten() throws Exception {
        // fail.test's SPF would fail 127.0.0.1 too, but an authorised network is not checked
        extension.james().send("bob@fail.test", List.of(FORWARDER), Mails.message("bob@fail.test",
            List.of(FORWARDER), Mails.uniqueSubject("spf-authorised")));

        assertThat(extension.mx(REMOTE).awaitOneMail().envelopeSender()).startsWith("john.work+SRS=")
            .endsWith("=fail.test=bob@border.test");
    }
}
