package org.bordertransport.core.rtf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RtfDeencapsulatorTest {
    private static final RtfDeencapsulator LENIENT = RtfDeencapsulator.create();
    private static final RtfDeencapsulator STRICT = RtfDeencapsulator.create(RtfMode.STRICT, RtfLimits.defaults());

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** De-encapsulates {@code {\rtf1\ansi\ansicpg<cp>\fromhtml1 <body>}} strictly and returns the HTML. */
    static String html(int codePage, String body) throws RtfException {
        RtfBody result = STRICT.deencapsulate(ascii("{\\rtf1\\ansi\\ansicpg" + codePage + "\\fromhtml1 " + body + "}"));
        assertThat(result.kind()).isEqualTo(RtfBody.Kind.HTML);
        assertThat(result.warnings()).isEmpty();
        return result.text();
    }

    static String html(String body) throws RtfException {
        return html(1252, body);
    }

    @Nested
    class Recognition {
        @Test
        void shouldExtractTheHtmlOfTheSpecificationExample() throws Exception {
            RtfBody body = STRICT.deencapsulate(ascii(RtfSamples.HTML_EXAMPLE));

            assertThat(body.kind()).isEqualTo(RtfBody.Kind.HTML);
            assertThat(body.text()).isEqualTo(RtfSamples.HTML_EXAMPLE_HTML);
            assertThat(body.codePage()).isEqualTo(1251);
            assertThat(body.warnings()).isEmpty();
        }

        @Test
        void shouldExtractPlainText() throws Exception {
            RtfBody body = STRICT.deencapsulate(ascii(RtfSamples.TEXT_EXAMPLE));

            assertThat(body.kind()).isEqualTo(RtfBody.Kind.TEXT);
            assertThat(body.text()).isEqualTo(RtfSamples.TEXT_EXAMPLE_TEXT);
            assertThat(body.codePage()).isEqualTo(1252);
        }

        @Test
        void shouldReportGenuineRtf() throws Exception {
            RtfBody body = STRICT.deencapsulate(ascii("{\\rtf1\\ansi\\ansicpg1250\\deff0{\\fonttbl{\\f0 Arial;}}"
                + "\\pard\\fromhtml1 {\\*\\htmltag <p>}Hello\\par}"));

            assertThat(body.kind()).isEqualTo(RtfBody.Kind.RTF_ONLY);
            assertThat(body.text()).isEmpty();
            assertThat(body.codePage()).isEqualTo(1250);
        }

        @ParameterizedTest
        @CsvSource(delimiterString = " => ", value = {
            "{\\rtf1\\ansi\\fromhtml0 x} => RTF_ONLY",
            "{\\rtf1\\ansi\\fromhtml x} => HTML",
            "{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}\\fromtext x} => TEXT",
            "{\\rtf1\\ansi text \\fromtext x} => RTF_ONLY",
            "{\\rtf1\\ansi{\\fonttbl\\fromtext}x} => RTF_ONLY",
            "{\\rtf1\\fromtext\\fromhtml1 x} => HTML",
        })
        void shouldLookForTheMarkerInTheHeaderOnly(String rtf, RtfBody.Kind kind) throws Exception {
            assertThat(LENIENT.deencapsulate(ascii(rtf)).kind()).isEqualTo(kind);
        }

        @ParameterizedTest
        @CsvSource(delimiterString = " => ", value = {
            "{\\rtf1\\mac\\fromtext \\'8e} => 10000 => \u00E9",
            "{\\rtf1\\pc\\fromtext \\'82} => 437 => \u00E9",
            "{\\rtf1\\pca\\fromtext \\'82} => 850 => \u00E9",
            "{\\rtf1\\ansi\\fromtext \\'e9} => 1252 => \u00E9",
            "{\\rtf1\\fromtext \\'e9} => 1252 => \u00E9",
        })
        void shouldTakeTheDocumentCodePageFromTheCharacterSet(String rtf, int codePage, String text) throws Exception {
            RtfBody body = STRICT.deencapsulate(ascii(rtf));

            assertThat(body.codePage()).isEqualTo(codePage);
            assertThat(body.text()).isEqualTo(text);
        }

        @ParameterizedTest
        @CsvSource(delimiterString = " => ", value = {
            "'' => Not RTF: the input does not start with {\\rtf",
            "hello => Not RTF: the input does not start with {\\rtf",
            "{\\rtx1} => Not RTF: the input does not start with {\\rtf",
            "{{\\rtf1} => Not RTF: the input does not start with {\\rtf",
        })
        void shouldRejectWhatIsNotRtf(String input, String message) {
            assertThatThrownBy(() -> LENIENT.deencapsulate(ascii(input)))
                .isInstanceOf(RtfException.class)
                .hasMessage(message);
        }

        @Test
        void shouldDecompressThenDeencapsulate() throws Exception {
            byte[] compressed = LzfuTestCompressor.compress(ascii(RtfSamples.HTML_EXAMPLE));

            assertThat(STRICT.deencapsulateCompressed(compressed).text()).isEqualTo(RtfSamples.HTML_EXAMPLE_HTML);
        }

        @Test
        void shouldKeepTheWarningsOfDecompression() throws Exception {
            byte[] compressed = LzfuTestCompressor.compress(ascii(RtfSamples.TEXT_EXAMPLE));
            compressed[12] ^= 0x10;

            RtfBody body = LENIENT.deencapsulateCompressed(compressed);

            assertThat(body.text()).isEqualTo(RtfSamples.TEXT_EXAMPLE_TEXT);
            assertThat(body.warnings()).hasSize(1).allMatch(w -> w.startsWith("Compressed RTF CRC mismatch"));
            assertThatThrownBy(() -> STRICT.deencapsulateCompressed(compressed))
                .hasMessageStartingWith("Compressed RTF CRC mismatch");
        }
    }

    @Nested
    class ControlWords {
        @ParameterizedTest
        @CsvSource(delimiterString = " => ", value = {
            "{\\*\\htmltag a\\par b} => a<CRLF>b",
            "{\\*\\htmltag a\\line b} => a<CRLF>b",
            "{\\*\\htmltag a\\tab b} => a<TAB>b",
            "{\\*\\htmltag \\{\\}\\\\} => {}\\",
            "{\\*\\htmltag \\lquote\\rquote\\ldblquote\\rdblquote} => \u2018\u2019\u201C\u201D",
            "{\\*\\htmltag \\bullet\\endash\\emdash} => \u2022\u2013\u2014",
            "{\\*\\htmltag a\\~b\\_c\\-d} => a\u00A0b\u00ADc\u00ADd",
            "{\\*\\htmltag a\\b\\i0\\fs24 b} => ab",
            "{\\*\\htmltag84 <p>} => <p>",
            "{\\*\\htmltag148 <FONT face=\"symbol\">} => <FONT face=\"symbol\">",
            "{\\*\\htmltag 1<2} => 1<2",
            "{\\*\\htmltag a\\<CR><LF>b} => a<CRLF>b",
            "{\\*\\htmltag a\\<LF>b} => a<CRLF>b",
            "{\\*\\htmltag a<CR><LF> b<NUL>} => a b",
            "{\\*\\htmltag caf\\'e9} => caf\u00E9",
            "{\\*\\htmltag caf\\'E9} => caf\u00E9",
            "{\\*\\htmltag \\u8364?} => \u20AC",
            "{\\*\\htmltag \\u8364 ?} => \u20AC",
            "{\\*\\htmltag \\u-4063?} => \uF021",
            "{\\*\\htmltag \\u-10179?\\u-8704?} => \uD83D\uDE00",
            "{\\*\\htmltag \\u8364\\'80x} => \u20ACx",
            "{\\*\\htmltag \\uc2\\u8364??x} => \u20ACx",
            "{\\*\\htmltag \\uc0\\u8364 x} => \u20ACx",
            "{\\*\\htmltag {\\uc0\\u8364}\\u8364?x} => \u20AC\u20ACx",
            "{\\*\\htmltag \\uc3\\u8364?{x}} => \u20ACx",
            "{\\*\\htmltag \\u8364\\par x} => \u20ACx",
            "{\\*\\htmltag a}\\bin3 }}}b => ab",
            "plain text => plain text",
        })
        void shouldUnescape(String body, String expected) throws Exception {
            String rtf = body.replace("<CR>", "\r").replace("<LF>", "\n").replace("<NUL>", "\0");
            assertThat(html(rtf)).isEqualTo(expected.replace("<CRLF>", "\r\n").replace("<TAB>", "\t"));
        }

        @Test
        void shouldDecodeDoubleByteCharactersSplitOverTwoEscapes() throws Exception {
            assertThat(html(932, "{\\*\\htmltag <p>\\'82\\'a0\\'8a\\'bf}")).isEqualTo("<p>\u3042\u6F22");
            assertThat(html(936, "{\\*\\htmltag \\'d6\\'d0\\'ce\\'c4}")).isEqualTo("\u4E2D\u6587");
        }

        @Test
        void shouldDecodeADoubleByteCharacterWhoseTrailIsABackslash() throws Exception {
            assertThat(html(932, "{\\*\\htmltag \\'95\\\\}")).isEqualTo("\u8868");
        }

        @Test
        void shouldDecodeTextOutsideTagsWithTheFontCodePage() throws Exception {
            String fonts = "{\\fonttbl{\\f0\\fswiss\\fcharset0 Arial;}{\\f1\\fnil\\fcharset128 MS Gothic;}"
                + "{\\f2\\fnil\\cpg1251 Arial Cyr;}{\\f3\\fnil Plain;}}";

            assertThat(html(1252, fonts + "\\f1 \\'82\\'a0\\f0 \\'e9{\\f2 \\'c0}\\f3 \\'e9"))
                .isEqualTo("\u3042\u00E9\u0410\u00E9");
        }

        @Test
        void shouldUseTheDefaultFontUntilAFontIsSelected() throws Exception {
            String rtf = "{\\rtf1\\ansi\\ansicpg1252\\fromtext\\deff1{\\fonttbl\\f0\\fcharset0 A;\\f1\\fcharset204 B;}"
                + "\\'c0\\f0\\'c0\\plain\\'c0}";

            assertThat(STRICT.deencapsulate(ascii(rtf)).text()).isEqualTo("\u0410\u00C0\u0410");
        }

        @Test
        void shouldDecodeTagsWithTheDocumentCodePageWhateverTheFont() throws Exception {
            String fonts = "{\\fonttbl{\\f0\\fcharset0 Arial;}}";

            assertThat(html(1251, fonts + "\\f0{\\*\\htmltag \\'c0}\\'c0")).isEqualTo("\u0410\u00C0");
        }

        @Test
        void shouldTrackTheFontChangedInsideSuppressedRtf() throws Exception {
            String fonts = "{\\fonttbl{\\f0\\fcharset0 Arial;}{\\f1\\fcharset204 Arial Cyr;}}";

            assertThat(html(1252, fonts + "\\htmlrtf \\f1 \\htmlrtf0 \\'c0")).isEqualTo("\u0410");
        }

        @Test
        void shouldWarnAboutAnUnknownCodePageAndUseWindows1252() throws Exception {
            RtfBody body = LENIENT.deencapsulate(ascii("{\\rtf1\\ansi\\ansicpg99999\\fromtext caf\\'e9}"));

            assertThat(body.text()).isEqualTo("caf\u00E9");
            assertThat(body.codePage()).isEqualTo(99999);
            assertThat(body.warnings()).containsExactly("Code page 99999 is not supported; decoded as windows-1252");
        }
    }

    @Nested
    class Suppression {
        @ParameterizedTest
        @CsvSource(delimiterString = " => ", value = {
            "a\\htmlrtf b\\htmlrtf0 c => ac",
            "a\\htmlrtf1 b\\htmlrtf0 c => ac",
            "{\\htmlrtf b}c => c",
            "\\htmlrtf {\\htmlrtf0 a}b\\htmlrtf0 c => ac",
            "{\\htmlrtf a{\\htmlrtf0 b}c}d => bd",
            "\\htmlrtf {\\*\\htmltag <p>}\\htmlrtf0 x => x",
            "{\\*\\htmltag <p>\\htmlrtf x\\htmlrtf0}y => <p>xy",
            "{\\*\\htmltag <p>\\htmlrtf}y => <p>y",
            "\\htmlrtf \\par\\tab\\u8364?\\'e9\\{\\htmlrtf0 x => x",
            "{\\*\\mhtmltag84 <img src=\"cid:1\">}{\\*\\htmltag84 <img src=\"a.png\">} => <img src=\"a.png\">",
            "{\\*\\htmltag <a>{\\*\\mhtmltag x}{\\*\\htmlbase}</a>} => <a></a>",
            "{\\*\\generator Riched20;}{\\*\\htmltag <p>} => <p>",
            "{\\fonttbl{\\f0 Arial;}}{\\colortbl;\\red0;}{\\stylesheet{\\s0 Normal;}}{\\info{\\title T}}x => x",
            "{\\pict\\wmetafile8 0102}{\\object{\\objdata 01}} => ''",
            "{\\field{\\*\\fldinst HYPERLINK}{\\fldrslt link}}{\\field{\\fldinst X}{\\fldrslt s}} => links",
            "{\\*\\unknown a}{\\unknown b} => b",
            "{\\*{\\*\\htmltag a}b}c => c",
        })
        void shouldCopyOnlyWhatIsNotSuppressed(String body, String expected) throws Exception {
            assertThat(html(body)).isEqualTo(expected);
        }

        @Test
        void plainTextShouldIgnoreHtmlrtfAndSkipHtmltags() throws Exception {
            RtfBody body = STRICT.deencapsulate(ascii("{\\rtf1\\ansi\\fromtext a\\htmlrtf b{\\*\\htmltag c}\\line d}"));

            assertThat(body.text()).isEqualTo("ab\r\nd");
        }
    }

    @Nested
    class Malformed {
        @Test
        void strictShouldRejectMissingBracesAndLenientShouldWarn() throws Exception {
            byte[] rtf = ascii("{\\rtf1\\fromhtml1 {\\*\\htmltag <p>}{x");

            assertThatThrownBy(() -> STRICT.deencapsulate(rtf)).hasMessage("RTF ends inside 2 open groups");
            RtfBody body = LENIENT.deencapsulate(rtf);
            assertThat(body.text()).isEqualTo("<p>x");
            assertThat(body.warnings()).containsExactly("RTF ends inside 2 open groups");
        }

        @Test
        void shouldStopAtTheEndOfTheOutermostGroup() throws Exception {
            assertThat(html("a}b}}{c")).isEqualTo("a");
        }

        @Test
        void strictShouldRejectABadHexEscapeAndLenientShouldSkipIt() throws Exception {
            byte[] rtf = ascii("{\\rtf1\\fromtext a\\'zzb\\'}");

            assertThatThrownBy(() -> STRICT.deencapsulate(rtf)).hasMessage("Malformed \\' escape at offset 17");
            RtfBody body = LENIENT.deencapsulate(rtf);
            assertThat(body.text()).isEqualTo("azzb");
            assertThat(body.warnings()).containsExactly("Malformed \\' escape at offset 17",
                "Malformed \\' escape at offset 22");
        }

        @Test
        void strictShouldRejectTruncatedBinaryData() throws Exception {
            byte[] rtf = ascii("{\\rtf1\\fromtext a\\bin100 xyz}");

            assertThatThrownBy(() -> STRICT.deencapsulate(rtf))
                .hasMessage("RTF ends inside 1 open group");
            RtfBody body = LENIENT.deencapsulate(rtf);
            assertThat(body.text()).isEqualTo("a");
            assertThat(body.warnings()).containsExactly("RTF ends inside 1 open group",
                "RTF \\bin data runs past the end of the input");
        }

        @Test
        void shouldTolerateControlWordsCutAtTheEnd() throws Exception {
            assertThat(LENIENT.deencapsulate(ascii("{\\rtf1\\fromtext a\\'4")).text()).isEqualTo("a4");
            for (String end : new String[] {"\\", "\\'", "\\u", "\\uc", "\\htmlrtf"}) {
                RtfBody body = LENIENT.deencapsulate(ascii("{\\rtf1\\fromtext a" + end));
                assertThat(body.text()).as(end).isEqualTo("a");
            }
        }

        @Test
        void shouldClampHugeParameters() throws Exception {
            assertThat(html("{\\*\\htmltag \\u99999999999?\\uc99999999999\\u65?x}")).isEqualTo("\uFFFFA");
        }
    }

    @Nested
    class Limits {
        @Test
        void shouldRejectDeepNesting() throws Exception {
            RtfDeencapsulator shallow = RtfDeencapsulator.create(RtfMode.LENIENT, RtfLimits.of(1000, 3, 1000));

            assertThat(shallow.deencapsulate(ascii("{\\rtf1\\fromtext {{a}}}")).text()).isEqualTo("a");
            assertThatThrownBy(() -> shallow.deencapsulate(ascii("{\\rtf1\\fromtext {{{a}}}}")))
                .isInstanceOf(RtfException.class)
                .hasMessage("RTF nests deeper than maxDepth 3");
            assertThatThrownBy(() -> shallow.deencapsulate(ascii("{\\rtf1{{{\\fromtext}}}}")))
                .hasMessage("RTF nests deeper than maxDepth 3");
        }

        @Test
        void shouldSurviveTheDefaultDepthWithoutStackOverflow() {
            String deep = "{\\rtf1\\fromtext " + "{".repeat(100_000) + "a";

            assertThatThrownBy(() -> LENIENT.deencapsulate(ascii(deep)))
                .hasMessage("RTF nests deeper than maxDepth 512");
        }

        @Test
        void shouldRejectOutputOverTheLimit() throws Exception {
            RtfDeencapsulator small = RtfDeencapsulator.create(RtfMode.LENIENT, RtfLimits.of(1000, 10, 5));

            assertThat(small.deencapsulate(ascii("{\\rtf1\\fromtext abc\\par}")).text()).isEqualTo("abc\r\n");
            assertThatThrownBy(() -> small.deencapsulate(ascii("{\\rtf1\\fromtext abcdef}")))
                .hasMessage("De-encapsulated TEXT exceeds maxOutputChars 5");
            assertThatThrownBy(() -> small.deencapsulate(ascii("{\\rtf1\\fromhtml1 abcd\\par}")))
                .hasMessage("De-encapsulated HTML exceeds maxOutputChars 5");
        }

        @Test
        void shouldRejectInputOverTheLimit() {
            RtfDeencapsulator small = RtfDeencapsulator.create(RtfMode.LENIENT, RtfLimits.of(10, 10, 10));

            assertThatThrownBy(() -> small.deencapsulate(ascii("{\\rtf1\\fromtext a}")))
                .hasMessage("RTF of 18 octets exceeds maxRtfBytes 10");
        }

        @Test
        void limitsShouldBePositive() {
            assertThatThrownBy(() -> RtfLimits.of(1, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxDepth must be positive, got 0");
        }
    }

    @Test
    void truncationAtEveryOffsetShouldGiveAPrefixOrAnException() throws Exception {
        byte[] full = ascii(RtfSamples.HTML_EXAMPLE);
        for (int length = 0; length < full.length; length++) {
            byte[] cut = java.util.Arrays.copyOf(full, length);
            try {
                RtfBody body = LENIENT.deencapsulate(cut);
                boolean insideWord = new String(cut, StandardCharsets.ISO_8859_1).matches("(?s).*\\\\[a-z]+$");
                if (body.kind() == RtfBody.Kind.HTML && !insideWord) {
                    assertThat(RtfSamples.HTML_EXAMPLE_HTML).as("cut at %d", length).startsWith(body.text());
                }
            } catch (RtfException e) {
                assertThat(e).hasMessage("Not RTF: the input does not start with {\\rtf");
            }
        }
    }
}
