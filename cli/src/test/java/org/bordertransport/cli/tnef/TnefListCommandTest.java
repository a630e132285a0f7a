package org.bordertransport.cli.tnef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.cli.tnef.Samples.sha256;
import static org.bordertransport.core.tnef.TnefBuilder.sz;
import static org.bordertransport.core.tnef.TnefBuilder.tnef;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.bordertransport.cli.Cli;
import org.bordertransport.core.tnef.MapiTag;
import org.bordertransport.core.tnef.TnefAttribute;
import org.bordertransport.core.tnef.TnefBuilder.Props;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TnefListCommandTest {
    @TempDir
    Path dir;

    private Path file(byte[] bytes) throws Exception {
        Path file = dir.resolve("winmail.dat");
        Files.write(file, bytes);
        return file;
    }

    @Test
    void listShouldDescribeBodiesAndAttachments() throws Exception {
        Cli.Result result = Cli.run(dir, "tnef", "list", file(Samples.note().build()).toString());

        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.stderr()).isEmpty();
        assertThat(result.out()).isEqualTo("{\"messageClass\":\"IPM.Note\",\"subject\":\"Quarterly report\","
            + "\"codePage\":1252,\"bodies\":[{\"type\":\"text\",\"size\":22,\"charset\":\"UTF-8\"},"
            + "{\"type\":\"html\",\"size\":12,\"charset\":\"windows-1252\"},"
            + "{\"type\":\"rtf\",\"size\":43,\"compressedSize\":49}],\"warnings\":[],"
            + "\"attachments\":[{\"name\":\"report.pdf\",\"size\":8,\"sha256\":\"" + sha256("%PDF-1.4") + "\","
            + "\"mimeType\":\"application/pdf\",\"contentId\":\"part1@example.test\",\"method\":1,"
            + "\"embedded\":null}]}\n");
    }

    @Test
    void embeddedMessagesAreListedRecursively() throws Exception {
        byte[] inner = Samples.attachment(tnef().message(TnefAttribute.ATT_SUBJECT, sz("Inner")), "Grüße 日本.txt",
            "hello").build();
        byte[] outer = Samples.embedded(tnef(), "Forwarded", inner).build();

        Cli.Result result = Cli.run(dir, "tnef", "list", file(outer).toString());

        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.out()).isEqualTo("{\"messageClass\":null,\"subject\":null,\"codePage\":1252,\"bodies\":[],"
            + "\"warnings\":[],\"attachments\":[{\"name\":\"Forwarded\",\"size\":0,\"sha256\":null,\"mimeType\":null,"
            + "\"contentId\":null,\"method\":5,\"embedded\":{\"messageClass\":null,\"subject\":\"Inner\","
            + "\"codePage\":1252,\"bodies\":[],\"warnings\":[],\"attachments\":[{\"name\":"
            + "\"Gr\\u00fc\\u00dfe \\u65e5\\u672c.txt\",\"size\":5,\"sha256\":\"" + sha256("hello") + "\","
            + "\"mimeType\":null,\"contentId\":null,\"method\":1,\"embedded\":null}]}}]}\n");
    }

    @Test
    void standardInputIsRead() {
        Cli.Result result = Cli.runWithInput(dir, tnef().message(TnefAttribute.ATT_SUBJECT, sz("x")).build(),
            "tnef", "list", "-");

        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.out()).isEqualTo("{\"messageClass\":null,\"subject\":\"x\",\"codePage\":1252,"
            + "\"bodies\":[],\"warnings\":[],\"attachments\":[]}\n");
    }

    @Test
    void checksumMismatchAndBrokenRtfAreWarnings() throws Exception {
        byte[] broken = Arrays.copyOf(Samples.SPEC_HELLO_RTF, Samples.SPEC_HELLO_RTF.length);
        broken[20] ^= 0x55;
        byte[] bytes = tnef()
            .attribute(1, TnefAttribute.ATT_SUBJECT, sz("bad sum"), 0)
            .messageProps(Props.props().binary(MapiTag.PR_RTF_COMPRESSED, broken))
            .build();

        Cli.Result result = Cli.run(dir, "tnef", "list", file(bytes).toString());

        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.out()).isEqualTo("{\"messageClass\":null,\"subject\":\"bad sum\",\"codePage\":1252,"
            + "\"bodies\":[{\"type\":\"rtf\",\"size\":null,\"compressedSize\":49}],"
            + "\"warnings\":[\"attribute 0x00018004 at offset 6: checksum 0x0000 does not match the data (0x029C)\","
            + "\"rtf body: Compressed RTF is truncated: no end-of-stream reference before offset 49\"],"
            + "\"attachments\":[]}\n");
    }

    @Test
    void notTnefIsExitOneWithAJsonError() throws Exception {
        Cli.Result result = Cli.run(dir, "tnef", "list",
            file("From: someone\r\n".getBytes(StandardCharsets.US_ASCII)).toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.stderr()).isEqualTo("{\"error\":\"NOT_TNEF\",\"message\":\"not a TNEF stream: expected"
            + " signature 0x223E9F78 but got 0x6D6F7246\"}\n");
    }

    @Test
    void truncatedFileIsExitOneWithAJsonError() throws Exception {
        byte[] whole = Samples.note().build();

        Cli.Result result = Cli.run(dir, "tnef", "list", file(Arrays.copyOf(whole, whole.length - 10)).toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.stderr()).isEqualTo("{\"error\":\"TRUNCATED\",\"message\":\"attribute 0x00069005 at offset"
            + " 261 declares 108 bytes but the input ends after 100\"}\n");
    }

    @Test
    void missingFileIsExitTwo() {
        Path missing = dir.resolve("missing.dat");

        Cli.Result result = Cli.run(dir, "tnef", "list", missing.toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.stderr()).isEqualTo("border: cannot read " + missing + ": no such file\n");
    }

    @Test
    void usageErrorsAreExitTwo() {
        Cli.Result none = Cli.run(dir, "tnef", "list");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.stderr()).isEqualTo("border: border tnef list: no file given\n"
            + "Run 'border tnef list --help' for usage.\n");

        Cli.Result two = Cli.run(dir, "tnef", "list", "a.dat", "b.dat");
        assertThat(two.exit()).isEqualTo(2);
        assertThat(two.stderr()).startsWith("border: border tnef list: unexpected argument 'b.dat'\n");

        Cli.Result unknown = Cli.run(dir, "tnef", "list", "--bogus", "a.dat");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.stderr()).startsWith("border: border tnef list: unknown option '--bogus'\n");
    }

    @Test
    void helpNamesTheCommands() {
        Cli.Result top = Cli.run(dir, "--help");
        assertThat(top.out()).contains("  tnef ").contains("list and decode TNEF (winmail.dat) files");

        Cli.Result group = Cli.run(dir, "tnef", "--help");
        assertThat(group.exit()).isZero();
        assertThat(group.out()).startsWith("Usage: border tnef COMMAND [OPTIONS] [ARGS]\n")
            .contains("  list      list the bodies and attachments of a TNEF file\n")
            .contains("  decode    write the bodies and attachments of a TNEF file to a directory\n")
            .contains("  to-mime   write a TNEF file or a message with TNEF as MIME\n");

        Cli.Result list = Cli.run(dir, "tnef", "list", "--help");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).startsWith("Usage: border tnef list FILE|-\n\nList the bodies and attachments of a"
            + " TNEF file.\n");
    }
}
