package org.bordertransport.it.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.james.utils.DataProbeImpl;
import org.assertj.core.api.SoftAssertions;
import org.bordertransport.core.tnef.MapiTag;
import org.bordertransport.core.tnefmime.TnefFixture;
import org.bordertransport.it.BorderJames;
import org.bordertransport.it.BorderJamesExtension;
import org.bordertransport.it.RawSmtp;
import org.bordertransport.it.ReceivedMail;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 12: a message DKIM-signed by a third party and forwarded through the border still verifies at every remote
 * domain whose settings need no mandatory change. Checked in a real James with the shipped conf and
 * {@code conf/remotedomains.xml}, signed and verified by an independent implementation only — dkimpy (Debian's
 * {@code python3-dkim}) — never by our code.
 *
 * <p>{@code sender.example} signs with a key made for this run (RSA 2048, {@code s=sel}, {@code c=relaxed/simple}
 * and {@code relaxed/relaxed}, {@code h=} covering From, To, Subject, Date, Message-ID and the MIME fields); its key
 * record {@code sel._domainkey.sender.example} is in the fake DNS, so James's DKIMVerify sees a valid signature. The
 * mail comes from outside (127.0.0.2, as in {@code SpfBeforeSrsTest}) to {@code john.work@border.test}, whose
 * RecipientRewriteTable forwards go to one address at each remote domain of the shipped file; SplitByRemoteDomain
 * sends one copy per domain. Every fake MX announces {@code 8BITMIME}, as real ones do (without it RemoteDelivery
 * downgrades 8-bit mail, which no setting asks for).</p>
 *
 * <p>The contract ({@code thirdPartyDkim=preserve}, the default of ConvertForRemoteDomain and ConvertTnef): such mail
 * gets only mandatory changes. So every copy verifies, except the one for {@code mainframe.example.org}
 * ({@code MessageFormat=Text}: non-MIME is mandatory), which arrives without MIME and fails, and the 8-bit messages
 * for {@code gateway.example.org} ({@code SevenBitOnly}), which arrive 7-bit and fail; and a line over 998 octets is
 * re-encoded, which breaks the signature too. The forwards still get their SRS sender.</p>
 */
public class ForwardedDkimInteropTest {
    private static final String SIGNER = "sender.example";
    private static final String SELECTOR = "sel";
    private static final String AUTHOR = "someone@" + SIGNER;
    private static final String FORWARDER = "john.work@" + BorderJames.DOMAIN;
    private static final String OUTSIDE_HOST = "127.0.0.2";

    /** Falls to the Default entry ({@code *}: MimeHtmlText). */
    private static final String DEFAULT = "elsewhere.test";
    private static final String MAINFRAME = "mainframe.example.org";
    /** {@code SevenBitOnly}: 8-bit content is a mandatory change there. */
    private static final String GATEWAY = "gateway.example.org";
    /** The remote domains of the shipped conf/remotedomains.xml (one per feature) and a Default one: MX name to recipient. */
    private static final Map<String, String> RECIPIENTS = new LinkedHashMap<>();

    static {
        RECIPIENTS.put(DEFAULT, "r@" + DEFAULT);
        RECIPIENTS.put("plaintext.example.net", "r@plaintext.example.net");
        RECIPIENTS.put("html.example.net", "r@html.example.net");
        RECIPIENTS.put("x.carrier.example.jp", "r@x.carrier.example.jp");
        RECIPIENTS.put("gateway.example.org", "r@gateway.example.org");
        RECIPIENTS.put(MAINFRAME, "r@" + MAINFRAME);
        RECIPIENTS.put("exchange.example.com", "r@exchange.example.com");
        RECIPIENTS.put("notnef.example.com", "r@notnef.example.com");
        RECIPIENTS.put("x.sister.example", "r@x.sister.example");
        RECIPIENTS.put("freemail.example.com", "r@freemail.example.com");
    }

