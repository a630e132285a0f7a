package org.bordertransport.cli.tnef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.cli.tnef.Samples.ascii;
import static org.bordertransport.cli.tnef.Samples.sha256;
import static org.bordertransport.core.tnef.TnefBuilder.sz;
import static org.bordertransport.core.tnef.TnefBuilder.tnef;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.bordertransport.cli.Cli;
import org.bordertransport.core.tnef.MapiTag;
import org.bordertransport.core.tnef.TnefAttribute;
import org.bordertransport.core.tnef.TnefBuilder;
import org.bordertransport.core.tnef.TnefBuilder.Props;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TnefDecodeCommandTest {
    @TempDir
    Path temp;

    private Path input(byte[] bytes) throws IOException {
        Path file = temp.resolve("winmail.dat");
        Files.write(file, bytes);
        return file;
    }

    /** Every file and directory under the temporary directory, relative, '/'-separated, sorted. */
    private List<String> tree() throws IOException {
        try (Stream<Path> paths = Files.walk(temp)) {
            return paths.filter(p -> !p.equals(temp))
                .map(p -> temp.relativize(p).toString().replace('\\', '/') + (Files.isDirectory(p) ? "/" : ""))
                .sorted().collect(Collectors.toList());
        }
    }

    private static String file(String path, String content, String name) {
        return "{\"path\":\"" + path + "\",\"size\":" + content.getBytes(StandardCharsets.UTF_8).length
            + ",\"sha256\":\"" + sha256(content) + "\",\"name\":" + (name == null ? "null" : "\"" + name + "\"") + "}";
    }

    @Test
    void decodeShouldWriteBodiesAndAttachments() throws Exception {
        Path out = temp.resolve("out");

        Cli.Result result = Cli.run(temp, "tnef", "decode", input(Samples.note().build()).toString(), "--out",
            out.toString());

        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.stderr()).isEmpty();
        assertThat(result.out()).isEqualTo("{\"out\":\"" + out + "\",\"files\":["
            + file("body.txt", "Hello, see attached.\r\n", null) + ","
            + file("body.html", "<p>Hello</p>", null) + ","
            + file("body.rtf", Samples.HELLO_RTF, null) + ","
            + file("report.pdf", "%PDF-1.4", "report.pdf") + "],\"directories\":[],\"warnings\":[]}\n");
        assertThat(tree()).containsExactly("out/", "out/body.html", "out/body.rtf", "out/body.txt",
            "out/report.pdf", "winmail.dat");
        assertThat(Files.readString(out.resolve("body.rtf"))).isEqualTo(Samples.HELLO_RTF);
        assertThat(Files.readString(out.resolve("report.pdf"))).isEqualTo("%PDF-1.4");
    }

    @Test
    void hostileNamesStayInsideTheDirectory() throws Exception {
        TnefBuilder tnef = tnef();
        for (String name : new String[] {"../../etc/passwd", "C:\\x\\y.txt", "CON", "nul.txt", "..", ".profile",
            "Résumé 日本語.txt", "same.txt", "same.txt", "", "evil\u202Etxt.exe", "a\u0001b.txt", "body.txt"}) {
            Samples.attachment(tnef, name, name.isEmpty() ? "empty name" : name);
        }
        // title only, with a path: the reader keeps the last segment
        tnef.renddata(0).attachment(TnefAttribute.ATT_ATTACH_TITLE, sz("..\\..\\boot.ini"))
            .attachment(TnefAttribute.ATT_ATTACH_DATA, ascii("[boot]"));
        tnef.messageProps(Props.props().unicode(MapiTag.PR_BODY, "text"));
        Path out = temp.resolve("out");

        Cli.Result result = Cli.run(temp, "tnef", "decode", input(tnef.build()).toString(), "-o", out.toString());

        assertThat(result.exit()).as(result.stderr()).isZero();
        // the reader already drops control characters (a\u0001b.txt) and keeps the last path segment
        assertThat(tree()).containsExactly("out/", "out/Résumé 日本語.txt", "out/_CON", "out/_nul.txt",
            "out/ab.txt", "out/attachment-10", "out/attachment-5", "out/body (2).txt", "out/body.txt", "out/boot.ini",
            "out/evil_txt.exe", "out/passwd", "out/profile", "out/same (2).txt", "out/same.txt", "out/y.txt",
            "winmail.dat");
        assertThat(Files.readString(out.resolve("passwd"))).isEqualTo("../../etc/passwd");
        assertThat(Files.readString(out.resolve("y.txt"))).isEqualTo("C:\\x\\y.txt");
        assertThat(Files.readString(out.resolve("_CON"))).isEqualTo("CON");
        assertThat(Files.readString(out.resolve("attachment-5"))).isEqualTo("..");
        assertThat(Files.readString(out.resolve("attachment-10"))).isEqualTo("empty name");
        assertThat(Files.readString(out.resolve("same.txt"))).isEqualTo("same.txt");
        assertThat(Files.readString(out.resolve("body.txt"))).isEqualTo("text");
        assertThat(Files.readString(out.resolve("body (2).txt"))).isEqualTo("body.txt");
        assertThat(Files.readString(out.resolve("Résumé 日本語.txt"))).isEqualTo("Résumé 日本語.txt");
        assertThat(result.out()).contains("{\"path\":\"passwd\",\"size\":16,\"sha256\":\""
            + sha256("../../etc/passwd") + "\",\"name\":\"passwd\"}")
            .contains("{\"path\":\"R\\u00e9sum\\u00e9 \\u65e5\\u672c\\u8a9e.txt\",")
            .contains("{\"path\":\"same (2).txt\",\"size\":8,\"sha256\":\"" + sha256("same.txt")
                + "\",\"name\":\"same.txt\"}");
    }

    @Test
    void existingFilesAreNeverOverwritten() throws Exception {
        Path out = Files.createDirectories(temp.resolve("out"));
        Files.writeString(out.resolve("report.pdf"), "mine");
        Files.createDirectory(out.resolve("report (2).pdf"));
        Path in = input(Samples.note().build());

        Cli.Result first = Cli.run(temp, "tnef", "decode", in.toString(), "--out", out.toString());
        Cli.Result second = Cli.run(temp, "tnef", "decode", in.toString(), "--out=" + out);

        assertThat(first.exit()).as(first.stderr()).isZero();
        assertThat(second.exit()).as(second.stderr()).isZero();
        assertThat(Files.readString(out.resolve("report.pdf"))).isEqualTo("mine");
        assertThat(Files.readString(out.resolve("report (3).pdf"))).isEqualTo("%PDF-1.4");
        assertThat(Files.readString(out.resolve("report (4).pdf"))).isEqualTo("%PDF-1.4");
        assertThat(Files.readString(out.resolve("body (2).txt"))).isEqualTo("Hello, see attached.\r\n");
        assertThat(second.out()).contains("{\"path\":\"body (2).rtf\",").contains("{\"path\":\"report (4).pdf\",");
        assertThat(tree()).hasSize(12);
    }

    @Test
    void embeddedMessagesGoToSubDirectories() throws Exception {
        byte[] innermost = Samples.attachment(tnef(), "deep.txt", "deep").build();
        byte[] inner = Samples.embedded(Samples.attachment(tnef()
                .messageProps(Props.props().unicode(MapiTag.PR_BODY, "inner body")), "hello.txt", "hello"),
            "Nested", innermost).build();
        TnefBuilder outer = Samples.embedded(tnef(), "../Fwd: hello", inner);
        Samples.attachment(outer, "Fwd_ hello", "a file of the same name");
        Samples.embedded(outer, "../Fwd: hello", inner);
        Path out = temp.resolve("new/deeper/out");

        Cli.Result result = Cli.run(temp, "tnef", "decode", input(outer.build()).toString(), "--out", out.toString());

        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(tree()).containsExactly("new/", "new/deeper/", "new/deeper/out/",
            "new/deeper/out/Fwd_ hello (2)", "new/deeper/out/Fwd_ hello (3)/",
            "new/deeper/out/Fwd_ hello (3)/Nested/", "new/deeper/out/Fwd_ hello (3)/Nested/deep.txt",
            "new/deeper/out/Fwd_ hello (3)/body.txt", "new/deeper/out/Fwd_ hello (3)/hello.txt",
            "new/deeper/out/Fwd_ hello/", "new/deeper/out/Fwd_ hello/Nested/",
            "new/deeper/out/Fwd_ hello/Nested/deep.txt", "new/deeper/out/Fwd_ hello/body.txt",
            "new/deeper/out/Fwd_ hello/hello.txt", "winmail.dat");
        assertThat(result.out()).isEqualTo("{\"out\":\"" + out + "\",\"files\":["
            + file("Fwd_ hello/body.txt", "inner body", null) + ","
            + file("Fwd_ hello/hello.txt", "hello", "hello.txt") + ","
            + file("Fwd_ hello/Nested/deep.txt", "deep", "deep.txt") + ","
            + file("Fwd_ hello (2)", "a file of the same name", "Fwd_ hello") + ","
            + file("Fwd_ hello (3)/body.txt", "inner body", null) + ","
            + file("Fwd_ hello (3)/hello.txt", "hello", "hello.txt") + ","
            + file("Fwd_ hello (3)/Nested/deep.txt", "deep", "deep.txt") + "],"
            + "\"directories\":[\"Fwd_ hello\",\"Fwd_ hello/Nested\",\"Fwd_ hello (3)\",\"Fwd_ hello (3)/Nested\"],"
            + "\"warnings\":[]}\n");
    }

    @Test
    void brokenRtfIsExitOneButTheRestIsWritten() throws Exception {
        byte[] broken = Arrays.copyOf(Samples.SPEC_HELLO_RTF, 30);
        byte[] bytes = Samples.attachment(tnef().messageProps(Props.props()
            .unicode(MapiTag.PR_BODY, "text").binary(MapiTag.PR_RTF_COMPRESSED, broken)), "a.txt", "a").build();
        Path out = temp.resolve("out");

        Cli.Result result = Cli.run(temp, "tnef", "decode", input(bytes).toString(), "--out", out.toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).isEqualTo("{\"out\":\"" + out + "\",\"files\":[" + file("body.txt", "text", null)
            + "," + file("a.txt", "a", "a.txt") + "],\"directories\":[],"
            + "\"warnings\":[\"rtf body: Compressed RTF is truncated: COMPSIZE declares 49 octets but only 30 are"
            + " present\"]}\n");
        assertThat(tree()).containsExactly("out/", "out/a.txt", "out/body.txt", "winmail.dat");
    }

    @Test
    void truncatedFileIsExitOneAndWritesNothing() throws Exception {
        byte[] whole = Samples.note().build();
        Path out = temp.resolve("out");

        Cli.Result result = Cli.run(temp, "tnef", "decode", input(Arrays.copyOf(whole, whole.length - 1)).toString(),
            "--out", out.toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.stderr()).isEqualTo("{\"error\":\"TRUNCATED\",\"message\":\"TNEF stream ends early:"
            + " attribute 0x00069005 at offset 261 has no complete checksum\"}\n");
        assertThat(tree()).containsExactly("winmail.dat");
    }

    @Test
    void missingFileIsExitTwo() {
        Path missing = temp.resolve("missing.dat");

        Cli.Result result = Cli.run(temp, "tnef", "decode", missing.toString(), "--out",
            temp.resolve("out").toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.stderr()).isEqualTo("border: cannot read " + missing + ": no such file\n");
    }

    @Test
    void outThatIsAFileIsExitTwo() throws Exception {
        Path in = input(Samples.note().build());

        Cli.Result result = Cli.run(temp, "tnef", "decode", in.toString(), "--out", in.toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.stderr()).isEqualTo("border: cannot create " + in + ": " + in + " is not a directory\n");
        assertThat(tree()).containsExactly("winmail.dat");
    }

    @Test
    void usageErrorsAreExitTwo() throws Exception {
        Path in = input(Samples.note().build());

        Cli.Result noOut = Cli.run(temp, "tnef", "decode", in.toString());
        assertThat(noOut.exit()).isEqualTo(2);
        assertThat(noOut.stderr()).isEqualTo("border: border tnef decode: missing --out DIR\n"
            + "Run 'border tnef decode --help' for usage.\n");

        Cli.Result noFile = Cli.run(temp, "tnef", "decode", "--out", "x");
        assertThat(noFile.exit()).isEqualTo(2);
        assertThat(noFile.stderr()).startsWith("border: border tnef decode: no file given\n");

        Cli.Result empty = Cli.run(temp, "tnef", "decode", in.toString(), "--out", "");
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.stderr()).startsWith("border: border tnef decode: empty --out directory\n");
        assertThat(tree()).containsExactly("winmail.dat");
    }
}
