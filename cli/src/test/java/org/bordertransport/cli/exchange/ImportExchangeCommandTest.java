package org.bordertransport.cli.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.bordertransport.cli.Cli;
import org.bordertransport.core.policy.RemoteDomainPolicy;
import org.bordertransport.core.policy.RemoteDomainPolicyLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ImportExchangeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] JAPANESE_MAIL = ("From: =?UTF-8?B?5bGx55Sw?= <yamada@border.test>\r\n"
        + "To: buyer@tokyo.carrier.example.jp\r\nSubject: =?UTF-8?B?5Y+X5rOo44Gu56K66KqN?=\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + "<html><body><p>\u3054\u6ce8\u6587\u3042\u308a\u304c\u3068\u3046\u3054\u3056\u3044\u307e\u3059\u3002</p>"
        + "</body></html>\r\n").getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void writesTheFileReportsAndExitsOneWhenSomethingIsLost() throws Exception {
        Path out = dir.resolve("remotedomains.xml");

        Cli.Result result = Cli.run(dir, "import-exchange", "--remote-domains", sample(Samples.REMOTE_DOMAINS_CLIXML),
            "--mail-contacts", sample(Samples.CONTACTS_CSV), "-o", out.toString());

        assertThat(result.exit()).as(result.stderr()).isEqualTo(1);
        assertThat(result.stdout()).isEmpty();
        RemoteDomainPolicy policy = RemoteDomainPolicyLoader.load(out);
        assertThat(policy.remoteDomains()).hasSize(4);
        assertThat(policy.recipients()).hasSize(2);
        assertThat(Files.getPosixFilePermissions(out)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        String[] lines = result.stderr().split("\n");
        assertThat(lines).contains("border: warning: remote domain 'Partner' (partner.example.net): "
            + "TrustedMailOutboundEnabled 'True' has no equivalent here: not taken over",
            "border: note: remote domain 'Default' (*): no equivalent here, nothing is lost (Exchange's default or $null): "
                + "TargetDeliveryDomain 'False', MeetingForwardNotificationEnabled 'False', RequiredCharsetCoverage $null, "
                + "TrustedMailOutboundEnabled 'False', TrustedMailInboundEnabled 'False', MessageCountThreshold '2147483647'");
        JsonNode summary = JSON.readTree(lines[lines.length - 1]);
        assertThat(summary.get("output").asText()).isEqualTo(out.toString());
        assertThat(summary.get("remoteDomains").asInt()).isEqualTo(4);
        assertThat(summary.get("recipients").asInt()).isEqualTo(2);
        assertThat(summary.get("contactsWithoutEntry").asInt()).isZero();
        assertThat(summary.get("lost").asInt()).isEqualTo(1);
        assertThat(summary.get("unmapped")).hasSize(26);
        assertThat(summary.get("invalid")).isEmpty();
        assertThat(summary.get("error").isNull()).isTrue();
        assertThat(summary.get("ignored").toString()).contains("\"WhenCreated\"");
    }

    @Test
    void theGeneratedFileDrivesConvert() throws Exception {
        Path out = dir.resolve("generated.xml");
        assertThat(Cli.run(dir, "import-exchange", "--remote-domains", sample(Samples.REMOTE_DOMAINS_CSV),
            "--mail-contacts", sample(Samples.CONTACTS_CLIXML), "--output", out.toString()).exit()).isEqualTo(1);

        Cli.Result japan = Cli.runWithInput(dir, JAPANESE_MAIL, "convert", "--policy", out.toString(), "--domain",
            "tokyo.carrier.example.jp");
        assertThat(japan.exit()).as(japan.stderr()).isZero();
        assertThat(japan.out()).containsIgnoringCase("Content-Type: text/plain; charset=ISO-2022-JP")
            .contains("=?ISO-2022-JP?B?").doesNotContain("<p>");
        assertThat(japan.stderr()).startsWith("{\"remoteDomain\":\"Japanese carrier\",\"recipient\":null,"
            + "\"modified\":true,");

        Cli.Result reader = Cli.runWithInput(dir, JAPANESE_MAIL, "convert", "--policy", out.toString(), "--recipient",
            "Text-Reader@partner.example.net");
        assertThat(reader.exit()).as(reader.stderr()).isZero();
        assertThat(reader.stderr()).startsWith("{\"remoteDomain\":\"Partner\",\"recipient\":\"Plain-text reader\",");
        assertThat(reader.out()).containsIgnoringCase("Content-Type: text/plain");
    }

    @Test
    void exitsZeroWhenNothingIsLostAndWritesToStandardOutput() throws Exception {
        Cli.Result result = Cli.run(dir, "import-exchange", "--mail-contacts", sample(Samples.CONTACTS_CLIXML));

        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.out()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
            .contains("<recipient name=\"Mainframe desk\" address=\"desk@mainframe.example.org\">");
        String[] lines = result.stderr().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[2]).startsWith("{\"output\":\"-\",\"remoteDomains\":0,\"recipients\":2,").contains("\"lost\":0,"
            + "\"error\":null,\"message\":null}");
    }

    @Test
    void readsStandardInput() {
        Cli.Result result = Cli.runWithInput(dir, Samples.bytes(Samples.REMOTE_DOMAINS_CSV), "import-exchange",
            "--remote-domains", "-");

        assertThat(result.exit()).as(result.stderr()).isEqualTo(1);
        assertThat(result.out()).contains("Get-RemoteDomain: standard input (Export-Csv)")
            .contains("<remoteDomain name=\"Japanese carrier\" domain=\"*.carrier.example.jp\">");
    }

    @Test
    void refusesToReplaceAFileWithoutForce() throws Exception {
        Path out = dir.resolve("remotedomains.xml");
        Files.writeString(out, "keep me");
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r-----"));

        Cli.Result refused = Cli.run(dir, "import-exchange", "--mail-contacts", sample(Samples.CONTACTS_CSV), "-o",
            out.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.stderr()).isEqualTo("border: " + out + " exists: give --force to replace it\n");
        assertThat(Files.readString(out)).isEqualTo("keep me");

        Cli.Result forced = Cli.run(dir, "import-exchange", "--mail-contacts", sample(Samples.CONTACTS_CSV), "-o",
            out.toString(), "--force");
        assertThat(forced.exit()).as(forced.stderr()).isZero();
        assertThat(RemoteDomainPolicyLoader.load(out).recipients()).hasSize(2);
        assertThat(Files.getPosixFilePermissions(out)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(out); // no temporary file left
        }
    }

    @Test
    void writesNothingForAnExportItCannotImport() throws Exception {
        Path out = dir.resolve("remotedomains.xml");

        Cli.Result result = Cli.run(dir, "import-exchange", "--remote-domains", sample(Samples.DUPLICATE), "-o",
            out.toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(out).doesNotExist();
        String[] lines = result.stderr().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("border: nothing written: ").contains("have one DomainName");
        JsonNode summary = JSON.readTree(lines[1]);
        assertThat(summary.get("unmapped")).isEmpty();
        assertThat(summary.get("lost").asInt()).isZero();
        assertThat(summary.get("output").isNull()).isTrue();
        assertThat(summary.get("error").asText()).isEqualTo("DUPLICATE");
        assertThat(summary.get("message").asText()).contains("'Partner again' (object 4)");

        Cli.Result notClixml = Cli.run(dir, "import-exchange", "--remote-domains", sample(Samples.NOT_CLIXML));
        assertThat(notClixml.exit()).isEqualTo(1);
        assertThat(notClixml.stdout()).isEmpty();
        assertThat(notClixml.stderr()).contains("\"error\":\"NOT_EXPORT\"");
    }

    @Test
    void reportsAnUnknownEnumValue() throws Exception {
        Cli.Result result = Cli.run(dir, "import-exchange", "--remote-domains", sample(Samples.UNKNOWN_ENUM));

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.stderr()).contains("border: warning: remote domain 'Partner' (partner.example.net): "
            + "ContentType 'MimeHtmlRtf' cannot be mapped: invalid ContentType 'MimeHtmlRtf': allowed MimeHtmlText, "
            + "MimeText, MimeHtml; left out\n");
        String[] lines = result.stderr().split("\n");
        JsonNode summary = JSON.readTree(lines[lines.length - 1]);
        assertThat(summary.get("invalid")).hasSize(1);
        assertThat(summary.get("invalid").get(0).get("value").asText()).isEqualTo("MimeHtmlRtf");
        assertThat(summary.get("lost").asInt()).isEqualTo(1);
        assertThat(result.out()).contains("<!-- not taken over: ContentType MimeHtmlRtf (cannot be mapped) -->");
    }

    @Test
    void usageAndInputErrorsExitTwo() {
        Cli.Result none = Cli.run(dir, "import-exchange");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.stderr()).contains("missing --remote-domains or --mail-contacts");

        Cli.Result positional = Cli.run(dir, "import-exchange", "rd.xml");
        assertThat(positional.exit()).isEqualTo(2);
        assertThat(positional.stderr()).contains("unexpected argument 'rd.xml'");

        Cli.Result missing = Cli.run(dir, "import-exchange", "--remote-domains", dir.resolve("nope.xml").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.stderr()).isEqualTo("border: cannot read " + dir.resolve("nope.xml") + ": no such file\n");

        Cli.Result twoStdin = Cli.run(dir, "import-exchange", "--remote-domains", "-", "--mail-contacts", "-");
        assertThat(twoStdin.exit()).isEqualTo(2);

        Cli.Result noDirectory = Cli.run(dir, "import-exchange", "--mail-contacts", sample(Samples.CONTACTS_CSV), "-o",
            dir.resolve("no/such/dir.xml").toString());
        assertThat(noDirectory.exit()).isEqualTo(2);
        assertThat(noDirectory.stderr()).contains("no such directory");
    }

    @Test
    void helpDescribesTheCommand() {
        Cli.Result help = Cli.run(dir, "import-exchange", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("Usage: border import-exchange [--remote-domains FILE] [--mail-contacts FILE] "
            + "[-o OUT] [--force]\n\nWrite remotedomains.xml from Exchange's remote domains and mail contacts.\n")
            .contains("Limits per export: 64 MiB, 10,000 objects, 1,000 properties per object, 32 levels of nesting.");
        assertThat(Cli.run(dir, "--help").out()).contains("  import-exchange   write remotedomains.xml from Exchange's");
    }

    private static String sample(String name) {
        return Samples.path(name).toString();
    }
}
