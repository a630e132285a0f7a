package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.it.BorderJames.ALICE;
import static org.bordertransport.it.BorderJames.BOB;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shipped configuration delivers mail: locally (SMTP in, IMAP out) and to each remote domain's own MX. */
class RoundTripTest {
    @RegisterExtension
    BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains("remote-a.test", "remote-b.test");

    @Test
    void localMailIsDeliveredToTheRecipientsInbox() throws Exception {
        String subject = Mails.uniqueSubject("local");
        extension.james().send(ALICE, List.of(BOB), Mails.message(ALICE, List.of(BOB), subject,
            "Message-ID: <local-1@border.test>"));

        ImapMessage received = extension.james().awaitSingleMessage(BOB);

        assertThat(received.header("Subject")).contains(subject);
        assertThat(received.header("Message-ID")).contains("<local-1@border.test>");
    }

    @Test
    void remoteMailReachesTheMxOfItsDomain() throws Exception {
        String subject = Mails.uniqueSubject("remote");
        String carol = "carol@remote-a.test";
        extension.james().send(ALICE, List.of(carol), Mails.message(ALICE, List.of(carol), subject,
            "Message-ID: <remote-1@border.test>"));

        ReceivedMail received = extension.mx("remote-a.test").awaitOneMail();

        assertThat(received.header("Subject")).contains(subject);
        assertThat(received.envelopeSender()).isEqualTo(ALICE);
        assertThat(received.envelopeRecipients()).containsExactly(carol);
        assertThat(extension.mx("remote-b.test").mails()).isEmpty();
    }

    @Test
    void eachRemoteDomainHasItsOwnMx() throws Exception {
        String carol = "carol@remote-a.test";
        String dave = "dave@remote-b.test";
        String subject = Mails.uniqueSubject("two domains");
        extension.james().send(ALICE, List.of(carol, dave), Mails.message(ALICE, List.of(carol, dave), subject,
            "Message-ID: <remote-2@border.test>"));

        ReceivedMail atA = extension.mx("remote-a.test").awaitOneMail();
        ReceivedMail atB = extension.mx("remote-b.test").awaitOneMail();

        assertThat(atA.header("Subject")).contains(subject);
        assertThat(atB.header("Subject")).contains(subject);
        assertThat(atA.envelopeRecipients()).containsExactly(carol);
        assertThat(atB.envelopeRecipients()).containsExactly(dave);
    }

    @Test
    void mailToADomainWithoutMxBouncesToTheSender() throws Exception {
        String nobody = "nobody@no-mx.test";
        extension.james().send(ALICE, List.of(nobody), Mails.message(ALICE, List.of(nobody), "to nowhere",
            "Message-ID: <bounce-1@border.test>"));

        ImapMessage bounce = extension.james().awaitSingleMessage(ALICE);

        assertThat(bounce.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("multipart/report"));
        assertThat(bounce.raw()).contains(nobody).contains("<bounce-1@border.test>");
        assertThat(bounce.header("Message-ID")).isPresent();
    }
}