    private static final String SIGN = String.join("\n",
        "import sys, dkim",
        "key = open(sys.argv[1], 'rb').read()",
        "canon = tuple(c.encode('ascii') for c in sys.argv[2].split('/'))",
        "headers = [h.encode('ascii') for h in sys.argv[3].split(':')]",
        "message = sys.stdin.buffer.read()",
        "signature = dkim.sign(message, b'" + SELECTOR + "', b'" + SIGNER + "', key, canonicalize=canon,",
        "    include_headers=headers)",
        "sys.stdout.buffer.write(signature + message)");
    /** Prints {@code pass}, or {@code fail: } and the last thing dkimpy logged (the reason). */
    private static final String VERIFY = String.join("\n",
        "import sys, dkim, logging",
        "txt = sys.argv[1].encode('ascii')",
        "class Last(logging.Handler):",
        "    last = ''",
        "    def emit(self, record):",
        "        Last.last = record.getMessage()",
        "logger = logging.getLogger('dkim')",
        "logger.setLevel(logging.DEBUG)",
        "logger.addHandler(Last())",
        "def dns(name, timeout=5):",
        "    return txt if name.rstrip(b'.') == b'" + SELECTOR + "._domainkey." + SIGNER + "' else None",
        "ok = dkim.verify(sys.stdin.buffer.read(), logger=logger, dnsfunc=dns)",
        "print('pass' if ok else 'fail: ' + Last.last)");
    private static final String SIGNED_HEADERS =
        "from:to:subject:date:message-id:mime-version:content-type:content-transfer-encoding";

    private static Path privateKey;
    private static String keyRecord;

    @RegisterExtension
    BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains(RECIPIENTS.keySet().toArray(String[]::new))
        .customized(james -> james
            .replaceInConf("smtpserver.xml", "<authorizedAddresses>127.0.0.0/8</authorizedAddresses>",
                "<authorizedAddresses>127.0.0.1/32</authorizedAddresses>")
            .replaceInConf("mailetcontainer.xml", "<ignoredNetworks>127.0.0.0/8, ", "<ignoredNetworks>"));

