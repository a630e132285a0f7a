package org.bordertransport.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

class RecordDeliveryMailboxTest {
    private static Mail service(String headers, String... recipients) throws Exception {
        RecordDeliveryMailbox mailet = new RecordDeliveryMailbox();
        mailet.init(FakeMailetConfig.builder().mailetName("RecordDeliveryMailbox").build());
        Mail mail = FakeMail.builder().name("m").recipients(recipients).mimeMessage(new MimeMessage(
            Session.getInstance(new Properties()), new ByteArrayInputStream((headers + "Subject: s\r\n\r\nbody\r\n")
            .getBytes(StandardCharsets.US_ASCII)))).build();
        mailet.service(mail);
        return mail;
    }

    @Test
    void aSingleRecipientIsNamedAndAForgedValueReplaced() throws Exception {
        Mail mail = service("X-Border-Delivered-To: ceo@border.test\r\n", "bob@border.test");
        assertThat(mail.getMessage().getHeader(RecordDeliveryMailbox.HEADER)).containsExactly("bob@border.test");
    }

    @Test
    void severalRecipientsMeanNoHeaderAtAll() throws Exception {
        Mail mail = service("X-Border-Delivered-To: ceo@border.test\r\n", "bob@border.test", "alice@border.test");
        assertThat(mail.getMessage().getHeader(RecordDeliveryMailbox.HEADER)).isNull();
        Mail clean = service("", "bob@border.test", "alice@border.test");
        assertThat(clean.getMessage().getHeader(RecordDeliveryMailbox.HEADER)).isNull();
    }
}
