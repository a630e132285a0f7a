package org.bordertransport.james;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.bordertransport.core.mail.HeaderField;
import org.junit.jupiter.api.Test;

class HeaderReplacementTest {
    private static final String MESSAGE = "Received: from pc1.corp.local ([10.0.0.5]) by mx\r\n"
        + "\tfor <x@example.com>; Mon, 7 Dec 2026 09:00:00 +0000\r\n"
        + "Subject:hello,  world\r\n"
        + "X-MS-Exchange-Organization-AuthAs: Internal\r\n"
        + "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
        + "--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b--\r\n";

    private static MailImpl mail() throws Exception {
        MimeMessageWrapper message = new MimeMessageWrapper(MimeMessageInputStreamSource.create("m1",
            new ByteArrayInputStream(MESSAGE.getBytes(StandardCharsets.ISO_8859_1))));
        return MailImpl.builder().name("m1").addRecipient("x@example.com").mimeMessage(message).build();
    }

    /** The mail's message as James writes it, in ISO-8859-1. */
    static String written(MailImpl mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void unchangedFieldsKeepTheirRawLinesAndTheBodyIsCopiedAsItIs() throws Exception {
        MailImpl mail = mail();
        try {
            List<HeaderField> before = MimeHeaders.read(mail.getMessage());
            List<HeaderField> after = new ArrayList<>(before);
            after.remove(2);
            after.set(0, new HeaderField("Received", "by mx; Mon, 7 Dec 2026 09:00:00 +0000"));

            boolean replaced = HeaderReplacement.replace(mail, before, after);

            assertThat(replaced).isTrue();
            assertThat(written(mail)).isEqualTo("Received: by mx; Mon, 7 Dec 2026 09:00:00 +0000\r\n"
                + "Subject:hello,  world\r\n"
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b--\r\n");
            // a new message, not an edited one: James writes it without re-saving it
            assertThat(((MimeMessageWrapper) mail.getMessage()).isModified()).isFalse();
        } finally {
            mail.dispose();
        }
    }

    @Test
    void aBodyThatCannotBeReadFailsTheReplacementInsteadOfDroppingTheBody() throws Exception {
        MimeMessage broken = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(MESSAGE.getBytes(StandardCharsets.ISO_8859_1))) {
            @Override
            public InputStream getRawInputStream() throws MessagingException {
                // what James's MimeMessageWrapper throws when its spool cannot be read
                throw new MessagingException("Unable to read the stream", new IOException("No space left on device"));
            }
        };
        Mail mail = FakeMail.builder().name("m2").recipient("x@example.com").mimeMessage(broken).build();

        assertThatThrownBy(() -> HeaderReplacement.renew(mail)).isInstanceOf(MessagingException.class)
            .hasRootCauseMessage("No space left on device");
        List<HeaderField> before = MimeHeaders.read(mail.getMessage());
        assertThatThrownBy(() -> HeaderReplacement.replace(mail, before, before.subList(1, before.size())))
            .isInstanceOf(MessagingException.class);
        assertThat(mail.getMessage()).isSameAs(broken);
    }

    @Test
    void aHeaderChangedSinceItWasReadIsLeftToTheCaller() throws Exception {
        MailImpl mail = mail();
        try {
            List<HeaderField> before = MimeHeaders.read(mail.getMessage());
            mail.getMessage().addHeader("X-Late", "1");

            assertThat(HeaderReplacement.replace(mail, before, before.subList(1, before.size()))).isFalse();
            assertThat(mail.getMessage().getHeader("Received")).hasSize(1);
        } finally {
            mail.dispose();
        }
    }
}
