package org.bordertransport.core.tnefmime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.core.tnefmime.MimeFixture.assertSevenBitClean;
import static org.bordertransport.core.tnefmime.MimeFixture.parse;
import static org.bordertransport.core.tnefmime.MimeFixture.part;
import static org.bordertransport.core.tnefmime.MimeFixture.shape;
import static org.bordertransport.core.tnefmime.MimeFixture.winmail;
import static org.bordertransport.core.tnefmime.TnefFixture.tnef;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bordertransport.core.rtf.RtfLimits;
import org.bordertransport.core.tnef.MapiTag;
import org.bordertransport.core.tnefmime.MimeFixture.Part;
import org.bordertransport.core.tnefmime.TnefFixture.Props;
import org.junit.jupiter.api.Test;

/** Genuine RTF bodies (nothing encapsulated) become text/plain and text/html, pictures inline parts. */
class TnefRtfBodyTest {
    static final String RTF = "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Arial;}}\\pard\\f0\\fs20 "
        + "Hello {\\b Bob},\\par See {\\field{\\*\\fldinst HYPERLINK \"https://example.com/\"}{\\fldrslt the site}}."
        + "\\par\\trowd\\cellx1000\\cellx2000\\pard\\intbl Q1\\cell 10\\cell\\row\\pard Caf\\'e9\\par}";
    private static final String PNG_HEX = "89504e470d0a1a0a0000000d49484452";

    private static byte[] tnefWithRtf(String rtf, Props props) {
        return tnef().messageProps(props.binary(MapiTag.PR_RTF_COMPRESSED, TnefFixture.uncompressedRtf(rtf))).build();
    }

