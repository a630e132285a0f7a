package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Clock;
import java.util.List;

import org.apache.james.utils.DataProbeImpl;
import org.bordertransport.core.srs.Microsoft365Srs;
import org.bordertransport.core.srs.SrsReverse;
import org.bordertransport.core.srs.SrsSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SRS in a real James with the shipped conf: a forward set in the RecipientRewriteTable and a relayed message reach
 * the fake remote MX with the rewritten MAIL FROM and the From header unchanged; a domain marked IsInternal gets no
 * rewrite. The addresses reverse with the secrets of the shipped conf/srs-secrets (what another James sharing the
 * conf would do).
 */
class SrsIntegrationTest {
    private static final String REMOTE = "remote-a.test";
    private static final String SISTER = "mail.sister.example";
    private static final String OUTSIDE = "bob@fabrikam.test";

    @RegisterExtension
    BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains(REMOTE, SISTER);

    private Microsoft365Srs engine() throws Exception {
        return Microsoft365Srs.builder(SrsSecrets.load(extension.james().workingDirectory().resolve("conf")
            .resolve("srs-secrets")), BorderJames.DOMAIN).clock(Clock.systemUTC()).build();
    }

    @Test
    void aForwardLeavesWithTheForwardingMailboxsSrsAddress() throws Exception {
        extension.james().server().getProbe(DataProbeImpl.class)
            .addAddressMapping("john.work", BorderJames.DOMAIN, "john.home@" + REMOTE);
        String subject = Mails.uniqueSubject("srs-forward");
        extension.james().send(OUTSIDE, List.of("john.work@" + BorderJames.DOMAIN), Mails.message(OUTSIDE,
            List.of("john.work@" + BorderJames.DOMAIN), subject));

        ReceivedMail mail = extension.mx(REMOTE).awaitOneMail();
        assertThat(mail.envelopeRecipients()).containsExactly("john.home@" + REMOTE);
        assertThat(mail.envelopeSender()).startsWith("john.work+SRS=").endsWith("=fabrikam.test=bob@border.test");
        assertThat(mail.header("From")).contains(OUTSIDE);
        SrsReverse reverse = engine().reverse(mail.envelopeSender());
        assertThat(reverse.bounceRecipient()).contains(OUTSIDE);
        assertThat(reverse.forwardingAddress()).contains("john.work@border.test");
    }

    @Test
    void relayedMailLeavesWithTheBouncesAddressAndInternalDomainsKeepTheSender() throws Exception {
        String subject = Mails.uniqueSubject("srs-relay");
        List<String> to = List.of("x@" + REMOTE, "y@" + SISTER);
        extension.james().send("app@onprem.test", to, Mails.message("app@onprem.test", to, subject));

        ReceivedMail relayed = extension.mx(REMOTE).awaitOneMail();
        assertThat(relayed.envelopeSender()).startsWith("bounces+SRS=").endsWith("@border.test");
        assertThat(relayed.header("From")).contains("app@onprem.test");
        assertThat(engine().reverse(relayed.envelopeSender()).kind()).isEqualTo(SrsReverse.Kind.BOUNCES);

        ReceivedMail internal = extension.mx(SISTER).awaitOneMail();
        assertThat(internal.envelopeSender()).isEqualTo("app@onprem.test");
    }

    @Test
    void ourOwnSendersAreNeverRewritten() throws Exception {
        String subject = Mails.uniqueSubject("srs-own");
        extension.james().send(BorderJames.ALICE, List.of("x@" + REMOTE), Mails.message(BorderJames.ALICE,
            List.of("x@" + REMOTE), subject));

        assertThat(extension.mx(REMOTE).awaitOneMail().envelopeSender()).isEqualTo(BorderJames.ALICE);
        assertThat(Files.exists(extension.james().workingDirectory().resolve("conf").resolve("srs-secrets"))).isTrue();
    }
}
