package org.bordertransport.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Over the NDR samples of the core test jar ({@code org/bordertransport/core/ndr/}). */
class IsNonDeliveryReportTest {
    private static IsNonDeliveryReport matcher(String condition) throws MessagingException {
        IsNonDeliveryReport matcher = new IsNonDeliveryReport();
        matcher.init(FakeMatcherConfig.builder().matcherName("IsNonDeliveryReport").condition(condition).build());
        return matcher;
    }

    @ParameterizedTest(name = "{0} from <{1}>: {2}")
    @CsvSource({
        "postfix-bounce.eml, '', true",
        "exchange-online-ndr.eml, '', true",
        "exim-bounce.eml, '', true",
        "james-dsnbounce.eml, '', true",
        "vacation-auto-reply.eml, '', false",
        "arf-abuse-report.eml, '', false",
        "success-dsn.eml, '', false",
        "read-receipt.eml, '', false",
        "normal-mail.eml, someone@example.org, false",
    })
    void tellsBouncesFromOtherMail(String sample, String sender, boolean bounce) throws Exception {
        MimeMessage message;
        try (InputStream in = getClass().getResourceAsStream("/org/bordertransport/core/ndr/" + sample)) {
            assertThat(in).as(sample).isNotNull();
            message = new MimeMessage(Session.getInstance(new Properties()), in);
        }
        FakeMail.Builder builder = FakeMail.builder().name("m").recipients("x@example.com").mimeMessage(message);
        FakeMail mail = (sender.isEmpty() ? builder : builder.sender(sender)).build();

        assertThat(matcher(null).match(mail)).hasSize(bounce ? 1 : 0);
    }

    @Test
    void takesNoCondition() {
        assertThatThrownBy(() -> matcher("strict"))
            .isInstanceOf(MessagingException.class)
            .hasMessage("IsNonDeliveryReport: invalid condition 'strict', allowed: no condition");
    }

    @Test
    void aMessageThatCannotBeReadFailsTheMatchForOnMatchException() throws Exception {
        String raw = "From: MAILER-DAEMON@example.org\r\nTo: a@border.test\r\nSubject: report\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\n"
            + "Content-Type: message/delivery-status\r\n\r\nAction: failed\r\n--b--\r\n";
        FakeMail mail = FakeMail.builder().name("m").recipient("a@border.test")
            .mimeMessage(HasTnefTest.unreadable(raw)).build();
        assertThatThrownBy(() -> matcher(null).match(mail))
            .isInstanceOf(MessagingException.class)
            .hasMessage("IsNonDeliveryReport: mail m cannot be read to tell whether it is a bounce")
            .hasRootCauseMessage("disk gone");
    }
}
