package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bordertransport.it.BorderJames.ALICE;
import static org.bordertransport.it.BorderJames.BOB;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bifurcation in a real James with the shipped conf/remotedomains.xml: one mail to recipients under remote domains
 * with different settings reaches each MX exactly once, with only its own recipients, and the local copy is intact.
 */
class RemoteDomainSplitTest {
    private static final String PLAIN = "plaintext.example.net";
    private static final String HTML = "html.example.net";
    private static final String DEFAULT = "remote-a.test";

    @RegisterExtension
    BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains(PLAIN, HTML, DEFAULT);

    @Test
    void eachRemoteDomainGroupGetsOneCopyAndNobodyTwo() throws Exception {
        List<String> recipients = List.of("p1@" + PLAIN, "p2@" + PLAIN, "h@" + HTML, "d@" + DEFAULT, BOB);
        String subject = Mails.uniqueSubject("split");
        extension.james().send(ALICE, recipients, Mails.message(ALICE, recipients, subject,
            "Message-ID: <split-1@border.test>"));

        ReceivedMail plain = extension.mx(PLAIN).awaitOneMail();
        ReceivedMail html = extension.mx(HTML).awaitOneMail();
        ReceivedMail other = extension.mx(DEFAULT).awaitOneMail();
        assertThat(plain.envelopeRecipients()).containsExactlyInAnyOrder("p1@" + PLAIN, "p2@" + PLAIN);
        assertThat(html.envelopeRecipients()).containsExactly("h@" + HTML);
        assertThat(other.envelopeRecipients()).containsExactly("d@" + DEFAULT);
        for (ReceivedMail mail : List.of(plain, html, other)) {
            assertThat(mail.header("Subject")).contains(subject);
            assertThat(mail.header("Message-ID")).contains("<split-1@border.test>");
        }
        assertThat(extension.james().awaitSingleMessage(BOB).header("Subject")).contains(subject);

        // no copy arrives twice, even a little later
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
            extension.mx(PLAIN).mails().size() == 1 && extension.mx(HTML).mails().size() == 1
                && extension.mx(DEFAULT).mails().size() == 1);
    }
}
