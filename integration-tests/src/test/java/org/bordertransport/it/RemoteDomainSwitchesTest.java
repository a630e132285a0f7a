package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bordertransport.it.BorderJames.ALICE;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The remote-domain switches as shipped: an automatic reply to a remote domain with AutoReplyEnabled=false
 * (freemail.example.com in conf/remotedomains.xml) is dropped for that recipient only.
 */
class RemoteDomainSwitchesTest {
    private static final String RESTRICTED = "freemail.example.com";
    private static final String DEFAULT = "remote-a.test";

    @RegisterExtension
    BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains(RESTRICTED, DEFAULT);

    @Test
    void autoRepliesAreDroppedOnlyForRemoteDomainsThatRefuseThem() throws Exception {
        List<String> recipients = List.of("r@" + RESTRICTED, "d@" + DEFAULT);
        extension.james().send(ALICE, recipients, Mails.message(ALICE, recipients, Mails.uniqueSubject("auto"),
            "Message-ID: <auto-1@border.test>", "Auto-Submitted: auto-replied"));

        ReceivedMail delivered = extension.mx(DEFAULT).awaitOneMail();
        assertThat(delivered.envelopeRecipients()).containsExactly("d@" + DEFAULT);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
            .until(() -> extension.mx(RESTRICTED).mails().isEmpty());
    }

    @Test
    void ordinaryMailStillReachesEveryone() throws Exception {
        List<String> recipients = List.of("r@" + RESTRICTED, "d@" + DEFAULT);
        extension.james().send(ALICE, recipients, Mails.message(ALICE, recipients, Mails.uniqueSubject("plain"),
            "Message-ID: <plain-1@border.test>"));

        assertThat(extension.mx(RESTRICTED).awaitOneMail().envelopeRecipients()).containsExactly("r@" + RESTRICTED);
        assertThat(extension.mx(DEFAULT).awaitOneMail().envelopeRecipients()).containsExactly("d@" + DEFAULT);
    }
}
