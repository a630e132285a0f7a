package org.bordertransport.cli.srs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.cli.srs.SrsCliSupport.DAY;
import static org.bordertransport.cli.srs.SrsCliSupport.SECRET;
import static org.bordertransport.cli.srs.SrsCliSupport.secretFile;
import static org.bordertransport.cli.srs.SrsCliSupport.srs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bordertransport.cli.Cli;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The options every srs command shares: the secrets file, --format, --now, --max-age, and the group itself. */
class SrsOptionsTest {
    private static final String M365_ADDRESS = "john.work+SRS=3kvuflyv=JM=example.com=bob@contoso.com";

    @TempDir
    Path dir;

    @Nested
    class SecretFile {
        @Test
        void shouldDefaultToSrsSecretsInTheConfigurationDirectory() throws Exception {
            secretFile(dir, "srs-secrets", SECRET);

            Cli.Result result = Cli.run(dir, "srs", "reverse", "--now", DAY, M365_ADDRESS);

            assertThat(result.exit()).isZero();
            assertThat(result.lines()).containsExactly("bob@example.com");
        }

        @Test
        void confAfterTheCommandShouldBeHonoured(@TempDir Path conf) throws Exception {
            secretFile(conf, "srs-secrets", SECRET);

            Cli.Result result = Cli.run(dir, "srs", "reverse", "--conf", conf.toString(), "--now", DAY, M365_ADDRESS);

            assertThat(result.lines()).containsExactly("bob@example.com");
        }

        @Test
        void missingDefaultFileShouldExitTwoForEveryCommand() {
            String[][] lines = {
                {"srs", "forward", "bob@example.com", "john@contoso.com"},
                {"srs", "relay", "--domain", "relay.example", "bob@example.com"},
                {"srs", "reverse", M365_ADDRESS},
            };
            for (String[] line : lines) {
                Cli.Result result = Cli.run(dir, line);

                assertThat(result.exit()).as(line[1]).isEqualTo(2);
                assertThat(result.stdout()).as(line[1]).isEmpty();
                assertThat(result.stderr()).as(line[1]).isEqualTo("border: cannot read SRS secrets file "
                    + dir.resolve("srs-secrets") + ": no such file (make one with 'border srs keygen > FILE', or give"
                    + " --secret-file FILE)\n");
            }
        }

        @Test
        void missingGivenFileShouldExitTwo() {
            Path missing = dir.resolve("nope");

            Cli.Result result = srs(dir, missing, "reverse", M365_ADDRESS);

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.stdout()).isEmpty();
            assertThat(result.stderr()).isEqualTo("border: cannot read SRS secrets file " + missing
                + ": no such file (make one with 'border srs keygen > FILE', or give --secret-file FILE)\n");
        }

