package org.bordertransport.cli.tnef;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.bordertransport.cli.Cli;
import org.bordertransport.core.encoding.UuEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14, item 2: {@code border tnef to-mime} decodes TNEF in every form, as ConvertTnef does. */
class TnefToMimeFormsTest {
    private static final String PDF_BASE64 = Base64.getEncoder().encodeToString("%PDF-1.4"
        .getBytes(StandardCharsets.US_ASCII));

    @TempDir
    Path dir;

    private Cli.Result toMime(String message) throws Exception {
        Path file = dir.resolve("in.eml");
        Files.write(file, message.getBytes(StandardCharsets.ISO_8859_1));
        return Cli.run(dir, "tnef", "to-mime", file.toString());
    }

    private static String base64Part(String type) {
        return "Content-Type: " + type + "\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString(Samples.note().build()) + "\r\n";
    }

    @Test
    void aUuencodedWinmailDatInAPlainTextMail() throws Exception {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        UuEncoder.encode(new ByteArrayInputStream(Samples.note().build()), "WINMAIL.DAT", StandardCharsets.US_ASCII,
            block);
        Cli.Result result = toMime("From: a@example.com\r\nSubject: hi\r\n\r\nSee below.\r\n"
            + block.toString(StandardCharsets.US_ASCII).replace("begin 644", "begin 600") + "Bye\r\n");

        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.out()).startsWith("From: a@example.com\r\nSubject: hi\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed;").contains("See below.\r\nBye\r\n").contains("application/pdf")
            .contains(PDF_BASE64).doesNotContain("begin 600");
        assertThat(result.stderr()).startsWith("{\"modified\":true,\"changes\":\"root: uuencoded WINMAIL.DAT in "
            + "text/plain -> multipart/mixed");
    }

    @Test
    void aRenamedPartAnAttachedMessageAndTwoTnefParts() throws Exception {
        String inner = "From: c@example.net\r\nSubject: inner\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; "
            + "boundary=in\r\n\r\n--in\r\n" + base64Part("application/ms-tnef; name=winmail.dat") + "--in--\r\n";
        Cli.Result result = toMime("From: a@example.com\r\nSubject: hi\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=o\r\n\r\n--o\r\n"
            + base64Part("application/octet-stream; name=ATT00001.dat") + "--o\r\n"
            + base64Part("application/ms-tnef; name=winmail.dat") + "--o\r\n"
            + "Content-Type: message/rfc822\r\n\r\n" + inner + "\r\n--o--\r\n");

        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.out()).doesNotContain("ATT00001.dat").doesNotContain("ms-tnef").contains("Subject: inner");
        assertThat(result.stderr()).contains("\"changes\":\"1: application/octet-stream (ATT00001.dat) -> ")
            .contains("; 2: application/ms-tnef (winmail.dat) -> ")
            .contains("; 3/1: application/ms-tnef (winmail.dat) -> ");
    }

    @Test
    void aPartLabelledTnefThatIsNotIsLeftAndNamed() throws Exception {
        String message = "From: a@example.com\r\nSubject: hi\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; "
            + "boundary=o\r\n\r\n--o\r\nContent-Type: application/ms-tnef; name=winmail.dat\r\n\r\nnot tnef\r\n--o--\r\n";
        Cli.Result result = toMime(message);

        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.out()).isEqualTo(message);
        assertThat(result.stderr()).isEqualTo("{\"modified\":false,\"changes\":\"no TNEF part\",\"mislabelled\":"
            + "[\"1\"]}\n");
    }
}
