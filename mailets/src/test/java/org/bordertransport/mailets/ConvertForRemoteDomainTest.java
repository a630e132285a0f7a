package org.bordertransport.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertForRemoteDomainTest {
    private static final String POLICY = "<remoteDomains>\n"
        + "  <remoteDomain name=\"Default\" domain=\"*\"/>\n"
        + "  <remoteDomain name=\"Text\" domain=\"text.test\"><ContentType>MimeText</ContentType></remoteDomain>\n"
        + "  <remoteDomain name=\"7-bit\" domain=\"gateway.test\"><SevenBitOnly>true</SevenBitOnly></remoteDomain>\n"
        + "</remoteDomains>\n";
    private static final String HTML_MAIL = "From: alice@border.test\r\nTo: x@text.test\r\nSubject: hi\r\n"
        + "MIME-Version: 1.0\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + "<html><body><p>Hello <b>w\u00f6rld</b></p></body></html>\r\n";

    @TempDir
    Path conf;
    private RecordingMetricFactory metrics;
    private ConvertForRemoteDomain mailet;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(conf.resolve("remotedomains.xml"), POLICY, StandardCharsets.UTF_8);
        metrics = new RecordingMetricFactory();
        mailet = new ConvertForRemoteDomain(location -> {
            if (!location.equals("file://conf/remotedomains.xml")) {
                throw new FileNotFoundException(location);
            }
            return conf.resolve("remotedomains.xml");
        }, metrics, ThirdPartySigner.keys());
    }

    private void init(String... pairs) throws MessagingException {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("ConvertForRemoteDomain");
        for (int i = 0; i < pairs.length; i += 2) {
            config.setProperty(pairs[i], pairs[i + 1]);
        }
        mailet.init(config.build());
    }

    private static Mail mail(String raw, String... recipients) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        return FakeMail.builder().name("m1").state("relay").sender("alice@border.test").recipients(recipients)
            .mimeMessage(message).build();
    }

    private static String text(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void htmlBecomesTextForAMimeTextDomain() throws Exception {
        init();
        Mail mail = mail(HTML_MAIL, "x@text.test");
        mailet.service(mail);

        assertThat(mail.getMessage().getContentType()).startsWith("text/plain");
        assertThat(text(mail.getMessage())).doesNotContain("<b>");
        assertThat(mail.getMessage().getContent().toString()).contains("Hello w\u00f6rld");
        assertThat(metrics.countFor("border.convert.converted")).isEqualTo(1);
    }

    @Test
    void theOutputIsSevenBitClean() throws Exception {
        init();
        Mail mail = mail(HTML_MAIL, "x@text.test");
        mailet.service(mail);
        byte[] bytes = text(mail.getMessage()).getBytes(StandardCharsets.ISO_8859_1);
        for (byte b : bytes) {
            assertThat(b & 0xff).isLessThan(0x80);
        }
    }

    @Test
    void recipientsOfDifferentSettingsAreLeftUnconvertedAsAConfigurationProblem() throws Exception {
        init();
        Mail mail = mail(HTML_MAIL, "x@text.test", "y@other.test");
        String before = text(mail.getMessage());
        mailet.service(mail);
        assertThat(text(mail.getMessage())).isEqualTo(before);
        assertThat(mail.getState()).isEqualTo("relay");
        assertThat(metrics.countFor("border.convert.misconfigured")).isEqualTo(1);
        assertThat(metrics.countFor("border.convert.unconverted")).isZero();
    }

    @Test
    void aMessageThatCannotBeConvertedIsLeftUnchangedCountedAndThrown() throws Exception {
        init();
        // nested deeper than the converter's limit (32 levels): refused with a ConversionException
        String broken = "From: alice@border.test\r\nTo: x@text.test\r\nSubject: hi\r\nMIME-Version: 1.0\r\n"
            + nested(40);
        Mail mail = mail(broken, "x@text.test");
        String before = text(mail.getMessage());
        assertThatThrownBy(() -> mailet.service(mail))
            .isInstanceOf(MessagingException.class)
            .hasMessage("Mail m1 cannot be converted for its remote domain")
            .hasCauseInstanceOf(org.bordertransport.core.convert.ConversionException.class);
        assertThat(text(mail.getMessage())).isEqualTo(before);
        assertThat(mail.getState()).isEqualTo("relay");
        assertThat(metrics.countFor("border.convert.unconverted")).isEqualTo(1);
    }

    /** A multipart nested {@code depth} levels deep around an HTML part. */
    static String nested(int depth) {
        StringBuilder head = new StringBuilder();
        StringBuilder tail = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            head.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\r\n\r\n--b").append(i)
                .append("\r\n");
            tail.insert(0, "\r\n--b" + i + "--\r\n");
        }
        return head + "Content-Type: text/html; charset=UTF-8\r\n\r\n<p>deep</p>" + tail;
    }

    @Test
    void initShouldThrowWhenTheRemovedFailureProcessorIsGiven() {
        assertThatThrownBy(() -> init("failureProcessor", "conversion-failed"))
            .isInstanceOf(MessagingException.class)
            .hasMessageStartingWith("ConvertForRemoteDomain: parameter 'failureProcessor' was removed");
    }

    @Test
    void initShouldNameBadParameters() {
        assertThatThrownBy(() -> init("legacyFilenames", "maybe"))
            .hasMessage("ConvertForRemoteDomain: Invalid parameter 'legacyFilenames': 'maybe', allowed values are true, false");
        assertThatThrownBy(() -> init("charset", "x"))
            .hasMessage("ConvertForRemoteDomain: Unknown parameter 'charset': allowed parameters are "
                + "[errorProcessor, legacyFilenames, policyFile, reloadInterval, thirdPartyDkim]");
        assertThatThrownBy(() -> init("thirdPartyDkim", "keep"))
            .hasMessage("ConvertForRemoteDomain: Invalid parameter 'thirdPartyDkim': 'keep', allowed values are "
                + "preserve, ignore");
        assertThatThrownBy(() -> init("policyFile", "file://conf/other.xml"))
            .hasMessageStartingWith("ConvertForRemoteDomain: Invalid parameter 'policyFile': 'file://conf/other.xml' cannot be found");
    }

    /** S/MIME-signed 8-bit content: never changed, so it cannot be made 7-bit. */
    private static final String SIGNED_8BIT = "From: alice@border.test\r\nTo: x@gateway.test\r\nSubject: hi\r\n"
        + "MIME-Version: 1.0\r\nContent-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; "
        + "boundary=s\r\n\r\n--s\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n"
        + "\r\nh\u00e9\r\n--s\r\nContent-Type: application/pkcs7-signature\r\n\r\nAAAA\r\n--s--\r\n";

    @Test
    void mailThatCannotBeMadeSevenBitForASevenBitOnlyDomainGoesToTheErrorProcessor() throws Exception {
        init("errorProcessor", "convert-error");
        assertThat(mailet.requiredProcessingState()).extracting(Object::toString).containsExactly("convert-error");
        Mail mail = mail(SIGNED_8BIT, "x@gateway.test");
        mailet.service(mail);
        assertThat(mail.getState()).isEqualTo("convert-error");
        assertThat(mail.getErrorMessage()).contains("cannot be made 7-bit").contains("signed or encrypted");
        assertThat(metrics.countFor("border.convert.held")).isEqualTo(1);

        // 8-bit content that converts leaves 7-bit; signed content for other domains leaves as it is
        Mail html = mail(HTML_MAIL.replace("x@text.test", "x@gateway.test"), "x@gateway.test");
        mailet.service(html);
        assertThat(html.getState()).isEqualTo("relay");
        Mail elsewhere = mail(SIGNED_8BIT, "x@other.test");
        mailet.service(elsewhere);
        assertThat(elsewhere.getState()).isEqualTo("relay");
        assertThat(metrics.countFor("border.convert.held")).isEqualTo(1);
    }

    @Test
    void withoutAnErrorProcessorSuchMailGoesOnAsItIs() throws Exception {
        init();
        Mail mail = mail(SIGNED_8BIT, "x@gateway.test");
        mailet.service(mail);
        assertThat(mail.getState()).isEqualTo("relay");
        assertThatThrownBy(() -> init("errorProcessor", "ghost")).hasMessageContaining("would delete the mail");
    }
}
