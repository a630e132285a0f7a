package org.bordertransport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where --help meets a wrong word, and the other corners picocli would see otherwise than the CLI always did. */
class CommandLineOrderTest {
    @TempDir
    Path dir;

    @Test
    void aCommandShouldRefuseAnUnknownOptionEvenWithHelp() {
        Cli.Result result = Cli.run(dir, "message-id", "check", "a.eml", "-h", "--bogus");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).startsWith("border: border message-id check: unknown option '--bogus'\n");
    }

    @Test
    void aGroupShouldLookOnlyAtTheWordAfterItsName() {
        assertThat(Cli.run(dir, "message-id", "--help", "x").out()).startsWith("Usage: border message-id COMMAND");

        Cli.Result result = Cli.run(dir, "message-id", "x", "--help");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("border: unknown command 'x' for 'border message-id'");
    }

    @Test
    void theRootShouldReadItsOptionsUpToTheFirstWord() {
        assertThat(Cli.run(dir, "--help", "frobnicate").exit()).isZero();
        assertThat(Cli.run(dir, "frobnicate", "--help").stderr()).startsWith("border: unknown command 'frobnicate'");
        assertThat(Cli.run(dir, "--frob", "--help").stderr()).startsWith("border: unknown option '--frob'\n");
        assertThat(Cli.run(dir, "--version", "extra").out()).startsWith("border ");
    }

    @Test
    void theRootConfMayBeRepeatedTheLastOneCounting() {
        Path last = dir.resolve("b");
        Cli.Result result = Cli.run(dir, "--conf", "a", "--conf", last.toString(), "message-id", "check", "x");

        assertThat(result.stderr()).startsWith("border: cannot read " + last.resolve("mailetcontainer.xml"));
    }

    @Test
    void helpWordShouldPrintTheGroupHelpWhateverFollows() {
        assertThat(Cli.run(dir, "help", "frobnicate").out()).startsWith("Usage: border COMMAND");
        assertThat(Cli.run(dir, "srs", "help", "-h").out()).startsWith("Usage: border srs COMMAND");
    }

    @Test
    void groupListsShouldNotShowTheHelpWord() {
        assertThat(Cli.run(dir, "--help").out()).doesNotContain("  help");
        assertThat(Cli.run(dir, "ndr").stderr()).contains("'border ndr' needs a command: classify\n");
    }

    @Test
    void shortOptionsShouldTakeNoInlineValue() {
        assertThat(Cli.run(dir, "tnef", "decode", "x", "-o=d").stderr())
            .startsWith("border: border tnef decode: unknown option '-o=d'\n");
        assertThat(Cli.run(dir, "message-id", "rewrite", "-h=yes", "a").stderr())
            .startsWith("border: border message-id rewrite: unknown option '-h=yes'\n");
    }

    @Test
    void helpShouldTakeNoValue() {
        assertThat(Cli.run(dir, "message-id", "check", "--help=yes").stderr())
            .startsWith("border: border message-id check: option '--help' takes no value\n");
    }
}
