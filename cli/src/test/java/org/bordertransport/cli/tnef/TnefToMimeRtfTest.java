package org.bordertransport.cli.tnef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.core.tnef.TnefBuilder.sz;
import static org.bordertransport.core.tnef.TnefBuilder.tnef;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bordertransport.cli.Cli;
import org.bordertransport.core.tnef.MapiTag;
import org.bordertransport.core.tnef.TnefAttribute;
import org.bordertransport.core.tnef.TnefBuilder.Props;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tnef to-mime} on a TNEF file whose only body is genuine RTF (compressed, [MS-OXRTFCP] 4.1). */
class TnefToMimeRtfTest {
    @TempDir
    Path dir;

    private Path rtfOnly() throws Exception {
        Path file = dir.resolve("winmail.dat");
        Files.write(file, tnef().message(TnefAttribute.ATT_SUBJECT, sz("RTF only"))
            .messageProps(Props.props().binary(MapiTag.PR_RTF_COMPRESSED, Samples.SPEC_HELLO_RTF)).build());
        return file;
    }

    @Test
    void genuineRtfBecomesTextAndHtml() throws Exception {
        Cli.Result result = Cli.run(dir, "tnef", "to-mime", rtfOnly().toString());

        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.out()).startsWith("Subject: RTF only\r\nMIME-Version: 1.0\r\nContent-Type: "
            + "multipart/alternative;")
            .contains("Content-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n\r\n"
                + "hello world\r\n")
            .contains("Content-Type: text/html; charset=utf-8\r\n")
            .contains("<div>hello world</div>")
            .doesNotContain("text/rtf");
        assertThat(result.stderr()).isEqualTo("{\"modified\":true,\"changes\":\"TNEF file -> multipart/alternative"
            + " (multipart/alternative body, 0 attachment(s), HTML and text rendered from RTF)\"}\n");
    }

    @Test
    void keepRtfAlsoAttachesIt() throws Exception {
        Cli.Result result = Cli.run(dir, "tnef", "to-mime", rtfOnly().toString(), "--keep-rtf");

        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.out()).contains("Content-Type: multipart/mixed;").contains("<div>hello world</div>")
            .contains("Content-Type: text/rtf; name=\"body.rtf\"");
    }
}
