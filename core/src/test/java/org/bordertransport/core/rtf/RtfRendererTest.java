package org.bordertransport.core.rtf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RtfRendererTest {
    private static final String HEAD = "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss\\fcharset0 Arial;}"
        + "{\\f1\\fnil\\fcharset2 Symbol;}{\\f2\\fmodern Courier New;}}"
        + "{\\colortbl ;\\red255\\green0\\blue0;\\red255\\green255\\blue0;}\\pard\\f0\\fs20 ";
    static final String PNG_HEX = "89504e470d0a1a0a0000000d49484452";

    static RtfRendering render(String body) throws RtfException {
        return RtfRenderer.create().render((HEAD + body + "}").getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The HTML inside the wrapper div, without the line breaks the writer puts between blocks. */
    static String inner(RtfRendering r) {
        String html = r.html().replace("\r\n", "");
        int start = html.indexOf("<body>") + 6;
        start = html.indexOf('>', start) + 1;
        int end = html.lastIndexOf("</div></body>");
        return html.substring(start, end);
    }

    @Nested
    class Paragraphs {
        @Test
        void paragraphsAreDivsAndLines() throws Exception {
            RtfRendering r = render("First\\par Second\\line broken\\par\\par Last");
            assertThat(inner(r)).isEqualTo("<div>First</div><div>Second<br>broken</div><div><br></div><div>Last</div>");
            assertThat(r.text()).isEqualTo("First\r\nSecond\r\nbroken\r\n\r\nLast\r\n");
            assertThat(r.warnings()).isEmpty();
        }

        @Test
        void theDocumentIsWrappedInTheFirstFontAndSize() throws Exception {
            RtfRendering r = render("x");
            assertThat(r.html()).startsWith("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html;"
                + " charset=utf-8\"></head><body>\r\n<div style=\"font-family:'Arial';font-size:10pt\">");
        }

        @Test
        void alignmentAndIndent() throws Exception {
            RtfRendering r = render("\\qc centred\\par\\pard\\qr right\\par\\pard\\li720 indented\\par\\pard\\qj j");
            assertThat(inner(r)).isEqualTo("<div style=\"text-align:center\">centred</div>"
                + "<div style=\"text-align:right\">right</div><div style=\"margin-left:36pt\">indented</div>"
                + "<div style=\"text-align:justify\">j</div>");
        }

        @Test
        void spacesAndTabsAreKept() throws Exception {
            RtfRendering r = render(" a  b\\tab c");
            assertThat(inner(r)).isEqualTo("<div>&nbsp;a &nbsp;b&nbsp;&nbsp;&nbsp;&nbsp;c</div>");
            assertThat(r.text()).isEqualTo(" a  b\tc\r\n");
        }

        @Test
        void specialCharactersAreEscaped() throws Exception {
            RtfRendering r = render("<script>alert(\"x\")</script> & \\{\\}\\\\");
            assertThat(inner(r)).isEqualTo("<div>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; {}\\</div>");
            assertThat(r.text()).isEqualTo("<script>alert(\"x\")</script> & {}\\\r\n");
        }
    }

    @Nested
    class CharacterFormat {
        @Test
        void boldItalicUnderlineStrikeSuperSub() throws Exception {
            RtfRendering r = render("{\\b b}{\\i i}{\\ul u}{\\uldb d}{\\strike s}{\\super 2}{\\sub 0}\\b x\\b0 y");
            assertThat(inner(r)).isEqualTo("<div><b>b</b><i>i</i><u>ud</u><s>s</s><sup>2</sup><sub>0</sub>"
                + "<b>x</b>y</div>");
            assertThat(r.text()).isEqualTo("biuds20xy\r\n");
        }

        @Test
        void ulnoneAndUnderlineColourDoNotUnderline() throws Exception {
            assertThat(inner(render("\\ul a\\ulnone b\\ulc1 c"))).isEqualTo("<div><u>a</u>bc</div>");
        }

        @Test
        void fontsSizesAndColours() throws Exception {
            RtfRendering r = render("a{\\f2 mono}{\\fs32 big}{\\cf1 red}{\\highlight2 marked}{\\cb2 shaded}"
                + "{\\plain plain}");
            assertThat(inner(r)).isEqualTo("<div>a<span style=\"font-family:'Courier New'\">mono</span>"
                + "<span style=\"font-size:16pt\">big</span><span style=\"color:#ff0000\">red</span>"
                + "<span style=\"background-color:#ffff00\">marked"
                + "shaded</span><span style=\"font-size:12pt\">plain</span>"
                + "</div>");
        }

        @Test
        void fontNamesThatCannotBeCssAreLeftOut() throws Exception {
            RtfRendering r = RtfRenderer.create().render(("{\\rtf1\\ansi{\\fonttbl{\\f0 Ev'il\";}{\\f1 Good;}}"
                + "\\f0 a\\f1 b}").getBytes(StandardCharsets.ISO_8859_1));
            assertThat(inner(r)).isEqualTo("<div>a<span style=\"font-family:'Good'\">b</span></div>");
            assertThat(r.html()).doesNotContain("Ev");
        }

        @Test
        void hiddenTextIsLeftOut() throws Exception {
            RtfRendering r = render("shown{\\v hidden}\\v more\\v0  again");
            assertThat(r.text()).isEqualTo("shown again\r\n");
        }
    }

    @Nested
    class Lists {
        @Test
        void bulletsFromListTextInASymbolFont() throws Exception {
            RtfRendering r = render("Intro\\par{\\listtext\\pard\\plain\\f1 \\'b7\\tab}\\ls1\\ilvl0 one\\par"
                + "{\\listtext\\pard\\plain\\f1 \\'b7\\tab}\\ls1\\ilvl0 two\\par\\pard after");
            assertThat(inner(r)).isEqualTo("<div>Intro</div><ul><li>one</li><li>two</li></ul><div>after</div>");
            assertThat(r.text()).isEqualTo("Intro\r\n\u2022 one\r\n\u2022 two\r\nafter\r\n");
        }

        @Test
        void oldStyleParagraphNumbers() throws Exception {
            RtfRendering r = render("{\\pntext\\f0 1.\\tab}{\\*\\pn\\pnlvlbody\\pndec\\pnstart1{\\pntxta .}}first\\par"
                + "{\\pntext\\f0 2.\\tab}{\\*\\pn\\pnlvlbody\\pndec{\\pntxta .}}second\\par");
            assertThat(inner(r)).isEqualTo("<ol><li value=\"1\">first</li><li value=\"2\">second</li></ol>");
            assertThat(r.text()).isEqualTo("1. first\r\n2. second\r\n");
        }

        @Test
        void nestedLevels() throws Exception {
            RtfRendering r = render("{\\listtext 1.\\tab}\\ls2\\ilvl0 a\\par{\\listtext\\f2 o\\tab}\\ls2\\ilvl1 b\\par"
                + "{\\listtext 2.\\tab}\\ls2\\ilvl0 c\\par");
            assertThat(inner(r)).isEqualTo("<ol><li value=\"1\">a<ul><li>b</li></ul></li><li value=\"2\">c</li></ol>");
            assertThat(r.text()).isEqualTo("1. a\r\n  o b\r\n2. c\r\n");
        }

        @Test
        void otherMarkersAreShownInAnUnmarkedList() throws Exception {
            RtfRendering r = render("{\\listtext a)\\tab}\\ls3 x\\par");
            assertThat(inner(r)).isEqualTo("<ul style=\"list-style-type:none\"><li>a)&nbsp;x</li></ul>");
            assertThat(r.text()).isEqualTo("a) x\r\n");
        }

        @Test
        void listOverrideWithoutMarkerIsABullet() throws Exception {
            RtfRendering r = render("\\ls1 item\\par");
            assertThat(inner(r)).isEqualTo("<ul><li>item</li></ul>");
            assertThat(r.text()).isEqualTo("\u2022 item\r\n");
        }

        @Test
        void unicodeBulletInASymbolFont() throws Exception {
            RtfRendering r = render("{\\listtext\\f1 \\u-3913\\'b7\\tab}\\ls1 item\\par");
            assertThat(r.text()).isEqualTo("\u2022 item\r\n");
        }
    }

    @Nested
    class Tables {
        @Test
        void rowsAndCells() throws Exception {
            RtfRendering r = render("before\\par\\trowd\\cellx1000\\cellx2000\\pard\\intbl A\\cell B\\cell\\row"
                + "\\trowd\\cellx1000\\cellx2000\\pard\\intbl {\\b C}\\cell\\cell\\row\\pard after\\par");
            assertThat(inner(r)).isEqualTo("<div>before</div><table border=\"1\" cellspacing=\"0\" cellpadding=\"4\""
                + " style=\"border-collapse:collapse\"><tr><td><div>A</div></td><td><div>B</div></td></tr>"
                + "<tr><td><div><b>C</b></div></td><td></td></tr></table><div>after</div>");
            assertThat(r.text()).isEqualTo("before\r\nA\tB\r\nC\t\r\nafter\r\n");
        }

        @Test
        void paragraphsInACellAndATableAtTheEnd() throws Exception {
            RtfRendering r = render("\\trowd\\cellx1000\\pard\\intbl one\\par two\\cell\\row");
            assertThat(inner(r)).isEqualTo("<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\""
                + " style=\"border-collapse:collapse\"><tr><td><div>one</div><div>two</div></td></tr></table>");
            assertThat(r.text()).isEqualTo("one two\r\n");
        }

        @Test
        void cellsOverTheLimitAreText() throws Exception {
            RtfLimits limits = RtfLimits.defaults().withRendering(10, 1000, 2);
            RtfRendering r = RtfRenderer.create(RtfMode.LENIENT, limits).render((HEAD
                + "\\trowd\\pard\\intbl A\\cell B\\cell\\row\\trowd\\pard\\intbl C\\cell D\\cell\\row}")
                .getBytes(StandardCharsets.ISO_8859_1));
            assertThat(r.text()).isEqualTo("A\tB\r\nC\tD\r\n");
            assertThat(inner(r)).contains("<td><div>B</div></td></tr></table><div>C&nbsp;&nbsp;&nbsp;&nbsp;D");
            assertThat(r.warnings()).containsExactly("Table cells over maxTableCells 2 written as text");
        }
    }

    @Nested
    class Links {
        @Test
        void hyperlinkFieldsBecomeLinks() throws Exception {
            RtfRendering r = render("See {\\field{\\*\\fldinst{HYPERLINK \"https://example.com/a b?x=1&y=2\"}}"
                + "{\\fldrslt{\\ul\\cf1 our site}}} now");
            assertThat(inner(r)).isEqualTo("<div>See <a href=\"https://example.com/a%20b?x=1&amp;y=2\">"
                + "<span style=\"color:#ff0000\"><u>our site</u></span></a> now</div>");
            assertThat(r.text()).isEqualTo("See our site <https://example.com/a%20b?x=1&y=2> now\r\n");
        }

        @Test
        void aLinkShowingItsTargetIsNotRepeatedInText() throws Exception {
            RtfRendering r = render("{\\field{\\*\\fldinst HYPERLINK \"mailto:bob@example.com\"}{\\fldrslt bob@example.com}}"
                + " {\\field{\\*\\fldinst HYPERLINK http://example.org/}{\\fldrslt http://example.org/}}");
            assertThat(inner(r)).isEqualTo("<div><a href=\"mailto:bob@example.com\">bob@example.com</a> "
                + "<a href=\"http://example.org/\">http://example.org/</a></div>");
            assertThat(r.text()).isEqualTo("bob@example.com http://example.org/\r\n");
        }

        @Test
        void otherSchemesAndBookmarksAreNotLinks() throws Exception {
            RtfRendering r = render("{\\field{\\*\\fldinst HYPERLINK \"javascript:alert(1)\"}{\\fldrslt a}}"
                + "{\\field{\\*\\fldinst HYPERLINK \\\\l \"_Toc1\"}{\\fldrslt b}}"
                + "{\\field{\\*\\fldinst HYPERLINK \"file:///etc/passwd\"}{\\fldrslt c}}"
                + "{\\field{\\*\\fldinst PAGE}{\\fldrslt 3}}");
            assertThat(inner(r)).isEqualTo("<div>abc3</div>");
            assertThat(r.text()).isEqualTo("abc3\r\n");
        }
    }

    @Nested
    class Pictures {
        @Test
        void pngBecomesAnInlinePicture() throws Exception {
            RtfRendering r = render("Logo: {\\*\\shppict{\\pict\\pngblip\\picw10\\pich10\\picwgoal1500\\pichgoal750 "
                + PNG_HEX + "\r\n}}{\\nonshppict{\\pict\\wmetafile8 0102}} end");
            assertThat(r.pictures()).hasSize(1);
            RtfPicture p = r.pictures().get(0);
            assertThat(p.mimeType()).isEqualTo("image/png");
            assertThat(p.fileName()).isEqualTo("image001.png");
            assertThat(p.data()).isEqualTo(hex(PNG_HEX));
            assertThat(p.contentId()).matches("image1\\.[0-9a-f]{16}@rtf\\.invalid");
            assertThat(inner(r)).isEqualTo("<div>Logo: <img src=\"cid:" + p.contentId() + "\" alt=\"image001.png\""
                + " width=\"100\" height=\"50\"> end</div>");
            assertThat(r.text()).isEqualTo("Logo: [image: image001.png] end\r\n");
            assertThat(r.warnings()).isEmpty();
        }

        @Test
        void jpegAsBinaryData() throws Exception {
            String rtf = HEAD + "{\\pict\\jpegblip\\bin4 \u00ff\u00d8\u00ff\u00e0}}";
            RtfRendering r = RtfRenderer.create().render(rtf.getBytes(StandardCharsets.ISO_8859_1));
            assertThat(r.pictures()).singleElement().satisfies(p -> {
                assertThat(p.mimeType()).isEqualTo("image/jpeg");
                assertThat(p.fileName()).isEqualTo("image001.jpg");
                assertThat(p.data()).containsExactly(0xFF, 0xD8, 0xFF, 0xE0);
            });
        }

        @Test
        void metafilesAndDataWithoutTheSignatureAreLeftOut() throws Exception {
            RtfRendering r = render("{\\pict\\wmetafile8 0102}{\\pict\\emfblip 0304}{\\pict\\pngblip 0102030405}x");
            assertThat(r.pictures()).isEmpty();
            assertThat(inner(r)).isEqualTo("<div>x</div>");
            assertThat(r.warnings()).containsExactly("Pictures not in PNG or JPEG left out (first: wmetafile)",
                "A picture whose data is not PNG left out");
        }

        @Test
        void picturesOverTheLimitsAreLeftOut() throws Exception {
            RtfLimits limits = RtfLimits.defaults().withRendering(1, 1000, 100);
            String two = "{\\pict\\pngblip " + PNG_HEX + "}{\\pict\\pngblip " + PNG_HEX + "}";
            RtfRendering r = RtfRenderer.create(RtfMode.LENIENT, limits).render((HEAD + two + "}")
                .getBytes(StandardCharsets.ISO_8859_1));
            assertThat(r.pictures()).hasSize(1);
            assertThat(r.warnings()).containsExactly("Pictures over maxPictures 1 or maxPictureBytes 1000 left out");
            RtfRendering small = RtfRenderer.create(RtfMode.LENIENT, RtfLimits.defaults().withRendering(5, 10, 100))
                .render((HEAD + two + "}").getBytes(StandardCharsets.ISO_8859_1));
            assertThat(small.pictures()).isEmpty();
        }

        @Test
        void objectsShowTheirResult() throws Exception {
            RtfRendering r = render("{\\object\\objemb{\\*\\objclass Paint.Picture}{\\*\\objdata 0102}"
                + "{\\result{\\pict\\pngblip " + PNG_HEX + "}}}");
            assertThat(r.pictures()).hasSize(1);
        }
    }

    @Nested
    class Characters {
        @Test
        void unicodeSkipsItsFallback() throws Exception {
            RtfRendering r = render("\\u8364?\\uc2\\u20320\\'c4\\'e3\\uc0\\u-10179\\u-8694 x");
            assertThat(r.text()).isEqualTo("\u20ac\u4f60\ud83d\ude0ax\r\n");
        }

        @Test
        void documentCodePage() throws Exception {
            RtfRendering r = RtfRenderer.create().render("{\\rtf1\\ansi\\ansicpg1251 \\'cf\\'f0\\'e8\\'e2\\'e5\\'f2}"
                .getBytes(StandardCharsets.ISO_8859_1));
            assertThat(r.text()).isEqualTo("\u041f\u0440\u0438\u0432\u0435\u0442\r\n");
        }

        @Test
        void fontCharacterSetsAndDoubleByteCharacters() throws Exception {
            RtfRendering r = RtfRenderer.create().render(("{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 Arial;}"
                + "{\\f1\\fcharset128 MS Gothic;}{\\f2\\cpg1253 Greek;}}\\f0 caf\\'e9 {\\f1 \\'82\\'a0}{\\f2 \\'e1}}")
                .getBytes(StandardCharsets.ISO_8859_1));
            assertThat(r.text()).isEqualTo("caf\u00e9 \u3042\u03b1\r\n");
        }

        @Test
        void namedCharacters() throws Exception {
            RtfRendering r = render("\\lquote a\\rquote  \\ldblquote b\\rdblquote  \\bullet \\endash \\emdash \\~x");
            assertThat(r.text()).isEqualTo("\u2018a\u2019 \u201cb\u201d \u2022\u2013\u2014\u00a0x\r\n");
        }
    }

    @Nested
    class Destinations {
        @Test
        void nonTextDestinationsAreLeftOut() throws Exception {
            RtfRendering r = RtfRenderer.create().render(("{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}{\\colortbl;\\red1;}"
                + "{\\stylesheet{\\s0 Normal;}}{\\info{\\title T}{\\author A}}{\\*\\generator Gen;}"
                + "{\\*\\unknown secret}{\\header head}{\\footnote note}{\\*\\listtable{\\list x}}"
                + "{\\*\\bkmkstart b}visible{\\*\\bkmkend b}}").getBytes(StandardCharsets.ISO_8859_1));
            assertThat(r.text()).isEqualTo("visible\r\n");
            assertThat(inner(r)).isEqualTo("<div>visible</div>");
        }

        @Test
        void compressedRtfRendersAsItsSource() throws Exception {
            byte[] source = (HEAD + "{\\b Compressed} body\\par\\trowd\\pard\\intbl a\\cell b\\cell\\row}")
                .getBytes(StandardCharsets.ISO_8859_1);
            byte[] value = LzfuTestCompressor.compress(source);
            byte[] rtf = CompressedRtf.decompress(value, RtfMode.STRICT, RtfLimits.defaults()).rtf();
            RtfRendering r = RtfRenderer.create(RtfMode.STRICT, RtfLimits.defaults()).render(rtf);
            assertThat(r.text()).isEqualTo("Compressed body\r\na\tb\r\n");
            assertThat(inner(r)).startsWith("<div><b>Compressed</b> body</div><table");
        }

        @Test
        void anEmptyDocumentGivesAnEmptyText() throws Exception {
            RtfRendering r = RtfRenderer.create().render("{\\rtf1}".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(r.text()).isEmpty();
            assertThat(r.html()).isEqualTo("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html;"
                + " charset=utf-8\"></head><body>\r\n</body></html>\r\n");
        }
    }

    static byte[] hex(String hex) {
        byte[] b = new byte[hex.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
