package org.bordertransport.core.tnefmime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bordertransport.core.tnefmime.MimeFixture.HEADERS;
import static org.bordertransport.core.tnefmime.MimeFixture.ascii;
import static org.bordertransport.core.tnefmime.MimeFixture.assertSevenBitClean;
import static org.bordertransport.core.tnefmime.MimeFixture.bytes;
import static org.bordertransport.core.tnefmime.MimeFixture.parse;
import static org.bordertransport.core.tnefmime.MimeFixture.part;
import static org.bordertransport.core.tnefmime.MimeFixture.sha256;
import static org.bordertransport.core.tnefmime.MimeFixture.shape;
import static org.bordertransport.core.tnefmime.MimeFixture.stnef;
import static org.bordertransport.core.tnefmime.MimeFixture.text;
import static org.bordertransport.core.tnefmime.MimeFixture.winmail;
import static org.bordertransport.core.tnefmime.TnefFixture.CP1252;
import static org.bordertransport.core.tnefmime.TnefFixture.tnef;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

import org.bordertransport.core.tnef.MapiTag;
import org.bordertransport.core.tnefmime.MimeFixture.Part;
import org.bordertransport.core.tnefmime.TnefFixture.Props;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TnefMimeConverterTest {
    private static final TnefMimeConverter CONVERTER = TnefMimeConverter.withDefaults();
    private static final byte[] PDF = bytes(100_000, 1);
    private static final byte[] DOC = bytes(3_001, 2);
    private static final byte[] PNG = bytes(2_000, 3);

    static final class Converted {
        final TnefConversionResult result;
        final byte[] bytes;

        Converted(TnefConversionResult result, byte[] bytes) {
            this.result = result;
            this.bytes = bytes;
        }
    }

    static Converted convert(byte[] message) throws Exception {
        return convert(CONVERTER, message);
    }

    static Converted convert(TnefMimeConverter converter, byte[] message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TnefConversionResult result = converter.convert(new ByteArrayInputStream(message), out);
        return new Converted(result, out.toByteArray());
    }

    /** HTML (PR_HTML in cp1252), PR_BODY, a PDF with a Unicode name and a document with a cp1252 8-bit name. */
    static byte[] richTnef() {
        return tnef().codePage(1252).subject("Quarterly report", CP1252)
            .messageProps(Props.props()
                .unicode(MapiTag.PR_BODY, "Hello Bob,\r\nthe report is attached. Café.\r\n")
                .binary(MapiTag.PR_HTML, "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><body><p>Hello Bob, caf\u00e9</p></body></html>".getBytes(CP1252)))
            .file("Отчёт №1.pdf", PDF, "application/pdf", null)
            .renddata().attachData(DOC).attachProps(Props.props().int32(MapiTag.PR_ATTACH_METHOD, 1)
                .string8(MapiTag.PR_ATTACH_LONG_FILENAME, "döcument.doc", CP1252))
            .build();
    }

    @Nested
    class WinmailAttachment {
        @Test
        void isReplacedByTheDecodedMultipart() throws Exception {
            byte[] original = winmail(richTnef());
            Converted c = convert(original);
            assertThat(c.result.modified()).isTrue();
            assertThat(c.result.tnefParts()).isEqualTo(1);
            assertThat(c.result.summaryTnef()).isFalse();
            assertThat(c.result.changes()).containsExactly("2: application/ms-tnef (winmail.dat) -> multipart/mixed"
                + " (multipart/alternative body, 2 attachment(s))");
            assertThat(c.result.inputOctets()).isEqualTo(original.length);
            assertThat(c.result.outputOctets()).isEqualTo(c.bytes.length);
            assertSevenBitClean(c.bytes);
            List<Part> parts = parse(c.bytes);
            assertThat(shape(parts)).containsExactly("root multipart/mixed", "1 text/plain", "2 multipart/mixed",
                "2.1 multipart/alternative", "2.1.1 text/plain", "2.1.2 text/html", "2.2 application/pdf",
                "2.3 application/msword");
            assertThat(part(parts, "2.1.1").text()).isEqualTo("Hello Bob,\r\nthe report is attached. Café.\r\n");
            assertThat(part(parts, "2.1.2").header("Content-Type")).isEqualTo("text/html; charset=windows-1252");
            assertThat(part(parts, "2.1.2").text()).contains("<p>Hello Bob, café</p>");
            Part pdf = part(parts, "2.2");
            assertThat(pdf.sha256()).isEqualTo(sha256(PDF));
            assertThat(pdf.fileName()).isEqualTo("Отчёт №1.pdf");
            assertThat(pdf.legacyName()).isEqualTo("Отчёт №1.pdf");
            assertThat(pdf.header("Content-Transfer-Encoding")).isEqualTo("base64");
            assertThat(pdf.header("Content-Disposition")).startsWith("attachment;");
            Part doc = part(parts, "2.3");
            assertThat(doc.sha256()).isEqualTo(sha256(DOC));
            assertThat(doc.fileName()).isEqualTo("döcument.doc");
        }

        @Test
        void keepsTheTopLevelHeadersByteForByte() throws Exception {
            byte[] original = winmail(richTnef());
            Converted c = convert(original);
            String head = text(original).substring(0, text(original).indexOf("\r\n\r\n") + 4);
            assertThat(text(c.bytes)).startsWith(head);
            assertThat(text(c.bytes)).contains("\r\n--outer\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
                + "See the attachment.\r\n--outer\r\nContent-Type: multipart/mixed;\r\n\tboundary=\"=_tnef_");
        }

        @Test
        void vndTypeAndNameOnlyPartsAreTnefToo() throws Exception {
            byte[] tnef = tnef().file("a.txt", ascii("abc"), null, null).build();
            for (String type : List.of("application/vnd.ms-tnef", "application/octet-stream",
                "APPLICATION/MS-TNEF")) {
                Converted c = convert(winmail(HEADERS, type, tnef));
                assertThat(c.result.tnefParts()).as(type).isEqualTo(1);
                assertThat(part(parse(c.bytes), "2").mimeType).isEqualTo("multipart/mixed");
                Part a = part(parse(c.bytes), "2.1");
                assertThat(a.mimeType).isEqualTo("text/plain");
                assertThat(a.decoded).isEqualTo(ascii("abc"));
                assertThat(a.fileName()).isEqualTo("a.txt");
            }
        }

        @Test
        void quotedAndLongUnicodeNamesSurviveFolding() throws Exception {
            String quoted = "He said \"hi\"; (ok) = fine.txt";
            String longName = "Ежеквартальный отчёт о продажах для совета директоров, версия окончательная 2.pdf";
            byte[] tnef = tnef().file(quoted, ascii("1"), null, null).file(longName, ascii("2"), null, null).build();
            Converted c = convert(winmail(tnef));
            assertSevenBitClean(c.bytes);
            for (String line : text(c.bytes).split("\r\n")) {
                assertThat(line.length()).as(line).isLessThanOrEqualTo(78);
            }
            List<Part> parts = parse(c.bytes);
            assertThat(part(parts, "2.1").fileName()).isEqualTo(quoted);
            assertThat(part(parts, "2.1").legacyName()).isEqualTo(quoted);
            assertThat(part(parts, "2.2").fileName()).isEqualTo(longName);
            assertThat(part(parts, "2.2").legacyName()).isEqualTo(longName);
            assertThat(part(parts, "2.2").header("Content-Disposition")).contains("filename*0*=utf-8''");
        }

        @Test
        void aWinmailDatThatIsNotTnefIsLeftAlone() throws Exception {
            byte[] original = winmail(HEADERS, "application/octet-stream", ascii("not TNEF at all"));
            Converted c = convert(original);
            assertThat(c.result.modified()).isFalse();
            assertThat(c.result.unchangedReason()).contains("no TNEF part");
            assertThat(c.bytes).isEqualTo(original);
        }

        @Test
        void tnefDeepInsideMultipartsIsFound() throws Exception {
            byte[] tnef = tnef().file("deep.bin", PNG, null, null).build();
            byte[] original = ascii(HEADERS + "Content-Type: multipart/mixed; boundary=a\r\n\r\n--a\r\n"
                + "Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nx\r\n"
                + "--b\r\nContent-Type: application/ms-tnef\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + java.util.Base64.getMimeEncoder().encodeToString(tnef) + "\r\n--b--\r\n--a--\r\n");
            Converted c = convert(original);
            assertThat(c.result.changes()).containsExactly("1.2: application/ms-tnef -> multipart/mixed"
                + " (1 attachment(s))");
            assertThat(shape(parse(c.bytes))).containsExactly("root multipart/mixed", "1 multipart/alternative",
                "1.1 text/plain", "1.2 multipart/mixed", "1.2.1 application/octet-stream");
            assertThat(part(parse(c.bytes), "1.2.1").sha256()).isEqualTo(sha256(PNG));
        }
    }

    @Nested
    class SummaryTnef {
        @Test
        void wholeBinaryBodyBecomesMime() throws Exception {
            String headers = "From: Alice <alice@example.com>\r\nTo: bob@example.org\r\nSubject: STNEF\r\n"
                + "MIME-Version: 1.0\r\n";
            byte[] original = stnef(headers, tnef().messageProps(Props.props().unicode(MapiTag.PR_BODY, "Body"))
                .file("r.pdf", PDF, null, null).build());
            Converted c = convert(original);
            assertThat(c.result.summaryTnef()).isTrue();
            assertThat(c.result.changes()).containsExactly("root: application/ms-tnef (summary TNEF) ->"
                + " multipart/mixed (text/plain body, 1 attachment(s))");
            assertSevenBitClean(c.bytes);
            assertThat(text(c.bytes)).startsWith(headers + "X-MS-TNEF-Correlator: <00000000AB@example.com>\r\n"
                + "Content-Type: multipart/mixed;\r\n\tboundary=");
            assertThat(text(c.bytes)).doesNotContain("binary").doesNotContain("ms-tnef");
            List<Part> parts = parse(c.bytes);
            assertThat(shape(parts)).containsExactly("root multipart/mixed", "1 text/plain", "2 application/pdf");
            assertThat(part(parts, "1").text()).isEqualTo("Body");
            assertThat(part(parts, "2").sha256()).isEqualTo(sha256(PDF));
        }

        @Test
        void subjectAndMimeVersionAreAddedWhenMissing() throws Exception {
            byte[] original = stnef("From: a@example.com\r\n", tnef().subject("Grüße", CP1252)
                .messageProps(Props.props().unicode(MapiTag.PR_BODY, "x")).build());
            Converted c = convert(original);
            assertThat(text(c.bytes)).startsWith("From: a@example.com\r\nX-MS-TNEF-Correlator: <00000000AB@example.com>"
                + "\r\nSubject: =?UTF-8?B?R3LDvMOfZQ==?=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain;"
                + " charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n\r\nx");
            assertThat(c.result.changes()).containsExactly("root: application/ms-tnef (summary TNEF) -> text/plain"
                + " (text/plain body, 0 attachment(s))", "root: Subject added from the TNEF");
            assertThat(part(parse(c.bytes), "root").header("Subject")).isEqualTo("Grüße");
        }

        @Test
        void anExistingSubjectIsKept() throws Exception {
            byte[] original = stnef("Subject: mine\r\n", tnef().subject("theirs", CP1252).build());
            Converted c = convert(original);
            assertThat(text(c.bytes)).startsWith("Subject: mine\r\nX-MS-TNEF").doesNotContain("theirs");
        }
    }

    @Nested
    class Bodies {
        @Test
        void htmlFromCompressedRtf() throws Exception {
            String rtf = "{\\rtf1\\ansi\\ansicpg1252\\fromhtml1 \\deff0{\\fonttbl{\\f0 Arial;}}"
                + "{\\*\\htmltag64 <p>}\\htmlrtf {\\htmlrtf0 Caf\\'e9 \\u8364? ok{\\*\\htmltag72 </p>}}}";
            byte[] tnef = tnef().messageProps(Props.props()
                .binary(MapiTag.PR_RTF_COMPRESSED, TnefFixture.uncompressedRtf(rtf))).build();
            Converted c = convert(winmail(tnef));
            assertThat(c.result.changes()).containsExactly("2: application/ms-tnef (winmail.dat) -> text/html"
                + " (text/html body, 0 attachment(s), HTML from RTF)");
            Part html = part(parse(c.bytes), "2");
            assertThat(html.header("Content-Type")).isEqualTo("text/html; charset=windows-1252");
            assertThat(html.text()).isEqualTo("<p>Café € ok</p>");
        }

        @Test
        void textFromRtfAndRtfKeptOnRequest() throws Exception {
            String rtf = "{\\rtf1\\ansi\\fromtext \\deff0{\\fonttbl{\\f0 Courier;}}Line one\\par Line two}";
            byte[] tnef = tnef().messageProps(Props.props()
                .binary(MapiTag.PR_RTF_COMPRESSED, TnefFixture.uncompressedRtf(rtf))).build();
            TnefMimeConverter keep = TnefMimeConverter.of(TnefMimeOptions.builder().keepRtf(true).build());
            Converted c = convert(keep, winmail(tnef));
            List<Part> parts = parse(c.bytes);
            assertThat(shape(parts)).containsExactly("root multipart/mixed", "1 text/plain", "2 multipart/mixed",
                "2.1 text/plain", "2.2 text/rtf");
            assertThat(part(parts, "2.1").text()).isEqualTo("Line one\r\nLine two");
            assertThat(part(parts, "2.2").text()).isEqualTo(rtf);
            assertThat(part(parts, "2.2").fileName()).isEqualTo("body.rtf");
        }

        @Test
        void plainRtfIsRenderedWhenThereIsNoOtherBody() throws Exception {
            String rtf = "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Arial;}}\\b Bold\\b0}";
            byte[] tnef = tnef().messageProps(Props.props()
                .binary(MapiTag.PR_RTF_COMPRESSED, TnefFixture.uncompressedRtf(rtf))).build();
            Converted c = convert(winmail(tnef));
            assertThat(shape(parse(c.bytes))).containsExactly("root multipart/mixed", "1 text/plain",
                "2 multipart/alternative", "2.1 text/plain", "2.2 text/html");
        }

        @Test
        void brokenRtfIsLeftOutWithANote() throws Exception {
            byte[] tnef = tnef().messageProps(Props.props().unicode(MapiTag.PR_BODY, "text")
                .binary(MapiTag.PR_RTF_COMPRESSED, new byte[] {1, 2, 3})).build();
            TnefMimeConverter keep = TnefMimeConverter.of(TnefMimeOptions.builder().keepRtf(true).build());
            Converted c = convert(keep, winmail(tnef));
            assertThat(c.result.changes()).containsExactly("2: application/ms-tnef (winmail.dat) -> text/plain"
                + " (text/plain body, 0 attachment(s), RTF body left out: Compressed RTF is truncated: 3 octets, the"
                + " header alone needs 16)");
        }

        @Test
        void unicodeHtmlBodyIsUtf8AndLongLinesAreEncoded() throws Exception {
            String line = "<p>" + "A long line with ü and ✓, ".repeat(100) + "</p>";
            byte[] tnef = tnef().messageProps(Props.props().unicode(MapiTag.PR_HTML, line)).build();
            Converted c = convert(winmail(tnef));
            assertSevenBitClean(c.bytes);
            Part html = part(parse(c.bytes), "2");
            assertThat(html.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
            assertThat(html.header("Content-Transfer-Encoding")).isEqualTo("quoted-printable");
            assertThat(html.text()).isEqualTo(line);
        }

        @Test
        void emptyTnefGivesAnEmptyTextPart() throws Exception {
            Converted c = convert(winmail(tnef().build()));
            Part text = part(parse(c.bytes), "2");
            assertThat(text.mimeType).isEqualTo("text/plain");
            assertThat(text.decoded).isEmpty();
        }
    }

    @Nested
    class InlineImages {
        @Test
        void referencedContentIdsGoIntoMultipartRelated() throws Exception {
            byte[] tnef = tnef().messageProps(Props.props()
                    .unicode(MapiTag.PR_HTML, "<p>Logo: <img src=\"CID:logo@x\"></p>"))
                .file("logo.png", PNG, "image/png", "<logo@x>")
                .file("other.png", PNG, "image/png", "unused@x")
                .build();
            Converted c = convert(winmail(tnef));
            assertThat(c.result.changes()).containsExactly("2: application/ms-tnef (winmail.dat) -> multipart/mixed"
                + " (multipart/related body, 1 attachment(s), 1 inline image(s))");
            List<Part> parts = parse(c.bytes);
            assertThat(shape(parts)).containsExactly("root multipart/mixed", "1 text/plain", "2 multipart/mixed",
                "2.1 multipart/related", "2.1.1 text/html", "2.1.2 image/png", "2.2 image/png");
            assertThat(part(parts, "2.1").header("Content-Type")).endsWith("; type=\"text/html\"");
            Part logo = part(parts, "2.1.2");
            assertThat(logo.header("Content-ID")).isEqualTo("<logo@x>");
            assertThat(logo.header("Content-Disposition")).isEqualTo("inline; filename=logo.png");
            assertThat(logo.sha256()).isEqualTo(sha256(PNG));
            assertThat(part(parts, "2.2").header("Content-ID")).isNull();
            assertThat(part(parts, "2.2").fileName()).isEqualTo("other.png");
        }
    }

    @Nested
    class AttachedMessages {
        @Test
        void becomeMessageRfc822WithAMinimalHeader() throws Exception {
            byte[] inner = tnef().codePage(1251).subject("Внутри", java.nio.charset.Charset.forName("windows-1251"))
                .messageProps(Props.props()
                    .unicode(TnefMimeWriter.PR_SENDER_NAME, "Carol Q.")
                    .unicode(TnefMimeWriter.PR_SENDER_EMAIL_ADDRESS, "carol@example.net")
                    .systime(TnefMimeWriter.PR_CLIENT_SUBMIT_TIME, Instant.parse("2024-02-29T13:14:15Z"))
                    .unicode(TnefMimeWriter.PR_INTERNET_MESSAGE_ID, "<inner@example.net>")
                    .unicode(MapiTag.PR_BODY, "inner body"))
                .file("inner.bin", DOC, null, null)
                .build();
            byte[] outer = tnef().messageProps(Props.props().unicode(MapiTag.PR_BODY, "outer"))
                .renddata().attachProps(Props.props().embedded(inner).int32(MapiTag.PR_ATTACH_METHOD, 5)
                    .unicode(MapiTag.PR_DISPLAY_NAME, "Forwarded"))
                .build();
            Converted c = convert(winmail(outer));
            assertThat(c.result.changes()).containsExactly("2: application/ms-tnef (winmail.dat) -> multipart/mixed"
                + " (text/plain body, 0 attachment(s), 1 attached message(s))");
            assertSevenBitClean(c.bytes);
            List<Part> parts = parse(c.bytes);
            assertThat(shape(parts)).containsExactly("root multipart/mixed", "1 text/plain", "2 multipart/mixed",
                "2.1 text/plain", "2.2 message/rfc822");
            Part message = part(parts, "2.2");
            assertThat(message.fileName()).isEqualTo("Forwarded.eml");
            assertThat(text(message.decoded)).startsWith("From: \"Carol Q.\" <carol@example.net>\r\n"
                + "Subject: =?UTF-8?B?0JLQvdGD0YLRgNC4?=\r\nDate: Thu, 29 Feb 2024 13:14:15 +0000\r\n"
                + "Message-ID: <inner@example.net>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed;");
            List<Part> innerParts = parse(message.decoded);
            assertThat(shape(innerParts)).containsExactly("root multipart/mixed", "1 text/plain",
                "2 application/octet-stream");
            assertThat(part(innerParts, "root").header("Subject")).isEqualTo("Внутри");
            assertThat(part(innerParts, "1").text()).isEqualTo("inner body");
            assertThat(part(innerParts, "2").sha256()).isEqualTo(sha256(DOC));
        }
    }

    @Nested
    class Unchanged {
        @Test
        void noTnefIsCopiedByteForByte() throws Exception {
            byte[] original = ascii(HEADERS + "Content-Type: text/plain\r\n\r\nhello\n\r\n");
            Converted c = convert(original);
            assertThat(c.result.modified()).isFalse();
            assertThat(c.result.unchangedReason()).contains("no TNEF part");
            assertThat(c.result).hasToString("unchanged: no TNEF part");
            assertThat(c.result.changes()).isEmpty();
            assertThat(c.result.tnefParts()).isZero();
            assertThat(c.bytes).isEqualTo(original);
        }

        @Test
        void signedMessagesAreNeverModified() throws Exception {
            byte[] original = ascii(HEADERS + "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\";"
                + " boundary=s\r\n\r\n--s\r\n" + text(winmail(HEADERS, "application/ms-tnef", richTnef()))
                .substring(HEADERS.length()) + "\r\n--s\r\nContent-Type: application/pkcs7-signature\r\n\r\nsig\r\n"
                + "--s--\r\n");
            Converted c = convert(original);
            assertThat(c.result.unchangedReason())
                .contains("signed or encrypted content (multipart/signed at root): never modified");
            assertThat(c.bytes).isEqualTo(original);
        }

        @Test
        void encryptedMessagesAreNeverModified() throws Exception {
            byte[] original = ascii(HEADERS + "Content-Type: application/pkcs7-mime; smime-type=enveloped-data\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\nAAAA\r\n");
            Converted c = convert(original);
            assertThat(c.result.unchangedReason())
                .contains("signed or encrypted content (application/pkcs7-mime at root): never modified");
            assertThat(c.bytes).isEqualTo(original);
        }
    }

    @Nested
    class Failures {
        @Test
        void brokenTnefIsACheckedExceptionNamingThePart() {
            byte[] broken = java.util.Arrays.copyOf(richTnef(), 200);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThatThrownBy(() -> CONVERTER.convert(new ByteArrayInputStream(winmail(broken)), out))
                .isInstanceOf(TnefConversionException.class)
                .hasMessage("TNEF part 2 (application/ms-tnef (winmail.dat)) cannot be decoded: attribute"
                    + " 0x00069003 at offset 53 declares 252 bytes but the input ends after 138");
            assertThat(out.size()).isZero();
        }

        @Test
        void aTypedTnefPartWithoutSignatureIsKeptAndReported() throws Exception {
            byte[] original = winmail(ascii("plain text"));
            Converted c = convert(original);
            assertThat(c.result.modified()).isFalse();
            assertThat(c.result.unchangedReason()).contains("no TNEF part");
            assertThat(c.result.mislabelled()).containsExactly("2");
            assertThat(c.bytes).isEqualTo(original);
            TnefDetection d = CONVERTER.detect(new ByteArrayInputStream(original));
            assertThat(d.found()).isFalse();
            assertThat(d.mislabelled()).containsExactly("2");
            assertThat(d).hasToString("TnefDetection{NONE mislabelled [2]}");
        }

        @Test
        void aMislabelledPartBesideRealTnefIsNotedAndLeftAsIs() throws Exception {
            byte[] tnef = tnef().file("a.txt", ascii("abc"), null, null).build();
            byte[] original = ascii(HEADERS + "Content-Type: multipart/mixed; boundary=o\r\n\r\n--o\r\n"
                + "Content-Type: application/ms-tnef\r\n\r\nnot tnef\r\n--o\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + java.util.Base64.getMimeEncoder().encodeToString(tnef) + "\r\n--o--\r\n");
            Converted c = convert(original);
            assertThat(c.result.changes()).containsExactly("1: application/ms-tnef does not start with the TNEF"
                + " signature: not TNEF, left as is", "2: application/octet-stream -> multipart/mixed"
                + " (1 attachment(s))");
            assertThat(c.result.mislabelled()).containsExactly("1");
            assertThat(text(c.bytes)).contains("Content-Type: application/ms-tnef\r\n\r\nnot tnef\r\n");
        }

        @Test
        void messageOverTheLimit() {
            TnefMimeConverter small = TnefMimeConverter.of(TnefMimeOptions.builder().maxMessageOctets(100).build());
            assertThatThrownBy(() -> convert(small, winmail(richTnef())))
                .isInstanceOf(TnefConversionException.class)
                .hasMessage("message over the limit of 100 octets");
        }

        @Test
        void tooManyParts() {
            TnefMimeConverter small = TnefMimeConverter.of(TnefMimeOptions.builder().maxParts(2).build());
            assertThatThrownBy(() -> convert(small, winmail(richTnef())))
                .isInstanceOf(TnefConversionException.class)
                .hasMessage("more than 2 MIME parts");
        }

        @Test
        void htmlOverTheLimit() {
            byte[] tnef = tnef().messageProps(Props.props().unicode(MapiTag.PR_HTML, "<p>0123456789</p>")).build();
            TnefMimeConverter small = TnefMimeConverter.of(TnefMimeOptions.builder().maxHtmlOctets(10).build());
            assertThatThrownBy(() -> convert(small, winmail(tnef)))
                .isInstanceOf(TnefConversionException.class)
                .hasMessage("HTML body of 17 octets is over the limit of 10 octets");
        }

        @Test
        void everyTruncationIsAResultOrACheckedException() throws Exception {
            byte[] full = stnef(HEADERS, richTnef());
            for (int cut = 0; cut < full.length; cut += 97) {
                byte[] part = java.util.Arrays.copyOf(full, cut);
                try {
                    convert(part);
                } catch (TnefConversionException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                }
            }
        }

        @Test
        void optionsRefuseBadValues() {
            assertThatThrownBy(() -> TnefMimeOptions.builder().maxMessageOctets(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxMessageOctets must be positive, got 0");
            assertThatThrownBy(() -> TnefMimeOptions.builder().memoryThreshold(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("memoryThreshold must be 0 or more, got -1");
            assertThatThrownBy(() -> TnefMimeOptions.builder().maxParts(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxParts must be positive, got 0");
        }
    }

    @Nested
    class Streaming {
        @Test
        void largeAttachmentThroughTemporaryFiles() throws Exception {
            byte[] big = bytes(3 * 1024 * 1024, 9);
            TnefMimeOptions options = TnefMimeOptions.builder().memoryThreshold(64 * 1024)
                .readOptions(org.bordertransport.core.tnef.TnefReadOptions.builder().memoryThreshold(1024).build())
                .build();
            Converted c = convert(TnefMimeConverter.of(options), stnef(HEADERS, tnef().file("big.zip", big, null, null)
                .build()));
            assertSevenBitClean(c.bytes);
            Part zip = part(parse(c.bytes), "root");
            assertThat(zip.mimeType).isEqualTo("multipart/mixed");
            assertThat(part(parse(c.bytes), "1").mimeType).isEqualTo("application/zip");
            assertThat(part(parse(c.bytes), "1").sha256()).isEqualTo(sha256(big));
        }
    }

    @Nested
    class Detection {
        @Test
        void noneForAPlainMessage() throws IOException {
            TnefDetection d = CONVERTER.detect(new ByteArrayInputStream(ascii(HEADERS
                + "Content-Type: text/plain\r\n\r\nhello\r\n")));
            assertThat(d.found()).isFalse();
            assertThat(d.kind()).isEqualTo(TnefDetection.Kind.NONE);
            assertThat(d).hasToString("TnefDetection{NONE}");
        }

        @Test
        void tnefParts() throws IOException {
            TnefDetection d = CONVERTER.detect(new ByteArrayInputStream(winmail(richTnef())));
            assertThat(d.kind()).isEqualTo(TnefDetection.Kind.TNEF_PARTS);
            assertThat(d.paths()).containsExactly("2");
        }

        @Test
        void summaryTnefFromTheFirstOctetsOfTheBodyOnly() throws IOException {
            byte[] header = stnef(HEADERS, java.util.Arrays.copyOf(richTnef(), 4));
            java.io.InputStream failingBody = new java.io.SequenceInputStream(new ByteArrayInputStream(header),
                new java.io.InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("body read");
                    }
                });
            TnefDetection d = CONVERTER.detect(failingBody);
            assertThat(d.kind()).isEqualTo(TnefDetection.Kind.SUMMARY_TNEF);
            assertThat(d.paths()).containsExactly("root");
        }

        @Test
        void binaryTnefPartIsSummaryTnef() throws IOException {
            byte[] message = MimeFixture.concat(ascii(HEADERS + "Content-Type: multipart/mixed; boundary=a\r\n\r\n"
                + "--a\r\nContent-Type: application/ms-tnef\r\nContent-Transfer-Encoding: binary\r\n\r\n"),
                MimeFixture.concat(richTnef(), ascii("\r\n--a--\r\n")));
            TnefDetection d = CONVERTER.detect(new ByteArrayInputStream(message));
            assertThat(d.kind()).isEqualTo(TnefDetection.Kind.SUMMARY_TNEF);
            assertThat(d.paths()).containsExactly("1");
            // a label alone is not TNEF
            byte[] labelled = ascii(HEADERS + "Content-Type: multipart/mixed; boundary=a\r\n\r\n--a\r\n"
                + "Content-Type: application/ms-tnef\r\nContent-Transfer-Encoding: binary\r\n\r\nx\r\n--a--\r\n");
            assertThat(CONVERTER.detect(new ByteArrayInputStream(labelled)).found()).isFalse();
        }
    }
}
