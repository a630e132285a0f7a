package org.bordertransport.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitByRemoteDomainTest {
    private static final String POLICY = "<remoteDomains>\n"
        + "  <remoteDomain name=\"Default\" domain=\"*\"/>\n"
        + "  <remoteDomain name=\"Text\" domain=\"text.test\"><ContentType>MimeText</ContentType></remoteDomain>\n"
        + "  <remoteDomain name=\"Text too\" domain=\"*.text2.test\"><ContentType>MimeText</ContentType></remoteDomain>\n"
        + "  <remoteDomain name=\"Japan\" domain=\"jp.test\"><CharacterSet>iso-2022-jp</CharacterSet></remoteDomain>\n"
        + "  <recipient name=\"Text reader\" address=\"Reader@gmail.test\"><UsePreferMessageFormat>true"
        + "</UsePreferMessageFormat><MessageBodyFormat>Text</MessageBodyFormat></recipient>\n"
        + "  <recipient address=\"same@gmail.test\"><UseMapiRichTextFormat>UseDefaultSettings</UseMapiRichTextFormat>"
        + "</recipient>\n"
        + "  <recipient address=\"html@text.test\"><UsePreferMessageFormat>true</UsePreferMessageFormat></recipient>\n"
        + "</remoteDomains>\n";

    @TempDir
    Path conf;
    private FakeMailContext context;
    private RecordingMetricFactory metrics;
    private SplitByRemoteDomain mailet;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(conf.resolve("remotedomains.xml"), POLICY, StandardCharsets.UTF_8);
        context = FakeMailContext.defaultContext();
        metrics = new RecordingMetricFactory();
        mailet = new SplitByRemoteDomain(location -> {
            if (!location.startsWith("file://conf/")) {
                throw new FileNotFoundException(location);
            }
            return conf.resolve(location.substring("file://conf/".length()));
        }, metrics);
    }

    private void init(String... pairs) throws MessagingException {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("SplitByRemoteDomain").mailetContext(context);
        for (int i = 0; i < pairs.length; i += 2) {
            config.setProperty(pairs[i], pairs[i + 1]);
        }
        mailet.init(config.build());
    }

    private static Mail mail(String... recipients) throws Exception {
        return FakeMail.builder().name("m1").state("relay").sender("alice@border.test").recipients(recipients)
            .mimeMessage(Fixtures.raw()).build();
    }

    @Test
    void recipientsSharingSettingsStayInOneMail() throws Exception {
        init();
        Mail mail = mail("a@gmail.test", "b@yahoo.test", "c@text.test", "d@mx.text2.test");
        mailet.service(mail);

        assertThat(mail.getRecipients()).extracting(MailAddress::asString).containsExactly("a@gmail.test", "b@yahoo.test");
        assertThat(context.getSentMails()).singleElement().satisfies(sent -> {
            assertThat(sent.getRecipients()).extracting(MailAddress::asString).containsExactly("c@text.test", "d@mx.text2.test");
            assertThat(sent.getState()).isEqualTo("relay");
        });
        assertThat(metrics.countFor("border.remotedomain.split")).isEqualTo(1);
    }

    @Test
    void eachGroupGetsItsOwnCopy() throws Exception {
        init();
        Mail mail = mail("c@text.test", "a@gmail.test", "j@jp.test");
        mailet.service(mail);

        assertThat(mail.getRecipients()).extracting(MailAddress::asString).containsExactly("c@text.test");
        assertThat(context.getSentMails()).extracting(sent -> sent.getRecipients().iterator().next().asString())
            .containsExactly("a@gmail.test", "j@jp.test");
    }

    @Test
    void recipientsOfOneDomainWithDifferentEffectiveSettingsGetDifferentCopies() throws Exception {
        init();
        // reader@ (case-insensitive) has MessageBodyFormat Text: it shares the copy of text.test (same settings);
        // same@ changes nothing and stays with a@; html@text.test gets TextAndHtml, the Default's settings: with a@ too
        Mail mail = mail("a@gmail.test", "READER@GMAIL.test", "same@gmail.test", "c@text.test", "html@text.test");
        mailet.service(mail);

        assertThat(mail.getRecipients()).extracting(MailAddress::asString).containsExactly("a@gmail.test",
            "same@gmail.test", "html@text.test");
        assertThat(context.getSentMails()).singleElement().satisfies(sent -> assertThat(sent.getRecipients())
            .extracting(MailAddress::asString).containsExactly("READER@gmail.test", "c@text.test"));
    }

    @Test
    void aSingleGroupIsLeftAlone() throws Exception {
        init();
        Mail mail = mail("a@gmail.test", "b@other.test");
        mailet.service(mail);
        assertThat(mail.getRecipients()).hasSize(2);
        assertThat(context.getSentMails()).isEmpty();
        assertThat(metrics.countFor("border.remotedomain.split")).isZero();
    }

    @Test
    void initShouldNameTheParameterWhenTheFileIsMissingOrBroken() throws Exception {
        assertThatThrownBy(() -> init("policyFile", "file://var/none.xml"))
            .isInstanceOf(MessagingException.class)
            .hasMessageStartingWith("SplitByRemoteDomain: Invalid parameter 'policyFile': 'file://var/none.xml' cannot be found");
        Files.writeString(conf.resolve("remotedomains.xml"), "<remoteDomains><remoteDomain name=\"x\" domain=\"x.test\">"
            + "<LineWrapSize>200</LineWrapSize></remoteDomain></remoteDomains>", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> init())
            .hasMessageStartingWith("SplitByRemoteDomain: Invalid parameter 'policyFile': ")
            .hasMessageContaining("invalid LineWrapSize '200'");
        assertThatThrownBy(() -> init("policy", "x"))
            .hasMessage("SplitByRemoteDomain: Unknown parameter 'policy': allowed parameters are [policyFile, reloadInterval]");
    }
}
