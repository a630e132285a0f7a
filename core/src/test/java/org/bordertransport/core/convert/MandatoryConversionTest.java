package org.bordertransport.core.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

import org.bordertransport.core.encoding.ContentScan;
import org.bordertransport.core.io.Spool;
import org.bordertransport.core.policy.ByteEncoderTypeFor7BitCharsets;
import org.bordertransport.core.policy.ContentType;
import org.bordertransport.core.policy.MessageFormat;
import org.bordertransport.core.policy.PreferredInternetCodePageForShiftJis;
import org.bordertransport.core.policy.RemoteDomainSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ConversionScope#MANDATORY}: what a DKIM-signed message keeps. Under every remote-domain setting that is a
 * matter of presentation the message leaves octet for octet as it came (the full scope, for contrast, changes it);
 * only what cannot cross SMTP (binary, NUL, lines over 998 octets) or cannot be read at all (non-MIME text) changes.
 */
class MandatoryConversionTest {
    private static final String HEAD = "From: =?utf-8?q?J=C3=B6rg?= <j@sender.example>\r\nTo: b@example.net\r\n"
        + "Subject: caf\u00e9 \u65e5\u672c\r\nMIME-Version: 1.0\r\n";
    /** The example: HTML only, 8-bit UTF-8, a raw 8-bit Subject. */
    private static final String HTML_8BIT = HEAD + "Content-Type: text/html; charset=utf-8\r\n"
        + "Content-Transfer-Encoding: 8bit\r\n\r\n<p>Gr\u00fc\u00dfe, caf\u00e9, \u65e5\u672c\u8a9e</p>\r\n";
    private static final String ALTERNATIVE = HEAD + "Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n"
        + "--b1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        + "caf=C3=A9 " + "word ".repeat(40) + "\r\n"
        + "--b1\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        + "<p>caf=C3=A9</p>\r\n--b1--\r\n";
    private static final String UNDECLARED = HEAD + "Content-Type: text/plain\r\nContent-Transfer-Encoding: 8bit\r\n"
        + "\r\n" + "caf\u00e9 long line ".repeat(20) + "\r\n";
    private static final String ATTACHMENT = HEAD + "Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n"
        + "--m\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nsee \u00e9\r\n"
        + "--m\r\nContent-Type: application/pdf; name=\"r\u00e9sum\u00e9.pdf\"\r\n"
        + "Content-Disposition: attachment; filename=\"r\u00e9sum\u00e9.pdf\"\r\nContent-Transfer-Encoding: base64\r\n"
        + "\r\nJVBERi0xLjQK\r\n--m--\r\n";

    static Stream<RemoteDomainSettings> presentationSettings() {
        RemoteDomainSettings d = RemoteDomainSettings.defaults();
        return Stream.of(d,
            d.toBuilder().contentType(ContentType.MIME_TEXT).lineWrapSize(OptionalInt.of(76)).build(),
            d.toBuilder().contentType(ContentType.MIME_HTML).build(),
            d.toBuilder().contentType(ContentType.MIME_TEXT).characterSet(Optional.of(Charset.forName("ISO-2022-JP")))
                .byteEncoderTypeFor7BitCharsets(ByteEncoderTypeFor7BitCharsets.USE_7BIT)
                .preferredInternetCodePageForShiftJis(PreferredInternetCodePageForShiftJis.CP_50220)
                .lineWrapSize(OptionalInt.of(72)).build(),
            d.toBuilder().byteEncoderTypeFor7BitCharsets(ByteEncoderTypeFor7BitCharsets.USE_QP)
                .characterSet(Optional.of(StandardCharsets.ISO_8859_1)).build(),
            d.toBuilder().displaySenderName(false).build(),
            d.toBuilder().useSimpleDisplayName(true).build(),
            d.toBuilder().ndrDiagnosticInfoEnabled(false).build());
    }

