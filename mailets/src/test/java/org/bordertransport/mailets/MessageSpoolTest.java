package org.bordertransport.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

class MessageSpoolTest {
    private static final byte[] MESSAGE = ("Subject: spooled\r\nContent-Type: text/plain\r\n\r\n" + "line\r\n".repeat(100))
        .getBytes(StandardCharsets.US_ASCII);

    @Test
    void smallMessagesStayInMemoryAndReadBack() throws Exception {
        MessageSpool spool = new MessageSpool(1 << 20);
        spool.write(MESSAGE, 0, MESSAGE.length);
        try (InputStream in = spool.openInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(MESSAGE);
        }
        MessageSpool other = new MessageSpool(1 << 20);
        other.write(MESSAGE, 0, MESSAGE.length);
        MimeMessage message = other.toMimeMessage();
        assertThat(message.getSubject()).isEqualTo("spooled");
    }

    @Test
    void largeMessagesGoThroughATemporaryFile() throws Exception {
        MessageSpool spool = new MessageSpool(64);
        for (byte b : MESSAGE) {
            spool.write(b);
        }
        MimeMessage message = spool.toMimeMessage();
        assertThat(message.getSubject()).isEqualTo("spooled");
        assertThat(message.getContent().toString()).isEqualTo("line\r\n".repeat(100));

        MessageSpool discarded = new MessageSpool(64);
        discarded.write(MESSAGE, 0, MESSAGE.length);
        try (InputStream in = discarded.openInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(MESSAGE);
        }
        discarded.discard();
    }
}
