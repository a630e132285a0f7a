package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.it.BorderJames.ALICE;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Message-IDs inside messages (attached messages, returned headers, disposition notifications), with the shipped
 * mailetcontainer.xml in a real James: they leave public and come back internal, with the same keys as the
 * top-level header, so a read receipt names on each side the ID that side knows.
 */
class InnerMessageIdIntegrationTest {
    private static final String REMOTE = "remote-a.test";
    private static final String CAROL = "carol@" + REMOTE;
    private static final String INTERNAL = "<abc@exch01.corp.local>";
    /** {@code <KEYID.BASE32@border.test>}, KEYID being the shipped sample key's. */
    private static final String PUBLIC_ID = "<sample\\.[a-z2-7]{26,}@border\\.test>";

    @RegisterExtension
    BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains(REMOTE);

    @Test
    void aReadReceiptFromOutsideNamesTheInternalIdInsideForAlice() throws Exception {
        extension.james().send(ALICE, List.of(CAROL), Mails.message(ALICE, List.of(CAROL), "please confirm",
            "Message-ID: " + INTERNAL, "Disposition-Notification-To: " + ALICE));
        ReceivedMail sent = extension.mx(REMOTE).awaitOneMail();
        String publicId = sent.header("Message-ID").orElseThrow();
        assertThat(publicId).matches(PUBLIC_ID);
        assertThat(sent.raw().toLowerCase(Locale.ROOT)).doesNotContain("corp.local");

        // Carol's client answers with an RFC 8098 MDN that names the ID it was given, twice
        String mdn = "From: " + CAROL + "\r\nTo: " + ALICE + "\r\nSubject: Read: please confirm\r\n"
            + "Date: Mon, 2 Mar 2026 10:05:00 +0000\r\nMessage-ID: <mdn-1@remote-a.test>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=disposition-notification; boundary=\"mdn\"\r\n\r\n"
            + "--mdn\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nYour message was displayed.\r\n"
            + "--mdn\r\nContent-Type: message/disposition-notification\r\n\r\n"
            + "Reporting-UA: mail.remote-a.test; Example Mail\r\nOriginal-Recipient: rfc822;" + CAROL + "\r\n"
            + "Final-Recipient: rfc822;" + CAROL + "\r\nOriginal-Message-ID: " + publicId + "\r\n"
            + "Disposition: manual-action/MDN-sent-manually; displayed\r\n\r\n"
            + "--mdn\r\nContent-Type: text/rfc822-headers\r\n\r\n"
            + "From: " + ALICE + "\r\nTo: " + CAROL + "\r\nSubject: please confirm\r\nMessage-ID: " + publicId + "\r\n"
            + "\r\n--mdn--\r\n";
        extension.james().send("mx.remote-a.test", CAROL, List.of(ALICE), mdn);

        ImapMessage receipt = extension.james().awaitSingleMessage(ALICE);
        String raw = receipt.raw();
        assertThat(receipt.header("Message-ID")).contains("<mdn-1@remote-a.test>");
        assertThat(raw).contains("Original-Message-ID: " + INTERNAL + "\r\n")
            .contains("Subject: please confirm\r\nMessage-ID: " + INTERNAL + "\r\n")
            .doesNotContain(publicId)
            .contains("--mdn\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nYour message was displayed.\r\n");
    }

    @Test
    void anAttachedInternalMessageLeavesWithThePublicIdItsOwnMailGets() throws Exception {
        String attached = "From: bob@border.test\r\nTo: " + ALICE + "\r\nSubject: the original\r\n"
            + "Date: Mon, 2 Mar 2026 09:00:00 +0000\r\nMessage-ID: " + INTERNAL + "\r\n"
            + "References: <first@exch02.corp.local>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n\r\nThe original text.\r\n";
        String forward = "From: " + ALICE + "\r\nTo: " + CAROL + "\r\nSubject: Fwd: the original\r\n"
            + "Date: Mon, 2 Mar 2026 10:00:00 +0000\r\nMessage-ID: <fwd-1@exch01.corp.local>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"fwd\"\r\n\r\n"
            + "--fwd\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nSee the attached message.\r\n"
            + "--fwd\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment\r\n\r\n" + attached
            + "--fwd--\r\n";
        extension.james().send(ALICE, List.of(CAROL), forward);

        ReceivedMail received = extension.mx(REMOTE).awaitOneMail();
        String raw = received.raw();
        assertThat(raw.toLowerCase(Locale.ROOT)).doesNotContain("corp.local").doesNotContain("exch0");
        assertThat(received.header("Message-ID").orElseThrow()).matches(PUBLIC_ID);
        Matcher inner = Pattern.compile("\r\n\r\nFrom: bob@border\\.test\r\n(?:.*\r\n)*?Message-ID: (" + PUBLIC_ID
            + ")\r\nReferences: (" + PUBLIC_ID + ")\r\n").matcher(raw);
        assertThat(inner.find()).as("the attached header, IDs public:\n%s", raw).isTrue();
        assertThat(raw).contains("See the attached message.\r\n", "The original text.\r\n");

        // the same key: the attached message's own mail, sent out later, gets the same public ID
        extension.james().send(ALICE, List.of(CAROL), Mails.message(ALICE, List.of(CAROL), "the original, again",
            "Message-ID: " + INTERNAL));
        ReceivedMail own = extension.mx(REMOTE).awaitMails(2).stream()
            .filter(m -> m.header("Subject").orElseThrow().equals("the original, again")).findFirst().orElseThrow();
        assertThat(own.header("Message-ID")).contains(inner.group(1));
    }
}
