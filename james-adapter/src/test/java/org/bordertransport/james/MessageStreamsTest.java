package org.bordertransport.james;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

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

    @Test
    void withoutItJamesReSavesTheMarkedMessage() throws Exception {
        // the behaviour settle exists for: if James stops doing this, settle can go
        assertThat(written(marked())).contains("Date: ").isNotEqualTo(BOUNCE);
    }
}
