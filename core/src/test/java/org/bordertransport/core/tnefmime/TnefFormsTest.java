package org.bordertransport.core.tnefmime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bordertransport.core.tnefmime.MimeFixture.HEADERS;
import static org.bordertransport.core.tnefmime.MimeFixture.ascii;
import static org.bordertransport.core.tnefmime.MimeFixture.assertSevenBitClean;
import static org.bordertransport.core.tnefmime.MimeFixture.bytes;
import static org.bordertransport.core.tnefmime.MimeFixture.concat;
import static org.bordertransport.core.tnefmime.MimeFixture.parse;
import static org.bordertransport.core.tnefmime.MimeFixture.part;
import static org.bordertransport.core.tnefmime.MimeFixture.sha256;
import static org.bordertransport.core.tnefmime.MimeFixture.shape;
import static org.bordertransport.core.tnefmime.MimeFixture.text;
import static org.bordertransport.core.tnefmime.MimeFixture.winmail;
import static org.bordertransport.core.tnefmime.TnefFixture.tnef;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.bordertransport.core.encoding.UuEncoder;
import org.bordertransport.core.tnef.MapiTag;
import org.bordertransport.core.tnefmime.TnefFixture.Props;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 2: TNEF in every form — told by its signature whatever its label or transfer encoding, uuencoded in a
 * text body (non-MIME Outlook mail), inside attached messages, several in one message.
 */
class TnefFormsTest {
    private static final TnefMimeConverter CONVERTER = TnefMimeConverter.withDefaults();
    private static final byte[] PDF = bytes(5_000, 4);
    private static final byte[] ZIP = bytes(700, 5);

    static byte[] pdfTnef() {
        return tnef().messageProps(Props.props().unicode(MapiTag.PR_BODY, "The report."))
            .file("report.pdf", PDF, "application/pdf", null).build();
    }

    static byte[] zipTnef() {
        return tnef().file("data.zip", ZIP, null, null).build();
    }

    private static TnefMimeConverterTest.Converted convert(byte[] message) throws Exception {
        return TnefMimeConverterTest.convert(CONVERTER, message);
    }

    private static TnefDetection detect(byte[] message) throws IOException {
        return CONVERTER.detect(new ByteArrayInputStream(message));
    }

