package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.james.modules.protocols.SieveProbeImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Sieve {@code redirect} in a real James with the shipped conf: the redirected copy leaves with the redirecting
 * mailbox's SRS address (named by RecordDeliveryMailbox before Sieve runs), and that bookkeeping header stays
 * inside.
 */
class SieveRedirectSrsTest {
    private static final String REMOTE = "remote-a.test";

    @RegisterExtension
    BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains(REMOTE);

    @Test
    void aSieveRedirectLeavesWithTheRedirectingMailboxsSrsAddress() throws Exception {
        extension.james().server().getProbe(SieveProbeImpl.class).addActiveSieveScript(BorderJames.BOB, "redirect",
            "redirect \"bob.home@" + REMOTE + "\";\r\n");
        extension.james().send("carol@fabrikam.test", List.of(BorderJames.BOB), Mails.message("carol@fabrikam.test",
            List.of(BorderJames.BOB), Mails.uniqueSubject("sieve")));

        ReceivedMail mail = extension.mx(REMOTE).awaitOneMail();
        assertThat(mail.envelopeRecipients()).containsExactly("bob.home@" + REMOTE);
        assertThat(mail.envelopeSender()).startsWith("bob+SRS=").endsWith("=fabrikam.test=carol@border.test");
        assertThat(mail.header("From")).contains("carol@fabrikam.test");
        assertThat(mail.headerBlock()).doesNotContain("X-Border-Delivered-To");
    }
}
