package org.bordertransport.core.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.bordertransport.core.policy.RemoteDomainSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code NDRDiagnosticInfoEnabled}, {@code DisplaySenderName} and {@code UseSimpleDisplayName}. */
class NdrAndSenderNameConversionTest {
    private static final RemoteDomainSettings NO_DIAGNOSTICS = RemoteDomainSettings.builder()
        .ndrDiagnosticInfoEnabled(false).build();
    private static final String HUMAN = "Your message could not be delivered.\r\nError: 550 5.1.1 mailbox unknown "
        + "(from mx1.corp.local)\r\n";
    private static final String NDR = "From: MAILER-DAEMON@border.test\r\nTo: alice@partner.example\r\n"
        + "Subject: Undeliverable: plan\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\r\n\r\n"
        + "preamble\r\n--r\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n" + HUMAN
        + "--r\r\nContent-Type: message/delivery-status\r\n\r\n"
        + "Reporting-MTA: dns; james.corp.local\r\nX-Postfix-Queue-ID: 4F2\r\nArrival-Date: Mon, 2 Mar 2026 "
        + "10:00:00 +0000\r\n\r\nFinal-Recipient: rfc822; bob@border.test\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        + "Remote-MTA: dns; mx1.corp.local\r\nDiagnostic-Code: smtp; 550 5.1.1 <bob@border.test>:\r\n"
        + "  user unknown on mx1.corp.local\r\n\r\n"
        + "--r\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        + "Received: from exch01.corp.local by james.corp.local;\r\n Mon, 2 Mar 2026 10:00:00 +0000\r\n"
        + "Received: from [10.0.0.7] by exch01.corp.local; Mon, 2 Mar 2026 09:59:59 +0000\r\n"
        + "From: alice@partner.example\r\nSubject: plan\r\n\r\n--r--\r\n";

    private static ConversionResult result;

    private static String convert(String message, RemoteDomainSettings settings) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        result = MessageConverter.withDefaults().convert(new ByteArrayInputStream(
            message.getBytes(StandardCharsets.UTF_8)), out, settings);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void diagnosticFieldsAndReturnedReceivedHeadersLeaveNdrsWhenDisabled() throws Exception {
        String out = convert(NDR, NO_DIAGNOSTICS);

        String expected = NDR.replace("X-Postfix-Queue-ID: 4F2\r\n", "")
            .replace("Remote-MTA: dns; mx1.corp.local\r\nDiagnostic-Code: smtp; 550 5.1.1 <bob@border.test>:\r\n"
                + "  user unknown on mx1.corp.local\r\n", "")
            .replace("Received: from exch01.corp.local by james.corp.local;\r\n Mon, 2 Mar 2026 10:00:00 +0000\r\n"
                + "Received: from [10.0.0.7] by exch01.corp.local; Mon, 2 Mar 2026 09:59:59 +0000\r\n", "");
        assertThat(out).isEqualTo(expected);
        assertThat(result.modified()).isTrue();
        assertThat(result.changes()).containsExactly(
            "root: 5 diagnostic field(s) removed from the report (NDRDiagnosticInfoEnabled=false)");
        MessageAssertions.leaves(out.getBytes(StandardCharsets.US_ASCII)); // re-parses
    }

    @Test
    void anEpilogueStaysAfterTheClosingDelimiter() throws Exception {
        String withEpilogue = NDR + "This is the epilogue.\r\n";
        String out = convert(withEpilogue, NO_DIAGNOSTICS);
        assertThat(out).endsWith("\r\n--r--\r\nThis is the epilogue.\r\n");
    }

    @Test
    void ndrsKeepEverythingByDefault() throws Exception {
        assertThat(convert(NDR, RemoteDomainSettings.defaults())).isEqualTo(NDR);
        assertThat(result.modified()).isFalse();
    }

    @Test
    void aReturnedMessageLosesOnlyItsReceivedFieldsAndOtherMailIsUntouched() throws Exception {
        String returned = NDR.replace("Content-Type: text/rfc822-headers\r\n\r\n", "Content-Type: message/rfc822\r\n\r\n")
            .replace("Subject: plan\r\n\r\n--r--", "Subject: plan\r\n\r\nReceived: body text stays\r\n--r--");
        String out = convert(returned, NO_DIAGNOSTICS);
        assertThat(out).doesNotContain("Received: from").contains("Received: body text stays\r\n--r--");

        String normal = "From: a@example.com\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; "
            + "boundary=m\r\n\r\n--m\r\nContent-Type: text/rfc822-headers\r\n\r\nReceived: from x\r\n\r\n--m--\r\n";
        assertThat(convert(normal, NO_DIAGNOSTICS)).isEqualTo(normal);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "false|false|From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <j@border.test>|From: j@border.test",
        "false|true|From: \"Smith, John\" <j@border.test>, x@border.test|From: j@border.test, x@border.test",
        "true|true|From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BC=C3=9Fler?= <j@border.test>|From: Jurgen Mussler <j@border.test>",
        "true|true|From: =?UTF-8?B?5bGx55Sw?= <y@border.test>|From: y@border.test",
        "true|true|From: \"O'Neil, Zoë\" <z@border.test>|From: \"O'Neil, Zoe\" <z@border.test>",
        "true|false|From: =?UTF-8?Q?J=C3=BCrgen?= <j@border.test>|From: =?UTF-8?Q?J=C3=BCrgen?= <j@border.test>",
    })
    void senderDisplayNames(boolean displaySenderName, boolean simple, String from, String expected) throws Exception {
        String message = from + "\r\nTo: Partner <p@partner.example>\r\nSubject: s\r\n\r\nbody\r\n";
        String out = convert(message, RemoteDomainSettings.builder().displaySenderName(displaySenderName)
            .useSimpleDisplayName(simple).build());
        assertThat(out).startsWith(expected + "\r\nTo: Partner <p@partner.example>\r\n");
    }

    @Test
    void simpleNamesFoldToAsciiOrNothing() {
        assertThat(SenderNames.simple("Søren Ærø Łukasz Straße")).isEqualTo("Soren AEro Lukasz Strasse");
        assertThat(SenderNames.simple("Ｆｕｌｌ　Ｗｉｄｔｈ")).isEqualTo("Full Width");
        assertThat(SenderNames.simple("Иван")).isEmpty();
    }
}
