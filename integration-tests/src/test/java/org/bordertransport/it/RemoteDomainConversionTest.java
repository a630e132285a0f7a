package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.it.BorderJames.ALICE;
import static org.bordertransport.it.BorderJames.BOB;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Remote-domain conversion in a real James with the shipped conf/remotedomains.xml: one HTML mail to recipients at
 * several remote domains; each MX receives its own conversion, the local recipient the original.
 */
class RemoteDomainConversionTest {
    private static final String PLAIN = "plaintext.example.net";
    private static final String DEFAULT = "remote-a.test";

    @RegisterExtension
    BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains(PLAIN, DEFAULT);

    private static String htmlMail(List<String> to, String subject) {
        return "From: " + ALICE + "\r\nTo: " + String.join(", ", to) + "\r\nSubject: " + subject + "\r\n"
            + "Message-ID: <conv-1@border.test>\r\nDate: Mon, 2 Mar 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "<html><body><p>Gr\u00fc\u00dfe aus <b>Berlin</b>, see <a href=\"https://example.org/x\">the plan</a>.</p>"
            + "</body></html>\r\n";
    }

    @Test
    void eachRemoteDomainReceivesItsOwnConversionAndTheLocalRecipientTheOriginal() throws Exception {
        List<String> recipients = List.of("p@" + PLAIN, "d@" + DEFAULT, BOB);
        String subject = Mails.uniqueSubject("conversion");
        extension.james().send(ALICE, recipients, htmlMail(recipients, subject));

        ReceivedMail plain = extension.mx(PLAIN).awaitOneMail();
        assertThat(plain.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(plain.message().getContent().toString())
            .contains("Gr\u00fc\u00dfe aus Berlin, see the plan <https://example.org/x>.");
        assertSevenBitClean(plain);

        ReceivedMail other = extension.mx(DEFAULT).awaitOneMail();
        assertThat(other.header("Content-Type")).hasValueSatisfying(type ->
            assertThat(type).startsWith("multipart/alternative"));
        assertSevenBitClean(other);

        ImapMessage local = extension.james().awaitSingleMessage(BOB);
        assertThat(local.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(local.raw()).contains("<b>Berlin</b>");
    }

    private static void assertSevenBitClean(ReceivedMail mail) {
        byte[] bytes = mail.raw().getBytes(StandardCharsets.ISO_8859_1);
        for (byte b : bytes) {
            assertThat(b & 0xff).as("8-bit byte in what left for the remote domain").isLessThan(0x80);
        }
        for (String line : mail.raw().split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(998);
        }
    }
}
