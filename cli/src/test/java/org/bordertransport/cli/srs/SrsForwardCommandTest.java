package org.bordertransport.cli.srs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.cli.srs.SrsCliSupport.AT_DAY;
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

class SrsForwardCommandTest {
    @TempDir
    Path dir;
    Path secrets;

    @BeforeEach
    void setUp() throws IOException {
        secrets = secretFile(dir, "secrets", SECRET, OLD_SECRET);
    }

    private Cli.Result forward(String... args) {
        return srs(dir, secrets, "forward", args);
    }

    @Nested
    class M365 {
        @Test
        void shouldPrintTheForwardFormOnOneLine() throws Exception {
            Cli.Result result = forward("--now", DAY, "bob@example.com", "john.work@contoso.com");

            assertThat(result.exit()).isZero();
            assertThat(result.stderr()).isEmpty();
            assertThat(result.lines()).containsExactly("john.work+SRS=3kvuflyv=JM=example.com=bob@contoso.com");
            assertThat(result.lines()[0]).isEqualTo(SrsCliSupport.m365("unused.example", AT_DAY, SECRET, OLD_SECRET)
                .forward("bob@example.com", "john.work@contoso.com").address());
        }

        @Test
        void shouldBeTheDefaultAndEqualToAnExplicitFormat() {
            assertThat(forward("--now", DAY, "--format", "m365", "bob@example.com", "john.work@contoso.com").out())
                .isEqualTo(forward("--now", DAY, "bob@example.com", "john.work@contoso.com").out());
        }

        @Test
        void shouldSignWithTheFirstSecretOnly() throws Exception {
            Path swapped = secretFile(dir, "swapped", OLD_SECRET, SECRET);

            Cli.Result result = srs(dir, swapped, "forward", "--now", DAY, "bob@example.com", "john.work@contoso.com");

            assertThat(result.lines()).containsExactly(SrsCliSupport.m365("unused.example", AT_DAY, OLD_SECRET)
                .forward("bob@example.com", "john.work@contoso.com").address());
            assertThat(result.out()).isNotEqualTo(forward("--now", DAY, "bob@example.com", "john.work@contoso.com").out());
        }

        @Test
        void shouldUseTheCurrentDateWithoutNow() {
            // Cli.CLOCK is 2024-06-03: epoch day 19877, 19877 mod 1024 = 421 = 13 * 32 + 5 = "NF"
            assertThat(forward("bob@example.com", "john.work@contoso.com").out()).matches("john\\.work\\+SRS=[a-z2-7]{8}=NF=example\\.com=bob@contoso\\.com\n");
        }

        @Test
        void shouldPrintJsonDetails() {
            Cli.Result result = forward("--now", DAY, "--json", "bob@example.com", "john.work@contoso.com");

            assertThat(result.exit()).isZero();
            assertThat(result.lines()).containsExactly("{\"address\":\"john.work+SRS=3kvuflyv=JM=example.com=bob@contoso.com\","
                + "\"format\":\"m365\",\"outcome\":\"FORWARD\",\"rewritten\":true,\"sender\":\"bob@example.com\","
                + "\"forwardingAddress\":\"john.work@contoso.com\"}");
        }

        @Test
        void longLocalPartShouldFallBackToTheBouncesForm() {
            String sender = "a.very.long.local.part.that.goes.on.and.on@example.com";

            Cli.Result result = forward("--now", DAY, "--json", sender, "john.work@contoso.com");

            assertThat(result.exit()).isZero();
            assertThat(result.out()).matches("\\{\"address\":\"bounces\\+SRS=[a-z2-7]{8}=JM@contoso\\.com\",\"format\":\"m365\","
                + "\"outcome\":\"BOUNCES\",\"rewritten\":true,.*\n");
        }

