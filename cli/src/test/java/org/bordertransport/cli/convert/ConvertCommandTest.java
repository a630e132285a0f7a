package org.bordertransport.cli.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bordertransport.cli.Cli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertCommandTest {
    private static final String POLICY = "<remoteDomains>\n"
        + "  <remoteDomain name=\"Default\" domain=\"*\"/>\n"
        + "  <remoteDomain name=\"Text\" domain=\"*.text.test\"><ContentType>MimeText</ContentType></remoteDomain>\n"
        + "  <recipient name=\"Html reader\" address=\"html@text.test\"><UsePreferMessageFormat>true"
        + "</UsePreferMessageFormat><MessageBodyFormat>Html</MessageBodyFormat></recipient>\n"
        + "</remoteDomains>\n";
    private static final byte[] HTML_MAIL = ("From: alice@border.test\r\nTo: x@text.test\r\nSubject: hi\r\n"
        + "MIME-Version: 1.0\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + "<html><body><p>Hello <b>w\u00f6rld</b></p></body></html>\r\n").getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path conf;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(conf.resolve("remotedomains.xml"), POLICY, StandardCharsets.UTF_8);
    }

    @Test
    void convertShouldPreviewWhatTheRemoteDomainReceives() {
        Cli.Result result = Cli.runWithInput(conf, HTML_MAIL, "convert", "--domain", "mx.TEXT.test");

        assertThat(result.exit()).as(result.stderr()).isZero();
        String out = new String(result.stdout(), StandardCharsets.ISO_8859_1);
        assertThat(out).containsIgnoringCase("Content-Type: text/plain").doesNotContain("<b>");
        assertThat(result.stderr()).startsWith("{\"remoteDomain\":\"Text\",\"recipient\":null,\"modified\":true,");
    }

    @Test
    void convertShouldWriteToAFileWhenAsked() throws Exception {
        Path in = conf.resolve("in.eml");
        Path out = conf.resolve("out.eml");
        Files.write(in, HTML_MAIL);
        Cli.Result result = Cli.run(conf, "convert", "--domain", "text.test", in.toString(), "-o", out.toString());
        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.stdout()).isEmpty();
        assertThat(Files.readString(out, StandardCharsets.ISO_8859_1)).containsIgnoringCase("text/plain");
    }

    @Test
    void brokenPolicyAndMissingDomainAreErrors() throws Exception {
        assertThat(Cli.runWithInput(conf, HTML_MAIL, "convert").exit()).isEqualTo(2);
        Files.writeString(conf.resolve("remotedomains.xml"), "<remoteDomains><bogus/></remoteDomains>");
        Cli.Result broken = Cli.runWithInput(conf, HTML_MAIL, "convert", "--domain", "a.test");
        assertThat(broken.exit()).isEqualTo(2);
        assertThat(broken.stderr()).startsWith("border: ").contains("bogus");
    }

    @Test
    void aDkimSignedMessageGetsOnlyMandatoryChangesUnlessIgnored() {
        byte[] signed = ("DKIM-Signature: v=1; a=rsa-sha256; d=sender.example; s=sel; h=from:to:subject;\r\n"
            + "\tbh=abc=; b=def=\r\n" + new String(HTML_MAIL, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        Cli.Result kept = Cli.runWithInput(conf, signed, "convert", "--domain", "x.text.test");
        assertThat(kept.exit()).as(kept.stderr()).isZero();
        assertThat(kept.stdout()).isEqualTo(signed);
        assertThat(kept.stderr()).contains("\"modified\":false").contains("\"scope\":\"mandatory\"");

        Cli.Result converted = Cli.runWithInput(conf, signed, "convert", "--domain", "x.text.test",
            "--third-party-dkim", "IGNORE");
        assertThat(converted.exit()).as(converted.stderr()).isZero();
        assertThat(new String(converted.stdout(), StandardCharsets.ISO_8859_1)).containsIgnoringCase("text/plain");
        assertThat(converted.stderr()).contains("\"scope\":\"full\"");

        Cli.Result bad = Cli.runWithInput(conf, signed, "convert", "--domain", "x.text.test",
            "--third-party-dkim", "keep");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.stderr()).contains("invalid --third-party-dkim 'keep': allowed values are preserve, ignore");
    }

    @Test
    void recipientShouldConvertAsForThatRecipientAndNameTheEntryThatApplied() {
        Cli.Result html = Cli.runWithInput(conf, HTML_MAIL, "convert", "--recipient", "HTML@Text.test");
        assertThat(html.exit()).as(html.stderr()).isZero();
        assertThat(new String(html.stdout(), StandardCharsets.ISO_8859_1)).containsIgnoringCase("Content-Type: text/html")
            .doesNotContainIgnoringCase("text/plain");
        assertThat(html.stderr()).startsWith("{\"remoteDomain\":\"Text\",\"recipient\":\"Html reader\",");

        // another recipient of the domain gets the remote domain's conversion, and no entry is named
        Cli.Result other = Cli.runWithInput(conf, HTML_MAIL, "convert", "--recipient", "other@text.test");
        assertThat(other.exit()).as(other.stderr()).isZero();
        assertThat(new String(other.stdout(), StandardCharsets.ISO_8859_1)).containsIgnoringCase("text/plain");
        assertThat(other.stderr()).startsWith("{\"remoteDomain\":\"Text\",\"recipient\":null,\"modified\":true,");

        // --domain ignores the per-recipient entries, whatever it is given
        Cli.Result domain = Cli.runWithInput(conf, HTML_MAIL, "convert", "--domain", "text.test");
        assertThat(domain.stderr()).contains("\"recipient\":null");
    }

    @Test
    void recipientAndDomainAreExclusiveAndTheAddressIsChecked() {
        Cli.Result both = Cli.runWithInput(conf, HTML_MAIL, "convert", "--domain", "text.test", "--recipient",
            "a@text.test");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.stderr()).contains("give --domain or --recipient, not both");

        Cli.Result bad = Cli.runWithInput(conf, HTML_MAIL, "convert", "--recipient", "text.test");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.stderr()).contains("invalid --recipient 'text.test': allowed an address such as "
            + "someone@partner.example.net");

        Cli.Result none = Cli.runWithInput(conf, HTML_MAIL, "convert");
        assertThat(none.stderr()).contains("missing --domain or --recipient");
    }
}
