package org.bordertransport.core.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;

import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.bordertransport.core.io.Spool;
import org.bordertransport.core.policy.ByteEncoderTypeFor7BitCharsets;
import org.bordertransport.core.policy.ContentType;
import org.bordertransport.core.policy.RemoteDomainSettings;
import org.junit.jupiter.api.Test;

class MessageConverterTest {
    private static final RemoteDomainSettings DEFAULTS = RemoteDomainSettings.defaults();
    private static final String HEAD = "From: a@example.com\r\nTo: b@example.net\r\nSubject: hi\r\nMIME-Version: 1.0\r\n";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String convert(String message, RemoteDomainSettings settings) throws Exception {
        return new String(convertBytes(bytes(message), settings), StandardCharsets.US_ASCII);
    }

    private static byte[] convertBytes(byte[] message, RemoteDomainSettings settings) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MessageConverter.withDefaults().convert(new ByteArrayInputStream(message), out, settings);
        byte[] result = out.toByteArray();
        MessageAssertions.assertSevenBitClean(result, true);
        MessageAssertions.assertNonTextLeavesPreserved(message, result);
        return result;
    }

    private static ConversionResult result(String message, RemoteDomainSettings settings) throws Exception {
        return MessageConverter.withDefaults().convert(new ByteArrayInputStream(bytes(message)),
            new ByteArrayOutputStream(), settings);
    }

    private static String alternative() {
        return HEAD + "Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n"
            + "--b1\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nplain body\r\n"
            + "--b1\r\nContent-Type: text/html; charset=us-ascii\r\n\r\n<p>html <b>body</b></p>\r\n--b1--\r\n";
    }

    private static ByteArrayOutputStream convertIfChanged(String message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Spool spool = new Spool(1024, 1 << 20, "message")) {
            spool.write(bytes(message));
            spool.finish();
            MessageConverter.withDefaults().convertIfChanged(spool, out, DEFAULTS, ConversionScope.FULL);
        }
        return out;
    }

    @Test
    void convertIfChangedWritesNothingForAMessageThatNeedsNothing() throws Exception {
        String clean = HEAD + "Content-Type: text/plain; charset=us-ascii\r\n\r\nhello\r\n";
        String signed = HEAD + "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; boundary=s\r\n\r\n"
            + "--s\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nh\u00e9\r\n--s\r\n"
            + "Content-Type: application/pkcs7-signature\r\n\r\nAAAA\r\n--s--\r\n";

        assertThat(convertIfChanged(clean).size()).isZero();
        assertThat(convertIfChanged(signed).size()).isZero();
    }

    @Test
    void convertIfChangedWritesTheConversion() throws Exception {
        String eightBit = HEAD + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nh\u00e9\r\n";

        assertThat(convertIfChanged(eightBit).toString(StandardCharsets.US_ASCII))
            .isEqualTo(convert(eightBit, DEFAULTS));
    }

    @Test
    void cleanMessageIsCopiedByteForByte() throws Exception {
        String message = HEAD + "Content-Type: text/plain; charset=us-ascii\r\n\r\nhello\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConversionResult result = MessageConverter.withDefaults().convert(new ByteArrayInputStream(bytes(message)),
            out, DEFAULTS);
        assertThat(out.toByteArray()).isEqualTo(bytes(message));
        assertThat(result.modified()).isFalse();
        assertThat(result.unchangedReason()).contains("nothing to convert");
    }

    @Test
    void textAttachmentsThatCanCrossKeepTheirEncoding() throws Exception {
        // ByteEncoderTypeFor7BitCharsets (Undefined: quoted-printable for text) is about the message's text, not its
        // attachments: a base64 text/html attachment (as ConvertTnef writes them) is not re-encoded to quoted-printable
        String message = HEAD + "Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n"
            + "--m\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nsee the attachments\r\n"
            + "--m\r\nContent-Type: text/html; name=\"page.htm\"\r\nContent-Transfer-Encoding: base64\r\n"
            + "Content-Disposition: attachment; filename=page.htm\r\n\r\nPHA+aGk8L3A+\r\n"
            + "--m\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n"
            + "Content-Disposition: attachment; filename=notes.txt\r\n\r\nh=C3=A9\r\n--m--\r\n";
        for (ByteEncoderTypeFor7BitCharsets type : ByteEncoderTypeFor7BitCharsets.values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ConversionResult result = MessageConverter.withDefaults().convert(new ByteArrayInputStream(
                bytes(message)), out, RemoteDomainSettings.builder().byteEncoderTypeFor7BitCharsets(type).build());
            assertThat(result.changes()).as(type.name()).noneMatch(change -> change.startsWith("2")
                || change.startsWith("3"));
            assertThat(out.toString(StandardCharsets.US_ASCII)).as(type.name())
                .contains(message.substring(message.indexOf("Content-Type: text/html")));
        }
        assertThat(result(message, DEFAULTS).modified()).isFalse();
        // the same HTML inline is the message's text: it is converted (MimeHtmlText: a text alternative is added)
        String inline = message.replace("Content-Disposition: attachment; filename=page.htm\r\n", "")
            .replace("; name=\"page.htm\"", "");
        assertThat(result(inline, DEFAULTS).changes()).anyMatch(change -> change.startsWith("2: text/html"));
    }

    @Test
    void signedMessageIsNeverModified() throws Exception {
        String message = HEAD + "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; "
            + "boundary=s\r\n\r\n--s\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n"
            + "\r\n<p>h\u00e9</p>\r\n--s\r\nContent-Type: application/pkcs7-signature\r\n\r\nAAAA\r\n--s--\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConversionResult result = MessageConverter.withDefaults().convert(new ByteArrayInputStream(bytes(message)),
            out, RemoteDomainSettings.builder().contentType(ContentType.MIME_TEXT).build());
        assertThat(out.toByteArray()).isEqualTo(bytes(message));
        assertThat(result.unchangedReason())
            .contains("signed or encrypted content (multipart/signed at root): sent unconverted");
    }

    @Test
    void nestedEncryptedPartKeepsTheWholeMessageUnchanged() throws Exception {
        String message = HEAD + "Content-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nh\u00e9\r\n--m\r\n"
            + "Content-Type: application/pkcs7-mime; smime-type=enveloped-data\r\n\r\nAAAA\r\n--m--\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConversionResult result = MessageConverter.withDefaults().convert(new ByteArrayInputStream(bytes(message)),
            out, DEFAULTS);
        assertThat(out.toByteArray()).isEqualTo(bytes(message));
        assertThat(result.unchangedReason()).contains(
            "signed or encrypted content (application/pkcs7-mime at 2): sent unconverted");
    }

    @Test
    void eightBitTextBecomesQuotedPrintableByDefault() throws Exception {
        String out = convert(HEAD + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "caf\u00e9\r\n", DEFAULTS);
        assertThat(out).contains("Content-Transfer-Encoding: quoted-printable\r\n").contains("caf=C3=A9");
    }

    @Test
    void eightBitTextBecomesBase64WithUseBase64() throws Exception {
        String out = convert(HEAD + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "caf\u00e9\r\n", RemoteDomainSettings.builder()
            .byteEncoderTypeFor7BitCharsets(ByteEncoderTypeFor7BitCharsets.USE_BASE64).build());
        assertThat(out).contains("Content-Transfer-Encoding: base64\r\n")
            .contains(Base64.getEncoder().encodeToString(bytes("caf\u00e9\r\n")));
    }

    @Test
    void longLinesAreNeverSentRaw() throws Exception {
        String line = "x".repeat(2000);
        String out = convert(HEAD + "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + line + "\r\n", DEFAULTS);
        assertThat(out).contains("Content-Transfer-Encoding: quoted-printable\r\n");
    }

    @Test
    void eightBitHeadersAndFilenamesAreEncoded() throws Exception {
        String message = "From: J\u00fcrgen <j@example.com>\r\nTo: b@example.net\r\nSubject: gr\u00fc\u00dfe\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n\r\nsee attached\r\n--m\r\n"
            + "Content-Type: application/pdf; name=\"r\u00e9sum\u00e9.pdf\"\r\n"
            + "Content-Disposition: attachment; filename=\"r\u00e9sum\u00e9.pdf\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0=\r\n--m--\r\n";
        String out = convert(message, DEFAULTS);
        assertThat(out).contains("Subject: =?UTF-8?").contains("From: =?UTF-8?").contains("<j@example.com>")
            .contains("filename*=utf-8''r%C3%A9sum%C3%A9.pdf").doesNotContain("filename=\"=?");
        ByteArrayOutputStream legacy = new ByteArrayOutputStream();
        MessageConverter.of(ConversionLimits.defaults(), ConversionOptions.of(true))
            .convert(new ByteArrayInputStream(bytes(message)), legacy, DEFAULTS);
        assertThat(legacy.toString(StandardCharsets.US_ASCII)).contains("filename=\"=?UTF-8?B?");
    }

    @Test
    void binaryAttachmentBecomesBase64() throws Exception {
        byte[] head = bytes(HEAD + "Content-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\n"
            + "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n");
        byte[] body = {0, 1, 2, (byte) 0xFF, '\n', (byte) 0x80};
        byte[] tail = bytes("\r\n--m--\r\n");
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.write(head);
        message.write(body);
        message.write(tail);
        String out = new String(convertBytes(message.toByteArray(), DEFAULTS), StandardCharsets.US_ASCII);
        assertThat(out).contains("Content-Transfer-Encoding: base64\r\n")
            .contains(Base64.getEncoder().encodeToString(body));
    }

    @Test
    void mimeTextKeepsOnlyThePlainAlternative() throws Exception {
        String out = convert(alternative(), RemoteDomainSettings.builder().contentType(ContentType.MIME_TEXT).build());
        assertThat(out).contains("plain body").doesNotContain("html").doesNotContain("multipart/alternative")
            .contains("Subject: hi");
    }

    @Test
    void mimeTextRendersLoneHtml() throws Exception {
        String out = convert(HEAD + "Content-Type: text/html; charset=utf-8\r\n\r\n<p>Hello <a href=\"https://x.example/\">"
            + "link</a></p>\r\n", RemoteDomainSettings.builder().contentType(ContentType.MIME_TEXT)
            .byteEncoderTypeFor7BitCharsets(ByteEncoderTypeFor7BitCharsets.USE_7BIT).build());
        assertThat(out).contains("Content-Type: text/plain; charset=UTF-8").contains("Hello link <https://x.example/>")
            .doesNotContain("<p>");
    }

    @Test
    void mimeHtmlKeepsOnlyTheHtmlAlternative() throws Exception {
        String out = convert(alternative(), RemoteDomainSettings.builder().contentType(ContentType.MIME_HTML).build());
        assertThat(out).contains("<p>html <b>body</b></p>").doesNotContain("plain body");
    }

    @Test
    void mimeHtmlWrapsInlineTextButNotTextAttachments() throws Exception {
        String message = HEAD + "Content-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n\r\nbody & text\r\n--m\r\n"
            + "Content-Type: text/plain; name=notes.txt\r\nContent-Disposition: attachment; filename=notes.txt\r\n\r\n"
            + "attached & kept\r\n--m--\r\n";
        String out = convert(message, RemoteDomainSettings.builder().contentType(ContentType.MIME_HTML)
            .byteEncoderTypeFor7BitCharsets(ByteEncoderTypeFor7BitCharsets.USE_7BIT).build());
        assertThat(out).contains("Content-Type: text/html; charset=US-ASCII").contains("body &amp; text")
            .contains("attached & kept");
    }

    @Test
    void mimeHtmlTextLeavesLonePlainTextAndAddsTextToLoneHtml() throws Exception {
        assertThat(result(HEAD + "Content-Type: text/plain; charset=us-ascii\r\n\r\nhello\r\n", DEFAULTS).modified())
            .isFalse();
        String out = convert(HEAD + "Content-Type: text/html; charset=us-ascii\r\n\r\n<p>Hello</p>\r\n", DEFAULTS);
        assertThat(out).contains("Content-Type: multipart/alternative; boundary=").contains("Content-Type: text/plain")
            .contains("\r\nHello\r\n").contains("<p>Hello</p>");
    }

    @Test
    void htmlWithInlineImageKeepsTheImage() throws Exception {
        String message = HEAD + "Content-Type: multipart/related; boundary=r\r\n\r\n--r\r\n"
            + "Content-Type: text/html; charset=us-ascii\r\n\r\n<p>x<img src=\"cid:i\" alt=\"logo\"></p>\r\n--r\r\n"
            + "Content-Type: image/png\r\nContent-ID: <i>\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + "iVBORw0KGgo=\r\n--r--\r\n";
        String out = convert(message, RemoteDomainSettings.builder().contentType(ContentType.MIME_TEXT).build());
        assertThat(out).contains("[logo]").contains("Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--r--");
    }

    @Test
    void charsetIsReencodedWhenItFits() throws Exception {
        String out = convert(HEAD + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "caf\u00e9\r\n", RemoteDomainSettings.builder()
            .characterSet(Optional.of(StandardCharsets.ISO_8859_1)).build());
        assertThat(out).contains("charset=ISO-8859-1").contains("caf=E9");
    }

    @Test
    void charsetIsKeptWhenTheTextDoesNotFit() throws Exception {
        String message = HEAD + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "\u65e5\u672c\r\n";
        String out = convert(message, RemoteDomainSettings.builder()
            .characterSet(Optional.of(StandardCharsets.ISO_8859_1)).build());
        assertThat(out).contains("charset=utf-8").contains("=E6=97=A5=E6=9C=AC").doesNotContain("?\r\n");
    }

    @Test
    void iso2022JpBodyAndSubject() throws Exception {
        String message = "From: a@example.com\r\nTo: b@example.jp\r\nSubject: =?UTF-8?B?"
            + Base64.getEncoder().encodeToString(bytes("\u4f1a\u8b70\u2460")) + "?=\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "\u65e5\u672c\u8a9e\uff5e\u2460\u9ad9\r\n";
        String out = convert(message, RemoteDomainSettings.builder()
            .characterSet(Optional.of(Charset.forName("ISO-2022-JP"))).build());
        assertThat(out).contains("Subject: =?ISO-2022-JP?B?").contains("charset=ISO-2022-JP")
            .contains("Content-Transfer-Encoding: 7bit").contains("\u001b$B").contains("\u001b(B\r\n");
    }

    @Test
    void plainTextIsWrapped() throws Exception {
        String words = "word ".repeat(40).trim();
        String out = convert(HEAD + "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + words + "\r\n",
            RemoteDomainSettings.builder().lineWrapSize(OptionalInt.of(30)).build());
        for (String line : out.substring(out.indexOf("\r\n\r\n") + 4).split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(30);
        }
    }

    @Test
    void nonMimeCharacterSetAppliesOnlyWithoutDeclaredCharset() throws Exception {
        byte[] message = "From: a@example.com\r\nSubject: x\r\n\r\ncaf\u00e9\r\n".getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MessageConverter.withDefaults().convert(new ByteArrayInputStream(message), out, RemoteDomainSettings.builder()
            .nonMimeCharacterSet(Optional.of(StandardCharsets.ISO_8859_1)).lineWrapSize(OptionalInt.of(72)).build());
        MessageAssertions.assertSevenBitClean(out.toByteArray(), true);
        assertThat(out.toString(StandardCharsets.US_ASCII)).contains("MIME-Version: 1.0")
            .contains("Content-Type: text/plain; charset=ISO-8859-1").contains("caf=E9");
    }

    @Test
    void truncatedBase64TextIsRefused() {
        String message = HEAD + "Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\nY2Fmw\r\n";
        assertThatThrownBy(() -> result(message, DEFAULTS)).isInstanceOf(ConversionException.class)
            .hasMessageStartingWith("unreadable message: ");
    }

    @Test
    void base64AttachmentIsNotDecodedToBeKept() throws Exception {
        // a non-text body keeps its base64 whatever it decodes to: truncated base64 is copied as it came
        String pdf = "Content-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBER\r\n";
        String out = convert(eightBitTextAnd(pdf), RemoteDomainSettings.builder().sevenBitOnly(true).build());
        assertThat(out).contains("caf=C3=A9").contains(pdf);
    }

    /** A multipart/mixed message: an 8-bit UTF-8 text part ("caf\u00e9"), then {@code part} (its header and body). */
    private static String eightBitTextAnd(String part) {
        return HEAD + "Content-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\ncaf\u00e9\r\n--m\r\n"
            + part + "--m--\r\n";
    }

    @Test
    void textAttachmentKeptInItsEncodingIsNotDecoded() throws Exception {
        // as for a non-text attachment: a text/html attachment that keeps its base64 (as ConvertTnef writes them) is
        // not decoded to be scanned; truncated base64 is copied as it came
        String page = "Content-Type: text/html; name=\"page.htm\"\r\nContent-Transfer-Encoding: base64\r\n"
            + "Content-Disposition: attachment; filename=page.htm\r\n\r\nPHA+aGk8L3\r\n";
        String out = convert(eightBitTextAnd(page), RemoteDomainSettings.builder().sevenBitOnly(true).build());
        assertThat(out).contains("caf=C3=A9").contains(page);
    }

    @Test
    void brokenBase64InATextAttachmentThatCannotCrossAsItIsFailsTheConversion() {
        // not decoded to be scanned, but decoded (strictly) to be re-encoded: 8-bit octets inside its base64 are not
        // dropped in silence, the conversion fails (and the mailet delivers the message unchanged or holds it)
        String message = HEAD + "Content-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n\r\nsee the page\r\n--m\r\n"
            + "Content-Type: text/html; charset=utf-8; name=\"page.htm\"\r\nContent-Transfer-Encoding: base64\r\n"
            + "Content-Disposition: attachment; filename=page.htm\r\n\r\nPHA+aGk8\u00e9L3A+\r\n--m--\r\n";

        assertThatThrownBy(() -> result(message, DEFAULTS)).isInstanceOf(ConversionException.class);
    }

    @Test
    void textAttachmentInBase64OnOneLongLineIsReencodedWithinTheLineLimit() throws Exception {
        // base64 without line breaks (some clients write it so) cannot cross as it is: it is re-encoded, lines within
        // 998 octets, and decodes to the same octets
        byte[] page = ("<p>" + "Gr\u00fc\u00dfe aus K\u00f6ln. ".repeat(150) + "</p>").getBytes(StandardCharsets.UTF_8);
        String oneLine = Base64.getEncoder().encodeToString(page);
        assertThat(oneLine.length()).isGreaterThan(998);
        String message = HEAD + "Content-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n\r\nsee the page\r\n--m\r\n"
            + "Content-Type: text/html; charset=utf-8; name=\"page.htm\"\r\nContent-Transfer-Encoding: base64\r\n"
            + "Content-Disposition: attachment; filename=page.htm\r\n\r\n" + oneLine + "\r\n--m--\r\n";

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConversionResult result = MessageConverter.withDefaults().convert(new ByteArrayInputStream(bytes(message)),
            out, DEFAULTS);

        assertThat(result.changes()).anyMatch(change -> change.startsWith("2: text/html"));
        String converted = out.toString(StandardCharsets.US_ASCII);
        assertThat(converted.split("\r\n")).allMatch(line -> line.length() <= 998);
        String part = converted.substring(converted.indexOf("filename=page.htm"));
        String fields = converted.substring(converted.lastIndexOf("--m\r\n"), converted.indexOf("filename=page.htm"));
        String body = part.substring(part.indexOf("\r\n\r\n") + 4, part.indexOf("\r\n--m--"));
        byte[] decoded = fields.contains("quoted-printable")
            ? new QuotedPrintableInputStream(new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)), false)
                .readAllBytes()
            : Base64.getMimeDecoder().decode(body);
        assertThat(decoded).isEqualTo(page);
    }

    @Test
    void unknownCharsetIsRefusedWhenTheTextMustBeConverted() {
        String message = HEAD + "Content-Type: text/html; charset=x-no-such\r\n\r\n<p>x</p>\r\n";
        assertThatThrownBy(() -> result(message, RemoteDomainSettings.builder().contentType(ContentType.MIME_TEXT)
            .build())).isInstanceOf(ConversionException.class).hasMessage("unknown charset 'x-no-such' in part root");
    }

    @Test
    void partCountLimit() {
        StringBuilder message = new StringBuilder(HEAD + "Content-Type: multipart/mixed; boundary=m\r\n\r\n");
        for (int i = 0; i < 5; i++) {
            message.append("--m\r\nContent-Type: text/plain\r\n\r\nx\r\n");
        }
        message.append("--m--\r\n");
        assertThatThrownBy(() -> MessageConverter.of(ConversionLimits.defaults().withMaxParts(3),
            ConversionOptions.defaults()).convert(new ByteArrayInputStream(bytes(message.toString())),
            new ByteArrayOutputStream(), DEFAULTS)).isInstanceOf(ConversionException.class)
            .hasMessage("more than 3 MIME parts");
    }

    @Test
    void largeAttachmentStreamsWithIdenticalContent() throws Exception {
        long size = 30L * 1024 * 1024;
        String prefix = HEAD + "Content-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\ncaf\u00e9\r\n--m\r\n"
            + "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n";
        InputStream message = new SequenceInputStream(java.util.Collections.enumeration(List.of(
            new ByteArrayInputStream(bytes(prefix)), new RandomBytes(size, 42),
            new ByteArrayInputStream(bytes("\r\n--m--\r\n")))));
        java.nio.file.Path target = java.nio.file.Files.createTempFile("converted", ".eml");
        try {
            try (OutputStream out = java.nio.file.Files.newOutputStream(target)) {
                ConversionResult result = MessageConverter.withDefaults().convert(message, out, DEFAULTS);
                assertThat(result.modified()).isTrue();
            }
            List<MessageAssertions.Leaf> leaves;
            try (InputStream in = java.nio.file.Files.newInputStream(target)) {
                leaves = MessageAssertions.leaves(in);
            }
            assertThat(leaves).hasSize(2);
            assertThat(leaves.get(1).digest).isEqualTo(MessageAssertions.sha256(new RandomBytes(size, 42)));
        } finally {
            java.nio.file.Files.delete(target);
        }
    }

    /** {@code size} pseudo-random octets, generated on the fly. */
    private static final class RandomBytes extends InputStream {
        private final Random random;
        private long left;

        RandomBytes(long size, long seed) {
            this.left = size;
            this.random = new Random(seed);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            byte[] chunk = new byte[n];
            random.nextBytes(chunk);
            System.arraycopy(chunk, 0, b, off, n);
            left -= n;
            return n;
        }
    }
}
