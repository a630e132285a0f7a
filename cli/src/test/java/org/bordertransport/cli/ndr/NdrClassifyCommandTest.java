package org.bordertransport.cli.ndr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bordertransport.cli.Cli;
import org.bordertransport.core.srs.Microsoft365Srs;
import org.bordertransport.core.srs.SrsException;
import org.bordertransport.core.srs.SrsSecrets;
import org.bordertransport.core.srs.StandardSrs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NdrClassifyCommandTest {
    private static final String SECRET = "first-secret-0123456789";
    private static final StandardSrs SRS0 = StandardSrs.builder(SrsSecrets.of(SECRET), "fwd.example")
        .clock(Cli.CLOCK).build();
    private static final Microsoft365Srs M365 = Microsoft365Srs.builder(SrsSecrets.of(SECRET), "contoso.com")
        .clock(Cli.CLOCK).build();
    private static final StandardSrs FOREIGN = StandardSrs.builder(SrsSecrets.of("someone-elses-secret-0123"),
        "fwd.example").clock(Cli.CLOCK).build();

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() throws IOException {
        Files.write(dir.resolve("srs-secrets"), (SECRET + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static String postfixBounce(String to, int received) {
        StringBuilder hops = new StringBuilder();
        for (int i = 0; i < received; i++) {
            hops.append("Received: from h").append(i).append(".example by h").append(i + 1).append(".example\n");
        }
        return "Return-Path: <>\n" + hops
            + "From: MAILER-DAEMON@mail.example.org (Mail Delivery System)\n"
            + "Subject: Undelivered Mail Returned to Sender\n"
            + "To: " + to + "\n"
            + "Auto-Submitted: auto-replied\n"
            + "MIME-Version: 1.0\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n"
            + "--b\nContent-Type: text/plain\n\nCould not deliver.\n\n"
            + "--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mail.example.org\n\n"
            + "Final-Recipient: rfc822; jdoe@example.net\nAction: failed\nStatus: 5.1.1\n\n--b--\n";
    }

    static final String VACATION = "Return-Path: <>\nFrom: Laura <laura@example.net>\nTo: TO\n"
        + "Subject: Auto: away\nAuto-Submitted: auto-replied (vacation)\n\nAway.\n";

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    private Cli.Result classify(String... args) {
        List<String> line = new ArrayList<>(List.of("ndr", "classify"));
        line.addAll(Arrays.asList(args));
        return Cli.run(dir, line.toArray(new String[0]));
    }

    private static String srs0(String sender) throws SrsException {
        return SRS0.forward(sender).address();
    }

    @Nested
    class Classification {
        @Test
        void bounceShouldPrintVerdictSignalsAndFailedRecipients() throws IOException {
            Path file = write("bounce.eml", postfixBounce("alice@example.com", 2));

            Cli.Result result = classify(file.toString());

            assertThat(result.exit()).isZero();
            assertThat(result.stderr()).isEmpty();
            assertThat(result.lines()).containsExactly("ndr",
                "signals: null-sender, multipart/report;report-type=delivery-status, message/delivery-status-part,"
                    + " action:failed, daemon-sender, subject",
                "negative-signals:",
                "failed-recipients: jdoe@example.net");
        }

        @Test
        void senderOptionShouldWinOverReturnPath() throws IOException {
            Path file = write("text.eml", "Return-Path: <>\nFrom: MAILER-DAEMON@x.example\nSubject: failure notice\n\nx\n");

            assertThat(classify(file.toString()).lines()[0]).isEqualTo("ndr");
            Cli.Result result = classify("--sender", "someone@example.com", file.toString());

            assertThat(result.exit()).isZero();
            assertThat(result.lines()).containsExactly("not-ndr", "signals: daemon-sender, subject",
                "negative-signals: sender-not-null", "failed-recipients:");
        }

        @Test
        void textBounceShouldBeRecognisedByItsTextAlone() throws IOException {
            // no --sender, no Return-Path, no Content-Type: the body is read as text/plain
            Path file = write("qmail.eml", "From: someone@mx.example\nSubject: hello\n\n"
                + "Hi. This is the qmail-send program at mx.example.\n"
                + "I'm afraid I wasn't able to deliver your message to the following addresses.\n");

            Cli.Result result = classify(file.toString());

            assertThat(result.exit()).isZero();
            assertThat(result.lines()).containsExactly("ndr", "signals: bounce-text, sender-unknown",
                "negative-signals:", "failed-recipients:");
        }

        @Test
        void delayNoticeShouldNotBeAnNdr() throws IOException {
            Path file = write("delay.eml", postfixBounce("alice@example.com", 0).replace("Action: failed", "Action: delayed")
                .replace("Status: 5.1.1", "Status: 4.4.1"));

            Cli.Result result = classify(file.toString());

            assertThat(result.lines()[0]).isEqualTo("not-ndr");
            assertThat(result.lines()[2]).isEqualTo("negative-signals: delay-only");
        }

        @Test
        void emptySenderShouldBeTheNullSender() throws IOException {
            Path file = write("text.eml", "From: MAILER-DAEMON@x.example\nSubject: failure notice\n\nx\n");

            assertThat(classify("--sender", "", file.toString()).lines()[0]).isEqualTo("ndr");
            assertThat(classify("--sender=<>", file.toString()).lines()[0]).isEqualTo("ndr");
        }

        @Test
        void standardInputShouldBeRead() {
            byte[] message = VACATION.replace("TO", "mike@example.com").getBytes(StandardCharsets.UTF_8);

            Cli.Result dash = Cli.runWithInput(dir, message, "ndr", "classify", "-");
            Cli.Result none = Cli.runWithInput(dir, message, "ndr", "classify");

            assertThat(dash.exit()).isZero();
            assertThat(dash.lines()).containsExactly("not-ndr", "signals: null-sender", "negative-signals: auto-replied",
                "failed-recipients:");
            assertThat(none.lines()).containsExactly(dash.lines());
        }

        @Test
        void truncatedMessageShouldPrintTheProblem() {
            byte[] message = ("Return-Path: <>\nContent-Type: multipart/report; report-type=delivery-status;"
                + " boundary=b\n\n--b\nContent-Type: message/delivery-status\n\nAction: fai")
                .getBytes(StandardCharsets.UTF_8);

            Cli.Result result = Cli.runWithInput(dir, message, "ndr", "classify");

            assertThat(result.exit()).isZero();
            assertThat(result.lines()).containsExactly("ndr",
                "signals: null-sender, multipart/report;report-type=delivery-status, message/delivery-status-part",
                "negative-signals:", "failed-recipients:");
        }
    }

    @Nested
    class Reroutes {
        @Test
        void srs0RecipientOfABounceShouldGoBackToTheSender() throws Exception {
            String address = srs0("bob@example.com");
            Path file = write("bounce.eml", postfixBounce(address, 2));

            Cli.Result result = classify(file.toString());

            assertThat(result.exit()).isZero();
            assertThat(result.lines()).endsWith("reroute: " + address + " -> bob@example.com");
        }

        @Test
        void recipientOptionsShouldReplaceTheToAddresses() throws Exception {
            String first = srs0("bob@example.com");
            String second = M365.forward("carol@example.org", "john.work@contoso.com").address();
            Path file = write("bounce.eml", postfixBounce("\"Bob\" <" + srs0("ignored@example.com") + ">", 2));

            Cli.Result result = classify("--recipient", first, "--recipient=" + second, "--recipient",
                "plain@example.com", file.toString());

            assertThat(result.exit()).isZero();
            assertThat(result.lines()).hasSize(6).endsWith("reroute: " + first + " -> bob@example.com",
                "reroute: " + second + " -> carol@example.org");
        }

        @Test
        void toHeaderShouldGiveTheRecipientsWhenNoneIsGiven() throws Exception {
            String first = srs0("bob@example.com");
            String second = M365.relay("dave@example.net").address();
            Path file = write("bounce.eml", postfixBounce("Bob <" + first + ">, plain@example.com,\n "
                + second + " (relay)", 2));

            Cli.Result result = classify(file.toString());

            assertThat(result.lines()).endsWith("reroute: " + first + " -> bob@example.com",
                "reroute: " + second + " -> bounces mailbox " + second);
        }

        @Test
        void forgedAddressShouldBeRefusedWithTheEngineReason() throws Exception {
            String forged = FOREIGN.forward("bob@example.com").address();
            Path file = write("bounce.eml", postfixBounce(forged, 2));

            Cli.Result result = classify(file.toString());

            assertThat(result.exit()).isZero();
            assertThat(result.lines()[4]).startsWith("reroute: " + forged + " -> refused (BAD_HASH: ").endsWith(")");
            try {
                SRS0.reverse(forged);
            } catch (SrsException e) {
                assertThat(result.lines()[4]).isEqualTo("reroute: " + forged + " -> refused ("
                    + e.getMessage() + ")");
            }
        }

        @Test
        void nonBounceShouldNeverBeRelayedAndNeedsNoSecrets() throws Exception {
            Files.delete(dir.resolve("srs-secrets"));
            String address = srs0("bob@example.com");
            Path file = write("vacation.eml", VACATION.replace("TO", address));

            Cli.Result result = classify(file.toString());

            assertThat(result.exit()).isZero();
            assertThat(result.lines()).containsExactly("not-ndr", "signals: null-sender",
                "negative-signals: auto-replied", "failed-recipients:",
                "reroute: " + address + " -> refused (NOT_NDR: only non-delivery reports go back to the original"
                    + " sender)");
        }

        @Test
        void tooManyHopsShouldBeRefusedAsALoop() throws Exception {
            String address = srs0("bob@example.com");

            Cli.Result thirty = classify(write("ok.eml", postfixBounce(address, 30)).toString());
            Cli.Result thirtyOne = classify(write("loop.eml", postfixBounce(address, 31)).toString());

            assertThat(thirty.lines()).endsWith("reroute: " + address + " -> bob@example.com");
            assertThat(thirtyOne.lines()).endsWith("reroute: " + address
                + " -> refused (LOOP: 31 Received fields, more than 30)");
        }

        @Test
        void srs1OfOurOwnSrs0ShouldBeFollowedToTheSender() throws Exception {
            // the engine never nests an address it verifies itself; an older secret, still in our file, signed the first hop
            Path both = write("both-secrets", SECRET + "\nolder-secret-0123456789\n");
            String inner = StandardSrs.builder(SrsSecrets.of("older-secret-0123456789"), "first.example")
                .clock(Cli.CLOCK).build().forward("bob@example.com").address();
            String outer = SRS0.forward(inner).address();
            assertThat(outer).startsWith("SRS1=");
            Path file = write("bounce.eml", postfixBounce(outer, 2));

            Cli.Result result = classify("--json", "--srs-secret-file", both.toString(), file.toString());

            assertThat(result.out()).contains("{\"address\":\"" + outer + "\",\"outcome\":\"ORIGINAL_SENDER\","
                + "\"destination\":\"bob@example.com\",\"reason\":null,\"message\":null}");
        }

        @Test
        void srs1OfAForeignSrs0ShouldGoToTheFirstForwarder() throws Exception {
            String inner = FOREIGN.forward("bob@example.com").address().replace("@fwd.example", "@first.example");
            String outer = SRS0.forward(inner).address();
            Path file = write("bounce.eml", postfixBounce(outer, 2));

            Cli.Result result = classify("--json", file.toString());

            assertThat(result.out()).contains("\"outcome\":\"FIRST_FORWARDER\",\"destination\":\"" + inner + "\"");
        }

        @Test
        void jsonShouldBeOneObject() throws Exception {
            String address = srs0("bob@example.com");
            Path file = write("bounce.eml", postfixBounce(address, 2));

            Cli.Result result = classify("--json", file.toString());

            assertThat(result.exit()).isZero();
            assertThat(result.lines()).containsExactly("{\"ndr\":true,\"signals\":[\"null-sender\","
                + "\"multipart/report;report-type=delivery-status\",\"message/delivery-status-part\",\"action:failed\","
                + "\"daemon-sender\",\"subject\"],\"negativeSignals\":[],\"failedRecipients\":[\"jdoe@example.net\"],"
                + "\"problem\":null,\"received\":2,\"reroutes\":[{\"address\":\"" + address + "\","
                + "\"outcome\":\"ORIGINAL_SENDER\",\"destination\":\"bob@example.com\",\"reason\":null,"
                + "\"message\":null}]}");
        }

        @Test
        void formatOptionShouldRestrictTheAddressesTaken() throws Exception {
            String address = srs0("bob@example.com");
            Path file = write("bounce.eml", postfixBounce(address, 2));

            Cli.Result result = classify("--format", "m365", file.toString());

            assertThat(result.lines()).hasSize(4);
        }

        @Test
        void secretFileOptionShouldBeUsed() throws Exception {
            Path other = write("other-secrets", "someone-elses-secret-0123\n");
            String address = FOREIGN.forward("bob@example.com").address();
            Path file = write("bounce.eml", postfixBounce(address, 2));

            Cli.Result result = classify("--srs-secret-file", other.toString(), file.toString());

            assertThat(result.lines()).endsWith("reroute: " + address + " -> bob@example.com");
        }
    }

    @Nested
    class Errors {
        @Test
        void missingFileShouldExitTwo() {
            Cli.Result result = classify(dir.resolve("nope.eml").toString());

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.stderr()).isEqualTo("border: cannot read " + dir.resolve("nope.eml")
                + ": no such file\n");
            assertThat(result.out()).isEmpty();
        }

        @Test
        void missingSecretsShouldExitTwoWhenNeeded() throws Exception {
            Files.delete(dir.resolve("srs-secrets"));
            Path file = write("bounce.eml", postfixBounce(srs0("bob@example.com"), 2));

            Cli.Result result = classify(file.toString());

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.stderr()).isEqualTo("border: cannot read SRS secrets file " + dir.resolve("srs-secrets")
                + ": no such file (make one with 'border srs keygen > FILE', or give --srs-secret-file FILE)\n");
        }

        @Test
        void badFormatShouldBeAUsageError() {
            Cli.Result result = classify("--format", "srs1", "x.eml");

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.stderr()).isEqualTo("border: border ndr classify: invalid parameter '--format': 'srs1'"
                + " is not a format: allowed are m365, srs0\nRun 'border ndr classify --help' for usage.\n");
        }

        @Test
        void recipientWithoutValueShouldBeAUsageError() {
            Cli.Result result = classify("x.eml", "--recipient");

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.stderr()).isEqualTo("border: border ndr classify: option '--recipient' needs a value\n"
                + "Run 'border ndr classify --help' for usage.\n");
        }

        @Test
        void emptyRecipientShouldBeAUsageError() {
            Cli.Result result = classify("--recipient=", "x.eml");

            assertThat(result.stderr()).startsWith("border: border ndr classify: invalid parameter '--recipient':"
                + " an empty address\n");
        }

        @Test
        void twoFilesShouldBeAUsageError() {
            Cli.Result result = classify("a.eml", "b.eml");

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.stderr()).startsWith("border: border ndr classify: unexpected argument 'b.eml'\n");
        }

        @Test
        void unknownOptionShouldBeAUsageError() {
            Cli.Result result = classify("--recipients", "a@b", "x.eml");

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.stderr()).startsWith("border: border ndr classify: unknown option '--recipients'\n");
        }
    }

    @Nested
    class Help {
        @Test
        void helpShouldDescribeTheOutput() {
            Cli.Result result = classify("--help");

            assertThat(result.exit()).isZero();
            assertThat(result.out()).startsWith("Usage: border [--conf DIR] ndr classify [--sender ADDRESS]"
                + " [--recipient ADDRESS]... [--srs-secret-file FILE] [--format m365|srs0] [--json] [FILE|-]\n")
                .contains("reroute: SRS-ADDRESS -> ADDRESS")
                .contains("ORIGINAL_SENDER|FIRST_FORWARDER|BOUNCES_MAILBOX|REFUSED")
                .contains("Exit status: 0 classified (ndr or not-ndr), 2 usage, configuration or I/O error.\n");
        }

        @Test
        void topLevelHelpShouldListTheGroup() {
            Cli.Result result = Cli.run(dir, "--help");

            assertThat(result.out()).contains("  ndr ");
            assertThat(Cli.run(dir, "ndr", "--help").out()).contains("  classify   tell whether a message is a"
                + " non-delivery report and where SRS bounces go\n");
        }
    }
}
