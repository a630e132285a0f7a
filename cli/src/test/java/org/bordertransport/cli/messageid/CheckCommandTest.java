package org.bordertransport.cli.messageid;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bordertransport.cli.Cli;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
    @TempDir
    Path dir;

    private String message(String name, String header) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, (header + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return file.toString();
    }

    private Cli.Result check(String... files) {
        String[] args = new String[files.length + 2];
        args[0] = "message-id";
        args[1] = "check";
        System.arraycopy(files, 0, args, 2, files.length);
        return Cli.run(Cli.testConf(), args);
    }

    @Nested
    class Findings {
        @Test
        void validExternalIdShouldExitZero() throws Exception {
            String file = message("ok.eml", "From: a@example.com\r\nMessage-ID: <CAF1234@mail.example.com>");

            Cli.Result result = check(file);

            assertThat(result.exit()).isZero();
            assertThat(result.lines()).containsExactly("{\"file\":\"" + file
                + "\",\"status\":\"VALID\",\"messageId\":\"<CAF1234@mail.example.com>\",\"internal\":false}");
            assertThat(result.stderr()).isEmpty();
        }

        @Test
        void missingIdShouldExitOneWithNull() throws Exception {
            String file = message("none.eml", "From: a@example.com");

            Cli.Result result = check(file);

            assertThat(result.exit()).isEqualTo(1);
            assertThat(result.lines()).containsExactly("{\"file\":\"" + file
                + "\",\"status\":\"MISSING\",\"messageId\":null,\"internal\":false}");
        }

        @Test
        void emptyIdShouldBeMissing() throws Exception {
            Cli.Result result = check(message("empty.eml", "Message-ID:   "));

            assertThat(result.exit()).isEqualTo(1);
            assertThat(result.out()).contains("\"status\":\"MISSING\",\"messageId\":null");
        }

        @Test
        void idWithoutBracketsShouldExitOne() throws Exception {
            Cli.Result result = check(message("bare.eml", "Message-ID: 1234@mail.example.com"));

            assertThat(result.exit()).isEqualTo(1);
            assertThat(result.out()).contains("\"status\":\"NO_ANGLE_BRACKETS\",\"messageId\":\"1234@mail.example.com\",\"internal\":false");
        }

        @Test
        void idWithoutAtSignShouldExitOne() throws Exception {
            Cli.Result result = check(message("noat.eml", "Message-ID: <1234>"));

            assertThat(result.exit()).isEqualTo(1);
            assertThat(result.out()).contains("\"status\":\"NO_AT_SIGN\"");
        }

        @Test
        void twoIdsShouldBeMultiple() throws Exception {
            Cli.Result result = check(message("two.eml", "Message-ID: <a@x.example.com>\r\nMessage-ID: <b@x.example.com>"));

            assertThat(result.exit()).isEqualTo(1);
            assertThat(result.out()).contains("\"status\":\"MULTIPLE\",\"messageId\":\"<a@x.example.com>\"");
        }

        @Test
        void foldedIdShouldBeUnfolded() throws Exception {
            Cli.Result result = check(message("folded.eml", "Message-ID:\r\n <a@x.example.com>"));

            assertThat(result.exit()).isZero();
            assertThat(result.out()).contains("\"status\":\"VALID\",\"messageId\":\"<a@x.example.com>\"");
        }

        @Test
        void internalSuffixShouldExitOne() throws Exception {
            Cli.Result result = check(message("internal.eml", "Message-ID: <1.2@exch01.srv.local>"));

            assertThat(result.exit()).isEqualTo(1);
            assertThat(result.out()).contains("\"status\":\"VALID\",\"messageId\":\"<1.2@exch01.srv.local>\",\"internal\":true");
        }

        @Test
        void internalDomainShouldBeInternal() throws Exception {
            assertThat(check(message("internal.eml", "Message-ID: <1.2@EXCH01.Corp.Example.Org>")).out())
                .contains("\"internal\":true");
        }

        @Test
        void unqualifiedHostShouldBeInternalByDefault() throws Exception {
            assertThat(check(message("unqualified.eml", "Message-ID: <1.2@EXCH01>")).out()).contains("\"internal\":true");
        }

        @Test
        void suffixNotConfiguredShouldNotBeInternal() throws Exception {
            // the test configuration lists .local and .lan only, not .internal
            Cli.Result result = check(message("other.eml", "Message-ID: <1.2@host.internal>"));

            assertThat(result.exit()).isZero();
            assertThat(result.out()).contains("\"internal\":false");
        }

        @Test
        void eightBitBytesShouldBeEscaped() throws Exception {
            Cli.Result result = check(message("latin.eml", "Message-ID: <caf\u00e9@x.example.com>"));

            assertThat(result.exit()).isEqualTo(1);
            assertThat(result.out()).contains("\"status\":\"INVALID_CHARACTERS\",\"messageId\":\"<caf\\u00e9@x.example.com>\"");
        }

        @Test
        void severalFilesShouldGiveOneLineEachAndTheWorstStatus() throws Exception {
            String ok = message("ok.eml", "Message-ID: <a@x.example.com>");
            String bad = message("bad.eml", "Subject: none");

            Cli.Result result = check(ok, bad, ok);

            assertThat(result.exit()).isEqualTo(1);
            assertThat(result.lines()).hasSize(3);
            assertThat(result.lines()[1]).contains("\"status\":\"MISSING\"");
        }

        @Test
        void standardInputShouldBeRead() {
            Cli.Result result = Cli.runWithInput(Cli.testConf(), "Message-ID: <a@x.example.com>\n\n".getBytes(StandardCharsets.US_ASCII),
                "message-id", "check", "-");

            assertThat(result.exit()).isZero();
            assertThat(result.out()).startsWith("{\"file\":\"-\",\"status\":\"VALID\"");
        }

        @Test
        void shippedSamplesShouldBeJudged() {
            Cli.Result result = check(Cli.resource("/samples/external.eml").toString(),
                Cli.resource("/samples/no-message-id.eml").toString(), Cli.resource("/samples/outbound-reply.eml").toString());

            assertThat(result.exit()).isEqualTo(1);
            assertThat(result.lines()).hasSize(3);
            assertThat(result.lines()[0]).endsWith("\"status\":\"VALID\",\"messageId\":\"<CAF1234@mail.example.com>\",\"internal\":false}");
            assertThat(result.lines()[1]).endsWith("\"status\":\"MISSING\",\"messageId\":null,\"internal\":false}");
            assertThat(result.lines()[2]).endsWith(
                "\"status\":\"VALID\",\"messageId\":\"<20240603100000.4711@exch01.corp.example.org>\",\"internal\":true}");
        }
    }

    @Nested
    class Errors {
        @Test
        void noFileShouldExitTwo() {
            Cli.Result result = Cli.run(Cli.testConf(), "message-id", "check");

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.stderr()).contains("border message-id check: no file given");
        }

        @Test
        void unreadableFileShouldExitTwoAndStillCheckTheOthers() throws Exception {
            String ok = message("ok.eml", "Message-ID: <a@x.example.com>");
            String missing = dir.resolve("missing.eml").toString();

            Cli.Result result = check(missing, ok);

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.stderr()).contains("border: cannot read " + missing + ": no such file");
            assertThat(result.lines()).hasSize(1);
        }

        @Test
        void directoryShouldExitTwo() {
            Cli.Result result = check(dir.toString());

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.stderr()).contains("cannot read " + dir);
        }

        @Test
        void missingConfigurationShouldExitTwo() throws Exception {
            String ok = message("ok.eml", "Message-ID: <a@x.example.com>");

            Cli.Result result = Cli.run(dir.resolve("nowhere"), "message-id", "check", ok);

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.stdout()).isEmpty();
            assertThat(result.stderr()).contains("cannot read " + dir.resolve("nowhere").resolve("mailetcontainer.xml") + ": no such file");
        }

        @Test
        void configurationWithoutTheMailetShouldExitTwo() throws Exception {
            Files.writeString(dir.resolve("mailetcontainer.xml"), "<mailetcontainer><processors/></mailetcontainer>");

            Cli.Result result = Cli.run(dir, "message-id", "check", message("ok.eml", "Message-ID: <a@x.example.com>"));

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.stderr()).contains(
                "no <mailet class=\"org.bordertransport.mailets.ReplaceInternalMessageId\"> is configured");
        }

        @Test
        void badParameterShouldExitTwoNamingIt() throws Exception {
            Files.writeString(dir.resolve("mailetcontainer.xml"), "<mailetcontainer><mailet match=\"All\""
                + " class=\"org.bordertransport.mailets.ReplaceInternalMessageId\"><keys>k1:AAAA</keys>"
                + "<publicDomain>example.org</publicDomain></mailet></mailetcontainer>");

            Cli.Result result = Cli.run(dir, "message-id", "check", message("ok.eml", "Message-ID: <a@x.example.com>"));

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.stderr()).contains("Invalid parameter 'keys'").contains("key 'k1' has 3 bytes");
        }

        @Test
        void unknownParameterShouldExitTwoNamingIt() throws Exception {
            Files.writeString(dir.resolve("mailetcontainer.xml"), "<mailetcontainer><mailet match=\"All\""
                + " class=\"ReplaceInternalMessageId\"><key>x</key></mailet></mailetcontainer>");

            Cli.Result result = Cli.run(dir, "message-id", "check", message("ok.eml", "Message-ID: <a@x.example.com>"));

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.stderr()).contains("Unknown parameter 'key'");
        }

        @Test
        void confOptionShouldBeHonouredBeforeAndAfterTheCommand() throws Exception {
            String ok = message("ok.eml", "Message-ID: <a@x.example.com>");
            Path nowhere = dir.resolve("nowhere");

            assertThat(Cli.run(nowhere, "--conf", Cli.testConf().toString(), "message-id", "check", ok).exit()).isZero();
            assertThat(Cli.run(nowhere, "message-id", "check", "--conf=" + Cli.testConf(), ok).exit()).isZero();
            assertThat(Cli.run(Cli.testConf(), "--conf", nowhere.toString(), "message-id", "check", ok).exit()).isEqualTo(2);
        }
    }
}
