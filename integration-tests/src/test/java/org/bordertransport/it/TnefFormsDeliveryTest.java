package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.it.BorderJames.ALICE;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Random;

import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.Session;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;

import org.bordertransport.core.encoding.UuEncoder;
import org.bordertransport.core.tnef.MapiTag;
import org.bordertransport.core.tnefmime.TnefFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14, item 2, in a real James with the shipped conf: TNEF in every form reaches a {@code TNEFEnabled=false}
 * domain decoded — a winmail.dat uuencoded in a plain-text (non-MIME) mail, a renamed part without
 * {@code X-MS-TNEF-Correlator}, TNEF inside an attached message, two TNEF parts in one message.
 */
class TnefFormsDeliveryTest {
    private static final String NO_TNEF = "notnef.example.com";
    private static final String TO = "c@" + NO_TNEF;
    private static final byte[] PDF = new byte[20_000];
    private static final byte[] ZIP = new byte[3_000];

    static {
        new Random(14).nextBytes(PDF);
        new Random(2).nextBytes(ZIP);
    }

    @RegisterExtension
    BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains(NO_TNEF);

    private static byte[] pdfTnef() {
        return TnefFixture.tnef().codePage(1252).subject("Report", TnefFixture.CP1252)
            .messageProps(TnefFixture.Props.props().unicode(MapiTag.PR_BODY, "The report."))
            .file("report.pdf", PDF, "application/pdf", null).build();
    }

    private static byte[] zipTnef() {
        return TnefFixture.tnef().file("data.zip", ZIP, null, null).build();
    }

    private static String head(String subject) {
        return "From: " + ALICE + "\r\nTo: " + TO + "\r\nSubject: " + subject + "\r\nMessage-ID: <"
            + subject.hashCode() + "@border.test>\r\n";
    }

    private static String base64Part(String type, byte[] data) {
        return "Content-Type: " + type + "\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString(data) + "\r\n";
    }

    /** Every leaf of {@code part}, attached messages entered, with its decoded octets. */
    private static List<Part> leaves(Part part) throws Exception {
        List<Part> leaves = new ArrayList<>();
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                leaves.addAll(leaves(multipart.getBodyPart(i)));
            }
        } else if (part.isMimeType("message/rfc822")) {
            byte[] raw = ((MimeBodyPart) part).getInputStream().readAllBytes();
            leaves.addAll(leaves(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw))));
        } else {
            leaves.add(part);
        }
        return leaves;
    }

    /**
     * The SHA-256 of the part named {@code fileName}, its base64 decoded with the JDK (javax.mail's decoding stream of
     * a nested part gives only 8192 octets, see {@link TnefDeliveryTest}).
     */
    private static String content(List<Part> leaves, String fileName) throws Exception {
        for (Part leaf : leaves) {
            if (fileName.equals(leaf.getFileName())) {
                assertThat(((MimeBodyPart) leaf).getEncoding()).isEqualTo("base64");
                return sha256(Base64.getMimeDecoder().decode(((MimeBodyPart) leaf).getRawInputStream()
                    .readAllBytes()));
            }
        }
        throw new AssertionError("no part named " + fileName);
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private ReceivedMail deliver(String raw) throws Exception {
        extension.james().send(ALICE, List.of(TO), raw);
        return extension.mx(NO_TNEF).awaitOneMail();
    }

    @Test
    void aUuencodedWinmailDatInAPlainTextMailArrivesAsMime() throws Exception {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        UuEncoder.encode(new ByteArrayInputStream(pdfTnef()), "WINMAIL.DAT", StandardCharsets.US_ASCII, block);
        String raw = head(Mails.uniqueSubject("uuencoded tnef")) + "\r\nHello,\r\n\r\nthe report.\r\n\r\n"
            + block.toString(StandardCharsets.US_ASCII).replace("begin 644", "begin 600") + "\r\nAlice\r\n";

        ReceivedMail mail = deliver(raw);
        assertThat(mail.raw()).doesNotContain("begin 600 WINMAIL.DAT").contains("Content-Type: multipart/mixed");
        List<Part> leaves = leaves(mail.message());
        assertThat(content(leaves, "report.pdf")).isEqualTo(sha256(PDF));
        assertThat(leaves.get(0).getContent().toString()).contains("the report.").contains("Alice")
            .doesNotContain("begin");
    }

    @Test
    void aRenamedPartWithoutCorrelatorArrivesDecoded() throws Exception {
        String raw = head(Mails.uniqueSubject("renamed tnef")) + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=o\r\n\r\n--o\r\nContent-Type: text/plain\r\n\r\nsee\r\n--o\r\n"
            + base64Part("application/octet-stream; name=\"ATT00001.dat\"", pdfTnef()) + "--o--\r\n";

        ReceivedMail mail = deliver(raw);
        assertThat(mail.raw()).doesNotContain("ATT00001.dat");
        assertThat(content(leaves(mail.message()), "report.pdf")).isEqualTo(sha256(PDF));
    }

    @Test
    void tnefInAnAttachedMessageArrivesDecodedInside() throws Exception {
        String inner = "From: carol@example.net\r\nSubject: inner\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=in\r\n\r\n--in\r\nContent-Type: text/plain\r\n\r\nx\r\n--in\r\n"
            + base64Part("application/ms-tnef; name=\"winmail.dat\"", pdfTnef()) + "--in--\r\n";
        String raw = head(Mails.uniqueSubject("attached tnef")) + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=o\r\n\r\n--o\r\nContent-Type: text/plain\r\n\r\nfw\r\n--o\r\n"
            + "Content-Type: message/rfc822\r\n\r\n" + inner + "\r\n--o--\r\n";

        ReceivedMail mail = deliver(raw);
        assertThat(mail.raw()).doesNotContain("application/ms-tnef").contains("Subject: inner");
        assertThat(content(leaves(mail.message()), "report.pdf")).isEqualTo(sha256(PDF));
    }

    @Test
    void twoTnefPartsArriveBothDecoded() throws Exception {
        String raw = head(Mails.uniqueSubject("two tnef")) + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=o\r\n\r\n--o\r\nContent-Type: text/plain\r\n\r\ntwo\r\n--o\r\n"
            + base64Part("application/ms-tnef; name=\"winmail.dat\"", pdfTnef()) + "--o\r\n"
            + base64Part("application/ms-tnef; name=\"winmail.dat\"", zipTnef()) + "--o--\r\n";

        ReceivedMail mail = deliver(raw);
        assertThat(mail.raw()).doesNotContain("application/ms-tnef");
        List<Part> leaves = leaves(mail.message());
        assertThat(content(leaves, "report.pdf")).isEqualTo(sha256(PDF));
        assertThat(content(leaves, "data.zip")).isEqualTo(sha256(ZIP));
    }
}
