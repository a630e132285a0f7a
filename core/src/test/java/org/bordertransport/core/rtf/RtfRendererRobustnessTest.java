package org.bordertransport.core.rtf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Malformed, unbalanced, deep and oversized RTF: a rendering with warnings, or an {@link RtfException}. */
class RtfRendererRobustnessTest {
    private static final int CASES = 5_000;
    private static final RtfLimits LIMITS = RtfLimits.of(1 << 20, 64, 1 << 16).withRendering(3, 4096, 50);
    private static final String SEED = "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fcharset0 Arial;}"
        + "{\\f1\\fcharset2 Symbol;}{\\f2\\fcharset128 Gothic;}}{\\colortbl ;\\red255\\green0\\blue0;}\\pard"
        + "{\\listtext\\f1 \\'b7\\tab}\\ls1\\ilvl1 item\\par\\pard\\trowd\\cellx100\\pard\\intbl {\\b cell}\\cell\\row"
        + "\\pard{\\field{\\*\\fldinst HYPERLINK \"http://x.example/\"}{\\fldrslt {\\cf1 link}}}\\line"
        + "{\\*\\shppict{\\pict\\pngblip " + RtfRendererTest.PNG_HEX + "}}{\\f2 \\'82\\'a0}\\u8364?\\uc2\\u20320\\'c4\\'e3"
        + "{\\object{\\*\\objdata 01}{\\result x}}\\par}";
    private static final String[] SNIPPETS = {"{", "}", "\\", "\\'", "\\'8", "\\u", "\\u-1", "\\uc9", "\\uc0",
        "\\bin", "\\bin99", "\\bin2 ", "{\\*", "\\par", "\\cell", "\\row", "\\intbl", "\\trowd", "\\ls5", "\\ilvl99",
        "\\ilvl-3", "{\\listtext", "{\\pntext", "{\\*\\pn", "{\\field", "{\\*\\fldinst HYPERLINK \"", "{\\fldrslt",
        "{\\pict", "\\pngblip", "\\jpegblip", "\\picwgoal-99999", "\\picscalex-5", "{\\object", "{\\result", "\\f2",
        "\\fcharset128", "\\cpg99999", "\\cf99", "\\highlight-1", "\\fs-4", "\\fs99999", "\\line", "\\tab", "\\v",
        "\\plain", "\\pard", "\\nestcell", "\\nestrow", "\\itap2", "\\u55357", "\\u-8694", "\r\n", "\0", "<>&\""};

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void missingClosingBracesAreAWarningInLenientModeAndAnErrorInStrictMode() throws Exception {
        byte[] rtf = ascii("{\\rtf1\\ansi {\\b bold\\par {\\i more");
        RtfRendering r = RtfRenderer.create().render(rtf);
        assertThat(r.text()).isEqualTo("bold\r\nmore\r\n");
        assertThat(r.html()).contains("<div><b>bold</b></div>").contains("<div><b><i>more</i></b></div>");
        assertThat(r.warnings()).containsExactly("RTF ends inside 3 open groups");
        assertThatThrownBy(() -> RtfRenderer.create(RtfMode.STRICT, RtfLimits.defaults()).render(rtf))
            .isInstanceOf(RtfException.class).hasMessage("RTF ends inside 3 open groups");
    }

    @Test
    void textAfterTheDocumentIsIgnored() throws Exception {
        RtfRendering r = RtfRenderer.create().render(ascii("{\\rtf1 in}} out {"));
        assertThat(r.text()).isEqualTo("in\r\n");
    }

    @Test
    void unbalancedTablesAndListsAreClosed() throws Exception {
        RtfRendering r = RtfRenderer.create().render(ascii("{\\rtf1\\row\\cell\\intbl a\\cell{\\listtext 1.}\\ls1"
            + "\\ilvl3 b\\par\\pard\\intbl\\ls1 c\\cell\\row\\row\\ls1\\ilvl0 d}"));
        assertThat(r.text().split("\r\n")).hasSize(2);
        assertThat(r.text()).contains("\ta\t", "1. b", "\u2022 c", "\u2022 d");
        String html = r.html();
        assertThat(count(html, "<table")).isEqualTo(count(html, "</table>"));
        assertThat(count(html, "<td>")).isEqualTo(count(html, "</td>"));
        assertThat(count(html, "<li")).isEqualTo(count(html, "</li>"));
        assertThat(count(html, "<ul") + count(html, "<ol")).isEqualTo(count(html, "</ul>") + count(html, "</ol>"));
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() {
        byte[] deep = ascii("{\\rtf1 " + "{".repeat(600) + "x" + "}".repeat(600) + "}");
        assertThatThrownBy(() -> RtfRenderer.create().render(deep)).isInstanceOf(RtfException.class)
            .hasMessage("RTF nests deeper than maxDepth 512");
    }

    @Test
    void outputOverTheLimitIsRefused() {
        byte[] big = ascii("{\\rtf1 " + "<".repeat(3000) + "}");
        RtfLimits limits = RtfLimits.of(1 << 20, 64, 5000);
        assertThatThrownBy(() -> RtfRenderer.create(RtfMode.LENIENT, limits).render(big))
            .isInstanceOf(RtfException.class).hasMessage("Rendered HTML exceeds maxOutputChars 5000");
    }

    @Test
    void notRtfIsRefused() {
        assertThatThrownBy(() -> RtfRenderer.create().render(ascii("hello")))
            .isInstanceOf(RtfException.class).hasMessage("Not RTF: the input does not start with {\\rtf");
    }

    @Test
    void mutatedRtfRendersOrFailsWithRtfException() {
        Random random = new Random(20261207L);
        byte[] seed = ascii(SEED);
        int rendered = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] input = mutate(random, seed);
            RtfMode mode = random.nextInt(4) == 0 ? RtfMode.STRICT : RtfMode.LENIENT;
            try {
                RtfRendering r = RtfRenderer.create(mode, LIMITS).render(input);
                assertThat(r.html().length()).isLessThanOrEqualTo(LIMITS.maxOutputChars());
                assertThat(r.text().length()).isLessThanOrEqualTo(LIMITS.maxOutputChars());
                assertThat(r.pictures().size()).isLessThanOrEqualTo(LIMITS.maxPictures());
                assertThat(count(r.html(), "<td>")).isEqualTo(count(r.html(), "</td>"));
                assertThat(r.html()).doesNotContain("<script").doesNotContain("href=\"javascript");
                rendered++;
            } catch (RtfException expected) {
                // a clear refusal is fine
            } catch (RuntimeException | Error e) {
                fail("case " + i + " (" + mode + ") threw " + e + " on "
                    + new String(input, StandardCharsets.ISO_8859_1), e);
            }
        }
        assertThat(rendered).isGreaterThan(CASES / 2);
    }

    private static byte[] mutate(Random random, byte[] seed) {
        StringBuilder b = new StringBuilder(new String(seed, StandardCharsets.ISO_8859_1));
        int edits = 1 + random.nextInt(6);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(b.length() + 1);
            switch (random.nextInt(4)) {
                case 0:
                    b.insert(at, SNIPPETS[random.nextInt(SNIPPETS.length)]);
                    break;
                case 1:
                    if (at < b.length()) {
                        b.delete(at, Math.min(b.length(), at + 1 + random.nextInt(8)));
                    }
                    break;
                case 2:
                    if (at < b.length()) {
                        b.setCharAt(at, (char) random.nextInt(256));
                    }
                    break;
                default:
                    b.insert(at, "{".repeat(random.nextInt(80)));
                    break;
            }
        }
        return ascii(b.toString());
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
