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

import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RemoveInternalHeadersTest {
    private static final String OURS = "Received: from client.example (localhost [127.0.0.1])\r\n"
        + "          by mx.border.test (JAMES SMTP Server) with ESMTP ID 5\r\n"
        + "          for <carol@remote.test>;\r\n          Mon, 2 Mar 2026 10:00:01 +0000 (UTC)\r\n";
    private static final String EXCHANGE = "Received: from client.corp.local (10.1.2.50) by EXCH01.corp.local"
        + " (10.1.2.3) with Microsoft SMTP Server id 15.2.1118.7; Mon, 2 Mar 2026 10:00:00 +0000\r\n";
    private static final String BODY = "From: alice@border.test\r\nTo: carol@remote.test\r\nSubject: hello\r\n"
        + "Date: Mon, 2 Mar 2026 10:00:00 +0000\r\nMessage-ID: <m1@border.test>\r\n"
        + "X-MS-Exchange-Organization-SCL: -1\r\nX-Border-Delivered-To: bob@border.test\r\n"
        + "X-MS-Exchange-Forest-RulesExecuted: EXCH01\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nHello\r\n";

    private RecordingMetricFactory metrics;

    @BeforeEach
    void setUp() {
        metrics = new RecordingMetricFactory();
    }

    private RemoveInternalHeaders mailet(PublicKeyRecordRetriever keys, String... pairs) throws MessagingException {
        RemoveInternalHeaders mailet = new RemoveInternalHeaders(metrics, keys);
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("RemoveInternalHeaders");
        for (int i = 0; i < pairs.length; i += 2) {
            config.setProperty(pairs[i], pairs[i + 1]);
        }
        mailet.init(config.build());
        return mailet;
    }

    private static Mail mail(String raw) throws MessagingException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        return FakeMail.builder().name("mail1").sender("alice@border.test").recipient("carol@remote.test")
            .mimeMessage(message).build();
    }

    private static String text(Mail mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Nested
    class Init {
        @Test
        void initShouldThrowWhenReceivedIsUnknown() {
            assertThatThrownBy(() -> mailet(ThirdPartySigner.unused(), "received", "strip"))
                .isInstanceOf(MessagingException.class)
                .hasMessage("RemoveInternalHeaders: Invalid parameter 'received': 'strip', allowed values are reduce,"
                    + " remove, keep");
        }

        @Test
        void initShouldThrowWhenRemoveHeadersNamesFrom() {
            assertThatThrownBy(() -> mailet(ThirdPartySigner.unused(), "removeHeaders", "X-A,From"))
                .isInstanceOf(MessagingException.class)
                .hasMessageStartingWith("RemoveInternalHeaders: Invalid parameter 'removeHeaders': 'X-A,From':"
                    + " 'From' would remove from fields");
        }

        @Test
        void initShouldThrowWhenThirdPartyDkimIsUnknown() {
            assertThatThrownBy(() -> mailet(ThirdPartySigner.unused(), "thirdPartyDkim", "maybe"))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("'thirdPartyDkim'");
        }
    }

    @Test
    void serviceShouldRemoveInternalFieldsAndReduceOurHop() throws Exception {
        Mail mail = mail(OURS + EXCHANGE + BODY);
        mailet(ThirdPartySigner.unused()).service(mail);
        String text = text(mail);
        assertThat(text).startsWith("Received: by mx.border.test (JAMES SMTP Server) with ESMTP ID 5\r\n"
            + "          for <carol@remote.test>;\r\n          Mon, 2 Mar 2026 10:00:01 +0000 (UTC)\r\nFrom: ");
        assertThat(text).doesNotContain("corp.local", "10.1.2.", "127.0.0.1", "X-MS-Exchange", "X-Border-Delivered-To");
        assertThat(text).endsWith("\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nHello\r\n");
        assertThat(metrics.countFor("border.firewall.removed")).isEqualTo(3);
        assertThat(metrics.countFor("border.firewall.received.removed")).isEqualTo(1);
        assertThat(metrics.countFor("border.firewall.received.reduced")).isEqualTo(1);
        assertThat(metrics.countFor("border.firewall.changed")).isEqualTo(1);
    }

    @Test
    void receivedFieldsShouldKeepTheirOrder() throws Exception {
        String publicHop = "Received: from mail.fabrikam.test ([203.0.113.5]) by mx.fabrikam.test; Mon, 2 Mar 2026\r\n";
        Mail mail = mail(OURS + EXCHANGE + publicHop + BODY);
        mailet(ThirdPartySigner.unused(), "received", "remove").service(mail);
        assertThat(text(mail)).startsWith(publicHop + "From: ");
        Mail two = mail(OURS + EXCHANGE + publicHop + BODY);
        mailet(ThirdPartySigner.unused()).service(two);
        assertThat(text(two)).startsWith("Received: by mx.border.test (JAMES SMTP Server)").contains(
            "(UTC)\r\n" + publicHop + "From: ");
    }

    @Test
    void aCleanMessageShouldBeLeftAlone() throws Exception {
        String clean = "Received: from mail.fabrikam.test ([203.0.113.5]) by mx.border.test; Mon, 2 Mar 2026\r\n"
            + "From: a@fabrikam.test\r\nSubject: x\r\n\r\nHello\r\n";
        Mail mail = mail(clean);
        mailet(ThirdPartySigner.unused()).service(mail);
        assertThat(text(mail)).isEqualTo(clean);
        assertThat(metrics.countFor("border.firewall.removed")).isZero();
        assertThat(metrics.countFor("border.firewall.changed")).isZero();
    }

    @Test
    void configuredNamesShouldBeRemoved() throws Exception {
        Mail mail = mail("X-Originating-IP: [10.1.2.50]\r\nX-Corp-Tag: a\r\n" + BODY);
        mailet(ThirdPartySigner.unused(), "removeHeaders", "X-Originating-IP,X-Corp-*", "received", "keep")
            .service(mail);
        assertThat(text(mail)).doesNotContain("X-Originating-IP", "X-Corp-Tag");
    }

    @Nested
    class ThirdPartySignatures {
        private String signed() throws Exception {
            return ThirdPartySigner.sign(EXCHANGE + BODY,
                "from:to:subject:received:x-ms-exchange-organization-scl:x-border-delivered-to");
        }

        @Test
        void coveredFieldsOfAVerifyingSignatureShouldStayButTheMarkerNot() throws Exception {
            Mail mail = mail(signed());
            mailet(ThirdPartySigner.keys()).service(mail);
            String text = text(mail);
            assertThat(text).contains(EXCHANGE, "X-MS-Exchange-Organization-SCL: -1");
            assertThat(text).doesNotContain("X-MS-Exchange-Forest-RulesExecuted", "X-Border-Delivered-To");
            assertThat(metrics.countFor("border.dkim.kept")).isEqualTo(1);
        }

        @Test
        void aSignatureThatCannotBeCheckedShouldNotKeepThem() throws Exception {
            Mail mail = mail(signed());
            mailet(ThirdPartySigner.dnsDown()).service(mail);
            assertThat(text(mail)).doesNotContain("corp.local", "X-MS-Exchange");
            assertThat(metrics.countFor("border.dkim.broken")).isEqualTo(1);
        }

        @Test
        void ignoreShouldRemoveThemWithoutVerifying() throws Exception {
            Mail mail = mail(signed());
            mailet(ThirdPartySigner.unused(), "thirdPartyDkim", "ignore").service(mail);
            assertThat(text(mail)).doesNotContain("corp.local", "X-MS-Exchange");
        }
    }
}
