package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bordertransport.it.BorderJames.ALICE;

import java.time.Duration;
import java.util.List;

import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.utils.MailRepositoryProbeImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13, item 2, in a real James with the shipped conf: 8-bit content that cannot be made 7-bit (S/MIME-signed,
 * which is never changed) never reaches a remote domain declared {@code SevenBitOnly} (the shipped
 * gateway.example.org): it is kept in {@code memory://var/mail/convert-error/} and its sender gets a DSN saying why.
 * Unsigned 8-bit mail to the same domain arrives 7-bit clean.
 */
class SevenBitGuardTest {
    private static final String GATEWAY = "gateway.example.org";
    private static final MailRepositoryUrl CONVERT_ERROR = MailRepositoryUrl.from("memory://var/mail/convert-error/");

    @RegisterExtension
    BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains(GATEWAY);

    private static String signed8bit(String to, String subject) {
        return "From: " + ALICE + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256; boundary=s\r\n"
            + "\r\n--s\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "Gr\u00fc\u00dfe\r\n--s\r\nContent-Type: application/pkcs7-signature; name=smime.p7s\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\nMIAGCSqGSIb3DQEHAqCAMIACAQEx\r\n--s--\r\n";
    }

    @Test
    void signedEightBitContentIsKeptAndItsSenderGetsADsn() throws Exception {
        String to = "g@" + GATEWAY;
        String subject = Mails.uniqueSubject("signed 8bit");
        extension.james().send(ALICE, List.of(to), signed8bit(to, subject));

        MailRepositoryProbeImpl probe = extension.james().server().getProbe(MailRepositoryProbeImpl.class);
        BorderJames.await().until(() -> probe.getRepositoryMailCount(CONVERT_ERROR) == 1);
        ImapMessage dsn = extension.james().awaitSingleMessage(ALICE);
        assertThat(dsn.raw()).contains("Final-Recipient: rfc822; " + to).contains("Status: 5.6.3")
            .contains("takes 7-bit mail only").contains("Subject: " + subject).doesNotContain("Gr\u00fc\u00dfe");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
            .until(() -> extension.mx(GATEWAY).mails().isEmpty());
    }

    @Test
    void unsignedEightBitMailArrivesSevenBitClean() throws Exception {
        String to = "g@" + GATEWAY;
        String message = "From: " + ALICE + "\r\nTo: " + to + "\r\nSubject: plain\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nGr\u00fc\u00dfe\r\n";
        extension.james().send(ALICE, List.of(to), message);
        ReceivedMail mail = extension.mx(GATEWAY).awaitOneMail();
        assertThat(mail.raw().chars().allMatch(c -> c < 0x80)).isTrue();
    }

    @Test
    void anEightBitMultipartWithABrokenFieldArrivesSevenBitAndLabelledSo() throws Exception {
        String to = "g@" + GATEWAY;
        String message = "From: " + ALICE + "\r\nTo: " + to + "\r\nBad Header: x\r\nSubject: labels\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\nContent-Transfer-Encoding: 8bit\r\n"
            + "\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "Gr\u00fc\u00dfe\r\n--b--\r\n";
        extension.james().send(ALICE, List.of(to), message);
        ReceivedMail mail = extension.mx(GATEWAY).awaitOneMail();
        assertThat(mail.raw().chars().allMatch(c -> c < 0x80)).isTrue();
        assertThat(mail.raw()).doesNotContain("Bad Header").doesNotContain("Content-Transfer-Encoding: 8bit")
            .contains("boundary=\"b\"\r\nContent-Transfer-Encoding: 7bit\r\n");
    }
}
