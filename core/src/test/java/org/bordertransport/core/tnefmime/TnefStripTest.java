package org.bordertransport.core.tnefmime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.core.tnefmime.MimeFixture.HEADERS;
import static org.bordertransport.core.tnefmime.MimeFixture.ascii;
import static org.bordertransport.core.tnefmime.MimeFixture.parse;
import static org.bordertransport.core.tnefmime.MimeFixture.shape;
import static org.bordertransport.core.tnefmime.MimeFixture.stnef;
import static org.bordertransport.core.tnefmime.MimeFixture.text;
import static org.bordertransport.core.tnefmime.MimeFixture.winmail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/** {@link TnefMimeConverter#strip}: winmail.dat removed, summary TNEF still decoded. */
class TnefStripTest {
    private static TnefConversionResult result;

    private static byte[] strip(byte[] message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        result = TnefMimeConverter.withDefaults().strip(new ByteArrayInputStream(message), out);
        return out.toByteArray();
    }

    @Test
    void winmailPartIsRemovedAndTheRestKeptAsItIs() throws Exception {
        byte[] original = winmail(TnefMimeConverterTest.richTnef());
        byte[] out = strip(original);

        assertThat(shape(parse(out))).containsExactly("root multipart/mixed", "1 text/plain");
        assertThat(text(out)).startsWith(text(original).substring(0, text(original).indexOf("--outer\r\nContent-Type: "
            + "application/ms-tnef")));
        assertThat(text(out)).endsWith("See the attachment.\r\n--outer--\r\n");
        assertThat(result.modified()).isTrue();
        assertThat(result.changes()).containsExactly("2: application/ms-tnef (winmail.dat) removed");
    }

    @Test
    void aMultipartLeftEmptySaysWhatWasRemoved() throws Exception {
        byte[] original = ascii(HEADERS + "Content-Type: multipart/mixed; boundary=\"o\"\r\n\r\n--o\r\n"
            + "Content-Type: application/ms-tnef; name=\"winmail.dat\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString(TnefMimeConverterTest.richTnef()) + "\r\n--o--\r\n");
        byte[] out = strip(original);

        assertThat(shape(parse(out))).containsExactly("root multipart/mixed", "1 text/plain");
        assertThat(text(out)).contains("A winmail.dat (TNEF) attachment was removed from this message.");
    }

    @Test
    void summaryTnefCannotBeRemovedAndIsDecoded() throws Exception {
        byte[] out = strip(stnef(HEADERS, TnefMimeConverterTest.richTnef()));

        assertThat(result.summaryTnef()).isTrue();
        assertThat(text(out)).doesNotContain("application/ms-tnef");
        assertThat(shape(parse(out)).get(0)).isEqualTo("root multipart/mixed");
    }
}
