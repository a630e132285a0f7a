package org.bordertransport.james;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.junit.jupiter.api.Test;

class MessageStreamsTest {
    /** A bounce as a remote MX writes it: no Date, MIME-Version after Subject. */
    private static final String BOUNCE = "From: MAILER-DAEMON@remote.test\r\nSubject: Undelivered\r\n"
        + "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=r\r\n\r\n"
        + "--r\r\nContent-Type: text/plain\r\n\r\nfailed\r\n--r--\r\n";

    private static MimeMessageWrapper marked() throws Exception {
        MimeMessageWrapper message = new MimeMessageWrapper(MimeMessageInputStreamSource.create("m1",
            new ByteArrayInputStream(BOUNCE.getBytes(StandardCharsets.US_ASCII))));
        message.removeHeader("Bcc"); // what James's RemoveMimeHeader does to every mail in transport
        return message;
    }

    private static String written(MimeMessageWrapper message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void aSettledMessageIsWrittenAsItCame() throws Exception {
        MimeMessageWrapper message = marked();

        MessageStreams.settle(message);

        assertThat(written(message)).isEqualTo(BOUNCE);
    }

    /** Header spacing and folding javax.mail would keep too, and 8-bit octets in a header field. */
    private static final byte[] STORED = ("Received: from a.example\r\n\tby mx.border.test; Mon, 7 Dec 2026 09:00:00 +0000"
        + "\r\nSubject:  two  spaces\r\n Gr\u00fc\u00dfe\r\nFrom: a@a.example\r\n\r\nbody line\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);

    private static MimeMessageWrapper stored() throws Exception {
        return new MimeMessageWrapper(MimeMessageInputStreamSource.create("m2", new ByteArrayInputStream(STORED)));
    }

    @Test
    void anUnmodifiedMessageIsReadAndWrittenAsStored() throws Exception {
        MimeMessageWrapper unread = stored();
        assertThat(MessageStreams.of(unread).readAllBytes()).isEqualTo(STORED);
        MimeMessageWrapper headerRead = stored();
        assertThat(headerRead.getHeader("Subject")).hasSize(1);
        assertThat(MessageStreams.of(headerRead).readAllBytes()).isEqualTo(STORED);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MessageStreams.writeTo(headerRead, out);
        assertThat(out.toByteArray()).isEqualTo(STORED);
        assertThat(unread.isModified()).isFalse();
        assertThat(headerRead.isModified()).isFalse();
    }

    @Test
    void anEditedMessageIsReadWithItsEditAndSettled() throws Exception {
        MimeMessageWrapper edited = stored();
        edited.setHeader("X-Edit", "1");
        String read = new String(MessageStreams.of(edited).readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(read).contains("X-Edit: 1\r\n").endsWith("\r\n\r\nbody line\r\n");
        MimeMessageWrapper marked = marked();
        assertThat(new String(MessageStreams.of(marked).readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo(BOUNCE);
        assertThat(written(marked)).as("settled by the read: not re-saved").isEqualTo(BOUNCE);
    }

    @Test
    void theSizeHintIsTheStoredSizeAndNothingForAnEditedMessage() throws Exception {
        assertThat(MessageStreams.sizeHint(stored())).isEqualTo(STORED.length);
        MimeMessageWrapper edited = stored();
        edited.setHeader("X-Edit", "1");
        assertThat(MessageStreams.sizeHint(edited)).as("not computed: James would parse the header again").isZero();
        assertThat(edited.isModified()).isTrue();
        assertThat(MessageStreams.sizeHint(new MimeMessage((Session) null))).isZero();
    }

    @Test
    void withoutItJamesReSavesTheMarkedMessage() throws Exception {
        // the behaviour settle exists for: if James stops doing this, settle can go
        assertThat(written(marked())).contains("Date: ").isNotEqualTo(BOUNCE);
    }
}
