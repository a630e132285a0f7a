package org.bordertransport.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bordertransport.mailets.Fixtures.mail;
import static org.bordertransport.mailets.Fixtures.raw;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddMessageIdTest {
    private RecordingMetricFactory metrics;
    private AddMessageId mailet;

    @BeforeEach
    void setUp() {
        metrics = new RecordingMetricFactory();
        mailet = new AddMessageId(Fixtures.BORDER_TEST, metrics);
    }

    private void init(String... pairs) throws MessagingException {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("AddMessageId");
        for (int i = 0; i < pairs.length; i += 2) {
            config.setProperty(pairs[i], pairs[i + 1]);
        }
        mailet.init(config.build());
    }

    @Nested
    class Init {
        @Test
        void initShouldThrowWhenUnknownParameter() {
            assertThatThrownBy(() -> init("domian", "example.com"))
                .isInstanceOf(MessagingException.class)
                .hasMessage("AddMessageId: Unknown parameter 'domian': allowed parameters are [domain, onMalformed, thirdPartyDkim]");
        }

        @Test
        void initShouldAcceptTheContainersOwnParameters() throws Exception {
            init("onMailetException", "ignore", "onMatchException", "noMatch", "domain", "example.com");

            Mail mail = mail(raw());
            mailet.service(mail);
            assertThat(mail.getMessage().getMessageID()).matches("<[a-z2-7]{26}@example\\.com>");
        }

        @Test
        void initShouldThrowWhenDomainIsMalformed() {
            assertThatThrownBy(() -> init("domain", "exa mple.com"))
                .isInstanceOf(MessagingException.class)
                .hasMessageStartingWith("AddMessageId: Invalid parameter 'domain': 'exa mple.com' is not a domain name");
        }

        @Test
        void initShouldThrowWhenDomainIsAHostName() {
            assertThatThrownBy(() -> init("domain", "localhost"))
                .hasMessageStartingWith("AddMessageId: Invalid parameter 'domain': 'localhost' is not a fully qualified domain name");
        }

        @Test
        void initShouldThrowWhenOnMalformedIsUnknown() {
            assertThatThrownBy(() -> init("onMalformed", "drop"))
                .hasMessage("AddMessageId: Invalid parameter 'onMalformed': 'drop', allowed values are replace, keep");
        }

        @Test
        void initShouldThrowWhenNoDomainAndNoJamesDefaultDomain() {
            mailet = new AddMessageId(Fixtures.NO_DEFAULT, metrics);
            assertThatThrownBy(() -> init())
                .hasMessageStartingWith("AddMessageId: Missing parameter 'domain'");
        }

        @Test
        void initShouldRefuseAJamesDefaultDomainThatIsNotQualified() {
            mailet = new AddMessageId(() -> java.util.Optional.of("localhost"), metrics);
            assertThatThrownBy(() -> init())
                .hasMessageStartingWith("AddMessageId: Invalid parameter 'domain': 'localhost'");
        }
    }

    @Nested
    class Service {
        @Test
        void serviceShouldAddAnIdOnTheJamesDefaultDomainWhenNoneIsPresent() throws Exception {
            init();
            Mail mail = mail(raw());
            mailet.service(mail);
            assertThat(mail.getMessage().getHeader("Message-ID")).singleElement().asString()
                .matches("<[a-z2-7]{26}@border\\.test>");
            assertThat(metrics.countFor("border.messageid.added")).isEqualTo(1);
        }

        @Test
        void serviceShouldUseTheConfiguredDomain() throws Exception {
            init("domain", "Mail.Example.COM");
            Mail mail = mail(raw());
            mailet.service(mail);
            assertThat(mail.getMessage().getMessageID()).matches("<[a-z2-7]{26}@mail\\.example\\.com>");
        }

        @Test
        void serviceShouldKeepAValidId() throws Exception {
            init();
            Mail mail = mail(raw("Message-ID: <keep.me@example.org>"));
            mailet.service(mail);
            assertThat(mail.getMessage().getHeader("Message-ID")).containsExactly("<keep.me@example.org>");
            assertThat(metrics.countFor("border.messageid.added")).isZero();
        }

        @Test
        void serviceShouldGiveEveryMailItsOwnId() throws Exception {
            init();
            Mail first = mail(raw());
            Mail second = mail(raw());
            mailet.service(first);
            mailet.service(second);
            assertThat(first.getMessage().getMessageID()).isNotEqualTo(second.getMessage().getMessageID());
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc@example.org", "<abc.example.org>", "<abc@example.org", "<a b@example.org>"})
        void serviceShouldReplaceMalformedIdsByDefault(String malformed) throws Exception {
            init();
            Mail mail = mail(raw("Message-ID: " + malformed));
            mailet.service(mail);
            assertThat(mail.getMessage().getHeader("Message-ID")).singleElement().asString().endsWith("@border.test>");
            assertThat(metrics.countFor("border.messageid.malformed")).isEqualTo(1);
        }

        @Test
        void serviceShouldReplaceSeveralIdsByOne() throws Exception {
            init();
            Mail mail = mail(raw("Message-ID: <a@example.org>", "Message-ID: <b@example.org>"));
            mailet.service(mail);
            assertThat(mail.getMessage().getHeader("Message-ID")).singleElement().asString().endsWith("@border.test>");
        }

        @Test
        void serviceShouldKeepMalformedIdsWhenAsked() throws Exception {
            init("onMalformed", "keep");
            Mail mail = mail(raw("Message-ID: abc@example.org"));
            mailet.service(mail);
            assertThat(mail.getMessage().getHeader("Message-ID")).containsExactly("abc@example.org");
            assertThat(metrics.countFor("border.messageid.malformed")).isEqualTo(1);
            assertThat(metrics.countFor("border.messageid.added")).isZero();
        }

        @Test
        void serviceShouldTreatAnEmptyHeaderAsMissing() throws Exception {
            init();
            Mail mail = mail(raw("Message-ID: "));
            mailet.service(mail);
            assertThat(mail.getMessage().getHeader("Message-ID")).singleElement().asString().endsWith("@border.test>");
            assertThat(metrics.countFor("border.messageid.malformed")).isZero();
        }

        @Test
        void serviceShouldNotLetJavaMailReplaceTheIdWithAHostName() throws Exception {
            init();
            MimeMessage plain = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(
                "From: alice@border.test\r\nSubject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)));
            Mail mail = mail(plain);
            mailet.service(mail);
            assertThat(mail.getMessage().getMessageID()).matches("<[a-z2-7]{26}@border\\.test>").doesNotContain("JavaMail");
        }

        @Test
        void serviceShouldKeepTheBody() throws Exception {
            init();
            Mail mail = mail(raw());
            mailet.service(mail);
            assertThat(mail.getMessage().getContent()).isEqualTo("h\u00e9llo w\u00f6rld\r\n");
        }
    }
}
