package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mail with a MIME structure javax.mail cannot parse still reaches a local mailbox through the shipped conf, and
 * without the Sieve-redirect bookkeeping header: James's {@code RemoveMimeHeader} re-saved the message to remove it,
 * and the re-save's MIME parse threw, so such mail went to the {@code error} repository instead (found by the soak).
 */
class BrokenMimeLocalDeliveryTest {
    private static final String HEAD = "From: carol@fabrikam.test\r\nTo: " + BorderJames.BOB + "\r\nSubject: %s\r\n"
        + "Message-ID: <%s@fabrikam.test>\r\nMIME-Version: 1.0\r\n";

    @RegisterExtension
    BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains();

    @ParameterizedTest
    @ValueSource(strings = {
        // the boundary is never used
        "Content-Type: multipart/alternative; boundary=\"a\"\r\n\r\nno boundary here at all\r\n--c\r\n\r\nnone\r\n",
        // the closing boundary is missing, a part is cut in the middle of its base64
        "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\ntext\r\n--b1\r\n"
            + "Content-Type: application/pdf; name=x.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + "JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFIvRmls\r\n"})
    void reachesTheMailboxAsItCame(String body) throws Exception {
        String subject = Mails.uniqueSubject("broken");
        String message = String.format(HEAD, subject, subject.replace(' ', '.')) + body;
        extension.james().send("carol@fabrikam.test", List.of(BorderJames.BOB), message);

        ImapMessage stored = extension.james().awaitSingleMessage(BorderJames.BOB);
        assertThat(stored.raw()).contains("Subject: " + subject).doesNotContain("X-Border-Delivered-To")
            .contains(body.substring(body.indexOf("\r\n\r\n") + 4));
    }
}