        @Test
        void emptyFileShouldExitTwo() throws Exception {
            Path empty = secretFile(dir, "empty");

            Cli.Result result = srs(dir, empty, "forward", "bob@example.com", "john@contoso.com");

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.stdout()).isEmpty();
            assertThat(result.stderr()).isEqualTo("border: SRS secrets file '" + empty + "' holds no secret: the first"
                + " non-empty line signs, every line verifies\n");
        }

        @Test
        void fileOfBlankLinesShouldExitTwo() throws Exception {
            Path blank = dir.resolve("blank");
            Files.write(blank, "\n\r\n\n".getBytes(StandardCharsets.US_ASCII));

            assertThat(srs(dir, blank, "reverse", M365_ADDRESS).exit()).isEqualTo(2);
        }

        @Test
        void shortSecretShouldBeAcceptedWithAWarningWithoutShowingIt() throws Exception {
            Path weak = secretFile(dir, "weak", SECRET, "tooshort");

            Cli.Result result = srs(dir, weak, "forward", "bob@example.com", "john@contoso.com");

            assertThat(result.exit()).as(result.stderr()).isZero();
            assertThat(result.out()).startsWith("john+SRS=");
            assertThat(result.stderr()).isEqualTo("border: warning: SRS secrets file '" + weak + "' holds 1 secret(s)"
                + " shorter than 16 bytes: accepted, as postsrsd accepts them, but weak; make a new one with"
                + " 'border srs keygen'\n").doesNotContain("tooshort").doesNotContain(SECRET);
        }

        @Test
        void directoryShouldExitTwo() {
            Cli.Result result = srs(dir, dir, "reverse", M365_ADDRESS);

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.stderr()).startsWith("border: cannot read SRS secrets file " + dir + ": ");
        }
    }

    @Nested
    class Values {
        @Test
        void unknownFormatShouldExitTwo() throws Exception {
            Cli.Result result = srs(dir, secretFile(dir, "s", SECRET), "reverse", "--format", "SRS0", M365_ADDRESS);

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.stderr()).isEqualTo("border: border srs reverse: invalid parameter '--format': 'SRS0' is not"
                + " a format: allowed are m365, srs0\nRun 'border srs reverse --help' for usage.\n");
        }

        @ParameterizedTest
        @ValueSource(strings = {"yesterday", "2026-13-01", "26-01-26", "2026-01-26T10:00:00", "2026-01-26 10:00"})
        void badNowShouldExitTwo(String now) throws Exception {
            Cli.Result result = srs(dir, secretFile(dir, "s", SECRET), "reverse", "--now", now, M365_ADDRESS);

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.stderr()).startsWith("border: border srs reverse: invalid parameter '--now': '" + now
                + "' is not an ISO date (2026-01-26) or instant (2026-01-26T10:00:00Z)\n");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1", "1001", "21d", "", "99999999999"})
        void badMaxAgeShouldExitTwo(String days) throws Exception {
            Cli.Result result = srs(dir, secretFile(dir, "s", SECRET), "reverse", "--max-age", days, M365_ADDRESS);

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.stderr()).startsWith("border: border srs reverse: invalid parameter '--max-age': '" + days
                + "' is not a number of days from 1 to 1000\n");
        }

        @Test
        void maxAgeOfAThousandShouldBeAllowed() throws Exception {
            assertThat(srs(dir, secretFile(dir, "s", SECRET), "reverse", "--max-age", "1000", "--now", "2027-06-01",
                M365_ADDRESS).lines()).containsExactly("bob@example.com");
        }

        @Test
        void usageErrorsShouldComeBeforeTheSecretFile() {
            Cli.Result result = Cli.run(dir, "srs", "reverse", "--now", "never", M365_ADDRESS);

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.stderr()).contains("invalid parameter '--now'");
        }

        @Test
        void optionGivenTwiceShouldExitTwo() {
            assertThat(Cli.run(dir, "srs", "reverse", "--now", DAY, "--now", DAY, M365_ADDRESS).stderr())
                .startsWith("border: border srs reverse: option '--now' is given twice\n");
        }

        @Test
        void jsonTakesNoValue() {
            assertThat(Cli.run(dir, "srs", "reverse", "--json=yes", M365_ADDRESS).stderr())
                .startsWith("border: border srs reverse: option '--json' takes no value\n");
        }
    }

    @Nested
    class Group {
        @Test
        void shouldBeListedByBorderHelp() {
            assertThat(Cli.run(dir, "--help").out()).contains("  srs ");
        }

        @Test
        void helpShouldListTheCommands() {
            Cli.Result result = Cli.run(dir, "srs", "--help");

            assertThat(result.exit()).isZero();
            assertThat(result.out()).startsWith("Usage: border srs COMMAND").contains("  forward ").contains("  relay ")
                .contains("  reverse ").contains("  keygen ");
        }

        @Test
        void withoutCommandShouldExitTwo() {
            Cli.Result result = Cli.run(dir, "srs");

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.stderr()).startsWith("border: 'border srs' needs a command: forward, relay, reverse, keygen\n");
        }

        @Test
        void unknownCommandShouldExitTwo() {
            assertThat(Cli.run(dir, "srs", "rewrite").stderr()).startsWith("border: unknown command 'rewrite' for"
                + " 'border srs': expected one of forward, relay, reverse, keygen\n");
        }
    }
}
