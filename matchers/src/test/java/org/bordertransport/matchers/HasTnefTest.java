package org.bordertransport.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.bordertransport.core.tnef.MapiTag;
import org.bordertransport.core.tnefmime.TnefFixture;
import org.junit.jupiter.api.Test;

class HasTnefTest {
    private static final String HEAD = "From: alice@border.test\r\nTo: x@example.com\r\nSubject: s\r\nMIME-Version: 1.0\r\n";
    private static final String TNEF = Base64.getMimeEncoder().encodeToString(TnefFixture.tnef()
        .messageProps(TnefFixture.Props.props().unicode(MapiTag.PR_BODY, "hello")).build());

    private static HasTnef matcher(String condition) throws MessagingException {
        HasTnef matcher = new HasTnef();
        matcher.init(FakeMatcherConfig.builder().matcherName("HasTnef").condition(condition).build());
        return matcher;
    }

    private static Mail mail(String raw) throws Exception {
        return FakeMail.builder().name("m").recipients("x@example.com", "y@example.org")
            .mimeMessage(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)))).build();
    }

    private static String multipart(String type, String name) {
        return HEAD + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nx\r\n"
            + "--b\r\nContent-Type: " + type + "; name=\"" + name + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + TNEF + "\r\n--b--\r\n";
    }

    @Test
    void matchesAWinmailDatByTypeOrName() throws Exception {
        assertThat(matcher(null).match(mail(multipart("application/ms-tnef", "winmail.dat"))))
            .containsExactly(new MailAddress("x@example.com"), new MailAddress("y@example.org"));
        assertThat(matcher(null).match(mail(multipart("application/octet-stream", "WINMAIL.DAT")))).hasSize(2);
        assertThat(matcher(null).match(mail(multipart("application/vnd.ms-tnef", "x.dat")))).hasSize(2);
    }

    @Test
    void doesNotMatchOtherMail() throws Exception {
        String pdf = HEAD + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: application/pdf;"
            + " name=\"report.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString("%PDF-1.4 not tnef".getBytes(StandardCharsets.US_ASCII))
            + "\r\n--b--\r\n";
        assertThat(matcher(null).match(mail(pdf))).isEmpty();
        assertThat(matcher(null).match(mail(HEAD + "Content-Type: text/plain\r\n\r\nwinmail.dat\r\n"))).isEmpty();
    }

    @Test
    void matchesTnefByItsContentWhateverItsLabel() throws Exception {
        assertThat(matcher(null).match(mail(multipart("application/pdf", "report.pdf")))).hasSize(2);
        assertThat(matcher(null).match(mail(multipart("application/octet-stream", "ATT00001.dat")))).hasSize(2);
        assertThat(matcher("summary").match(mail(multipart("application/octet-stream", "ATT00001.dat")))).isEmpty();
    }

    @Test
    void matchesAUuencodedWinmailDatInAPlainTextBody() throws Exception {
        java.io.ByteArrayOutputStream block = new java.io.ByteArrayOutputStream();
        org.bordertransport.core.encoding.UuEncoder.encode(new ByteArrayInputStream(Base64.getMimeDecoder()
            .decode(TNEF)), "WINMAIL.DAT", StandardCharsets.US_ASCII, block);
        String nonMime = "From: alice@border.test\r\nTo: x@example.com\r\nSubject: s\r\n\r\nSee below.\r\n"
            + block.toString(StandardCharsets.US_ASCII);
        assertThat(matcher(null).match(mail(nonMime))).hasSize(2);
        assertThat(matcher("summary").match(mail(nonMime))).isEmpty();
    }

    @Test
    void matchesTnefInsideAnAttachedMessage() throws Exception {
        String attached = HEAD + "Content-Type: multipart/mixed; boundary=top\r\n\r\n--top\r\n"
            + "Content-Type: message/rfc822\r\n\r\n" + multipart("application/ms-tnef", "winmail.dat")
            + "\r\n--top--\r\n";
        assertThat(matcher(null).match(mail(attached))).hasSize(2);
    }

    @Test
    void aPartLabelledTnefWithoutTheSignatureMatchesSoThatConvertTnefReportsIt() throws Exception {
        String labelled = HEAD + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
            + "Content-Type: application/ms-tnef; name=\"winmail.dat\"\r\n\r\nnot tnef\r\n--b--\r\n";
        assertThat(matcher(null).match(mail(labelled))).hasSize(2);
        assertThat(matcher("summary").match(mail(HEAD + "Content-Type: application/ms-tnef\r\n\r\nnot tnef\r\n")))
            .isEmpty();
    }

    @Test
    void summaryMatchesOnlyAWholeTnefBody() throws Exception {
        String stnef = HEAD + "Content-Type: application/ms-tnef\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + TNEF + "\r\n";
        assertThat(matcher("summary").match(mail(stnef))).hasSize(2);
        assertThat(matcher(null).match(mail(stnef))).hasSize(2);
        assertThat(matcher("summary").match(mail(multipart("application/ms-tnef", "winmail.dat")))).isEmpty();
    }

    @Test
    void anUnknownConditionFailsAtStartup() {
        assertThatThrownBy(() -> matcher("all"))
            .isInstanceOf(MessagingException.class)
            .hasMessage("HasTnef: invalid condition 'all', allowed: no condition, or summary");
    }

    /** A message whose body cannot be read: the stream fails (a disk gone, say). */
    static MimeMessage unreadable(String raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII))) {
            @Override
            public java.io.InputStream getRawInputStream() {
                return new java.io.InputStream() {
                    @Override
                    public int read() throws java.io.IOException {
                        throw new java.io.IOException("disk gone");
                    }
                };
            }
        };
    }

    @Test
    void aMessageThatCannotBeReadFailsTheMatchForOnMatchException() throws Exception {
        Mail mail = FakeMail.builder().name("m").recipients("x@example.com")
            .mimeMessage(unreadable(multipart("application/ms-tnef", "winmail.dat"))).build();
        assertThatThrownBy(() -> matcher(null).match(mail))
            .isInstanceOf(MessagingException.class)
            .hasMessage("HasTnef: mail m cannot be read to look for TNEF")
            .hasRootCauseMessage("disk gone");
    }
}
