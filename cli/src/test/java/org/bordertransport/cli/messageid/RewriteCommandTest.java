package org.bordertransport.cli.messageid;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bordertransport.cli.Cli;
import org.bordertransport.cli.mail.RawHeader;
import org.bordertransport.core.messageid.MessageIdPrivacySettings;
import org.bordertransport.core.messageid.PublicMessageIds;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RewriteCommandTest {
    /** The keys of src/test/resources/conf; t2 is current. */
    static final String TEST_KEYS = "t2:gIGCg4SFhoeIiYqLjI2Oj5CRkpOUlZaXmJmam5ydnp+goaKjpKWmp6ipqqusra6vsLGys7S1tre4ubq7vL2+vw==,"
        + "t1:QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl9gYWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1+fw==";
    static final PublicMessageIds CODEC = MessageIdPrivacySettings.from(Map.of("keys", TEST_KEYS),
        MessageIdPrivacySettings.RESTORE_PARAMETERS, Optional.of("example.org")).codec();

    @TempDir
    Path dir;

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private Path file(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, text.getBytes(StandardCharsets.ISO_8859_1));
        return file;
    }

    private static Cli.Result rewrite(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "message-id";
        all[1] = "rewrite";
        System.arraycopy(args, 0, all, 2, args.length);
        return Cli.run(Cli.testConf(), all);
    }

    private static List<String> idHeaders(byte[] message) throws Exception {
        RawHeader header = RawHeader.read(new ByteArrayInputStream(message));
        return Arrays.asList(String.join("|", header.values("Message-ID")), String.join("|", header.values("In-Reply-To")),
            String.join("|", header.values("References")).replaceAll("\\s+", " ").trim());
    }

    @Nested
    class Outbound {
        @Test
        void shouldReplaceInternalIdsWithTheMailetsPublicIds() throws Exception {
            Path in = file("in.eml", "From: a@example.org\r\nMessage-ID: <1.2@exch01.srv.local>\r\n"
                + "In-Reply-To: <ext@mail.example.com>\r\nReferences: <0.1@EXCH02>\r\n <ext@mail.example.com>\r\n\r\nbody\r\n");

            Cli.Result result = rewrite(in.toString());

            assertThat(result.exit()).isZero();
            assertThat(result.out()).isEqualTo("From: a@example.org\r\n"
                + "Message-ID: <" + CODEC.toPublic("1.2@exch01.srv.local") + ">\r\n"
                + "In-Reply-To: <ext@mail.example.com>\r\n"
                + "References: <" + CODEC.toPublic("0.1@EXCH02") + ">\r\n <ext@mail.example.com>\r\n\r\nbody\r\n");
            assertThat(CODEC.toPublic("1.2@exch01.srv.local")).startsWith("t2.").endsWith("@example.org");
            assertThat(result.stderr()).isEqualTo("{\"rewritten\":2,\"oneWay\":0,\"unverified\":0}\n");
        }

        @Test
        void messageWithoutInternalIdsShouldBeCopiedUnchanged() throws Exception {
            byte[] original = Files.readAllBytes(Cli.resource("/samples/external.eml"));

            Cli.Result result = rewrite(Cli.resource("/samples/external.eml").toString());

            assertThat(result.exit()).isZero();
            assertThat(result.stdout()).isEqualTo(original);
            assertThat(result.stderr()).isEqualTo("{\"rewritten\":0,\"oneWay\":0,\"unverified\":0}\n");
        }

        @Test
        void bodyAndOtherFieldsShouldBeCopiedByteForByte() throws Exception {
            byte[] body = new byte[256 * 1024 + 7];
            for (int i = 0; i < body.length; i++) {
                body[i] = (byte) (i * 31);
            }
            String header = "Received: from x\r\n\tby y; Mon, 3 Jun 2024 10:00:00 +0200\r\nSubject: =?utf-8?q?caf=C3=A9?= \u00e9\u00ff\r\n"
                + "Message-ID: <1.2@srv.lan>\r\nX-Mixed: a\nContent-Type: application/octet-stream\r\n\r\n";
            Path in = dir.resolve("binary.eml");
            Files.write(in, concat(header.getBytes(StandardCharsets.ISO_8859_1), body));

            Cli.Result result = rewrite(in.toString());

            String expectedHeader = header.replace("<1.2@srv.lan>", "<" + CODEC.toPublic("1.2@srv.lan") + ">");
            assertThat(result.stdout()).isEqualTo(concat(expectedHeader.getBytes(StandardCharsets.ISO_8859_1), body));
        }

        @Test
        void lfOnlyMessageShouldStayLfOnly() throws Exception {
            Path in = file("lf.eml", "To: x\nReferences: <a@srv.lan> <b@srv.lan>\n\nbody\n");

            Cli.Result result = rewrite(in.toString());

            assertThat(result.out()).doesNotContain("\r").isEqualTo("To: x\nReferences: <" + CODEC.toPublic("a@srv.lan")
                + ">\n <" + CODEC.toPublic("b@srv.lan") + ">\n\nbody\n");
        }

        @Test
        void copiesOfAnInternalIdInOtherFieldsShouldBeReplacedToo() throws Exception {
            Path in = file("copy.eml", "Message-ID: <1.2@srv.lan>\r\nX-Original-Message-ID: <1.2@srv.lan>\r\n\r\n");

            Cli.Result result = rewrite(in.toString());

            assertThat(result.out()).doesNotContain("srv.lan")
                .contains("X-Original-Message-ID: <" + CODEC.toPublic("1.2@srv.lan") + ">\r\n");
        }

        @Test
        void tooLongIdShouldGetTheOneWayForm() throws Exception {
            String longId = "x".repeat(600) + "@srv.lan";
            Path in = file("long.eml", "Message-ID: <" + longId + ">\r\n\r\n");

            Cli.Result result = rewrite(in.toString());

            assertThat(result.out()).startsWith("Message-ID: <h.t2.");
            assertThat(result.stderr()).isEqualTo("{\"rewritten\":1,\"oneWay\":1,\"unverified\":0}\n");
        }

        @Test
        void outputFileShouldBeWrittenAndStdoutLeftEmpty() throws Exception {
            Path in = file("in.eml", "Message-ID: <1.2@srv.lan>\r\n\r\nbody\r\n");
            Path out = dir.resolve("out.eml");

            Cli.Result result = rewrite(in.toString(), "-o", out.toString());

            assertThat(result.exit()).isZero();
            assertThat(result.stdout()).isEmpty();
            assertThat(latin1(Files.readAllBytes(out))).isEqualTo("Message-ID: <" + CODEC.toPublic("1.2@srv.lan") + ">\r\n\r\nbody\r\n");
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("in.eml", "out.eml");
            }
        }

        @Test
        void outputMayReplaceTheInput() throws Exception {
            Path in = file("in.eml", "Message-ID: <1.2@srv.lan>\r\n\r\nbody\r\n");

            Cli.Result result = rewrite("--output", in.toString(), in.toString());

            assertThat(result.exit()).isZero();
            assertThat(latin1(Files.readAllBytes(in))).isEqualTo("Message-ID: <" + CODEC.toPublic("1.2@srv.lan") + ">\r\n\r\nbody\r\n");
        }

        @Test
        void replacedFileShouldKeepItsPermissions() throws Exception {
            Path in = file("in.eml", "Message-ID: <1.2@srv.lan>\r\n\r\nbody\r\n");
            Files.setPosixFilePermissions(in, PosixFilePermissions.fromString("rw-r-----"));

            assertThat(rewrite("-o", in.toString(), in.toString()).exit()).isZero();

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(in))).isEqualTo("rw-r-----");
        }

        @Test
        void standardInputShouldBeRead() {
            Cli.Result result = Cli.runWithInput(Cli.testConf(), "Message-ID: <1.2@srv.lan>\n\nbody\n".getBytes(StandardCharsets.US_ASCII),
                "message-id", "rewrite", "-");

            assertThat(result.exit()).isZero();
            assertThat(result.out()).isEqualTo("Message-ID: <" + CODEC.toPublic("1.2@srv.lan") + ">\n\nbody\n");
        }
    }

    @Nested
    class Inbound {
        @Test
        void roundTripShouldGiveBackTheOriginalIds() throws Exception {
            Path original = Cli.resource("/samples/outbound-reply.eml");
            Path hidden = dir.resolve("hidden.eml");
            Path restored = dir.resolve("restored.eml");

            Cli.Result out = rewrite(original.toString(), "-o", hidden.toString());
            Cli.Result back = rewrite("--inbound", hidden.toString(), "-o", restored.toString());

            assertThat(out.stderr()).isEqualTo("{\"rewritten\":2,\"oneWay\":0,\"unverified\":0}\n");
            assertThat(back.exit()).isZero();
            assertThat(back.stderr()).isEqualTo("{\"rewritten\":2,\"oneWay\":0,\"unverified\":0}\n");
            assertThat(latin1(Files.readAllBytes(hidden))).doesNotContain("corp.example.org").doesNotContain("srv.lan");
            assertThat(idHeaders(Files.readAllBytes(restored))).containsExactly(
                " <20240603100000.4711@exch01.corp.example.org>", " <CAFxyz123@mail.gmail.com>",
                "<first.1@srv.lan> <CAFxyz123@mail.gmail.com>");
            assertThat(idHeaders(Files.readAllBytes(restored))).isEqualTo(idHeaders(Files.readAllBytes(original)));
        }

        @Test
        void idsMadeWithAnOlderKeyShouldBeRestored() throws Exception {
            PublicMessageIds old = MessageIdPrivacySettings.from(Map.of("keys", TEST_KEYS.substring(TEST_KEYS.indexOf(',') + 1)),
                MessageIdPrivacySettings.RESTORE_PARAMETERS, Optional.of("example.org")).codec();
            Path in = file("reply.eml", "In-Reply-To: <" + old.toPublic("9@srv.lan") + ">\r\n\r\n");

            Cli.Result result = rewrite("--inbound", in.toString());

            assertThat(result.out()).isEqualTo("In-Reply-To: <9@srv.lan>\r\n\r\n");
        }

        @Test
        void forgedPublicIdShouldBeCountedAndLeftAlone() throws Exception {
            String forged = "<t2." + "a".repeat(40) + "@example.org>";
            Path in = file("forged.eml", "In-Reply-To: " + forged + "\r\n\r\n");

            Cli.Result result = rewrite("--inbound", in.toString());

            assertThat(result.exit()).isZero();
            assertThat(result.out()).isEqualTo("In-Reply-To: " + forged + "\r\n\r\n");
            assertThat(result.stderr()).isEqualTo("{\"rewritten\":0,\"oneWay\":0,\"unverified\":1}\n");
        }

        @Test
        void shouldFallBackOnTheReplaceMailetWhenThereIsNoRestoreMailet() throws Exception {
            Path conf = Files.createDirectory(dir.resolve("conf"));
            Files.writeString(conf.resolve("mailetcontainer.xml"), "<mailetcontainer><mailet match=\"All\""
                + " class=\"org.bordertransport.mailets.ReplaceInternalMessageId\"><keys>" + TEST_KEYS + "</keys>"
                + "<publicDomain>example.org</publicDomain><internalSuffixes>.lan</internalSuffixes></mailet></mailetcontainer>");
            Path in = file("reply.eml", "In-Reply-To: <" + CODEC.toPublic("9@srv.lan") + ">\r\n\r\n");

            Cli.Result result = Cli.run(conf, "message-id", "rewrite", "--inbound", in.toString());

            assertThat(result.exit()).isZero();
            assertThat(result.out()).isEqualTo("In-Reply-To: <9@srv.lan>\r\n\r\n");
        }
    }

    @Nested
    class Errors {
        @Test
        void noFileShouldExitTwo() {
            Cli.Result result = rewrite();

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.stderr()).contains("border message-id rewrite: no file given");
        }

        @Test
        void twoFilesShouldExitTwo() {
            Cli.Result result = rewrite("a.eml", "b.eml");

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.stderr()).contains("one file at a time, got 2");
        }

        @Test
        void missingInputShouldExitTwoWithoutCreatingTheOutput() {
            Path out = dir.resolve("out.eml");

            Cli.Result result = rewrite(dir.resolve("missing.eml").toString(), "-o", out.toString());

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.stderr()).contains("cannot read " + dir.resolve("missing.eml") + ": no such file");
            assertThat(out).doesNotExist();
        }

        @Test
        void unwritableOutputShouldExitTwo() throws Exception {
            Path in = file("in.eml", "Message-ID: <1.2@srv.lan>\r\n\r\n");
            Path out = dir.resolve("no-such-dir").resolve("out.eml");

            Cli.Result result = rewrite(in.toString(), "-o", out.toString());

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.stderr()).contains("cannot write " + out + ": no such directory");
        }

        @Test
        void badConfigurationShouldExitTwoBeforeWritingAnything() throws Exception {
            Path conf = Files.createDirectory(dir.resolve("conf"));
            Files.writeString(conf.resolve("mailetcontainer.xml"), "<mailetcontainer><mailet match=\"All\""
                + " class=\"org.bordertransport.mailets.ReplaceInternalMessageId\"><keys>" + TEST_KEYS + "</keys>"
                + "<unqualifiedIsInternal>maybe</unqualifiedIsInternal></mailet></mailetcontainer>");
            Files.writeString(conf.resolve("domainlist.xml"), "<domainlist><defaultDomain>example.org</defaultDomain></domainlist>");
            Path in = file("in.eml", "Message-ID: <1.2@srv.lan>\r\n\r\n");

            Cli.Result result = Cli.run(conf, "message-id", "rewrite", in.toString());

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.stdout()).isEmpty();
            assertThat(result.stderr()).contains("mailet org.bordertransport.mailets.ReplaceInternalMessageId: "
                + "Invalid parameter 'unqualifiedIsInternal': 'maybe', allowed values are true, false");
        }

        @Test
        void missingPublicDomainWithoutDefaultDomainShouldExitTwo() throws Exception {
            Path conf = Files.createDirectory(dir.resolve("conf"));
            Files.writeString(conf.resolve("mailetcontainer.xml"), "<mailetcontainer><mailet match=\"All\""
                + " class=\"org.bordertransport.mailets.ReplaceInternalMessageId\"><keys>" + TEST_KEYS + "</keys>"
                + "</mailet></mailetcontainer>");
            Path in = file("in.eml", "Message-ID: <1.2@srv.lan>\r\n\r\n");

            Cli.Result result = Cli.run(conf, "message-id", "rewrite", in.toString());

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.stderr()).contains("Missing parameter 'publicDomain'");
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
