package org.bordertransport.cli.srs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.cli.srs.SrsCliSupport.DAY;
import static org.bordertransport.cli.srs.SrsCliSupport.OLD_SECRET;
import static org.bordertransport.cli.srs.SrsCliSupport.SECRET;
import static org.bordertransport.cli.srs.SrsCliSupport.secretFile;
import static org.bordertransport.cli.srs.SrsCliSupport.srs;

import java.io.IOException;
import java.nio.file.Path;

import org.bordertransport.cli.Cli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SrsReverseCommandTest {
    private static final String M365_ADDRESS = "john.work+SRS=3kvuflyv=JM=example.com=bob@contoso.com";
    private static final String SRS0_ADDRESS = "SRS0=hvbe=JM=example.com=bob@forward.example";

    @TempDir
    Path dir;
    Path secrets;

    @BeforeEach
    void setUp() throws IOException {
        secrets = secretFile(dir, "secrets", SECRET, OLD_SECRET);
    }

    private Cli.Result reverse(String... args) {
        return srs(dir, secrets, "reverse", args);
    }

    private Cli.Result forward(String... args) {
        return srs(dir, secrets, "forward", args);
    }

    @Nested
    class RoundTrips {
        @ParameterizedTest
        @ValueSource(strings = {"bob@example.com", "Bob.Smith@Example.COM", "\"john doe\"@example.com", "a=b+c@sub.example.org"})
        void m365ForwardShouldReverseToTheSender(String sender) {
            Cli.Result forwarded = forward("--now", DAY, sender, "john.work@contoso.com");
            assertThat(forwarded.exit()).isZero();

            Cli.Result result = reverse("--now", DAY, forwarded.lines()[0]);

            assertThat(result.exit()).isZero();
            assertThat(result.stderr()).isEmpty();
            assertThat(result.lines()).containsExactly(sender);
        }

        @ParameterizedTest
        @ValueSource(strings = {"bob@example.com", "Bob.Smith@Example.COM", "\"john doe\"@example.com", "a=b+c@sub.example.org"})
        void srs0ForwardShouldReverseToTheSender(String sender) {
            Cli.Result forwarded = forward("--format", "srs0", "--domain", "forward.example", "--now", DAY, sender);
            assertThat(forwarded.lines()[0]).matches("\"?SRS0=.*");

            Cli.Result result = reverse("--format", "srs0", "--now", DAY, forwarded.lines()[0]);

            assertThat(result.exit()).isZero();
            assertThat(result.lines()).containsExactly(sender);
        }

        @Test
        void m365ShouldPrintJsonWithTheForwardingMailbox() {
            Cli.Result result = reverse("--now", DAY, "--json", M365_ADDRESS);

            assertThat(result.exit()).isZero();
            assertThat(result.lines()).containsExactly("{\"address\":\"bob@example.com\",\"format\":\"m365\",\"kind\":\"FORWARD\","
                + "\"target\":\"ORIGINAL_SENDER\",\"forwardingAddress\":\"john.work@contoso.com\"}");
        }

        @Test
        void srs0ShouldBeDetectedWithoutFormat() {
            Cli.Result result = reverse("--now", DAY, "--json", SRS0_ADDRESS);

            assertThat(result.exit()).isZero();
            assertThat(result.lines()).containsExactly("{\"address\":\"bob@example.com\",\"format\":\"srs0\",\"kind\":\"SRS0\","
                + "\"target\":\"ORIGINAL_SENDER\",\"forwardingAddress\":null}");
        }

        @Test
        void srs0ShouldBeNotSrsWhenM365IsForced() {
            Cli.Result result = reverse("--format", "m365", "--now", DAY, SRS0_ADDRESS);

            assertThat(result.exit()).isEqualTo(1);
            assertThat(result.stderr()).isEqualTo("{\"error\":\"NOT_SRS\",\"message\":\"'" + SRS0_ADDRESS + "' holds no '+SRS='\"}\n");
        }

        @Test
        void srs1ShouldReverseToTheSrs0AddressAtTheFirstForwarder() {
            String srs1 = forward("--format", "srs0", "--domain", "second.example", "--now", DAY,
                "SRS0=AbCd=JM=example.com=bob@first.example").lines()[0];

            Cli.Result result = reverse("--now", DAY, "--json", srs1);

            assertThat(result.exit()).isZero();
            assertThat(result.lines()).containsExactly("{\"address\":\"SRS0=AbCd=JM=example.com=bob@first.example\","
                + "\"format\":\"srs0\",\"kind\":\"SRS1\",\"target\":\"FIRST_FORWARDER\",\"forwardingAddress\":null}");
        }

        @Test
        void bouncesFormShouldPrintItselfAndSaySo() {
            String bounces = srs(dir, secrets, "relay", "--domain", "relay.example", "--now", DAY, "bob@example.com").lines()[0];

            Cli.Result plain = reverse("--now", DAY, bounces);
            Cli.Result json = reverse("--now", DAY, "--json", bounces);

            assertThat(plain.exit()).isZero();
            assertThat(plain.lines()).containsExactly(bounces);
            assertThat(json.lines()).containsExactly("{\"address\":\"" + bounces + "\",\"format\":\"m365\",\"kind\":\"BOUNCES\","
                + "\"target\":\"BOUNCES_MAILBOX\",\"forwardingAddress\":null}");
        }

        @Test
        void addressSignedByTheOlderSecretShouldStillReverse() throws Exception {
            Path old = secretFile(dir, "old", OLD_SECRET);
            String address = srs(dir, old, "forward", "--now", DAY, "bob@example.com", "john.work@contoso.com").lines()[0];

            assertThat(reverse("--now", DAY, address).lines()).containsExactly("bob@example.com");
        }

        @Test
        void upperCasedAddressShouldStillReverse() {
            assertThat(reverse("--now", DAY, M365_ADDRESS.toUpperCase(java.util.Locale.ROOT)).lines())
                .containsExactly("BOB@EXAMPLE.COM");
        }
    }

    @Nested
    class Expiry {
        @Test
        void m365ShouldBeValidForTwentyOneDays() {
            assertThat(reverse("--now", "2026-12-14", M365_ADDRESS).exit()).isZero();
            assertThat(reverse("--now", "2026-12-14T23:59:59Z", M365_ADDRESS).exit()).isZero();
        }

        @Test
        void m365ShouldExpireOnTheTwentySecondDay() {
            Cli.Result result = reverse("--now", "2026-12-15", M365_ADDRESS);

            assertThat(result.exit()).isEqualTo(1);
            assertThat(result.stdout()).isEmpty();
            assertThat(result.stderr()).isEqualTo("{\"error\":\"EXPIRED\",\"message\":\"'" + M365_ADDRESS
                + "' was issued 22 days ago, the maximum age is 21 days\"}\n");
        }

        @Test
        void srs0ShouldExpireToo() {
            Cli.Result result = reverse("--now", "2027-01-01T08:00:00+02:00", SRS0_ADDRESS);

            assertThat(result.exit()).isEqualTo(1);
            assertThat(result.stderr()).isEqualTo("{\"error\":\"EXPIRED\",\"message\":\"'" + SRS0_ADDRESS
                + "' was issued 39 days ago, the maximum age is 21 days\"}\n");
        }

        @Test
        void maxAgeShouldExtendValidity() {
            assertThat(reverse("--now", "2026-12-15", "--max-age", "22", M365_ADDRESS).lines()).containsExactly("bob@example.com");
            assertThat(reverse("--now", "2026-11-25", "--max-age", "1", M365_ADDRESS).stderr()).contains("\"error\":\"EXPIRED\"");
        }

        @Test
        void withoutNowTheContextClockShouldDecide() {
            // Cli.CLOCK is 2024-06-03, timestamp slot 421; the address has slot 300 (JM): 121 days old
            Cli.Result result = reverse(M365_ADDRESS);

            assertThat(result.exit()).isEqualTo(1);
            assertThat(result.stderr()).startsWith("{\"error\":\"EXPIRED\"");
        }
    }

    @Nested
    class Refused {
        @Test
        void alteredHashShouldBeBadHash() {
            String altered = M365_ADDRESS.replace("3kvuflyv", "3kvuflyw");

            Cli.Result result = reverse("--now", DAY, altered);

            assertThat(result.exit()).isEqualTo(1);
            assertThat(result.stdout()).isEmpty();
            assertThat(result.stderr()).isEqualTo("{\"error\":\"BAD_HASH\",\"message\":\"hash '3kvuflyw' of '" + altered
                + "' does not verify\"}\n");
        }

        @Test
        void movedToAnotherMailboxShouldBeBadHash() {
            assertThat(reverse("--now", DAY, M365_ADDRESS.replace("john.work", "mallory")).stderr())
                .startsWith("{\"error\":\"BAD_HASH\"");
        }

        @Test
        void srs0WithAnotherSendersHashShouldBeBadHash() {
            String altered = SRS0_ADDRESS.replace("=bob@", "=eve@");

            Cli.Result result = reverse("--now", DAY, altered);

            assertThat(result.exit()).isEqualTo(1);
            assertThat(result.stderr()).isEqualTo("{\"error\":\"BAD_HASH\",\"message\":\"hash 'hvbe' of '" + altered
                + "' does not verify\"}\n");
        }

        @Test
        void secretRemovedFromTheFileShouldBeBadHash() throws Exception {
            Path other = secretFile(dir, "other", "another-secret-0123456789");

            Cli.Result result = srs(dir, other, "reverse", "--now", DAY, M365_ADDRESS);

            assertThat(result.exit()).isEqualTo(1);
            assertThat(result.stderr()).startsWith("{\"error\":\"BAD_HASH\"");
        }

        @Test
        void plainAddressShouldBeNotSrs() {
            Cli.Result result = reverse("bob@example.com");

            assertThat(result.exit()).isEqualTo(1);
            assertThat(result.stdout()).isEmpty();
            assertThat(result.stderr()).isEqualTo("{\"error\":\"NOT_SRS\",\"message\":\"'bob@example.com' holds no '+SRS='\"}\n");
        }

        @Test
        void plainAddressInSrs0FormatShouldBeNotSrs() {
            Cli.Result result = reverse("--format", "srs0", "bob@example.com");

            assertThat(result.exit()).isEqualTo(1);
            assertThat(result.stderr()).isEqualTo("{\"error\":\"NOT_SRS\",\"message\":\"'bob@example.com' is not an SRS0 or SRS1 address\"}\n");
        }

        @Test
        void missingPartShouldBeMalformed() {
            Cli.Result result = reverse("SRS0=hvbe=JM=bob@forward.example");

            assertThat(result.exit()).isEqualTo(1);
            assertThat(result.stderr()).isEqualTo("{\"error\":\"MALFORMED\",\"message\":\"SRS0 address"
                + " 'SRS0=hvbe=JM=bob@forward.example' lacks a part: expected SRS0=hash=timestamp=domain=local\"}\n");
        }

        @Test
        void controlCharactersShouldBeEscapedInTheJson() {
            Cli.Result result = reverse("bob\u0001@example.com");

            assertThat(result.exit()).isEqualTo(1);
            assertThat(result.stderr()).doesNotContain("\u0001").contains("\"error\":\"MALFORMED\"");
        }

        @Test
        void messagesShouldNeverShowASecret() {
            Cli.Result result = reverse("--now", DAY, M365_ADDRESS.replace("3kvuflyv", "aaaaaaaa"));

            assertThat(result.stderr()).doesNotContain(SECRET).doesNotContain(OLD_SECRET);
        }
    }

    @Nested
    class Usage {
        @Test
        void noAddressShouldExitTwo() {
            Cli.Result result = reverse();

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.stderr()).isEqualTo("border: border srs reverse: no address given\n"
                + "Run 'border srs reverse --help' for usage.\n");
        }

        @Test
        void twoAddressesShouldExitTwo() {
            assertThat(reverse("a@example.com", "b@example.com").stderr())
                .startsWith("border: border srs reverse: unexpected argument 'b@example.com'\n");
        }

        @Test
        void domainIsNotAnOptionOfReverse() {
            Cli.Result result = reverse("--domain", "forward.example", SRS0_ADDRESS);

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.stderr()).startsWith("border: border srs reverse: unknown option '--domain'\n");
        }

        @Test
        void helpShouldExplainTheBouncesForm() {
            Cli.Result result = Cli.run(dir, "srs", "reverse", "-h");

            assertThat(result.exit()).isZero();
            assertThat(result.out()).startsWith("Usage: border [--conf DIR] srs reverse [--format m365|srs0] [OPTIONS] ADDRESS\n")
                .contains("BOUNCES_MAILBOX").contains("ADDRESS itself");
        }
    }
}
