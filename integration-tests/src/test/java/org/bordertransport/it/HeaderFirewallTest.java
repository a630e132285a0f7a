package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;

import org.apache.james.modules.protocols.SieveProbeImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "Nothing internal leaves", in a real James with the shipped conf: what the remote MX (a {@link FakeMx} recording the
 * exact bytes) gets carries no {@code X-MS-Exchange-Organization-*} / {@code X-MS-Exchange-Forest-*} field, no
 * {@code X-Border-Delivered-To} on any Sieve-redirect path, no {@code Received} hop naming an internal host; James's
 * own {@code Received} field and its EHLO name the public {@code mx.border.test}, never the machine's host name; and
 * a local mailbox stores no {@code X-Border-Delivered-To}.
 */
class HeaderFirewallTest {
    private static final String REMOTE = "remote-a.test";
    private static final String SISTER = "mail.sister.example";
    private static final String PUBLIC_NAME = "mx.border.test";
    private static final String MARKER = "X-Border-Delivered-To";
    private static final String EXCHANGE_HOP = "Received: from client.corp.local (10.1.2.50) by EXCH01.corp.local"
        + " (10.1.2.3) with Microsoft SMTP Server id 15.2.1118.7; Mon, 2 Mar 2026 09:59:58 +0000";

    @RegisterExtension
    BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains(REMOTE, SISTER);

    @Test
    void mailFromTheInternalExchangeLeavesWithoutInternalFieldsAndHops() throws Exception {
        String to = "carol@" + REMOTE;
        String message = EXCHANGE_HOP + "\r\n" + Mails.message(BorderJames.ALICE, List.of(to),
            Mails.uniqueSubject("firewall"), "Message-ID: <m1@border.test>",
            "X-MS-Exchange-Organization-SCL: -1",
            "X-MS-Exchange-Organization-AuthAs: Internal",
            "X-MS-Exchange-Forest-RulesExecuted: EXCH01",
            "X-MS-Exchange-CrossTenant-Id: kept",
            MARKER + ": forged@border.test");
        extension.james().send("EXCH01.corp.local", BorderJames.ALICE, List.of(to), message);

        ReceivedMail mail = extension.mx(REMOTE).awaitOneMail();
        String header = mail.headerBlock();
        assertThat(header).doesNotContainIgnoringCase("X-MS-Exchange-Organization")
            .doesNotContainIgnoringCase("X-MS-Exchange-Forest").doesNotContain(MARKER)
            .doesNotContainIgnoringCase("corp.local").doesNotContain("10.1.2.").doesNotContain("127.0.0.1");
        assertThat(mail.header("X-MS-Exchange-CrossTenant-Id")).contains("kept");
        List<String> received = mail.headers("Received");
        assertThat(received).hasSize(1);
        // James 3.8.1 writes "(JAMES SMTP Server )", with the space
        assertThat(received.get(0)).startsWith("by " + PUBLIC_NAME + " (JAMES SMTP Server ) with SMTP ID ")
            .contains("for <" + to + ">;");
        assertThat(header).doesNotContain("by " + machineName() + " ");
        assertThat(extension.mx(REMOTE).helloNames()).containsOnly(PUBLIC_NAME);
        // our DKIM signature, made after the firewall, covers the final header
        assertThat(mail.header("DKIM-Signature")).isPresent();
    }

    @Test
    void aLocalMailboxStoresNoMarkerAndJamesNamesItsPublicName() throws Exception {
        extension.james().send("carol@fabrikam.test", List.of(BorderJames.BOB), Mails.message("carol@fabrikam.test",
            List.of(BorderJames.BOB), Mails.uniqueSubject("local")));

        ImapMessage stored = extension.james().awaitSingleMessage(BorderJames.BOB);
        assertThat(stored.headerBlock()).doesNotContain(MARKER);
        assertThat(stored.headers("Received")).anySatisfy(r -> assertThat(r).contains("by " + PUBLIC_NAME
            + " (JAMES SMTP Server )"));
        assertThat(stored.headerBlock()).doesNotContain("by " + machineName() + " ");
    }

    @Test
    void aRedirectToALocalMailboxIsStoredWithoutTheMarker() throws Exception {
        // James 3.8.1's Sieve 'redirect' always drops the redirecting recipient (no 'keep' beside it, no ':copy'):
        // the copy that is stored is the one a local target receives
        redirect("redirect \"" + BorderJames.ALICE + "\";\r\n");
        extension.james().send("carol@fabrikam.test", List.of(BorderJames.BOB), Mails.message("carol@fabrikam.test",
            List.of(BorderJames.BOB), Mails.uniqueSubject("sieve")));

        ImapMessage stored = extension.james().awaitSingleMessage(BorderJames.ALICE);
        assertThat(stored.headerBlock()).doesNotContain(MARKER);
    }

    @Test
    void aRedirectOfANullSenderLeavesWithoutTheMarker() throws Exception {
        redirect("redirect \"bob.home@" + REMOTE + "\";\r\n");
        try (RawSmtp smtp = new RawSmtp(extension.james().smtpPort())) {
            assertThat(smtp.command("EHLO mta.fabrikam.test")).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + BorderJames.BOB + ">")).startsWith("250");
            assertThat(smtp.data(Mails.message("MAILER-DAEMON@fabrikam.test", List.of(BorderJames.BOB),
                Mails.uniqueSubject("null sender")))).startsWith("250");
        }

        ReceivedMail mail = extension.mx(REMOTE).awaitOneMail();
        assertThat(mail.envelopeSender()).isEmpty();
        assertThat(mail.headerBlock()).doesNotContain(MARKER);
    }

    @Test
    void aRedirectToAnInternalDomainLeavesWithoutTheMarker() throws Exception {
        redirect("redirect \"bob@" + SISTER + "\";\r\n");
        extension.james().send("carol@fabrikam.test", List.of(BorderJames.BOB), Mails.message("carol@fabrikam.test",
            List.of(BorderJames.BOB), Mails.uniqueSubject("sister")));

        ReceivedMail mail = extension.mx(SISTER).awaitOneMail();
        assertThat(mail.envelopeSender()).isEqualTo("carol@fabrikam.test");
        assertThat(mail.headerBlock()).doesNotContain(MARKER);
    }

    @Test
    void aRedirectOfAnAlreadyRewrittenSenderLeavesWithoutTheMarker() throws Exception {
        String srs = "SRS0=abcd=TT=example.com=someone@forwarder.test";
        redirect("redirect \"bob.home@" + REMOTE + "\";\r\n");
        extension.james().send(srs, List.of(BorderJames.BOB), Mails.message("someone@example.com",
            List.of(BorderJames.BOB), Mails.uniqueSubject("srs")));

        ReceivedMail mail = extension.mx(REMOTE).awaitOneMail();
        assertThat(mail.envelopeSender()).isEqualTo(srs);
        assertThat(mail.headerBlock()).doesNotContain(MARKER);
    }

    private void redirect(String script) throws Exception {
        extension.james().server().getProbe(SieveProbeImpl.class).addActiveSieveScript(BorderJames.BOB, "redirect",
            script);
    }

    private static String machineName() throws Exception {
        return InetAddress.getLocalHost().getHostName();
    }
}
