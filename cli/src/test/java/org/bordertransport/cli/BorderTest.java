package org.bordertransport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BorderTest {
    @TempDir
    Path dir;

    @Test
    void helpShouldListCommandsOnStdoutAndExitZero() {
        Cli.Result result = Cli.run(dir, "--help");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).startsWith("Usage: border COMMAND").contains("message-id").contains("--conf DIR");
        assertThat(result.stderr()).isEmpty();
    }

    @Test
    void shortHelpShouldWorkToo() {
        assertThat(Cli.run(dir, "-h").out()).startsWith("Usage: border COMMAND");
    }

    @Test
    void noArgumentShouldPrintUsageOnStderrAndExitTwo() {
        Cli.Result result = Cli.run(dir);

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).startsWith("Usage: border COMMAND");
    }

    @Test
    void unknownCommandShouldExitTwo() {
        Cli.Result result = Cli.run(dir, "frobnicate");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.stderr()).contains("unknown command 'frobnicate'").contains("message-id")
            .contains("Run 'border --help' for usage.");
    }

    @Test
    void unknownGlobalOptionShouldExitTwo() {
        Cli.Result result = Cli.run(dir, "--frobnicate", "message-id");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.stderr()).contains("unknown option '--frobnicate'");
    }

    @Test
    void confWithoutDirectoryShouldExitTwo() {
        Cli.Result result = Cli.run(dir, "--conf");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.stderr()).contains("'--conf' needs a directory");
    }

    @Test
    void versionShouldPrintTheName() {
        Cli.Result result = Cli.run(dir, "--version");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).startsWith("border ");
    }

    @Test
    void groupHelpShouldListSubCommands() {
        Cli.Result result = Cli.run(dir, "message-id", "--help");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).startsWith("Usage: border message-id COMMAND")
            .contains("check").contains("rewrite").contains("keygen");
    }

    @Test
    void groupWithoutSubCommandShouldExitTwo() {
        Cli.Result result = Cli.run(dir, "message-id");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.stderr()).contains("'border message-id' needs a command: check, rewrite, keygen")
            .contains("Run 'border message-id --help' for usage.");
    }

    @Test
    void unknownSubCommandShouldExitTwo() {
        Cli.Result result = Cli.run(dir, "message-id", "verify");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.stderr()).contains("unknown command 'verify' for 'border message-id'");
    }

    @Test
    void leafHelpShouldShowTheConfOption() {
        Cli.Result result = Cli.run(dir, "message-id", "rewrite", "--help");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).startsWith("Usage: border [--conf DIR] message-id rewrite [--inbound] FILE.eml [-o OUT.eml]")
            .contains("--output FILE");
    }

    @Test
    void unknownLeafOptionShouldPointToTheLeafHelp() {
        Cli.Result result = Cli.run(dir, "message-id", "check", "--strict", "a.eml");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.stderr()).contains("border message-id check: unknown option '--strict'")
            .contains("Run 'border message-id check --help' for usage.");
    }
}
