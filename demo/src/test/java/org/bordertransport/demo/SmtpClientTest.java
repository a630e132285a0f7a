package org.bordertransport.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmtpClientTest {
    @Test
    void dotStuffsAndTerminates() {
        assertThat(new String(SmtpClient.dotStuffed(".a\r\nb\r\n.\r\n..c".getBytes(UTF_8)), UTF_8))
            .isEqualTo("..a\r\nb\r\n..\r\n...c\r\n.\r\n");
        assertThat(new String(SmtpClient.dotStuffed("x\r\n".getBytes(UTF_8)), UTF_8)).isEqualTo("x\r\n.\r\n");
    }

    @Test
    void reportsTheStepAndReplyARefusalCameFrom(@TempDir Path out) throws IOException {
        try (SinkSmtpServer sink = SinkSmtpServer.builder(out).maxRecipients(1).start()) {
            SmtpClient client = new SmtpClient("127.0.0.1", sink.port(), Duration.ofSeconds(5));

            assertThatThrownBy(() -> client.send("a@example.com", List.of("b@example.com", "c@example.com"),
                "x\r\n".getBytes(UTF_8)))
                .isInstanceOf(SmtpClient.SmtpException.class)
                .hasMessage("SMTP server refused RCPT TO <c@example.com>: 452 4.5.3 Too many recipients");
        }
    }
}
