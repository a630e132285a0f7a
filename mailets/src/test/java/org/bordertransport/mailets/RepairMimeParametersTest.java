package org.bordertransport.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RepairMimeParametersTest {
    private static final String HEAD = "From: someone@sender.example\r\nTo: bob@border.test\r\nSubject: report\r\n"
        + "MIME-Version: 1.0\r\n";
    /** As real mailers write it (the Mime4J test corpus's russian-headers.msg has the same field). */
    private static final String MALFORMED = HEAD + "Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n"
        + "--m\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nsee attached\r\n"
        + "--m\r\nContent-Type: application/msword; name==?koi8-r?B?89DJ08/LLmRvYw==?=\r\n"
        + "Content-Disposition: attachment; filename==?koi8-r?B?89DJ08/LLmRvYw==?=\r\n"
        + "Content-Transfer-Encoding: base64\r\n\r\nAAAA\r\n--m--\r\n";

    private RecordingMetricFactory metrics;
    private RepairMimeParameters mailet;

    @BeforeEach
    void setUp() throws MessagingException {
        metrics = new RecordingMetricFactory();
        mailet = new RepairMimeParameters(metrics, ThirdPartySigner.keys());
        mailet.init(FakeMailetConfig.builder().mailetName("RepairMimeParameters").build());
    }

    private static Mail mail(String raw) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
        return FakeMail.builder().name("m1").recipient("bob@border.test").mimeMessage(message).build();
    }

    private static String text(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void whatJavaxMailCannotSaveIsRepairedAndThenSavesAndReads() throws Exception {
        Mail broken = mail(MALFORMED);
        broken.getMessage().setHeader("X-Changed", "yes");
        assertThatThrownBy(() -> broken.getMessage().saveChanges()).hasMessageContaining("expected parameter value");

        Mail mail = mail(MALFORMED);
        mailet.service(mail);

        String repaired = text(mail.getMessage());
        assertThat(repaired).contains("name*=utf-8''%D0%A1%D0%BF%D0%B8%D1%81%D0%BE%D0%BA.doc")
            .doesNotContain("==?koi8-r").contains("\r\n\r\nAAAA\r\n");
        mail.getMessage().setHeader("X-Changed", "yes");
        mail.getMessage().saveChanges(); // what James does to a changed message: it no longer fails
        assertThat(((Multipart) mail.getMessage().getContent()).getBodyPart(1).getFileName())
            .isEqualTo("\u0421\u043f\u0438\u0441\u043e\u043a.doc");
        assertThat(metrics.countFor("border.mime.repaired")).isEqualTo(1);
    }

    @Test
    void wellFormedMailIsLeftAsItIs() throws Exception {
        for (String raw : new String[] {HEAD + "Content-Type: text/plain; charset=us-ascii\r\n\r\nhi\r\n",
            MALFORMED.replace("=?koi8-r?B?89DJ08/LLmRvYw==?=", "\"report.doc\"")}) {
            Mail mail = mail(raw);
            MimeMessage before = mail.getMessage();
            mailet.service(mail);
            assertThat(mail.getMessage()).isSameAs(before);
        }
        assertThat(metrics.countFor("border.mime.repaired")).isZero();
    }

    @Test
    void aSingleMalformedTopLevelFieldIsRepairedToo() throws Exception {
        Mail mail = mail(HEAD + "Content-Type: application/pdf; name=report 1.pdf\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0=\r\n");
        mailet.service(mail);
        assertThat(mail.getMessage().getHeader("Content-Type")[0]).isEqualTo("application/pdf; name=\"report 1.pdf\"");
    }

    @Test
    void aSignedMessageIsRepairedAllTheSameAndTheBrokenSignatureCounted() throws Exception {
        Mail mail = mail(ThirdPartySigner.sign(MALFORMED));
        mailet.service(mail);
        assertThat(text(mail.getMessage())).doesNotContain("==?koi8-r");
        assertThat(metrics.countFor("border.dkim.broken")).isEqualTo(1);
    }

    @Test
    void parametersAreRefused() {
        assertThatThrownBy(() -> new RepairMimeParameters(metrics, ThirdPartySigner.unused())
            .init(FakeMailetConfig.builder().mailetName("RepairMimeParameters").setProperty("x", "y").build()))
            .hasMessage("RepairMimeParameters: Unknown parameter 'x': allowed parameters are []");
    }
}
