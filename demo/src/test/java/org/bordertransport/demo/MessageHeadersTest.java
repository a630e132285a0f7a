package org.bordertransport.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageHeadersTest {
    @Test
    void unfoldsAndStopsAtTheBody() {
        MessageHeaders headers = MessageHeaders.parse(("Subject: a\r\n b\r\nmessage-id:  <x@y>\r\n"
            + "References: <1@a>\r\n\t<2@b>\r\n\r\nMessage-ID: <body@z>\r\n").getBytes(UTF_8));

        assertThat(headers.first("Subject")).contains("a b");
        assertThat(headers.all("Message-ID")).containsExactly("<x@y>");
        assertThat(headers.first("references")).contains("<1@a>\t<2@b>");
        assertThat(headers.names()).containsExactly("subject", "message-id", "references");
    }

    @Test
    void acceptsBareLineFeedsAndNoBody() {
        MessageHeaders headers = MessageHeaders.parse("A: 1\nB: 2".getBytes(UTF_8));

        assertThat(headers.first("b")).contains("2");
        assertThat(headers.first("c")).isEmpty();
    }
}
