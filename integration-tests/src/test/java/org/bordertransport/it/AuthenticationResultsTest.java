package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.jdkim.DKIMSigner;
import org.bordertransport.it.interop.DkimSigningInteropTest;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code AddAuthenticationResults} in a real James with the shipped conf: mail from outside (127.0.0.2, as in
 * {@link SpfBeforeSrsTest}) reaches a local mailbox with our {@code Authentication-Results} above our Received, its SPF result
 * from James's SPF mailet (TXT records of {@link FakeDns}) and its DMARC verdict from a {@code _dmarc} record of the
 * same fake DNS; its DKIM result from James's DKIMVerify (a message signed here with the sample key of the shipped
 * conf, its key record in the fake DNS: pass, aligned with From so DMARC passes though SPF fails; altered after
 * signing: fail); a forged field claiming {@code border.test} is gone, a foreign one stays; mail from an authorised
 * network gets none.
 */
class AuthenticationResultsTest {
    private static final String OUTSIDE_HOST = "127.0.0.2";

    @RegisterExtension
    BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains().customized(james -> james
        .replaceInConf("smtpserver.xml", "<authorizedAddresses>127.0.0.0/8</authorizedAddresses>",
            "<authorizedAddresses>127.0.0.1/32</authorizedAddresses>")
        .replaceInConf("mailetcontainer.xml", "<ignoredNetworks>127.0.0.0/8, ", "<ignoredNetworks>"));

    @BeforeEach
    void records() {
        extension.dns()
            .txt("pass.test", "v=spf1 ip4:" + OUTSIDE_HOST + " -all")
            .txt("fail.test", "v=spf1 ip4:192.0.2.1 -all")
            .txt("_dmarc.pass.test", "v=DMARC1; p=reject")
            .txt("_dmarc.fail.test", "v=DMARC1; p=quarantine");
    }

    private ImapMessage fromOutside(String sender, String from, String... extraHeaders) throws Exception {
        try (RawSmtp smtp = new RawSmtp(extension.james().smtpPort(), InetAddress.getByName(OUTSIDE_HOST))) {
            assertThat(smtp.command("EHLO mx.outside.test")).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<" + sender + ">")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + BorderJames.BOB + ">")).startsWith("250");
            assertThat(smtp.data(Mails.message(from, List.of(BorderJames.BOB), Mails.uniqueSubject("authres"),
                extraHeaders))).startsWith("250");
        }
        return extension.james().awaitSingleMessage(BorderJames.BOB);
    }

    @Test
    void aSenderPassingSpfForItsFromDomainPassesDmarc() throws Exception {
        ImapMessage mail = fromOutside("bob@pass.test", "bob@pass.test");

        assertThat(mail.header("Authentication-Results")).contains(
            "border.test;\tspf=pass smtp.mailfrom=pass.test;\tdkim=none;\tdmarc=pass header.from=pass.test");
        // on top when written, above our Received; fields added later in delivery (Return-Path, Delivered-To ...) go
        // above it
        String header = mail.headerBlock();
        assertThat(header.indexOf("Authentication-Results: border.test;")).isNotNegative()
            .isLessThan(header.indexOf("Received: from 127.0.0.2"));
    }

    @Test
    void aSenderFailingSpfFailsDmarc() throws Exception {
        ImapMessage mail = fromOutside("bob@fail.test", "bob@fail.test");

        assertThat(mail.header("Authentication-Results")).contains(
            "border.test;\tspf=fail smtp.mailfrom=fail.test;\tdkim=none;\tdmarc=fail header.from=fail.test");
    }

    @Test
    void aFromDomainWithoutDmarcRecordHasNone() throws Exception {
        ImapMessage mail = fromOutside("bob@pass.test", "carol@nodmarc.test");

        assertThat(mail.header("Authentication-Results")).contains(
            "border.test;\tspf=pass smtp.mailfrom=pass.test;\tdkim=none;\tdmarc=none header.from=nodmarc.test");
    }

