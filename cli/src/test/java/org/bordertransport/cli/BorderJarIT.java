package org.bordertransport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the shaded {@code border-cli.jar} in its own JVM, as {@code bin/border} does. */
class BorderJarIT {
    private static final Path JAR = Paths.get(System.getProperty("border.cli.jar", "target/border-cli.jar"));

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run java(Path stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
            .redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile());
        builder.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null")) : ProcessBuilder.Redirect.from(stdin.toFile()));
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("border exits within 60 s").isTrue();
        return new Run(process.exitValue(), Files.readString(dir.resolve("stdout"), StandardCharsets.ISO_8859_1),
            Files.readString(dir.resolve("stderr")));
    }

    @Test
    void jarShouldBeRunnable() throws Exception {
        Run run = java(null, "--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("Usage: border COMMAND");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void jarShouldKnowItsVersion() throws Exception {
        assertThat(java(null, "--version").out()).matches("border \\d+\\.\\d+\\.\\d+.*\\n");
    }

    @Test
    void keygenShouldWorkWithTheShadedTink() throws Exception {
        Run run = java(null, "message-id", "keygen", "--id", "k1");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).matches("k1:[A-Za-z0-9+/]{86}==\\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void checkShouldReadTheConfigurationAndExitOneOnFindings() throws Exception {
        Run run = java(null, "--conf", Cli.testConf().toString(), "message-id", "check",
            Cli.resource("/samples/external.eml").toString(), Cli.resource("/samples/no-message-id.eml").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out().split("\n")).hasSize(2);
        assertThat(run.err()).doesNotContain("SLF4J");
    }

    @Test
    void rewriteShouldStreamFromStdinToStdoutAndBack() throws Exception {
        Path original = Cli.resource("/samples/outbound-reply.eml");
        Run out = java(original, "--conf", Cli.testConf().toString(), "message-id", "rewrite", "-");
        Path hidden = Files.writeString(dir.resolve("hidden.eml"), out.out(), StandardCharsets.ISO_8859_1);

        Run back = java(hidden, "--conf", Cli.testConf().toString(), "message-id", "rewrite", "--inbound", "-");

        assertThat(out.exit()).isZero();
        assertThat(out.out()).doesNotContain("corp.example.org");
        assertThat(out.err()).isEqualTo("{\"rewritten\":2,\"oneWay\":0,\"unverified\":0}\n");
        assertThat(back.exit()).isZero();
        assertThat(back.out()).contains("Message-ID: <20240603100000.4711@exch01.corp.example.org>\r\n")
            .contains("References: <first.1@srv.lan>\r\n <CAFxyz123@mail.gmail.com>\r\n")
            .endsWith("\r\n\r\nSee the figures below.\r\n");
    }

    @Test
    void usageErrorShouldExitTwo() throws Exception {
        Run run = java(null, "message-id", "check");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no file given");
    }

    @Test
    void importExchangeShouldWriteAFileThatConvertUses() throws Exception {
        Path out = dir.resolve("remotedomains.xml");
        Run run = java(null, "import-exchange", "--remote-domains", Cli.resource("/exchange/remotedomains.clixml").toString(),
            "--mail-contacts", Cli.resource("/exchange/mailcontacts.csv").toString(), "-o", out.toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(1); // TrustedMailOutboundEnabled True is not taken over
        assertThat(run.err()).contains("\"remoteDomains\":4,\"recipients\":2,").contains("\"lost\":1,");

        Path mail = dir.resolve("mail.eml");
        Files.writeString(mail, "From: a@border.test\r\nTo: b@x.carrier.example.jp\r\nSubject: hi\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<p>Hello</p>\r\n");
        Run convert = java(mail, "convert", "--policy", out.toString(), "--domain", "x.carrier.example.jp");
        assertThat(convert.exit()).as(convert.err()).isZero();
        assertThat(convert.err()).startsWith("{\"remoteDomain\":\"Japanese carrier\"");
        assertThat(convert.out()).containsIgnoringCase("Content-Type: text/plain");
    }
}
