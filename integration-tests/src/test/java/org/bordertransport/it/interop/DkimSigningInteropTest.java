package org.bordertransport.it.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.it.BorderJames.ALICE;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.james.utils.DataProbeImpl;
import org.bordertransport.it.BorderJames;
import org.bordertransport.it.BorderJamesExtension;
import org.bordertransport.it.Mails;
import org.bordertransport.it.RawSmtp;
import org.bordertransport.it.ReceivedMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DKIM signing of our own mail in a real James with the shipped conf, checked by an independent implementation:
 * dkimpy (Debian's {@code python3-dkim}) with a DNS function that answers the sample key's TXT record as
 * docs/operations.md publishes it. Alice's HTML mail to a plain-text partner arrives converted and signed, and
 * verifies (conversion first, signature last); a tampered copy does not; mail relayed for a foreign sender, a forward
 * and a rerouted bounce carry no signature of ours.
 */
public class DkimSigningInteropTest {
    /** The TXT record of {@code border._domainkey.border.test} for the sample key of conf/mailetcontainer.xml. */
    public static final String SAMPLE_TXT = "v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAmWdUoXKeIN4gK1su"
        + "cOS0BZiM3LsX1WL+q0WE9n96cKM0pGcx8MLCnBLqSx5xIGeucT45g03+Qu9k2kEtjlCES3cz8CXm3Oq4z+ry0Ge0stvD1V7Xpc0/r5Zm"
        + "Ak+dDnV4D4YkyGesk1qnJmvqE2qA38HSNrtq+QTAiLPMvLOL3DrUtYgdwFrtTL+7i/zEQ6aNvj3JQLFB/UH64L3rqQP3WD1Mni0UaDI1"
        + "L74mRDaYx8Qv9oJm1s8zyp6DJsmieAuQY5w693FBfnyJHb7DdyKxRxAV0S5/hvtCaanQ12bzBekmrIHDxfxYN9/nH1zSFxs39LNRm81N"
        + "vkyENQxAZcfYfQIDAQAB";
    private static final String VERIFY = String.join("\n",
        "import sys, dkim",
        "txt = sys.argv[1].encode('ascii')",
        "def dns(name, timeout=5):",
        "    return txt if name.rstrip(b'.') == b'border._domainkey.border.test' else None",
        "print('pass' if dkim.verify(sys.stdin.buffer.read(), dnsfunc=dns) else 'fail')");
    private static final String PLAIN = "plaintext.example.net";
    private static final String REMOTE = "remote-a.test";
    private static final String ORIGIN = "fabrikam.test";

    @RegisterExtension
    BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains(PLAIN, REMOTE, ORIGIN);

    @Test
    void theRecordTheDocsPublishIsTheOneOurMailVerifiesWith() throws IOException {
        String docs = Files.readString(Path.of("../docs/dkim.md"), StandardCharsets.UTF_8);
        Matcher record = Pattern.compile("border\\._domainkey\\.border\\.test\\. IN TXT \\((.*?)\\)", Pattern.DOTALL)
            .matcher(docs);
        assertThat(record.find()).as("the sample key's TXT record in docs/dkim.md").isTrue();
        assertThat(Pattern.compile("\"([^\"]*)\"").matcher(record.group(1)).results().map(m -> m.group(1))
            .collect(Collectors.joining())).isEqualTo(SAMPLE_TXT);
    }

    @Test
    void ourConvertedMailVerifiesUnderOurKeyAndATamperedCopyDoesNot() throws Exception {
        String subject = Mails.uniqueSubject("dkim");
        String html = "From: " + ALICE + "\r\nTo: p@" + PLAIN + "\r\nSubject: " + subject + "\r\n"
            + "Message-ID: <dkim-1@border.test>\r\nDate: Mon, 2 Mar 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "<html><body><p>Gr\u00fc\u00dfe aus <b>Berlin</b>.</p></body></html>\r\n";
        extension.james().send(ALICE, List.of("p@" + PLAIN), html);

        ReceivedMail mail = extension.mx(PLAIN).awaitOneMail();
        assertThat(mail.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(mail.headers("DKIM-Signature")).singleElement().satisfies(signature -> assertThat(signature)
            .contains("d=border.test", "s=border", "a=rsa-sha256"));
        byte[] received = mail.raw().getBytes(StandardCharsets.ISO_8859_1);
        assertThat(dkimpy(received)).isEqualTo("pass");

        String tampered = mail.raw().replace("Berlin", "Bern");
        assertThat(tampered).isNotEqualTo(mail.raw());
        assertThat(dkimpy(tampered.getBytes(StandardCharsets.ISO_8859_1))).isEqualTo("fail");
    }

    @Test
    void mailRelayedForAForeignSenderIsNotSignedByUs() throws Exception {
        String sender = "carol@" + ORIGIN;
        extension.james().send(sender, List.of("r@" + REMOTE),
            Mails.message(sender, List.of("r@" + REMOTE), Mails.uniqueSubject("relayed")));

        ReceivedMail mail = extension.mx(REMOTE).awaitOneMail();
        assertThat(mail.envelopeSender()).startsWith("bounces+SRS=");
        assertThat(mail.headers("DKIM-Signature")).isEmpty();
    }

    @Test
    void aForwardAndTheBounceReroutedToItsSenderAreNotSignedByUs() throws Exception {
        String outside = "bob@" + ORIGIN;
        String forwarder = "john.work@" + BorderJames.DOMAIN;
        extension.james().server().getProbe(DataProbeImpl.class).addAddressMapping("john.work", BorderJames.DOMAIN,
            "john.home@" + REMOTE);
        extension.james().send(outside, List.of(forwarder),
            Mails.message(outside, List.of(forwarder), Mails.uniqueSubject("forwarded")));
        ReceivedMail forward = extension.mx(REMOTE).awaitOneMail();
        assertThat(forward.envelopeSender()).startsWith("john.work+SRS=");
        assertThat(forward.headers("DKIM-Signature")).isEmpty();

        String dsn = "From: MAILER-DAEMON@" + REMOTE + "\r\nTo: " + forward.envelopeSender() + "\r\n"
            + "Subject: Undelivered Mail Returned to Sender\r\nMessage-ID: <dsn-1@" + REMOTE + ">\r\n"
            + "Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"r1\"\r\n\r\n"
            + "--r1\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n"
            + "--r1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx." + REMOTE + "\r\n\r\n"
            + "Final-Recipient: rfc822; john.home@" + REMOTE + "\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n"
            + "--r1\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: " + outside + "\r\nSubject: hello\r\n\r\n"
            + "--r1--\r\n";
        try (RawSmtp smtp = new RawSmtp(extension.james().smtpPort())) {
            assertThat(smtp.command("EHLO mx." + REMOTE)).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + forward.envelopeSender() + ">")).startsWith("250");
            assertThat(smtp.data(dsn)).startsWith("250");
        }
        ReceivedMail bounce = extension.mx(ORIGIN).awaitOneMail();
        assertThat(bounce.envelopeSender()).isEmpty();
        assertThat(bounce.headers("DKIM-Signature")).isEmpty();
    }

    /** dkimpy's verdict on the message: "pass" or "fail". */
    private static String dkimpy(byte[] message) throws IOException, InterruptedException {
        // dkimverify comes with python3-dkim: its presence says dkimpy is installed for Debian's python3
        Path python = Lab.require(Lab.Tool.PYTHON3, Lab.Tool.DKIMVERIFY).get(0);
        Process process = new ProcessBuilder(python.toString(), "-c", VERIFY, SAMPLE_TXT)
            .redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(message);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("dkimpy finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.exitValue()).as("dkimpy exit status; output: %s", output).isZero();
        return output;
    }
}