    private static TnefMimeConverterTest.Converted convert(TnefMimeOptions options, byte[] tnef) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TnefConversionResult result = TnefMimeConverter.of(options).convert(new ByteArrayInputStream(winmail(tnef)),
            out);
        return new TnefMimeConverterTest.Converted(result, out.toByteArray());
    }

    @Test
    void realRtfBecomesTextAndHtml() throws Exception {
        TnefMimeConverterTest.Converted c = convert(TnefMimeOptions.defaults(), tnefWithRtf(RTF, Props.props()));
        assertSevenBitClean(c.bytes);
        assertThat(c.result.changes()).containsExactly("2: application/ms-tnef (winmail.dat) -> multipart/alternative"
            + " (multipart/alternative body, 0 attachment(s), HTML and text rendered from RTF)");
        List<Part> parts = parse(c.bytes);
        assertThat(shape(parts)).containsExactly("root multipart/mixed", "1 text/plain", "2 multipart/alternative",
            "2.1 text/plain", "2.2 text/html");
        assertThat(part(parts, "2.1").text()).isEqualTo("Hello Bob,\r\nSee the site <https://example.com/>.\r\n"
            + "Q1\t10\r\nCafé\r\n");
        Part html = part(parts, "2.2");
        assertThat(html.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(html.text()).contains("<div>Hello <b>Bob</b>,</div>")
            .contains("<a href=\"https://example.com/\">the site</a>")
            .contains("<tr><td><div>Q1</div>").contains("<div>Café</div>");
    }

    @Test
    void theTnefTextBodyIsKeptBesideTheRenderedHtml() throws Exception {
        TnefMimeConverterTest.Converted c = convert(TnefMimeOptions.defaults(), tnefWithRtf(RTF,
            Props.props().unicode(MapiTag.PR_BODY, "Plain from Outlook")));
        List<Part> parts = parse(c.bytes);
        assertThat(shape(parts)).containsExactly("root multipart/mixed", "1 text/plain", "2 multipart/alternative",
            "2.1 text/plain", "2.2 text/html");
        assertThat(part(parts, "2.1").text()).isEqualTo("Plain from Outlook");
        assertThat(part(parts, "2.2").text()).contains("<b>Bob</b>");
        assertThat(c.result.changes().get(0)).endsWith("HTML rendered from RTF)");
    }

    @Test
    void picturesBecomeInlinePartsOfAMultipartRelated() throws Exception {
        String rtf = "{\\rtf1\\ansi Logo {\\*\\shppict{\\pict\\pngblip\\picwgoal300\\pichgoal300 " + PNG_HEX
            + "}}{\\nonshppict{\\pict\\wmetafile8 0102}}\\par}";
        TnefMimeConverterTest.Converted c = convert(TnefMimeOptions.defaults(), tnefWithRtf(rtf, Props.props()));
        List<Part> parts = parse(c.bytes);
        assertThat(shape(parts)).containsExactly("root multipart/mixed", "1 text/plain", "2 multipart/alternative",
            "2.1 text/plain", "2.2 multipart/related", "2.2.1 text/html", "2.2.2 image/png");
        assertThat(c.result.changes().get(0)).contains("1 inline image(s)");
        Matcher cid = Pattern.compile("<img src=\"cid:([^\"]+)\"").matcher(part(parts, "2.2.1").text());
        assertThat(cid.find()).isTrue();
        Part image = part(parts, "2.2.2");
        assertThat(image.header("Content-ID")).isEqualTo("<" + cid.group(1) + ">");
        assertThat(image.header("Content-Disposition")).startsWith("inline");
        assertThat(image.fileName()).isEqualTo("image001.png");
        assertThat(image.decoded).isEqualTo(RtfPictureBytes.PNG);
        assertThat(part(parts, "2.1").text()).isEqualTo("Logo [image: image001.png]\r\n");
    }

    @Test
    void keepRtfAlsoAttachesTheRtf() throws Exception {
        TnefMimeConverterTest.Converted c = convert(TnefMimeOptions.builder().keepRtf(true).build(),
            tnefWithRtf(RTF, Props.props()));
        List<Part> parts = parse(c.bytes);
        assertThat(shape(parts)).containsExactly("root multipart/mixed", "1 text/plain", "2 multipart/mixed",
            "2.1 multipart/alternative", "2.1.1 text/plain", "2.1.2 text/html", "2.2 text/rtf");
        assertThat(part(parts, "2.2").fileName()).isEqualTo("body.rtf");
        assertThat(part(parts, "2.2").text()).isEqualTo(RTF);
    }

    @Test
    void rtfThatCannotBeRenderedIsAttached() throws Exception {
        String big = "{\\rtf1 " + "<".repeat(300) + "}";
        TnefMimeOptions options = TnefMimeOptions.builder().rtfLimits(RtfLimits.of(1 << 20, 64, 1000)).build();
        TnefMimeConverterTest.Converted c = convert(options, tnefWithRtf(big, Props.props()));
        assertThat(shape(parse(c.bytes))).containsExactly("root multipart/mixed", "1 text/plain",
            "2 multipart/mixed", "2.1 text/rtf");
        assertThat(c.result.changes()).containsExactly("2: application/ms-tnef (winmail.dat) -> multipart/mixed"
            + " (1 attachment(s), RTF not rendered: Rendered HTML exceeds maxOutputChars 1000)");
    }

    @Test
    void anHtmlBodyWinsOverTheRtf() throws Exception {
        TnefMimeConverterTest.Converted c = convert(TnefMimeOptions.defaults(), tnefWithRtf(RTF,
            Props.props().unicode(MapiTag.PR_HTML, "<p>Original</p>")));
        List<Part> parts = parse(c.bytes);
        assertThat(shape(parts)).containsExactly("root multipart/mixed", "1 text/plain", "2 text/html");
        assertThat(part(parts, "2").text()).isEqualTo("<p>Original</p>");
    }

    /** The PNG octets of {@link #PNG_HEX}. */
    static final class RtfPictureBytes {
        static final byte[] PNG = {(byte) 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48,
            0x44, 0x52};

        private RtfPictureBytes() {
        }
    }
}