    private static Converted convert(String message, RemoteDomainSettings settings, ConversionScope scope)
        throws IOException, ConversionException {
        byte[] in = message.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Spool spool = new Spool(1 << 20, 1 << 24, "test")) {
            spool.write(in);
            spool.finish();
            ConversionResult result = MessageConverter.withDefaults().convert(spool, out, settings, scope);
            return new Converted(in, out.toByteArray(), result);
        }
    }

    private static final class Converted {
        final byte[] in;
        final byte[] out;
        final ConversionResult result;

        Converted(byte[] in, byte[] out, ConversionResult result) {
            this.in = in;
            this.out = out;
            this.result = result;
        }

        String text() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @MethodSource("presentationSettings")
    void presentationSettingsLeaveSignedMessagesOctetForOctet(RemoteDomainSettings settings) throws Exception {
        for (String message : List.of(HTML_8BIT, ALTERNATIVE, UNDECLARED, ATTACHMENT)) {
            Converted converted = convert(message, settings, ConversionScope.MANDATORY);
            assertThat(converted.out).as("%s under %s", message, settings).isEqualTo(converted.in);
            assertThat(converted.result.modified()).isFalse();
            assertThat(converted.result.unchangedReason()).contains("nothing to convert");
        }
    }

    @Test
    void theFullScopeChangesTheSameMessages() throws Exception {
        // the contrast that makes the test above mean something: each sample is converted in full
        for (String message : List.of(HTML_8BIT, ALTERNATIVE, UNDECLARED, ATTACHMENT)) {
            RemoteDomainSettings plainText = RemoteDomainSettings.builder().contentType(ContentType.MIME_TEXT)
                .lineWrapSize(OptionalInt.of(76)).build();
            assertThat(convert(message, plainText, ConversionScope.FULL).result.modified()).as(message).isTrue();
        }
        Converted html = convert(HTML_8BIT, RemoteDomainSettings.defaults(), ConversionScope.FULL);
        assertThat(html.text()).contains("multipart/alternative").doesNotContain("Subject: caf\u00e9");
    }

    @Test
    void aLineOverNineHundredNinetyEightOctetsIsReencodedAndNothingElse() throws Exception {
        String longLine = "x".repeat(1200);
        String message = HEAD + "Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n"
            + "--m\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "caf\u00e9 " + longLine + "\r\n"
            + "--m\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "<p>caf\u00e9</p>\r\n--m--\r\n";
        Converted converted = convert(message, RemoteDomainSettings.builder().contentType(ContentType.MIME_TEXT)
            .build(), ConversionScope.MANDATORY);
        assertThat(converted.result.modified()).isTrue();
        assertThat(converted.result.changes()).hasSize(1);
        assertThat(converted.result.changes().get(0)).startsWith("1: text/plain");
        ContentScan scan = ContentScan.of(converted.out);
        assertThat(scan.hasLongLines()).isFalse();
        // the Subject keeps its raw 8-bit octets, the HTML part stays 8bit, the text part is quoted-printable
        assertThat(converted.text()).contains("Subject: caf\u00e9 \u65e5\u672c\r\n")
            .contains("Content-Transfer-Encoding: quoted-printable")
            .contains("<p>caf\u00e9</p>");
    }

    @Test
    void binaryBodiesAreEncodedAndNothingElse() throws Exception {
        String message = HEAD + "Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n"
            + "--m\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "<p>caf\u00e9</p>\r\n"
            + "--m\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n"
            + "\u0001\u0002bin\r\n--m--\r\n";
        Converted converted = convert(message, RemoteDomainSettings.defaults(), ConversionScope.MANDATORY);
        assertThat(converted.result.changes()).singleElement().asString().startsWith("2: application/octet-stream");
        assertThat(converted.text()).contains("Content-Transfer-Encoding: base64").contains("<p>caf\u00e9</p>")
            .doesNotContain("multipart/alternative");
    }

    @Test
    void nonMimeTextIsMandatory() throws Exception {
        Converted converted = convert(ALTERNATIVE, RemoteDomainSettings.builder().messageFormat(MessageFormat.TEXT)
            .build(), ConversionScope.MANDATORY);
        assertThat(converted.result.modified()).isTrue();
        assertThat(converted.text()).doesNotContain("MIME-Version");
    }

    @Test
    void anEmbeddedMessageWithALongLineIsConvertedInsideInTheSameScope() throws Exception {
        String inner = "From: x@example.org\r\nSubject: inner\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "\u00e9" + "y".repeat(1100) + "\r\n";
        String message = HEAD + "Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n"
            + "--m\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nsee attached\r\n"
            + "--m\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + inner + "--m--\r\n";
        Converted converted = convert(message, RemoteDomainSettings.defaults(), ConversionScope.MANDATORY);
        assertThat(converted.result.changes()).containsExactly("2: embedded message converted",
            "2/root: text/plain Undefined: quoted-printable");
        assertThat(ContentScan.of(converted.out).hasLongLines()).isFalse();
        assertThat(converted.text()).contains("Subject: caf\u00e9").contains("Subject: inner");
    }

    @Test
    void anEmbeddedEightBitMessageWithoutLongLinesIsLeftAlone() throws Exception {
        String message = HEAD + "Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n"
            + "--m\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "Subject: inner \u00e9\r\n\r\nbody \u00e9\r\n--m--\r\n";
        Converted converted = convert(message, RemoteDomainSettings.defaults(), ConversionScope.MANDATORY);
        assertThat(converted.out).isEqualTo(converted.in);
    }

    @Test
    void aSevenBitOnlyDestinationGetsEightBitBodiesAndHeaderValuesEncodedAndNothingElse() throws Exception {
        RemoteDomainSettings sevenBit = RemoteDomainSettings.builder().sevenBitOnly(true)
            .contentType(ContentType.MIME_TEXT).lineWrapSize(OptionalInt.of(60)).build();
        Converted converted = convert(HTML_8BIT, sevenBit, ConversionScope.MANDATORY);
        assertThat(converted.result.modified()).isTrue();
        assertThat(ContentScan.of(converted.out).hasEightBit()).isFalse();
        // still HTML, one part: only the transfer encoding and the Subject's encoding changed
        assertThat(converted.text()).contains("Content-Type: text/html; charset=utf-8")
            .contains("Content-Transfer-Encoding: quoted-printable").doesNotContain("multipart/alternative")
            .contains("Subject: =?").contains("From: =?utf-8?q?J=C3=B6rg?= <j@sender.example>");

        // a message that is 7-bit already needs nothing, even there
        Converted alternative = convert(ALTERNATIVE.replace("Subject: caf\u00e9 \u65e5\u672c", "Subject: cafe"),
            sevenBit, ConversionScope.MANDATORY);
        assertThat(alternative.out).isEqualTo(alternative.in);
    }

    @Test
    void aHeaderLineOverTheLimitIsFoldedEvenWithEightBitAllowed() throws Exception {
        String message = "X-Long: " + "word ".repeat(250).trim() + "\r\n" + HTML_8BIT;
        Converted converted = convert(message, RemoteDomainSettings.defaults(), ConversionScope.MANDATORY);
        assertThat(converted.result.changes()).singleElement().asString().isEqualTo("root: header X-Long encoded");
        assertThat(ContentScan.of(converted.out).hasLongLines()).isFalse();
        assertThat(converted.text()).contains("Subject: caf\u00e9 \u65e5\u672c\r\n").contains("<p>Gr\u00fc\u00dfe");
    }

    /** Real mailers' parameters a strict reader (javax.mail, run by James on every changed message) refuses. */
    private static final String MALFORMED = HEAD + "Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n"
        + "--m\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nsee \u00e9\r\n"
        + "--m\r\nContent-Type: application/msword; name==?koi8-r?B?89DJ08/LLmRvYw==?=\r\n"
        + "Content-Disposition: attachment; filename==?koi8-r?B?89DJ08/LLmRvYw==?=\r\n"
        + "Content-Transfer-Encoding: base64\r\n\r\nAAAA\r\n"
        + "--m\r\nContent-Type: application/pdf;; name=report 1.pdf;\r\nContent-Transfer-Encoding: base64\r\n"
        + "\r\nJVBERi0=\r\n--m--\r\n";

    @Test
    void malformedParametersAreRepairedInEveryScopeAndNothingElseInRepair() throws Exception {
        for (ConversionScope scope : ConversionScope.values()) {
            Converted converted = convert(MALFORMED, RemoteDomainSettings.defaults(), scope);
            assertThat(converted.text()).as(scope.toString())
                .contains("Content-Type: application/msword;\r\n name*=utf-8''%D0%A1%D0%BF%D0%B8%D1%81%D0%BE%D0%BA.doc")
                .contains("Content-Disposition: attachment;\r\n filename*=utf-8''%D0%A1%D0%BF%D0%B8%D1%81%D0%BE%D0%BA.doc")
                .contains("Content-Type: application/pdf; name=\"report 1.pdf\"")
                .doesNotContain("==?koi8-r");
        }
        Converted repaired = convert(MALFORMED, RemoteDomainSettings.builder().messageFormat(MessageFormat.TEXT)
            .sevenBitOnly(true).build(), ConversionScope.REPAIR);
        // only the three fields: the 8-bit text and the Subject stay as they are, the message stays MIME
        assertThat(repaired.result.changes()).containsExactly("2: header Content-Type encoded",
            "2: header Content-Disposition encoded", "3: header Content-Type encoded");
        assertThat(repaired.text()).contains("Subject: caf\u00e9 \u65e5\u672c\r\n").contains("see \u00e9\r\n")
            .contains("MIME-Version: 1.0");
    }

    @Test
    void needsRepairTellsWithoutConverting() throws Exception {
        MessageConverter converter = MessageConverter.withDefaults();
        assertThat(converter.needsRepair(new ByteArrayInputStream(MALFORMED.getBytes(StandardCharsets.UTF_8))))
            .isTrue();
        for (String wellFormed : List.of(ATTACHMENT, HTML_8BIT, ALTERNATIVE)) {
            assertThat(converter.needsRepair(new ByteArrayInputStream(
                wellFormed.getBytes(StandardCharsets.UTF_8)))).isFalse();
        }
    }

    @Test
    void wellFormedParametersAreLeftAloneInRepair() throws Exception {
        Converted converted = convert(ATTACHMENT, RemoteDomainSettings.defaults(), ConversionScope.REPAIR);
        assertThat(converted.out).isEqualTo(converted.in);
        Converted html = convert(HTML_8BIT, RemoteDomainSettings.builder().messageFormat(MessageFormat.TEXT).build(),
            ConversionScope.REPAIR);
        assertThat(html.out).isEqualTo(html.in);
    }

    @Test
    void anInvalidFieldNameIsDroppedAndAnEightBitMultipartRelabelledInTheFullScope() throws Exception {
        String message = "From: a@example.org\r\nBad Header: x\r\nSubject: t\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"b\"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nh\u00e9llo\r\n"
            + "--b--\r\n";
        Converted full = convert(message, RemoteDomainSettings.defaults(), ConversionScope.FULL);
        assertThat(full.result.droppedFields()).isEqualTo(1);
        assertThat(full.text()).doesNotContain("Bad Header").contains("Subject: t\r\n")
            .contains("boundary=\"b\"\r\nContent-Transfer-Encoding: 7bit\r\n")
            .contains("Content-Transfer-Encoding: quoted-printable");
        assertThat(ContentScan.of(full.out).hasEightBit()).isFalse();

        // a signed message keeps both where nothing is mandatory; a SevenBitOnly destination gets the label right
        Converted kept = convert(message, RemoteDomainSettings.defaults(), ConversionScope.MANDATORY);
        assertThat(kept.out).isEqualTo(kept.in);
        Converted sevenBit = convert(message, RemoteDomainSettings.builder().sevenBitOnly(true).build(),
            ConversionScope.MANDATORY);
        assertThat(sevenBit.text()).contains("boundary=\"b\"\r\nContent-Transfer-Encoding: 7bit\r\n");
        assertThat(ContentScan.of(sevenBit.out).hasEightBit()).isFalse();
    }
}
