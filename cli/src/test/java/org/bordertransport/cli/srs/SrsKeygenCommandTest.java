package org.bordertransport.cli.srs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.bordertransport.cli.Cli;
import org.bordertransport.core.srs.SrsSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SrsKeygenCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldPrintOneSecretLineThatTheEnginesAccept() throws Exception {
        Cli.Result result = Cli.run(dir, "srs", "keygen");

        assertThat(result.exit()).isZero();
        assertThat(result.stderr()).isEmpty();
        assertThat(result.out()).matches("[A-Za-z0-9+/]{32}\n");
        assertThat(Base64.getDecoder().decode(result.lines()[0])).hasSize(24);
        Path file = dir.resolve("srs-secrets");
        Files.write(file, result.stdout());
        assertThat(SrsSecrets.load(file).count()).isEqualTo(1);
    }

    @Test
    void outputShouldServeAsTheDefaultSecretFile() throws Exception {
        Files.write(dir.resolve("srs-secrets"), Cli.run(dir, "srs", "keygen").stdout());

        Cli.Result forwarded = Cli.run(dir, "srs", "forward", "bob@example.com", "john@contoso.com");
        Cli.Result reversed = Cli.run(dir, "srs", "reverse", forwarded.lines()[0]);

        assertThat(reversed.exit()).isZero();
        assertThat(reversed.lines()).containsExactly("bob@example.com");
    }

    @Test
    void twoSecretsShouldDiffer() {
        assertThat(Cli.run(dir, "srs", "keygen").out()).isNotEqualTo(Cli.run(dir, "srs", "keygen").out());
    }

    @Test
    void argumentShouldExitTwo() {
        Cli.Result result = Cli.run(dir, "srs", "keygen", "extra");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).isEqualTo("border: border srs keygen: unexpected argument 'extra'\n"
            + "Run 'border srs keygen --help' for usage.\n");
    }

    @Test
    void helpShouldExplainRotation() {
        Cli.Result result = Cli.run(dir, "srs", "keygen", "--help");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).startsWith("Usage: border srs keygen [--help]\n").contains("To rotate, put a new line first");
    }
}
