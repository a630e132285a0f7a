package org.bordertransport.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HasNoMessageIdTest {
    private static Mail mail(String... headers) throws MessagingException {
        StringBuilder text = new StringBuilder();
        for (String header : headers) {
            text.append(header).append("\r\n");
        }
        text.append("From: alice@border.test\r\nSubject: x\r\n\r\nbody\r\n");
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.US_ASCII)));
        return FakeMail.builder().name("m").sender("alice@border.test")
            .recipients("a@remote.test", "b@border.test").mimeMessage(message).build();
    }

    private static HasNoMessageId matcher(String condition) throws MessagingException {
        HasNoMessageId matcher = new HasNoMessageId();
        FakeMatcherConfig.Builder config = FakeMatcherConfig.builder().matcherName("HasNoMessageId");
        if (condition != null) {
            config.condition(condition);
        }
        matcher.init(config.build());
        return matcher;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        "NONE|NONE|true",
        "NONE|Message-ID:|true",
        "NONE|Message-ID: <a@example.com>|false",
        "NONE|Message-ID: a@example.com|false",
        "includeMalformed|NONE|true",
        "includeMalformed|Message-ID: a@example.com|true",
        "includeMalformed|Message-ID: <a.example.com>|true",
        "includeMalformed|Message-ID: <a@example.com>|false",
    })
    void matchShouldSelectAllRecipientsOrNone(String condition, String header, boolean matches) throws Exception {
        Mail mail = header == null ? mail() : mail(header);
        if (matches) {
            assertThat(matcher(condition).match(mail)).containsExactlyInAnyOrderElementsOf(mail.getRecipients());
        } else {
            assertThat(matcher(condition).match(mail)).isEmpty();
        }
    }

    @Test
    void initShouldThrowOnAnUnknownCondition() {
        assertThatThrownBy(() -> matcher("malformed"))
            .isInstanceOf(MessagingException.class)
            .hasMessage("HasNoMessageId: invalid condition 'malformed', allowed: no condition, or includeMalformed");
    }
}
