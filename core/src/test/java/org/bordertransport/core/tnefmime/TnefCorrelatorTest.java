package org.bordertransport.core.tnefmime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.core.tnefmime.MimeFixture.HEADERS;
import static org.bordertransport.core.tnefmime.MimeFixture.ascii;
import static org.bordertransport.core.tnefmime.MimeFixture.text;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/**
 * A renamed winmail.dat ({@code ATT00001.dat}, octet-stream) is found by its content, with or without
 * {@code X-MS-TNEF-Correlator}.
 */
class TnefCorrelatorTest {
    private static byte[] message(boolean correlator, byte[] data) {
        return ascii(HEADERS + (correlator ? "X-MS-TNEF-Correlator: <00000000AB@example.com>\r\n" : "")
            + "Content-Type: multipart/mixed; boundary=\"o\"\r\n\r\n--o\r\nContent-Type: text/plain\r\n\r\nsee\r\n"
            + "--o\r\nContent-Type: application/octet-stream; name=\"ATT00001.dat\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(data)
            + "\r\n--o--\r\n");
    }

    private static TnefConversionResult convert(byte[] message, ByteArrayOutputStream out) throws Exception {
        return TnefMimeConverter.withDefaults().convert(new ByteArrayInputStream(message), out);
    }

    @Test
    void aRenamedWinmailDatIsDecodedWhenTheMessageCarriesTheCorrelator() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TnefConversionResult result = convert(message(true, TnefMimeConverterTest.richTnef()), out);

        assertThat(result.modified()).isTrue();
        assertThat(text(out.toByteArray())).contains("application/pdf").doesNotContain("ATT00001.dat");
        assertThat(TnefMimeConverter.withDefaults().detect(new ByteArrayInputStream(
            message(true, TnefMimeConverterTest.richTnef()))).found()).isTrue();
    }

    @Test
    void withoutTheCorrelatorItIsDecodedToo() throws Exception {
        byte[] plain = message(false, TnefMimeConverterTest.richTnef());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TnefConversionResult result = convert(plain, out);
        assertThat(result.changes()).containsExactly("2: application/octet-stream (ATT00001.dat) -> multipart/mixed"
            + " (multipart/alternative body, 2 attachment(s))");
        assertThat(text(out.toByteArray())).contains("application/pdf").doesNotContain("ATT00001.dat");
        assertThat(TnefMimeConverter.withDefaults().detect(new ByteArrayInputStream(plain)).paths())
            .containsExactly("2");
    }

    @Test
    void withoutTheSignatureItIsLeftAlone() throws Exception {
        byte[] notTnef = message(true, ascii("just some data"));
        ByteArrayOutputStream other = new ByteArrayOutputStream();
        convert(notTnef, other);
        assertThat(text(other.toByteArray())).contains("ATT00001.dat").contains(Base64.getMimeEncoder()
            .encodeToString(ascii("just some data")));
        assertThat(other.toByteArray()).isEqualTo(notTnef);
    }
}