        @Test
        void senderAtTheForwardingDomainShouldBePrintedUnchanged() {
            Cli.Result result = forward("--now", DAY, "--json", "alice@contoso.com", "john.work@contoso.com");

            assertThat(result.exit()).isZero();
            assertThat(result.out()).startsWith("{\"address\":\"alice@contoso.com\",\"format\":\"m365\",\"outcome\":\"SAME_DOMAIN\",\"rewritten\":false,");
        }

        @Test
        void nullSenderShouldBePrintedUnchanged() {
            Cli.Result result = forward("<>", "john.work@contoso.com");

            assertThat(result.exit()).isZero();
            assertThat(result.lines()).containsExactly("<>");
        }

        @Test
        void alreadyRewrittenSenderShouldBePrintedUnchanged() {
            String rewritten = "alice+SRS=abcdefgh=JM=fabrikam.com=bob@other.example";

            Cli.Result result = forward("--json", rewritten, "john.work@contoso.com");

            assertThat(result.out()).startsWith("{\"address\":\"" + rewritten + "\",\"format\":\"m365\",\"outcome\":\"ALREADY_REWRITTEN\"");
        }

        @Test
        void malformedSenderShouldExitOneWithJsonOnStderr() {
            Cli.Result result = forward("bob.example.com", "john.work@contoso.com");

            assertThat(result.exit()).isEqualTo(1);
            assertThat(result.stdout()).isEmpty();
            assertThat(result.stderr()).isEqualTo("{\"error\":\"MALFORMED\",\"message\":\"sender 'bob.example.com' has no '@'\"}\n");
        }

        @Test
        void forwardingAddressWithTheTagShouldExitOne() {
            Cli.Result result = forward("bob@example.com", "john+SRS=x@contoso.com");

            assertThat(result.exit()).isEqualTo(1);
            assertThat(result.stderr()).isEqualTo("{\"error\":\"MALFORMED\",\"message\":\"forwarding address"
                + " 'john+SRS=x@contoso.com' holds '+SRS=', which marks rewritten addresses\"}\n");
        }
    }

    @Nested
    class Srs0 {
        @Test
        void shouldWriteWhatPostsrsdWrites() {
            Cli.Result result = forward("--format", "srs0", "--domain", "forward.example", "--now", DAY, "bob@example.com");

            assertThat(result.exit()).isZero();
            assertThat(result.stderr()).isEmpty();
            assertThat(result.lines()).containsExactly("SRS0=hvbe=JM=example.com=bob@forward.example");
        }

        @Test
        void shouldTakeTheDomainOfTheForwardingAddressWithoutDomain() {
            Cli.Result result = forward("--format", "srs0", "--now", DAY, "bob@example.com", "john@forward.example");

            assertThat(result.lines()).containsExactly("SRS0=hvbe=JM=example.com=bob@forward.example");
        }

        @Test
        void domainShouldWinOverTheForwardingAddress() {
            Cli.Result result = forward("--format", "srs0", "--domain", "forward.example", "--now", DAY,
                "bob@example.com", "john@elsewhere.example");

            assertThat(result.lines()).containsExactly("SRS0=hvbe=JM=example.com=bob@forward.example");
        }

        @Test
        void srs0SenderOfAnotherForwarderShouldBecomeSrs1() throws Exception {
            String other = "SRS0=AbCd=JM=example.com=bob@first.example";

            Cli.Result result = forward("--format", "srs0", "--domain", "forward.example", "--now", DAY, "--json", other);

            String expected = SrsCliSupport.standard("forward.example", AT_DAY, SECRET).forward(other).address();
            assertThat(expected).matches("SRS1=[A-Za-z0-9_-]{4}=first\\.example==AbCd=JM=example\\.com=bob@forward\\.example");
            assertThat(result.lines()).containsExactly("{\"address\":\"" + expected + "\",\"format\":\"srs0\",\"outcome\":\"SRS1\","
                + "\"rewritten\":true,\"sender\":\"" + other + "\",\"forwardingAddress\":null}");
        }