    @Test
    void aSignatureAlignedWithTheFromDomainPassesDkimAndDmarcWhenSpfFails() throws Exception {
        ImapMessage mail = fromOutsideSigned(Mails.message("bob@signed.test", List.of(BorderJames.BOB),
            Mails.uniqueSubject("authres-dkim")), false);

        assertThat(mail.header("Authentication-Results")).contains("border.test;\tspf=fail smtp.mailfrom=signed.test;"
            + "\tdkim=pass header.i=@signed.test;\tdmarc=pass header.from=signed.test");
        assertThat(mail.header("DKIM-Signature").orElseThrow()).as("kept as received").contains(" d=signed.test;");
    }

    @Test
    void aMessageAlteredAfterSigningFailsDkimAndDmarc() throws Exception {
        ImapMessage mail = fromOutsideSigned(Mails.message("bob@signed.test", List.of(BorderJames.BOB),
            Mails.uniqueSubject("authres-dkim-altered")), true);

        assertThat(mail.header("Authentication-Results")).contains("border.test;\tspf=fail smtp.mailfrom=signed.test;"
            + "\tdkim=fail;\tdmarc=fail header.from=signed.test");
    }

    /** Signed by jDKIM with the sample key of the shipped conf, d=signed.test, whose TXT record FakeDns gives. */
    private ImapMessage fromOutsideSigned(String message, boolean alterBody) throws Exception {
        extension.dns()
            .txt("signed.test", "v=spf1 ip4:192.0.2.1 -all")
            .txt("_dmarc.signed.test", "v=DMARC1; p=reject")
            .txt("border._domainkey.signed.test", DkimSigningInteropTest.SAMPLE_TXT);
        DKIMSigner signer = new DKIMSigner("v=1; a=rsa-sha256; c=relaxed/relaxed; d=signed.test; s=border; "
            + "h=from:to:subject:date; bh=; b=;", sampleKey());
        String signature = signer.sign(new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII)));
        String signed = signature + "\r\n" + (alterBody ? message + "An added line.\r\n" : message);
        try (RawSmtp smtp = new RawSmtp(extension.james().smtpPort(), InetAddress.getByName(OUTSIDE_HOST))) {
            assertThat(smtp.command("EHLO mx.outside.test")).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<bob@signed.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + BorderJames.BOB + ">")).startsWith("250");
            assertThat(smtp.data(signed)).startsWith("250");
        }
        return extension.james().awaitSingleMessage(BorderJames.BOB);
    }

    private static PrivateKey sampleKey() throws Exception {
        Matcher pem = Pattern.compile("-----BEGIN RSA PRIVATE KEY-----.*?-----END RSA PRIVATE KEY-----", Pattern.DOTALL)
            .matcher(ShippedConf.read("mailetcontainer.xml"));
        assertThat(pem.find()).as("the sample key in conf/mailetcontainer.xml").isTrue();
        try (PEMParser parser = new PEMParser(new StringReader(pem.group().replaceAll("(?m)^\\s+", "")))) {
            return new JcaPEMKeyConverter().getKeyPair((PEMKeyPair) parser.readObject()).getPrivate();
        }
    }

    @Test
    void aForgedFieldOfOursIsRemovedAndAForeignOneKept() throws Exception {
        ImapMessage mail = fromOutside("bob@fail.test", "bob@fail.test",
            "Authentication-Results: border.test; spf=pass smtp.mailfrom=fail.test; dmarc=pass",
            "Authentication-Results: mx.elsewhere.test; spf=pass smtp.mailfrom=fail.test");

        assertThat(mail.headers("Authentication-Results")).containsExactly(
            "border.test;\tspf=fail smtp.mailfrom=fail.test;\tdkim=none;\tdmarc=fail header.from=fail.test",
            "mx.elsewhere.test; spf=pass smtp.mailfrom=fail.test");
    }

    @Test
    void mailFromAnAuthorisedNetworkGetsNone() throws Exception {
        extension.james().send("bob@fail.test", List.of(BorderJames.BOB), Mails.message("bob@fail.test",
            List.of(BorderJames.BOB), Mails.uniqueSubject("authres-authorised"),
            "Authentication-Results: mx.elsewhere.test; spf=pass"));

        assertThat(extension.james().awaitSingleMessage(BorderJames.BOB).headers("Authentication-Results"))
            .containsExactly("mx.elsewhere.test; spf=pass");
    }
}
