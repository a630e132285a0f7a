package org.bordertransport.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

class RemoveDeliveryMailboxTest {
    /** A boundary that is never used: javax.mail's multipart parse (a re-save) throws on it. */
    private static final String BROKEN = "Subject: s\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: multipart/alternative; boundary=\"a\"\r\n\r\nno boundary here\r\n--c\r\n\r\nnone\r\n";

    private static Mail mail(String message) throws Exception {
        return FakeMail.builder().name("m").recipients("bob@border.test").mimeMessage(new MimeMessage(
            Session.getInstance(new Properties()), new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII))))
            .build();
    }

    private static RemoveDeliveryMailbox mailet() throws MessagingException {
        RemoveDeliveryMailbox mailet = new RemoveDeliveryMailbox();
        mailet.init(FakeMailetConfig.builder().mailetName("RemoveDeliveryMailbox").build());
        return mailet;
    }

    private static String written(Mail mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void theHeaderIsRemovedFromABrokenMultipartWhoseBodyStaysAsItCame() throws Exception {
        Mail mail = mail("X-Border-Delivered-To: bob@border.test\r\n" + BROKEN);
        MimeMessage edited = mail(BROKEN).getMessage();
        edited.setHeader("X-Other", "x");
        assertThatThrownBy(edited::saveChanges).isInstanceOf(MessagingException.class); // what RemoveMimeHeader did

        mailet().service(mail);

        assertThat(mail.getMessage().getHeader(RecordDeliveryMailbox.HEADER)).isNull();
        assertThat(written(mail)).isEqualTo(BROKEN);
    }

    @Test
    void mailWithoutTheHeaderKeepsItsMessage() throws Exception {
        Mail mail = mail(BROKEN);
        MimeMessage before = mail.getMessage();
        mailet().service(mail);
        assertThat(mail.getMessage()).isSameAs(before);
    }

    @Test
    void takesNoParameter() {
        RemoveDeliveryMailbox mailet = new RemoveDeliveryMailbox();
        assertThatThrownBy(() -> mailet.init(FakeMailetConfig.builder().mailetName("RemoveDeliveryMailbox")
            .setProperty("name", "X-Border-Delivered-To").build())).isInstanceOf(MessagingException.class)
            .hasMessageContaining("name");
    }
}
