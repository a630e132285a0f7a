package org.bordertransport.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.PerRecipientHeaders;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RecordForwardingMailboxTest {
    private RecordingMetricFactory metrics;
    private RecordForwardingMailbox mailet;

    @BeforeEach
    void setUp() {
        metrics = new RecordingMetricFactory();
        mailet = new RecordForwardingMailbox(metrics);
    }

    private void init(String... pairs) throws MessagingException {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("RecordForwardingMailbox")
            .mailetContext(RewriteSenderSrsTest.context());
        for (int i = 0; i < pairs.length; i += 2) {
            config.setProperty(pairs[i], pairs[i + 1]);
        }
        mailet.init(config.build());
    }

    private static MailImpl mail(String header, String... recipients) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(
            (header + "From: bob@fabrikam.com\r\nSubject: s\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII)));
        return MailImpl.builder().name("m1").sender(new MailAddress("bob@fabrikam.com")).addRecipients(recipients)
            .mimeMessage(message).build();
    }

    private static String recorded(Mail mail) {
        return ForwardingMailbox.read(mail).map(MailAddress::asString).orElse(null);
    }

    @Nested
    class Configuration {
        @Test
        void initShouldThrowWhenMailboxIsNotAnAddress() {
            assertThatThrownBy(() -> init("mailbox", "not an address"))
                .isInstanceOf(MessagingException.class)
                .hasMessageStartingWith("RecordForwardingMailbox: Invalid parameter 'mailbox': 'not an address' is not"
                    + " an address")
                .hasMessageEndingWith("(expected an e-mail address)");
        }

        @Test
        void initShouldThrowWhenAParameterIsUnknown() {
            assertThatThrownBy(() -> init("forwardTo", "x@example.com"))
                .isInstanceOf(MessagingException.class)
                .hasMessage("RecordForwardingMailbox: Unknown parameter 'forwardTo': allowed parameters are [mailbox]");
        }
    }

    @Nested
    class WhatIsRecorded {
        @Test
        void serviceShouldNameTheRecipientTheRuleIsFor() throws Exception {
            init();
            MailImpl mail = mail("", "john.work@border.test");
            mailet.service(mail);

            assertThat(recorded(mail)).isEqualTo("john.work@border.test");
            assertThat(metrics.countFor("border.srs.forwarder.recorded")).isEqualTo(1);
        }

        @Test
        void serviceShouldNameTheFirstHostedRecipientWhenSeveralMatchedTheRule() throws Exception {
            init();
            MailImpl mail = mail("", "x@example.com", "john.work@border.test", "alice@border.test");
            mailet.service(mail);

            assertThat(recorded(mail)).isEqualTo("john.work@border.test");
        }

        @Test
        void serviceShouldNameTheConfiguredMailboxOfAList() throws Exception {
            init("mailbox", "team@border.test");
            MailImpl mail = mail("", "team@border.test", "alice@border.test");
            mailet.service(mail);

            assertThat(recorded(mail)).isEqualTo("team@border.test");
        }

        @Test
        void serviceShouldRecordNothingAndCountWhenTheConfiguredMailboxIsNotHosted() throws Exception {
            init("mailbox", "team@elsewhere.example");
            MailImpl mail = mail("", "team@border.test");
            ForwardingMailbox.record(mail, new MailAddress("old@border.test"));
            mailet.service(mail);

            assertThat(recorded(mail)).isNull();
            assertThat(metrics.countFor("border.srs.forwarder.unhosted")).isEqualTo(1);
            assertThat(metrics.countFor("border.srs.forwarder.recorded")).isZero();
        }

        @Test
        void serviceShouldRemoveAnEarlierRecordWhenNoRecipientIsHosted() throws Exception {
            init();
            MailImpl mail = mail("", "x@example.com");
            ForwardingMailbox.record(mail, new MailAddress("old@border.test"));
            mailet.service(mail);

            assertThat(recorded(mail)).isNull();
        }

        @Test
        void serviceShouldReplaceAnEarlierRecord() throws Exception {
            init();
            MailImpl mail = mail("", "john.work@border.test");
            ForwardingMailbox.record(mail, new MailAddress("old@border.test"));
            mailet.service(mail);

            assertThat(mail.getPerRecipientSpecificHeaders().getHeadersForRecipient(ForwardingMailbox.HOLDER))
                .containsExactly(PerRecipientHeaders.Header.builder().name(ForwardingMailbox.NAME)
                    .value("john.work@border.test").build());
        }

        @Test
        void serviceShouldLeaveTheMessageAndOtherPerRecipientHeadersAlone() throws Exception {
            init();
            MailImpl mail = mail("X-Border-Forwarding-Mailbox: ceo@border.test\r\n", "john.work@border.test");
            PerRecipientHeaders.Header other = PerRecipientHeaders.Header.builder().name("X-Other").value("v").build();
            mail.addSpecificHeaderForRecipient(other, new MailAddress("john.work@border.test"));
            mailet.service(mail);

            assertThat(mail.getMessage().getHeader(ForwardingMailbox.NAME)).containsExactly("ceo@border.test");
            assertThat(mail.getPerRecipientSpecificHeaders().getHeadersForRecipient(
                new MailAddress("john.work@border.test"))).containsExactly(other);
            assertThat(recorded(mail)).isEqualTo("john.work@border.test");
        }
    }

    @Nested
    class WhatSurvivesACopy {
        /** What James 3.8.1's Forward / Redirect / Resend do to the mail they send on (ProcessRedirectNotify). */
        @Test
        void theRecordSurvivesADuplicateWithoutAttributesWhenTheRecipientsChange() throws Exception {
            init();
            MailImpl mail = mail("", "john.work@border.test");
            mail.setAttribute(new Attribute(AttributeName.of("some.attribute"), AttributeValue.of("v")));
            mailet.service(mail);

            MailImpl copy = MailImpl.duplicate(mail);
            copy.setRecipients(java.util.List.of(new MailAddress("john.home@example.com")));
            copy.removeAllAttributes();

            assertThat(recorded(copy)).isEqualTo("john.work@border.test");
            assertThat(copy.getPerRecipientSpecificHeaders().getHeadersForRecipient(
                new MailAddress("john.home@example.com"))).isEmpty();
        }

        @Test
        void aForgedMimeHeaderIsNotARecord() throws Exception {
            MailImpl mail = mail("X-Border-Forwarding-Mailbox: ceo@border.test\r\n", "john.home@example.com");

            assertThat(recorded(mail)).isNull();
        }

        @Test
        void aRecordCopiedTwiceReadsAsOne() throws Exception {
            MailImpl mail = mail("", "john.home@example.com");
            ForwardingMailbox.record(mail, new MailAddress("john.work@border.test"));
            // James 3.8.1's memory queue: duplicate, then add the per-recipient headers again
            MailImpl queued = MailImpl.duplicate(mail);
            queued.addAllSpecificHeaderForRecipient(mail.getPerRecipientSpecificHeaders());

            assertThat(queued.getPerRecipientSpecificHeaders().getHeadersForRecipient(ForwardingMailbox.HOLDER))
                .hasSize(2);
            assertThat(recorded(queued)).isEqualTo("john.work@border.test");
            ForwardingMailbox.clear(queued);
            assertThat(recorded(queued)).isNull();
        }
    }
}