    /** {@code name} uuencoded as Outlook writes it for a non-MIME recipient. */
    static String uuencoded(String name, byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        UuEncoder.encode(new ByteArrayInputStream(data), name, StandardCharsets.US_ASCII, out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    /** Quoted-printable of any octets, lines under 76 characters. */
    static String quotedPrintable(byte[] data) {
        StringBuilder out = new StringBuilder();
        int column = 0;
        for (byte b : data) {
            int v = b & 0xFF;
            String token = v >= 33 && v <= 126 && v != '=' ? String.valueOf((char) v) : String.format("=%02X", v);
            if (column + token.length() > 72) {
                out.append("=\r\n");
                column = 0;
            }
            out.append(token);
            column += token.length();
        }
        return out.toString();
    }

    private static byte[] withPart(String headers, String body) {
        return ascii(HEADERS + "Content-Type: multipart/mixed; boundary=o\r\n\r\n--o\r\nContent-Type: text/plain\r\n\r\n"
            + "see\r\n--o\r\n" + headers + "\r\n" + body + "\r\n--o--\r\n");
    }

    @Nested
    class ByContent {
        @Test
        void anyTypeOrNameWithTheSignatureIsTnef() throws Exception {
            String base64 = Base64.getMimeEncoder().encodeToString(zipTnef());
            for (String type : List.of("application/octet-stream; name=\"ATT00001.dat\"",
                "application/octet-stream; name=\"win.dat\"", "image/gif", "text/plain", "application/x-whatever")) {
                byte[] message = withPart("Content-Type: " + type + "\r\nContent-Transfer-Encoding: base64\r\n",
                    base64);
                assertThat(detect(message).paths()).as(type).containsExactly("2");
                TnefMimeConverterTest.Converted c = convert(message);
                assertThat(c.result.tnefParts()).as(type).isEqualTo(1);
                assertThat(part(parse(c.bytes), "2.1").sha256()).as(type).isEqualTo(sha256(ZIP));
                assertThat(part(parse(c.bytes), "2.1").fileName()).isEqualTo("data.zip");
            }
        }

        @Test
        void quotedPrintableAndUuencodeTransferEncodingsAreDecoded() throws Exception {
            byte[] qp = withPart("Content-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n", quotedPrintable(zipTnef()));
            byte[] uu = withPart("Content-Type: application/octet-stream; name=winmail.dat\r\n"
                + "Content-Transfer-Encoding: x-uuencode\r\n", uuencoded("winmail.dat", zipTnef()));
            for (byte[] message : List.of(qp, uu)) {
                assertThat(detect(message).paths()).containsExactly("2");
                TnefMimeConverterTest.Converted c = convert(message);
                assertThat(shape(parse(c.bytes))).containsExactly("root multipart/mixed", "1 text/plain",
                    "2 multipart/mixed", "2.1 application/zip");
                assertThat(part(parse(c.bytes), "2.1").sha256()).isEqualTo(sha256(ZIP));
                assertSevenBitClean(c.bytes);
            }
        }

        @Test
        void onlyTheFirstOctetsOfAPartAreRead() throws IOException {
            // a one-entity message: its header and the first octets of its body, nothing after them
            byte[] head = ascii(HEADERS + "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: "
                + "base64\r\n\r\n" + Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(zipTnef(), 6))
                .substring(0, 8));
            InputStream failingBody = new SequenceInputStream(new ByteArrayInputStream(head), new InputStream() {
                @Override
                public int read() throws IOException {
                    throw new IOException("read past the first octets");
                }
            });
            TnefDetection d = CONVERTER.detect(failingBody);
            assertThat(d.kind()).isEqualTo(TnefDetection.Kind.SUMMARY_TNEF);
            assertThat(d.paths()).containsExactly("root");
        }

        @Test
        void aPartWithoutTheSignatureIsNotTnefWhateverItsLabel() throws Exception {
            byte[] message = withPart("Content-Type: application/vnd.ms-tnef; name=winmail.dat\r\n"
                + "Content-Transfer-Encoding: base64\r\n", Base64.getMimeEncoder().encodeToString(PDF));
            assertThat(detect(message).found()).isFalse();
            assertThat(detect(message).mislabelled()).containsExactly("2");
            TnefMimeConverterTest.Converted c = convert(message);
            assertThat(c.result.modified()).isFalse();
            assertThat(c.bytes).isEqualTo(message);
        }
    }

    @Nested
    class UuencodedInText {
        private final String before = "Hello Bob,\r\n\r\nthe report is attached.\r\n\r\n";
        private final String after = "\r\nRegards, Alice\r\n";

        private byte[] nonMime(String body) {
            return ascii("From: Alice <alice@example.com>\r\nTo: bob@example.org\r\nSubject: report\r\n"
                + "Message-ID: <uu@example.com>\r\n\r\n" + body);
        }

        @Test
        void aWinmailDatInANonMimeBodyBecomesRealMime() throws Exception {
            byte[] original = nonMime(before + uuencoded("WINMAIL.DAT", pdfTnef()).replace("begin 644", "begin 600")
                + after);
            TnefDetection d = detect(original);
            assertThat(d.kind()).isEqualTo(TnefDetection.Kind.TNEF_PARTS);
            assertThat(d.paths()).containsExactly("root");

            TnefMimeConverterTest.Converted c = convert(original);
            assertThat(c.result.changes()).containsExactly("root: uuencoded WINMAIL.DAT in text/plain -> "
                + "multipart/mixed (text/plain body, 1 attachment(s))");
            assertThat(c.result.summaryTnef()).isFalse();
            assertSevenBitClean(c.bytes);
            assertThat(text(c.bytes)).startsWith("From: Alice <alice@example.com>\r\nTo: bob@example.org\r\n"
                + "Subject: report\r\nMessage-ID: <uu@example.com>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed;\r\n\tboundary=\"=_tnef_");
            List<MimeFixture.Part> parts = parse(c.bytes);
            assertThat(shape(parts)).containsExactly("root multipart/mixed", "1 text/plain", "2 multipart/mixed",
                "2.1 text/plain", "2.2 application/pdf");
            assertThat(part(parts, "1").text()).isEqualTo(before + after);
            assertThat(part(parts, "1").header("Content-Type")).isEqualTo("text/plain; charset=us-ascii");
            assertThat(part(parts, "2.1").text()).isEqualTo("The report.");
            assertThat(part(parts, "2.2").sha256()).isEqualTo(sha256(PDF));
            assertThat(part(parts, "2.2").fileName()).isEqualTo("report.pdf");
        }

        @Test
        void eightBitTextKeepsItsCharsetAndOtherUuencodedFilesStay() throws Exception {
            String picture = uuencoded("photo.jpg", bytes(200, 7));
            byte[] original = concat(ascii("From: a@example.com\r\n\r\n"), concat(
                "Grüße,\r\n".getBytes(StandardCharsets.UTF_8),
                ascii(picture + uuencoded("winmail.dat", zipTnef()) + "end of text\r\n")));
            TnefMimeConverterTest.Converted c = convert(original);
            List<MimeFixture.Part> parts = parse(c.bytes);
            assertThat(shape(parts)).containsExactly("root multipart/mixed", "1 text/plain", "2 multipart/mixed",
                "2.1 application/zip");
            assertThat(part(parts, "1").header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
            assertThat(part(parts, "1").header("Content-Transfer-Encoding")).isEqualTo("quoted-printable");
            assertThat(part(parts, "1").text()).isEqualTo("Grüße,\r\n" + picture + "end of text\r\n");
            assertSevenBitClean(c.bytes);
        }

        @Test
        void oldStyleSpacesCutByAGatewayAndLfLineEndsAreRead() throws Exception {
            StringBuilder oldStyle = new StringBuilder();
            for (String line : uuencoded("winmail.dat", zipTnef()).split("\r\n")) {
                oldStyle.append(line.replace('`', ' ').stripTrailing()).append('\n');
            }
            byte[] original = ascii("From: a@example.com\n\ntext\n" + oldStyle + "after\n");
            TnefMimeConverterTest.Converted c = convert(original);
            List<MimeFixture.Part> parts = parse(c.bytes);
            assertThat(shape(parts)).containsExactly("root multipart/mixed", "1 text/plain", "2 multipart/mixed",
                "2.1 application/zip");
            assertThat(part(parts, "2.1").sha256()).isEqualTo(sha256(ZIP));
            assertThat(part(parts, "1").text()).isEqualTo("text\r\nafter\r\n");
        }

        @Test
        void aTextPartOfAMultipartIsReplacedInPlace() throws Exception {
            byte[] original = ascii(HEADERS + "Content-Type: multipart/mixed; boundary=o\r\n\r\n--o\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n\r\n" + before
                + uuencoded("winmail.dat", zipTnef()) + "\r\n--o\r\nContent-Type: image/png\r\n\r\npng\r\n--o--\r\n");
            assertThat(detect(original).paths()).containsExactly("1");
            TnefMimeConverterTest.Converted c = convert(original);
            List<MimeFixture.Part> parts = parse(c.bytes);
            assertThat(shape(parts)).containsExactly("root multipart/mixed", "1 multipart/mixed", "1.1 text/plain",
                "1.2 multipart/mixed", "1.2.1 application/zip", "2 image/png");
            assertThat(part(parts, "1.1").text()).isEqualTo(before);
        }

        @Test
        void strippingLeavesTheTextWithoutTheBlock() throws Exception {
            byte[] original = nonMime(before + uuencoded("WINMAIL.DAT", pdfTnef()) + after);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TnefConversionResult result = CONVERTER.strip(new ByteArrayInputStream(original), out);
            assertThat(result.changes()).containsExactly("root: uuencoded WINMAIL.DAT in text/plain removed");
            List<MimeFixture.Part> parts = parse(out.toByteArray());
            assertThat(shape(parts)).containsExactly("root text/plain");
            assertThat(part(parts, "root").text()).isEqualTo(before + after);
        }

        @Test
        void aBlockThatIsNotTnefIsText() throws Exception {
            byte[] original = nonMime(before + uuencoded("winmail.dat", PDF) + after);
            assertThat(detect(original).found()).isFalse();
            TnefMimeConverterTest.Converted c = convert(original);
            assertThat(c.result.modified()).isFalse();
            assertThat(c.bytes).isEqualTo(original);
        }

        @Test
        void blocksAreCountedAndSized() {
            StringBuilder many = new StringBuilder();
            for (int i = 0; i < 17; i++) {
                many.append(uncheckedUuencoded("winmail" + i + ".dat", zipTnef()));
            }
            assertThatThrownBy(() -> convert(nonMime(many.toString())))
                .isInstanceOf(TnefConversionException.class).hasMessage("more than 16 uuencoded TNEF blocks");

            TnefMimeConverter small = TnefMimeConverter.of(TnefMimeOptions.defaults(), 16, 100);
            assertThatThrownBy(() -> TnefMimeConverterTest.convert(small, nonMime(uncheckedUuencoded("WINMAIL.DAT",
                pdfTnef())))).isInstanceOf(TnefConversionException.class)
                .hasMessage("uuencoded WINMAIL.DAT at root is over the limit of 100 octets");
        }

        @Test
        void aBrokenBlockIsACheckedExceptionNamingIt() {
            byte[] cut = java.util.Arrays.copyOf(pdfTnef(), 300);
            assertThatThrownBy(() -> convert(nonMime(uncheckedUuencoded("WINMAIL.DAT", cut))))
                .isInstanceOf(TnefConversionException.class)
                .hasMessageStartingWith("TNEF part root (uuencoded WINMAIL.DAT in text/plain) cannot be decoded: ");
        }

        private String uncheckedUuencoded(String name, byte[] data) {
            try {
                return uuencoded(name, data);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Nested
    class InAttachedMessages {
        private int level;

        private byte[] attaching(byte[] inner, String encoding) {
            String body = encoding.equals("base64") ? Base64.getMimeEncoder().encodeToString(inner) : text(inner);
            String b = "top" + level++;
            return ascii(HEADERS + "Content-Type: multipart/mixed; boundary=" + b + "\r\n\r\n--" + b + "\r\n"
                + "Content-Type: text/plain\r\n\r\nforwarded\r\n--" + b + "\r\nContent-Type: message/rfc822\r\n"
                + "Content-Disposition: attachment; filename=\"fw.eml\"\r\nContent-Transfer-Encoding: " + encoding
                + "\r\n\r\n" + body + "\r\n--" + b + "--\r\n");
        }

        @Test
        void tnefInsideAnAttachedMessageIsConvertedThere() throws Exception {
            byte[] original = attaching(winmail(pdfTnef()), "7bit");
            TnefDetection d = detect(original);
            assertThat(d.kind()).isEqualTo(TnefDetection.Kind.TNEF_PARTS);
            assertThat(d.paths()).containsExactly("2/2");

            TnefMimeConverterTest.Converted c = convert(original);
            assertThat(c.result.tnefParts()).isEqualTo(1);
            assertThat(c.result.changes()).containsExactly("2/2: application/ms-tnef (winmail.dat) -> "
                + "multipart/mixed (text/plain body, 1 attachment(s))");
            assertSevenBitClean(c.bytes);
            List<MimeFixture.Part> parts = parse(c.bytes);
            assertThat(shape(parts)).containsExactly("root multipart/mixed", "1 text/plain", "2 message/rfc822");
            assertThat(part(parts, "2").header("Content-Disposition")).isEqualTo("attachment; filename=\"fw.eml\"");
            assertThat(part(parts, "2").header("Content-Transfer-Encoding")).isEqualTo("7bit");
            List<MimeFixture.Part> inner = parse(part(parts, "2").decoded);
            assertThat(shape(inner)).containsExactly("root multipart/mixed", "1 text/plain", "2 multipart/mixed",
                "2.1 text/plain", "2.2 application/pdf");
            assertThat(part(inner, "root").header("Message-ID")).isEqualTo("<m1@example.com>");
            assertThat(part(inner, "2.2").sha256()).isEqualTo(sha256(PDF));
        }

        @Test
        void nestedAndBase64AttachedMessagesAndSummaryTnefInside() throws Exception {
            byte[] stnef = MimeFixture.stnef(HEADERS, zipTnef());
            byte[] original = attaching(attaching(stnef, "base64"), "7bit");
            TnefDetection d = detect(original);
            assertThat(d.kind()).isEqualTo(TnefDetection.Kind.SUMMARY_TNEF);
            assertThat(d.paths()).containsExactly("2/2/root");

            TnefMimeConverterTest.Converted c = convert(original);
            assertThat(c.result.summaryTnef()).isTrue();
            assertThat(c.result.changes()).containsExactly("2/2/root: application/ms-tnef (summary TNEF) -> "
                + "multipart/mixed (1 attachment(s))");
            assertSevenBitClean(c.bytes);
            List<MimeFixture.Part> middle = parse(part(parse(c.bytes), "2").decoded);
            assertThat(part(middle, "2").header("Content-Transfer-Encoding")).isEqualTo("7bit");
            List<MimeFixture.Part> inner = parse(part(middle, "2").decoded);
            assertThat(shape(inner)).containsExactly("root multipart/mixed", "1 application/zip");
            assertThat(part(inner, "1").sha256()).isEqualTo(sha256(ZIP));
        }

        @Test
        void strippedInsideTheAttachedMessage() throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TnefConversionResult result = CONVERTER.strip(new ByteArrayInputStream(attaching(winmail(pdfTnef()),
                "7bit")), out);
            assertThat(result.changes()).containsExactly("2/2: application/ms-tnef (winmail.dat) removed");
            assertThat(shape(parse(part(parse(out.toByteArray()), "2").decoded)))
                .containsExactly("root multipart/mixed", "1 text/plain");
        }

        @Test
        void attachedMessagesCountAgainstTheNestingLimit() {
            byte[] deep = attaching(attaching(attaching(winmail(zipTnef()), "7bit"), "7bit"), "7bit");
            TnefMimeConverter shallow = TnefMimeConverter.of(TnefMimeOptions.builder().maxDepth(3).build());
            assertThatThrownBy(() -> TnefMimeConverterTest.convert(shallow, deep))
                .isInstanceOf(TnefConversionException.class)
                .hasMessageContaining("nesting deeper than");
        }

        @Test
        void anAttachedMessageWithoutTnefIsCopied() throws Exception {
            byte[] original = attaching(ascii(HEADERS + "Content-Type: text/plain\r\n\r\nhi\r\n"), "7bit");
            TnefMimeConverterTest.Converted c = convert(original);
            assertThat(c.result.modified()).isFalse();
            assertThat(c.bytes).isEqualTo(original);
        }
    }

    @Nested
    class Several {
        @Test
        void everyTnefPartOfAMessageIsConverted() throws Exception {
            byte[] original = ascii(HEADERS + "Content-Type: multipart/mixed; boundary=o\r\n\r\n--o\r\n"
                + "Content-Type: text/plain\r\n\r\ntwo\r\n--o\r\nContent-Type: application/ms-tnef; name=winmail.dat\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(pdfTnef())
                + "\r\n--o\r\nContent-Type: application/octet-stream; name=ATT00002.dat\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(zipTnef())
                + "\r\n--o--\r\n");
            assertThat(detect(original).paths()).containsExactly("2", "3");
            TnefMimeConverterTest.Converted c = convert(original);
            assertThat(c.result.tnefParts()).isEqualTo(2);
            assertThat(c.result.changes()).containsExactly(
                "2: application/ms-tnef (winmail.dat) -> multipart/mixed (text/plain body, 1 attachment(s))",
                "3: application/octet-stream (ATT00002.dat) -> multipart/mixed (1 attachment(s))");
            List<MimeFixture.Part> parts = parse(c.bytes);
            assertThat(shape(parts)).containsExactly("root multipart/mixed", "1 text/plain", "2 multipart/mixed",
                "2.1 text/plain", "2.2 application/pdf", "3 multipart/mixed", "3.1 application/zip");
            assertThat(part(parts, "2.2").sha256()).isEqualTo(sha256(PDF));
            assertThat(part(parts, "3.1").sha256()).isEqualTo(sha256(ZIP));
            assertThat(part(parts, "2").header("Content-Type")).isNotEqualTo(part(parts, "3").header("Content-Type"));
        }

        @Test
        void twoBlocksInOneText() throws Exception {
            byte[] original = ascii("From: a@example.com\r\n\r\nfirst\r\n" + uuencoded("winmail.dat", pdfTnef())
                + "second\r\n" + uuencoded("winmail.dat", zipTnef()) + "third\r\n");
            TnefMimeConverterTest.Converted c = convert(original);
            assertThat(c.result.tnefParts()).isEqualTo(2);
            List<MimeFixture.Part> parts = parse(c.bytes);
            assertThat(shape(parts)).containsExactly("root multipart/mixed", "1 text/plain", "2 multipart/mixed",
                "2.1 text/plain", "2.2 application/pdf", "3 multipart/mixed", "3.1 application/zip");
            assertThat(part(parts, "1").text()).isEqualTo("first\r\nsecond\r\nthird\r\n");
        }
    }
}