        @Test
        void ownValidSrs0ShouldBeAlreadyRewrittenWithinMaxAge() {
            String ours = "SRS0=hvbe=JM=example.com=bob@forward.example";

            assertThat(forward("--format", "srs0", "--domain", "forward.example", "--now", "2026-12-14", "--json", ours).out())
                .contains("\"outcome\":\"ALREADY_REWRITTEN\"");
            assertThat(forward("--format", "srs0", "--domain", "forward.example", "--now", "2026-12-15", "--json", ours).out())
                .contains("\"outcome\":\"SAME_DOMAIN\"");
            assertThat(forward("--format", "srs0", "--domain", "forward.example", "--now", "2026-12-15", "--max-age", "30",
                "--json", ours).out()).contains("\"outcome\":\"ALREADY_REWRITTEN\"");
        }

        @Test
        void forwardingAddressWithoutAtShouldExitOne() {
            Cli.Result result = forward("--format", "srs0", "bob@example.com", "forward.example");

            assertThat(result.exit()).isEqualTo(1);
            assertThat(result.stderr()).isEqualTo("{\"error\":\"MALFORMED\",\"message\":\"forwarding address 'forward.example' has no '@'\"}\n");
        }

        @Test
        void forwardingAddressWithABadDomainShouldExitOne() {
            Cli.Result result = forward("--format", "srs0", "bob@example.com", "john@localhost");

            assertThat(result.exit()).isEqualTo(1);
            assertThat(result.stderr()).isEqualTo("{\"error\":\"MALFORMED\",\"message\":\"forwarding address 'john@localhost':"
                + " 'localhost' is not a fully qualified domain name: expected at least two labels such as example.com\"}\n");
        }
    }

    @Nested
    class Usage {
        @Test
        void noArgumentShouldExitTwo() {
            Cli.Result result = forward();

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.stdout()).isEmpty();
            assertThat(result.stderr()).isEqualTo("border: border srs forward: no sender given\n"
                + "Run 'border srs forward --help' for usage.\n");
        }

        @Test
        void m365WithoutForwardingAddressShouldExitTwo() {
            assertThat(forward("bob@example.com").stderr())
                .startsWith("border: border srs forward: no forwarding address given: the m365 form needs the mailbox that forwards\n");
        }

        @Test
        void srs0WithoutDomainShouldExitTwo() {
            Cli.Result result = forward("--format", "srs0", "bob@example.com");

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.stderr()).startsWith("border: border srs forward: no SRS domain: give --domain DOMAIN or FORWARDING-ADDRESS\n");
        }

        @Test
        void domainWithM365ShouldExitTwo() {
            Cli.Result result = forward("--domain", "forward.example", "bob@example.com", "john@contoso.com");

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.stderr()).startsWith("border: border srs forward: '--domain' is for --format srs0: the m365 form"
                + " is written at the domain of FORWARDING-ADDRESS\n");
        }

        @Test
        void invalidDomainShouldExitTwo() {
            Cli.Result result = forward("--format", "srs0", "--domain", "forward", "bob@example.com");

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.stderr()).startsWith("border: border srs forward: invalid parameter '--domain': 'forward' is not a"
                + " fully qualified domain name: expected at least two labels such as example.com\n");
        }

        @Test
        void thirdArgumentShouldExitTwo() {
            assertThat(forward("a@example.com", "b@contoso.com", "c").stderr())
                .startsWith("border: border srs forward: unexpected argument 'c'\n");
        }

        @Test
        void helpShouldShowTheUsageLine() {
            Cli.Result result = Cli.run(dir, "srs", "forward", "--help");

            assertThat(result.exit()).isZero();
            assertThat(result.out()).startsWith("Usage: border [--conf DIR] srs forward [--format m365|srs0] [--domain DOMAIN]"
                + " [OPTIONS] SENDER FORWARDING-ADDRESS\n");
        }
    }
}
