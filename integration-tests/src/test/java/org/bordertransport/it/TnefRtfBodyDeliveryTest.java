package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.it.BorderJames.ALICE;

import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.mail.BodyPart;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.internet.MimeBodyPart;

import org.bordertransport.core.tnef.MapiTag;
import org.bordertransport.core.tnefmime.TnefFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A winmail.dat whose only body is genuine RTF (no encapsulated HTML or text), sent through a real James with the
 * shipped conf to a TNEFEnabled=false domain, arrives as text/plain and text/html, its picture an inline part of a
 * multipart/related, and no body.rtf.
 */
class TnefRtfBodyDeliveryTest {
    private static final String CONVERT = "notnef.example.com";
    private static final String PNG_HEX = "89504e470d0a1a0a0000000d49484452";
    private static final String RTF = "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Arial;}}"
        + "{\\colortbl ;\\red255\\green0\\blue0;}\\pard\\f0\\fs20 Hello {\\b Bob},\\par "
        + "{\\listtext\\'95\\tab}\\ls1 {\\cf1 first} point\\par{\\listtext\\'95\\tab}\\ls1 second point\\par\\pard "
        + "See {\\field{\\*\\fldinst HYPERLINK \"https://example.com/q3\"}{\\fldrslt the figures}}: "
        + "{\\*\\shppict{\\pict\\pngblip\\picwgoal600\\pichgoal300 " + PNG_HEX + "}}\\par}";

    @RegisterExtension
    BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains(CONVERT);

    private static String winmail(String to, String subject) {
        byte[] tnef = TnefFixture.tnef().codePage(1252).subject("Figures", TnefFixture.CP1252)
            .messageProps(TnefFixture.Props.props().binary(MapiTag.PR_RTF_COMPRESSED,
                TnefFixture.uncompressedRtf(RTF))).build();
        return "From: " + ALICE + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\n"
            + "Message-ID: <tnef-rtf-1@border.test>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"o\"\r\n\r\n--o\r\nContent-Type: application/ms-tnef;"
            + " name=\"winmail.dat\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString(tnef) + "\r\n--o--\r\n";
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
    void genuineRtfArrivesAsTextAndHtmlWithItsPicture() throws Exception {
        String subject = Mails.uniqueSubject("tnef-rtf");
        extension.james().send(ALICE, List.of("c@" + CONVERT), winmail("c@" + CONVERT, subject));

        ReceivedMail mail = extension.mx(CONVERT).awaitOneMail();
        assertThat(mail.raw()).doesNotContain("application/ms-tnef").doesNotContain("text/rtf");
        Part alternative = find(mail.message(), "multipart/alternative");
        assertThat(alternative).isNotNull();
        assertThat(find(alternative, "text/plain").getContent().toString()).isEqualTo("Hello Bob,\r\n"
            + "\u2022 first point\r\n\u2022 second point\r\nSee the figures <https://example.com/q3>: "
            + "[image: image001.png]\r\n");
        Part related = find(alternative, "multipart/related");
        assertThat(related).isNotNull();
        String html = find(related, "text/html").getContent().toString();
        assertThat(html).contains("Hello <b>Bob</b>,")
            .contains("<ul><li><span style=\"color:#ff0000\">first</span> point</li><li>second point</li></ul>")
            .contains("<a href=\"https://example.com/q3\">the figures</a>");
        Matcher cid = Pattern.compile("<img src=\"cid:([^\"]+)\"").matcher(html);
        assertThat(cid.find()).isTrue();
        MimeBodyPart png = (MimeBodyPart) find(related, "image/png");
        assertThat(png.getContentID()).isEqualTo("<" + cid.group(1) + ">");
        assertThat(png.getInputStream().readAllBytes()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }
}
