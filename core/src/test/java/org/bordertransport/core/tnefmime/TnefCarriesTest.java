package org.bordertransport.core.tnefmime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.core.tnefmime.MimeFixture.HEADERS;
import static org.bordertransport.core.tnefmime.MimeFixture.ascii;
import static org.bordertransport.core.tnefmime.MimeFixture.bytes;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** {@link TnefMimeConverter#carriesTnef}: the answer of {@link TnefMimeConverter#detect}, read only up to the first finding. */
class TnefCarriesTest {
    private static final TnefMimeConverter CONVERTER = TnefMimeConverter.withDefaults();

    private static byte[] mixed(String... parts) {
        StringBuilder message = new StringBuilder(HEADERS + "Content-Type: multipart/mixed; boundary=o\r\n\r\n");
        for (String part : parts) {
            message.append("--o\r\n").append(part).append("\r\n");
        }
        return ascii(message.append("--o--\r\n").toString());
    }

    private static String base64Part(String type, byte[] data) {
        return "Content-Type: " + type + "\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString(data);
    }

    @Test
    void itAnswersAsDetectDoes() throws Exception {
        Map<String, byte[]> messages = new LinkedHashMap<>();
        messages.put("plain text", ascii(HEADERS + "Content-Type: text/plain\r\n\r\nhello\r\n"));
        messages.put("an attachment", mixed("Content-Type: text/plain\r\n\r\nsee", base64Part("image/png",
            bytes(3_000, 1))));
        messages.put("winmail.dat", MimeFixture.winmail(TnefFormsTest.zipTnef()));
        messages.put("renamed", mixed("Content-Type: text/plain\r\n\r\nsee", base64Part(
            "application/octet-stream; name=\"ATT00001.dat\"", TnefFormsTest.zipTnef())));
        messages.put("labelled, not TNEF", mixed("Content-Type: text/plain\r\n\r\nsee", base64Part(
            "application/ms-tnef; name=\"winmail.dat\"", ascii("not tnef at all"))));
        messages.put("uuencoded in text", ascii(HEADERS + "\r\nsee\r\n"
            + TnefFormsTest.uuencoded("winmail.dat", TnefFormsTest.zipTnef())));
        messages.put("summary", MimeFixture.stnef(HEADERS, TnefFormsTest.zipTnef()));
        messages.put("in an attached message", mixed("Content-Type: text/plain\r\n\r\nsee",
            "Content-Type: message/rfc822\r\n\r\n" + new String(MimeFixture.winmail(TnefFormsTest.zipTnef()),
                StandardCharsets.ISO_8859_1)));
        messages.put("broken MIME", ascii(HEADERS + "Content-Type: multipart/mixed; boundary=o\r\n\r\n--o\r\n"
            + "Content-Type: text/plain\r\n\r\nunterminated"));
        for (Map.Entry<String, byte[]> message : messages.entrySet()) {
            TnefDetection detection = CONVERTER.detect(new ByteArrayInputStream(message.getValue()));
            boolean expected = detection.found() || !detection.mislabelled().isEmpty();
            assertThat(CONVERTER.carriesTnef(new ByteArrayInputStream(message.getValue()))).as(message.getKey())
                .isEqualTo(expected);
        }
        assertThat(messages.keySet().stream().filter(name -> {
            try {
                return CONVERTER.carriesTnef(new ByteArrayInputStream(messages.get(name)));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        })).containsExactly("winmail.dat", "renamed", "labelled, not TNEF", "uuencoded in text", "summary",
            "in an attached message");
    }

    @Test
    void itStopsReadingAtTheFirstTnefPart() throws Exception {
        byte[] large = bytes(2_000_000, 9);
        byte[] message = mixed("Content-Type: text/plain\r\n\r\nsee", base64Part("application/ms-tnef; "
            + "name=\"winmail.dat\"", TnefFormsTest.zipTnef()), base64Part("application/pdf", large));
        Counting counting = new Counting(new ByteArrayInputStream(message));

        assertThat(CONVERTER.carriesTnef(counting)).isTrue();
        assertThat(counting.read).isLessThan(message.length / 10);

        Counting whole = new Counting(new ByteArrayInputStream(message));
        assertThat(CONVERTER.detect(whole).found()).isTrue();
        assertThat(whole.read).isEqualTo(message.length);
    }

    /** Counts the octets read. */
    private static final class Counting extends FilterInputStream {
        private long read;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                read++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                read += n;
            }
            return n;
        }
    }
}
