package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.it.BorderJames.ALICE;
import static org.bordertransport.it.BorderJames.BOB;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Parameters real mailers write that javax.mail cannot parse ({@code name==?koi8-r?B?...?=}, unquoted values with
 * spaces): without {@code RepairMimeParameters} James 3.8.1 fails such a mail with a {@code ParseException} the first
 * time it saves it changed (a mailet that sets a header, the outgoing queue), and the mail bounces from the error
 * processor instead of reaching its recipients. With the shipped conf it is delivered, locally and remotely, with the
 * fields in canonical form and the attachment as it was.
 */
class MalformedParametersTest {
    private static final String REMOTE = "remote-a.test";

    @RegisterExtension
    BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains(REMOTE);

    private static String message(List<String> to, String subject) {
        return "From: " + ALICE + "\r\nTo: " + String.join(", ", to) + "\r\nSubject: " + subject + "\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
            + "--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nh\u00e9llo\r\n"
            + "--b\r\nContent-Type: application/msword; name==?koi8-r?B?89DJ08/LLmRvYw==?=\r\n"
            + "Content-Disposition: attachment; filename==?koi8-r?B?89DJ08/LLmRvYw==?=\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n0M8R4KGxGuEAAAAA\r\n"
            + "--b\r\nContent-Type: application/pdf; name=report 1.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + "JVBERi0xLjQK\r\n--b--\r\n";
    }

    @Test
    void mailWithParametersJavaxMailCannotParseIsDeliveredLocallyAndRemotely() throws Exception {
        List<String> recipients = List.of(BOB, "d@" + REMOTE);
        String subject = Mails.uniqueSubject("malformed parameters");
        extension.james().send(ALICE, recipients, message(recipients, subject));

        ReceivedMail remote = extension.mx(REMOTE).awaitOneMail();
        assertThat(remote.raw()).doesNotContain("==?koi8-r")
            .contains("name*=utf-8''%D0%A1%D0%BF%D0%B8%D1%81%D0%BE%D0%BA.doc")
            .contains("name=\"report 1.pdf\"").contains("\r\n0M8R4KGxGuEAAAAA\r\n").contains("\r\nJVBERi0xLjQK\r\n");

        ImapMessage local = extension.james().awaitSingleMessage(BOB);
        assertThat(local.raw()).contains(subject).doesNotContain("==?koi8-r")
            .contains("name*=utf-8''%D0%A1%D0%BF%D0%B8%D1%81%D0%BE%D0%BA.doc").contains("\r\n0M8R4KGxGuEAAAAA\r\n");
    }
}
