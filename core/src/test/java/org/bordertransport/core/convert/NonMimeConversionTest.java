package org.bordertransport.core.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;

import org.bordertransport.core.charset.Iso2022JpDecoder;
import org.bordertransport.core.encoding.UuDecoding;
import org.bordertransport.core.policy.MessageFormat;
import org.bordertransport.core.policy.RemoteDomainSettings;
import org.junit.jupiter.api.Test;

/** {@code MessageFormat=Text}: RFC 5322 plain text without MIME, attachments uuencoded. */
class NonMimeConversionTest {
    private static final RemoteDomainSettings TEXT = RemoteDomainSettings.builder()
        .messageFormat(MessageFormat.TEXT).build();
    private static final String HEAD = "From: a@example.com\r\nTo: b@example.net\r\nSubject: hi\r\nMIME-Version: 1.0\r\n";

    private static ConversionResult lastResult;

    private static byte[] convert(byte[] message, RemoteDomainSettings settings) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        lastResult = MessageConverter.withDefaults().convert(new ByteArrayInputStream(message), out, settings);
        byte[] result = out.toByteArray();
        for (String line : new String(result, StandardCharsets.ISO_8859_1).split("\r\n", -1)) {
            assertThat(line.length()).as("line length").isLessThanOrEqualTo(998);
            assertThat(line).doesNotContain("\r").doesNotContain("\n");
        }
        return result;
    }

    private static String convert(String message, RemoteDomainSettings settings) throws Exception {
        return new String(convert(message.getBytes(StandardCharsets.UTF_8), settings), StandardCharsets.UTF_8);
    }

    private static String headerBlock(String message) {
        return message.substring(0, message.indexOf("\r\n\r\n") + 4);
    }

    private static List<String> uuBlocks(String message) {
        List<String> blocks = new ArrayList<>();
        int at = 0;
        while ((at = message.indexOf("\r\nbegin 644 ", at)) >= 0) {
            int end = message.indexOf("\r\nend\r\n", at);
            blocks.add(message.substring(at + 2, end + 7));
            at = end;
        }
        return blocks;
    }

    @Test
    void mixedMessageBecomesTextWithUuencodedAttachmentsThatDecodeIdentical() throws Exception {
        byte[] pdf = new byte[5000];
        new Random(7).nextBytes(pdf);
        byte[] png = new byte[77];
        new Random(8).nextBytes(png);
        String message = HEAD + "Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n"
            + "--m\r\nContent-Type: multipart/alternative; boundary=\"a\"\r\n\r\n"
            + "--a\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "Gr\u00fc\u00dfe aus K\u00f6ln\r\n"
            + "--a\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>html version</p>\r\n--a--\r\n"
            + "--m\r\nContent-Type: application/pdf; name=\"report.pdf\"\r\nContent-Transfer-Encoding: base64\r\n"
            + "Content-Disposition: attachment; filename*=utf-8''Pr%C3%A4sentation.pdf\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString(pdf) + "\r\n"
            + "--m\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString(png) + "\r\n--m--\r\n";
        String out = new String(convert(message.getBytes(StandardCharsets.UTF_8), RemoteDomainSettings.builder()
            .messageFormat(MessageFormat.TEXT).nonMimeCharacterSet(Optional.of(Charset.forName("windows-1252")))
            .build()), Charset.forName("windows-1252"));

        assertThat(headerBlock(out)).isEqualTo("From: a@example.com\r\nTo: b@example.net\r\nSubject: hi\r\n\r\n");
        assertThat(out).contains("\r\n\r\nGr\u00fc\u00dfe aus K\u00f6ln\r\n").doesNotContain("html version")
            .doesNotContain("Content-Type").doesNotContain("--m");
        List<String> blocks = uuBlocks(out);
        assertThat(blocks).hasSize(2);
        assertThat(blocks.get(0)).startsWith("begin 644 Pr\u00e4sentation.pdf\r\n");
        assertThat(UuDecoding.decode(blocks.get(0))).isEqualTo(pdf);
        assertThat(blocks.get(1)).startsWith("begin 644 attachment-2.dat\r\n");
        assertThat(UuDecoding.decode(blocks.get(1))).isEqualTo(png);
        assertThat(lastResult.modified()).isTrue();
        assertThat(lastResult.changes())
            .contains("root: non-MIME plain text in windows-1252 (MessageFormat=Text), 1 text part(s), "
                + "2 attachment(s) uuencoded");
    }

    @Test
    void htmlOnlyMessageIsRenderedAsText() throws Exception {
        String out = convert(HEAD + "Content-Type: text/html; charset=us-ascii\r\n\r\n"
            + "<p>Hello <a href=\"https://example.org/x\">there</a></p>\r\n", TEXT);
        assertThat(out).isEqualTo("From: a@example.com\r\nTo: b@example.net\r\nSubject: hi\r\n\r\n"
            + HtmlToText.withDefaults().render("<p>Hello <a href=\"https://example.org/x\">there</a></p>\r\n")
                .replaceAll("\r\n|\r|\n", "\r\n") + (HtmlToText.withDefaults()
                .render("<p>Hello <a href=\"https://example.org/x\">there</a></p>\r\n").endsWith("\n") ? "" : "\r\n"));
        assertThat(out).contains("https://example.org/x");
    }

    @Test
    void textThatDoesNotFitTheNonMimeCharsetIsUtf8() throws Exception {
        byte[] out = convert((HEAD + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n"
            + "\r\n\u65e5\u672c \u20ac\r\n").getBytes(StandardCharsets.UTF_8), RemoteDomainSettings.builder().messageFormat(MessageFormat.TEXT)
            .nonMimeCharacterSet(Optional.of(StandardCharsets.ISO_8859_1)).build());
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\r\n\r\n\u65e5\u672c \u20ac\r\n");
        assertThat(lastResult.changes().get(0)).contains("non-MIME plain text in UTF-8");
    }

    @Test
    void japaneseNonMimeIsIso2022JpWithEncodedSubject() throws Exception {
        String message = "From: a@example.com\r\nSubject: =?UTF-8?B?" + Base64.getEncoder().encodeToString(
            "\u4f1a\u8b70\u306e\u304a\u77e5\u3089\u305b".getBytes(StandardCharsets.UTF_8)) + "?=\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString("\u3053\u3093\u306b\u3061\u306f \uff5e \u2460 \u9ad9\r\n"
            .getBytes(StandardCharsets.UTF_8)) + "\r\n";
        byte[] out = convert(message.getBytes(StandardCharsets.US_ASCII), RemoteDomainSettings.builder()
            .messageFormat(MessageFormat.TEXT).characterSet(Optional.of(Charset.forName("ISO-2022-JP")))
            .nonMimeCharacterSet(Optional.of(Charset.forName("ISO-2022-JP"))).build());
        String ascii = new String(out, StandardCharsets.US_ASCII);
        // RFC 1468: the subject is re-encoded as an ISO-2022-JP B encoded-word
        assertThat(ascii).startsWith("From: a@example.com\r\nSubject: =?ISO-2022-JP?B?"
            + Base64.getEncoder().encodeToString(("\u001b$B2q5D$N$*CN$i$;\u001b(B").getBytes(StandardCharsets.US_ASCII))
            + "?=\r\n\r\n");
        byte[] body = java.util.Arrays.copyOfRange(out, ascii.indexOf("\r\n\r\n") + 4, out.length);
        for (byte b : body) {
            assertThat(b & 0xff).isLessThan(0x80);
        }
        assertThat(Iso2022JpDecoder.withMaxChars(1000).decode(body))
            .isEqualTo("\u3053\u3093\u306b\u3061\u306f \uff5e \u2460 \u9ad9\r\n");
    }

    @Test
    void lineWrapSizeAppliesAndNoLineIsOver998Octets() throws Exception {
        String longWord = "x".repeat(3000);
        String out = convert(HEAD + "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + longWord + "\r\n"
            + "one two three four five six seven\r\n", RemoteDomainSettings.builder().messageFormat(MessageFormat.TEXT)
            .lineWrapSize(OptionalInt.of(10)).build());
        assertThat(out).contains("\r\none two\r\nthree four\r\nfive six\r\nseven\r\n");
        assertThat(out.replace("\r\n", "")).contains(longWord);
    }

    @Test
    void embeddedMessageIsUuencodedAsEml() throws Exception {
        String inner = "From: c@example.com\r\nSubject: inner\r\n\r\ninner body\r\n";
        String out = convert(HEAD + "Content-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\n"
            + "Content-Type: text/plain\r\n\r\nsee attached\r\n--m\r\nContent-Type: message/rfc822\r\n\r\n"
            + inner + "--m--\r\n", TEXT);
        List<String> blocks = uuBlocks(out);
        assertThat(blocks).hasSize(1);
        assertThat(blocks.get(0)).startsWith("begin 644 attachment-1.eml\r\n");
        assertThat(new String(UuDecoding.decode(blocks.get(0)), StandardCharsets.US_ASCII)).isEqualTo(inner.substring(0, inner.length() - 2)); // the last CRLF belongs to the boundary
    }

    @Test
    void pathsInAttachmentNamesAreDropped() throws Exception {
        String out = convert(HEAD + "Content-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\n"
            + "Content-Type: text/plain\r\n\r\nbody\r\n--m\r\nContent-Type: application/octet-stream\r\n"
            + "Content-Disposition: attachment; filename=\"..\\\\..\\\\evil/x.exe\"\r\n\r\nAB\r\n--m--\r\n", TEXT);
        assertThat(uuBlocks(out).get(0)).startsWith("begin 644 x.exe\r\n");
    }

    @Test
    void signedMessagesAndInlinePgpStayUnconverted() throws Exception {
        String signed = HEAD + "Content-Type: multipart/signed; protocol=\"application/pgp-signature\"; boundary=s\r\n"
            + "\r\n--s\r\nContent-Type: text/plain\r\n\r\nsigned\r\n--s\r\nContent-Type: application/pgp-signature\r\n"
            + "\r\nSIG\r\n--s--\r\n";
        assertThat(convert(signed, TEXT)).isEqualTo(signed);
        String inline = HEAD + "Content-Type: text/plain\r\n\r\n-----BEGIN PGP SIGNED MESSAGE-----\r\nHash: SHA256\r\n"
            + "\r\nhello\r\n";
        assertThat(convert(inline, TEXT)).isEqualTo(inline);
        assertThat(lastResult.unchangedReason()).contains("inline PGP at root: sent unconverted");
    }

    @Test
    void truncatedBase64AttachmentRefusesConversion() {
        String message = HEAD + "Content-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\nContent-Type: text/plain\r\n"
            + "\r\nbody\r\n--m\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nQUJD=Q\r\n"
            + "--m--\r\n";
        assertThatThrownBy(() -> convert(message, TEXT)).isInstanceOf(ConversionException.class)
            .hasMessageStartingWith("unreadable message: ");
    }
}