    @BeforeAll
    static void senderKey() throws IOException, NoSuchAlgorithmException {
        Lab.require(Lab.Tool.PYTHON3, Lab.Tool.DKIMVERIFY);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        privateKey = Files.createTempFile("sender-example-dkim", ".pem");
        privateKey.toFile().deleteOnExit();
        Files.writeString(privateKey, "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
        keyRecord = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    @BeforeEach
    void keyRecordAndMxs() {
        extension.dns().txt(SELECTOR + "._domainkey." + SIGNER, keyRecord);
        RECIPIENTS.keySet().forEach(domain -> extension.mx(domain).announcing("8BITMIME"));
    }

    static Stream<Arguments> messages() {
        return Stream.of("relaxed/simple", "relaxed/relaxed").flatMap(canon -> Stream.of(
            Arguments.of("html-8bit", canon, htmlOnly8bit()),
            Arguments.of("alternative-qp", canon, alternativeQuotedPrintable()),
            Arguments.of("plain-8bit-japanese", canon, plain8bitJapanese()),
            Arguments.of("mixed-pdf", canon, mixedWithAttachment()),
            Arguments.of("encoded-subject", canon, encodedSubject())));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("messages")
    void aSignedForwardVerifiesWhereverNoChangeIsMandatory(String name, String canon, String message)
        throws Exception {
        Map<String, ReceivedMail> copies = forwardSigned(name + "-" + canon.replace('/', '-'), canon, message,
            RECIPIENTS.keySet());

        boolean eightBit = message.chars().anyMatch(c -> c > 0x7f);
        SoftAssertions softly = new SoftAssertions();
        copies.forEach((domain, mail) -> {
            String verdict = dkimpy(mail);
            if (domain.equals(MAINFRAME)) {
                softly.assertThat(mail.headerBlock().toLowerCase(Locale.ROOT)).as("non-MIME copy for %s", domain)
                    .doesNotContain("\r\ncontent-type:").doesNotContain("\r\ncontent-transfer-encoding:");
                softly.assertThat(verdict).as("dkimpy on the non-MIME copy for %s", domain).startsWith("fail");
            } else if (domain.equals(GATEWAY) && eightBit) {
                softly.assertThat(mail.raw().chars().allMatch(c -> c < 0x80)).as("7-bit copy for %s", domain).isTrue();
                softly.assertThat(verdict).as("dkimpy on the 7-bit copy for %s", domain).startsWith("fail");
            } else {
                softly.assertThat(verdict).as("dkimpy on the copy for %s", domain).isEqualTo("pass");
            }
        });
        softly.assertThat(copies.get(DEFAULT).envelopeSender()).as("SRS sender of the forward")
            .startsWith("john.work+SRS=").endsWith("=" + SIGNER + "=someone@" + BorderJames.DOMAIN);
        softly.assertAll();
    }

    /**
     * AddMessageId (malformed Message-ID, {@code onMalformed=replace}) and ReplaceInternalMessageId (a Message-ID naming
     * an internal host) never change a field the third party's signature covers.
     */
    @ParameterizedTest(name = "Message-ID: {0}")
    @ValueSource(strings = {"<4711@mail.corp.local>", "not-a-message-id"})
    void aSignedMessageIdIsLeftAsItIs(String messageId) throws Exception {
        String message = headers("message-id", "text/plain; charset=us-ascii", "7bit")
            .replaceFirst("Message-ID: <[^>]*>", "Message-ID: " + messageId) + "Hello from sender.example.\r\n";

        ReceivedMail mail = forwardSigned("message-id-" + messageId, "relaxed/simple", message, List.of(DEFAULT))
            .get(DEFAULT);

        assertThat(mail.headers("Message-ID")).containsExactly(messageId);
        assertThat(dkimpy(mail)).isEqualTo("pass");
    }

    /**
     * Pins a James 3.8.1 limitation (docs/email-authentication.md, "Limits"): an 8-bit Subject (raw UTF-8 octets in the
     * header, RFC 6532 style, which James accepts without offering SMTPUTF8) reaches every remote domain, but with each
     * 8-bit octet written as {@code ?}: once a mailet changes the header block (the {@code RemoveMimeHeader bcc} James
     * insists on in the transport processor does, for every mail), James writes it through
     * {@code InternetHeadersInputStream} in US-ASCII. The signature cannot survive that. If this test fails because the
     * Subject arrives intact, James has fixed it: update the docs.
     */
    @Test
    void aRawUtf8SubjectArrivesEverywhereMangledByJames() throws Exception {
        String message = headers("Gr\u00fc\u00dfe aus \u65e5\u672c", "text/plain; charset=utf-8", "8bit")
            + "Hello, this subject is raw UTF-8.\r\n";
        Map<String, ReceivedMail> copies = forwardSigned("raw-utf8-subject", "relaxed/simple", message,
            RECIPIENTS.keySet());

        assertThat(copies).hasSize(RECIPIENTS.size());
        copies.forEach((domain, mail) -> {
            assertThat(mail.headerBlock()).as("Subject of the copy for %s", domain)
                .contains("\r\nSubject: Gr????e aus ??????\r\n");
            assertThat(dkimpy(mail)).as("dkimpy on the copy for %s", domain).startsWith("fail");
        });
    }

    /**
     * TNEF (winmail.dat) in a signed forward: kept as sent where {@code TNEFEnabled} is unset (the Default) or true
     * (the Exchange partner), so the signature verifies; decoded into MIME where it must not leave
     * ({@code TNEFEnabled=false}), which breaks the signature (counted and logged, not checked here).
     */
    @Test
    void signedTnefIsKeptUnlessItMustNotLeave() throws Exception {
        String message = headers("report", "multipart/mixed; boundary=\"o\"", null)
            + "--o\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nSee the report.\r\n"
            + "--o\r\nContent-Type: application/ms-tnef; name=\"winmail.dat\"\r\nContent-Transfer-Encoding: base64\r\n"
            + "Content-Disposition: attachment; filename=\"winmail.dat\"\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString(TnefFixture.tnef().codePage(1252)
                .subject("Report", TnefFixture.CP1252)
                .messageProps(TnefFixture.Props.props().binary(MapiTag.PR_HTML,
                    "<html><body><p>The <b>report</b>.</p></body></html>".getBytes(StandardCharsets.US_ASCII)))
                .file("report.pdf", "%PDF-1.4 x".getBytes(StandardCharsets.US_ASCII), "application/pdf", null)
                .build())
            + "\r\n--o--\r\n";
        String noTnef = "notnef.example.com";
        String exchange = "exchange.example.com";

        Map<String, ReceivedMail> copies = forwardSigned("tnef", "relaxed/simple", message,
            List.of(DEFAULT, exchange, noTnef));

        for (String kept : List.of(DEFAULT, exchange)) {
            assertThat(copies.get(kept).raw()).as("copy for %s", kept).contains("application/ms-tnef");
            assertThat(dkimpy(copies.get(kept))).as("dkimpy on the copy for %s", kept).isEqualTo("pass");
        }
        assertThat(copies.get(noTnef).raw()).doesNotContain("application/ms-tnef").contains("report.pdf");
        assertThat(dkimpy(copies.get(noTnef))).startsWith("fail");
    }

    @Test
    void aLineOverTheSmtpLimitIsReEncodedAndBreaksTheSignature() throws Exception {
        String longLine = "x".repeat(600) + " caf\u00e9 " + "y".repeat(600);
        String message = headers("long line", "text/plain; charset=utf-8", "8bit")
            + "Short first line.\r\n" + longLine + "\r\nShort last line.\r\n";
        assertThat(longLine.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(998);

        ReceivedMail mail = forwardSigned("long-line", "relaxed/simple", message, List.of(DEFAULT)).get(DEFAULT);

        assertThat(mail.raw().split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(998));
        assertThat(dkimpy(mail)).startsWith("fail");
    }

    /**
     * Signs the message with dkimpy, sends it from outside to the forwarding mailbox, whose forwards go to one address
     * at each of the domains, and returns each domain's copy. The signed message and the copies are kept as lab
     * samples ({@code target/lab-samples/fwd-dkim-NAME-*.eml}).
     */
    private Map<String, ReceivedMail> forwardSigned(String name, String canon, String message,
        Iterable<String> domains) throws Exception {
        DataProbeImpl probe = extension.james().server().getProbe(DataProbeImpl.class);
        for (String domain : domains) {
            probe.addAddressMapping("john.work", BorderJames.DOMAIN, RECIPIENTS.get(domain));
        }
        byte[] signed = sign(message.getBytes(StandardCharsets.UTF_8), canon);
        Lab.saveSample(sampleName(name, "sent"), signed);
        try (RawSmtp smtp = new RawSmtp(extension.james().smtpPort(), InetAddress.getByName(OUTSIDE_HOST))) {
            assertThat(smtp.command("EHLO mx." + SIGNER)).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<" + AUTHOR + ">")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + FORWARDER + ">")).startsWith("250");
            assertThat(smtp.data(new String(signed, StandardCharsets.ISO_8859_1))).startsWith("250");
        }
        Map<String, ReceivedMail> copies = new LinkedHashMap<>();
        for (String domain : domains) {
            ReceivedMail mail = extension.mx(domain).awaitOneMail();
            assertThat(mail.envelopeRecipients()).containsExactly(RECIPIENTS.get(domain));
            Lab.saveSample(sampleName(name, domain), mail.raw().getBytes(StandardCharsets.ISO_8859_1));
            copies.put(domain, mail);
        }
        return copies;
    }

    private static String sampleName(String name, String part) {
        return ("fwd-dkim-" + name + "-" + part).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
    }

    private static String headers(String subject, String contentType, String transferEncoding) {
        return "From: Some Sender <" + AUTHOR + ">\r\nTo: John <" + FORWARDER + ">\r\nSubject: " + subject + "\r\n"
            + "Date: Mon, 2 Mar 2026 10:00:00 +0000\r\nMessage-ID: <" + UUID.randomUUID() + "@" + SIGNER
            + ">\r\nMIME-Version: 1.0\r\nContent-Type: " + contentType + "\r\n"
            + (transferEncoding == null ? "" : "Content-Transfer-Encoding: " + transferEncoding + "\r\n") + "\r\n";
    }

    /** The issue's example: HTML only, 8-bit UTF-8. */
    private static String htmlOnly8bit() {
        return headers("HTML only", "text/html; charset=utf-8", "8bit")
            + "<html><body><p>Caf\u00e9 f\u00fcr alle &mdash; \u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8.</p>"
            + "</body></html>\r\n";
    }

    /** Text and HTML, both quoted-printable: 7-bit already, nothing for any converter to do but presentation. */
    private static String alternativeQuotedPrintable() {
        return headers("alternative", "multipart/alternative; boundary=\"alt-1\"", null)
            + "--alt-1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + "Caf=C3=A9 f=C3=BCr alle.\r\n"
            + "--alt-1\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + "<html><body><p>Caf=C3=A9 f=C3=BCr <b>alle</b>.</p></body></html>\r\n"
            + "--alt-1--\r\n";
    }

    /** Japanese plain text, 8-bit, lines of about 200 octets (over any wrap size, under 998). */
    private static String plain8bitJapanese() {
        String line = "\u65e5\u672c\u8a9e\u306e\u9577\u3044\u884c\u3067\u3059\u3002".repeat(6) + " end";
        return headers("Japanese", "text/plain; charset=utf-8", "8bit") + line + "\r\n" + line + "\r\n"
            + "A short ASCII line.\r\n";
    }

    /** Text and a base64 PDF-like attachment whose file name is non-ASCII (RFC 2231). */
    private static String mixedWithAttachment() {
        byte[] pdf = ("%PDF-1.4\n" + "0123456789".repeat(40) + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
        return headers("attachment", "multipart/mixed; boundary=\"mix-1\"", null)
            + "--mix-1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "Le r\u00e9sum\u00e9 est joint.\r\n"
            + "--mix-1\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
            + "Content-Disposition: attachment; filename*=utf-8''R%C3%A9sum%C3%A9%20%E6%97%A5%E6%9C%AC.pdf\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString(pdf) + "\r\n"
            + "--mix-1--\r\n";
    }

    /** An RFC 2047 encoded Subject ("Grüße aus 日本"), US-ASCII body. */
    private static String encodedSubject() {
        return headers("=?UTF-8?B?R3LDvMOfZSBhdXMg5pel5pys?=", "text/plain; charset=us-ascii", "7bit")
            + "Hello from sender.example.\r\n";
    }

    private static byte[] sign(byte[] message, String canon) throws IOException, InterruptedException {
        return python(SIGN, message, privateKey.toString(), canon, SIGNED_HEADERS);
    }

    /** dkimpy's verdict on the topmost DKIM-Signature of the copy: {@code pass}, or {@code fail: reason}. */
    private static String dkimpy(ReceivedMail mail) {
        try {
            return new String(python(VERIFY, mail.raw().getBytes(StandardCharsets.ISO_8859_1), keyRecord),
                StandardCharsets.UTF_8).trim();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("dkimpy did not run", e);
        }
    }

    private static byte[] python(String script, byte[] stdin, String... arguments)
        throws IOException, InterruptedException {
        // dkimverify comes with python3-dkim: its presence says dkimpy is installed for Debian's python3
        Path python = Lab.require(Lab.Tool.PYTHON3, Lab.Tool.DKIMVERIFY).get(0);
        List<String> command = new ArrayList<>(List.of(python.toString(), "-c", script));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);
        }
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("dkimpy finished").isTrue();
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("dkimpy exit status; stderr: %s", errors).isZero();
        return output;
    }
}
