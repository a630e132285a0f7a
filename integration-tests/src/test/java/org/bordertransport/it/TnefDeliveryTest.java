package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.it.BorderJames.ALICE;
import static org.bordertransport.it.BorderJames.BOB;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import javax.mail.BodyPart;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.internet.MimeBodyPart;

import org.bordertransport.core.tnef.MapiTag;
import org.bordertransport.core.tnefmime.TnefFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * TNEF in a real James with the shipped conf: a winmail.dat to a TNEFEnabled=false domain arrives as MIME with the
 * real attachment and HTML body; to a TNEFEnabled=true domain untouched; summary TNEF never reaches an MX as TNEF;
 * the local recipient gets the original.
 */
class TnefDeliveryTest {
    private static final String CONVERT = "notnef.example.com";
    private static final String KEEP = "exchange.example.com";
    private static final byte[] PDF = new byte[30_000];

    static {
        new Random(9).nextBytes(PDF);
    }

    @RegisterExtension
    BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains(CONVERT, KEEP);

    private static byte[] tnef() {
        return TnefFixture.tnef().codePage(1252).subject("Quarterly report", TnefFixture.CP1252)
            .messageProps(TnefFixture.Props.props().binary(MapiTag.PR_HTML,
                "<html><body><p>The <b>quarterly</b> report.</p></body></html>".getBytes(StandardCharsets.US_ASCII)))
            .file("Bericht Q3 \u00fcber alles.pdf", PDF, "application/pdf", null).build();
    }

    private static String winmail(List<String> to, String subject) {
        return "From: " + ALICE + "\r\nTo: " + String.join(", ", to) + "\r\nSubject: " + subject + "\r\n"
            + "Message-ID: <tnef-1@border.test>\r\nMIME-Version: 1.0\r\nX-MS-TNEF-Correlator: <00000000AB@border.test>\r\n"
            + "Content-Type: multipart/mixed; boundary=\"o\"\r\n\r\n--o\r\nContent-Type: text/plain\r\n\r\nSee the "
            + "report.\r\n--o\r\nContent-Type: application/ms-tnef; name=\"winmail.dat\"\r\n"
            + "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"winmail.dat\"\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString(tnef()) + "\r\n--o--\r\n";
    }

    /** The base64 body decoded with the JDK: javax.mail's decoding stream of this nested part gave only 8192 octets. */
    private static byte[] decoded(Part part) throws Exception {
        assertThat(((MimeBodyPart) part).getEncoding()).isEqualTo("base64");
        return Base64.getMimeDecoder().decode(((MimeBodyPart) part).getRawInputStream().readAllBytes());
    }

    private static Part find(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return part;
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                Part found = find(child, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    @Test
    void convertDomainGetsMimeKeepDomainGetsTnefLocalGetsTheOriginal() throws Exception {
        List<String> recipients = List.of("c@" + CONVERT, "k@" + KEEP, BOB);
        String subject = Mails.uniqueSubject("tnef");
        extension.james().send(ALICE, recipients, winmail(recipients, subject));

        ReceivedMail converted = extension.mx(CONVERT).awaitOneMail();
        assertThat(converted.raw()).doesNotContain("application/ms-tnef");
        Part pdf = find(converted.message(), "application/pdf");
        assertThat(pdf).isNotNull();
        assertThat(pdf.getFileName()).isEqualTo("Bericht Q3 \u00fcber alles.pdf");
        assertThat(decoded(pdf)).isEqualTo(PDF);
        assertThat(find(converted.message(), "text/html").getContent().toString()).contains("<b>quarterly</b>");
        assertThat(converted.header("Subject")).contains(subject);

        ReceivedMail kept = extension.mx(KEEP).awaitOneMail();
        assertThat(kept.raw()).contains("application/ms-tnef")
            .contains(Base64.getMimeEncoder().encodeToString(tnef()).substring(0, 76));

        assertThat(extension.james().awaitSingleMessage(BOB).raw()).contains("application/ms-tnef");
    }

    @Test
    void summaryTnefNeverReachesARemoteMxAsTnef() throws Exception {
        String subject = Mails.uniqueSubject("stnef");
        String stnef = "From: " + ALICE + "\r\nTo: k@" + KEEP + "\r\nSubject: " + subject + "\r\n"
            + "Message-ID: <stnef-1@border.test>\r\nMIME-Version: 1.0\r\nContent-Type: application/ms-tnef\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(tnef()) + "\r\n";
        extension.james().send(ALICE, List.of("k@" + KEEP), stnef);

        ReceivedMail mail = extension.mx(KEEP).awaitOneMail();
        assertThat(mail.raw()).doesNotContain("application/ms-tnef");
        assertThat(decoded(find(mail.message(), "application/pdf"))).isEqualTo(PDF);
    }
}
