package org.bordertransport.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SignDkimTest {
    private static final String TEMPLATE = "v=1; s=border; d=border.test; h=from:to:subject; a=rsa-sha256;"
        + " c=relaxed/relaxed; bh=; b=;";
    private static String ownKey;

    @BeforeAll
    static void generateKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        ownKey = "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(generator.generateKeyPair().getPrivate()
            .getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    /** The private key of the shipped conf/mailetcontainer.xml, as it stands there (indented). */
    static String shippedSampleKey() throws Exception {
        String conf = Files.readString(Path.of("../conf/mailetcontainer.xml"), StandardCharsets.UTF_8);
        Matcher key = Pattern.compile("<privateKey>(.*?)</privateKey>", Pattern.DOTALL).matcher(conf);
        assertThat(key.find()).as("a privateKey in the shipped conf").isTrue();
        return key.group(1);
    }

    private static SignDkim init(String... parameters) throws MessagingException {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("SignDkim")
            .mailetContext(FakeMailContext.defaultContext());
        for (int i = 0; i < parameters.length; i += 2) {
            config.setProperty(parameters[i], parameters[i + 1]);
        }
        SignDkim mailet = new SignDkim(new RecordingMetricFactory());
        mailet.init(config.build());
        return mailet;
    }

    private static Mail mail() throws Exception {
        return FakeMail.builder().name("m").sender("alice@border.test").recipient("p@plaintext.example.net")
            .mimeMessage(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(
                ("From: alice@border.test\r\nTo: p@plaintext.example.net\r\nSubject: hi\r\n\r\nHello\r\n")
                    .getBytes(StandardCharsets.US_ASCII)))).build();
    }

    @Nested
    class Init {
        @Test
        void initShouldThrowWhenSignatureTemplateIsMissing() {
            assertThatThrownBy(() -> init("privateKey", ownKey))
                .isInstanceOf(MessagingException.class)
                .hasMessageStartingWith("SignDkim: Missing parameter 'signatureTemplate'");
        }

        @Test
        void initShouldThrowWhenSignatureTemplateHasNoSelector() {
            assertThatThrownBy(() -> init("signatureTemplate", "v=1; d=border.test; h=from; a=rsa-sha256; bh=; b=;",
                "privateKey", ownKey))
                .isInstanceOf(MessagingException.class)
                .hasMessageStartingWith("SignDkim: Invalid parameter 'signatureTemplate': 'v=1; d=border.test; h=from;"
                    + " a=rsa-sha256; bh=; b=;': Missing mandatory tag: s; expected a template such as 'v=1;");
        }

        @Test
        void initShouldThrowWhenSignatureTemplateIsNotTagValue() {
            assertThatThrownBy(() -> init("signatureTemplate", "garbage", "privateKey", ownKey))
                .isInstanceOf(MessagingException.class)
                .hasMessageStartingWith("SignDkim: Invalid parameter 'signatureTemplate': 'garbage': ");
        }

        @Test
        void initShouldThrowWhenForceCrlfIsNotABoolean() {
            assertThatThrownBy(() -> init("signatureTemplate", TEMPLATE, "privateKey", ownKey, "forceCRLF", "yes"))
                .isInstanceOf(MessagingException.class)
                .hasMessage("SignDkim: Invalid parameter 'forceCRLF': 'yes': allowed values are true, false");
        }

        @Test
        void initShouldThrowWhenTheKeyIsNotPem() {
            assertThatThrownBy(() -> init("signatureTemplate", TEMPLATE, "privateKey", "not a key"))
                .isInstanceOf(MessagingException.class)
                .hasMessageStartingWith("SignDkim: Invalid parameter 'privateKey': not a readable PEM RSA private key");
        }

        @Test
        void initShouldThrowWhenNoKeyIsGiven() {
            assertThatThrownBy(() -> init("signatureTemplate", TEMPLATE))
                .isInstanceOf(MessagingException.class)
                .hasMessage("SignDkim: Missing parameter 'privateKey' (a PEM RSA private key) or 'privateKeyFilepath'"
                    + " (a PEM file on James's classpath)");
        }

        @Test
        void initShouldThrowWhenTheKeyFileIsNotOnTheClasspath() {
            assertThatThrownBy(() -> init("signatureTemplate", TEMPLATE, "privateKeyFilepath", "no/such/key.pem"))
                .isInstanceOf(MessagingException.class)
                .hasMessage("SignDkim: Invalid parameter 'privateKeyFilepath': 'no/such/key.pem' is not on James's"
                    + " classpath (or give the key inline in 'privateKey')");
        }

        @Test
        void initShouldThrowWhenAParameterIsUnknown() {
            assertThatThrownBy(() -> init("signatureTemplate", TEMPLATE, "privateKey", ownKey, "selector", "s1"))
                .isInstanceOf(MessagingException.class)
                .hasMessageStartingWith("SignDkim: Unknown parameter 'selector'");
        }
    }

    @Nested
    class SampleKey {
        @Test
        void theShippedKeyIsRecognisedWhateverItsIndentation() throws Exception {
            String sample = shippedSampleKey();
            assertThat(SignDkim.isSampleKey(sample)).isTrue();
            assertThat(SignDkim.isSampleKey(sample.replaceAll("(?m)^\\s+", ""))).isTrue();
        }

        @Test
        void anotherKeyIsNot() {
            assertThat(SignDkim.isSampleKey(ownKey)).isFalse();
        }

        @Test
        void theShippedIndentedKeyIsReadByDkimSign() throws Exception {
            Mail mail = mail();
            init("signatureTemplate", TEMPLATE, "privateKey", shippedSampleKey()).service(mail);
            assertThat(mail.getMessage().getHeader("DKIM-Signature")).hasSize(1);
        }
    }

    @Test
    void serviceShouldPrependOneDkimSignatureForTheTemplatesDomainAndSelector() throws Exception {
        Mail mail = mail();
        init("signatureTemplate", TEMPLATE, "privateKey", ownKey).service(mail);

        String[] signatures = mail.getMessage().getHeader("DKIM-Signature");
        assertThat(signatures).hasSize(1);
        assertThat(signatures[0]).contains("d=border.test;", "s=border;", "a=rsa-sha256;").containsPattern("b=[A-Za-z0-9+/]");
        assertThat(mail.getMessage().getAllHeaderLines().nextElement()).startsWith("DKIM-Signature:");
    }

    @Test
    void theSignedMailLeavesAsSignedWithoutAReSaveAddingFields() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
            .encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        String publicRecord = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        // no Date, no MIME-Version: a re-save of the edited header would add both after the signature signed them
        String original = "From: alice@border.test\r\nTo: p@example.com\r\nSubject: parts\r\n"
            + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nHello\r\n"
            + "--b\r\nContent-Type: application/octet-stream\r\n\r\nAAAA\r\n--b--\r\n";
        MimeMessageInputStreamSource source = MimeMessageInputStreamSource.create("signdkim-test",
            new ByteArrayInputStream(original.getBytes(StandardCharsets.US_ASCII)));
        Mail mail = FakeMail.builder().name("m").sender("alice@border.test").recipient("p@example.com")
            .mimeMessage(new MimeMessageWrapper(source)).build();

        init("signatureTemplate", "v=1; s=border; d=border.test; h=from:to:subject:date:mime-version; "
            + "a=rsa-sha256; c=relaxed/relaxed; bh=; b=;", "privateKey", pem).service(mail);

        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        new MimeMessage(mail.getMessage()).writeTo(sent);
        String octets = sent.toString(StandardCharsets.US_ASCII);
        assertThat(octets).startsWith("DKIM-Signature:").endsWith(original).doesNotContain("Date:", "MIME-Version:");
        List<SignatureRecord> verified = new DKIMVerifier((method, selector, domain) -> List.of(publicRecord))
            .verify(new ByteArrayInputStream(sent.toByteArray()));
        assertThat(verified).hasSize(1);
        source.dispose();
    }

    @Test
    void aHeaderLineWithoutAFieldNameLeavesTheMailUnsignedAndCounted() throws Exception {
        // James's DKIMSign throws on such a line ("Bad header line"), which sent the mail to the error repository
        Mail mail = FakeMail.builder().name("bad").sender("alice@border.test").recipient("p@example.com")
            .mimeMessage(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(
                ("From: alice@border.test\r\nTo: p@example.com\r\nSubject: hi\r\n\r\nHello\r\n")
                    .getBytes(StandardCharsets.US_ASCII)))).build();
        mail.getMessage().addHeaderLine(": no name");
        RecordingMetricFactory metrics = new RecordingMetricFactory();
        SignDkim mailet = new SignDkim(metrics);
        mailet.init(FakeMailetConfig.builder().mailetName("SignDkim").mailetContext(FakeMailContext.defaultContext())
            .setProperty("signatureTemplate", TEMPLATE).setProperty("privateKey", ownKey).build());

        mailet.service(mail);

        assertThat(mail.getMessage().getHeader("DKIM-Signature")).isNull();
        assertThat(mail.getState()).isNotEqualTo(Mail.ERROR);
        assertThat(metrics.countFor("border.dkim.unsignable")).isEqualTo(1);
        assertThat(metrics.countFor("border.dkim.signed")).isZero();
    }

    @Test
    void everySignedMailShouldBeCounted() throws Exception {
        RecordingMetricFactory metrics = new RecordingMetricFactory();
        SignDkim mailet = new SignDkim(metrics);
        mailet.init(FakeMailetConfig.builder().mailetName("SignDkim").mailetContext(FakeMailContext.defaultContext())
            .setProperty("signatureTemplate", TEMPLATE).setProperty("privateKey", ownKey).build());

        mailet.service(mail());
        mailet.service(mail());

        assertThat(metrics.countFor("border.dkim.signed")).isEqualTo(2);
        assertThat(metrics.countFor("border.dkim.unsignable")).isZero();
    }
}
