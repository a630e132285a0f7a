package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.it.BorderJames.ALICE;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import javax.mail.internet.MimeUtility;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code MessageFormat=Text} in a real James with the shipped conf/remotedomains.xml: the mainframe MX receives
 * RFC 5322 plain text without MIME headers, the attachment uuencoded and identical, and James adds no MIME header
 * on the way.
 */
class NonMimeDeliveryTest {
    private static final String MAINFRAME = "mainframe.example.org";

    @RegisterExtension
    BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains(MAINFRAME);

    @Test
    void mainframeReceivesPlainTextWithTheAttachmentUuencoded() throws Exception {
        byte[] pdf = new byte[20_000];
        new Random(3).nextBytes(pdf);
        String to = "ops@" + MAINFRAME;
        String subject = Mails.uniqueSubject("non-mime");
        String message = "From: " + ALICE + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\n"
            + "Message-ID: <nonmime-1@border.test>\r\nDate: Mon, 2 Mar 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n--m\r\n"
            + "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "<p>Gr\u00fc\u00dfe aus <b>Berlin</b></p>\r\n--m\r\n"
            + "Content-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
            + "Content-Disposition: attachment; filename=\"report.pdf\"\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString(pdf) + "\r\n--m--\r\n";
        extension.james().send(ALICE, List.of(to), message);

        ReceivedMail mail = extension.mx(MAINFRAME).awaitOneMail();
        String raw = mail.raw();
        String head = raw.substring(0, raw.indexOf("\r\n\r\n") + 2).toLowerCase(Locale.ROOT);
        assertThat(head).contains("subject: " + subject.toLowerCase(Locale.ROOT))
            .doesNotContain("\r\nmime-version:").doesNotContain("\r\ncontent-type:")
            .doesNotContain("\r\ncontent-transfer-encoding:");
        String body = new String(raw.substring(raw.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.ISO_8859_1),
            Charset.forName("windows-1252"));
        assertThat(body).startsWith("Gr\u00fc\u00dfe aus Berlin\r\n");
        int begin = body.indexOf("begin 644 report.pdf\r\n");
        assertThat(begin).isPositive();
        // javax.mail's own uudecoder reads the block
        try (java.io.InputStream in = MimeUtility.decode(new java.io.ByteArrayInputStream(body.substring(begin)
            .getBytes(StandardCharsets.US_ASCII)), "uuencode")) {
            assertThat(in.readAllBytes()).isEqualTo(pdf);
        }
        for (String line : raw.split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(998);
        }
    }
}
