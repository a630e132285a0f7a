package org.bordertransport.core.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HtmlToTextTest {
    private final HtmlToText converter = HtmlToText.withDefaults();

    @Test
    void renderShouldKeepParagraphsLineBreaksAndLinks() throws Exception {
        String html = "<html><head><title>T</title><style>p{color:red}</style></head><body>"
            + "<p>Hello <b>world</b>,</p><p>see <a href=\"https://example.com/x?a=1&amp;b=2\">our site</a>"
            + " or <a href=\"https://example.com\">https://example.com</a>.<br>Bye&nbsp;now</p>"
            + "<script>alert(1)</script></body></html>";
        assertThat(converter.render(html)).isEqualTo("Hello world,\n\n"
            + "see our site <https://example.com/x?a=1&b=2> or https://example.com.\nBye now\n");
    }

    @Test
    void renderShouldWriteListsTablesImagesAndPre() throws Exception {
        String html = "<ul><li>one</li><li>two</li></ul><ol><li>first</li><li>second</li></ol>"
            + "<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>"
            + "<img src=\"cid:x\" alt=\"logo\"><pre>  keep\n    this</pre>";
        assertThat(converter.render(html)).isEqualTo("- one\n- two\n\n1. first\n2. second\n\na\tb\n1\t2\n\n[logo]\n\n"
            + "  keep\n    this\n");
    }

    @Test
    void twoBreaksShouldMakeABlankLine() throws Exception {
        assertThat(converter.render("a<br><br>b<br>c")).isEqualTo("a\n\nb\nc\n");
    }

    @Test
    void renderShouldCopeWithBrokenHtml() throws Exception {
        assertThat(converter.render("<p>unclosed <b>bold <i>text")).isEqualTo("unclosed bold text\n");
        assertThat(converter.render("")).isEqualTo("\n");
        assertThat(converter.render("plain &lt;text&gt; &amp; more")).isEqualTo("plain <text> & more\n");
    }

    @Test
    void renderShouldDropScriptLinksAndKeepMailtoTextOnce() throws Exception {
        assertThat(converter.render("<a href=\"javascript:x()\">click</a> <a href=\"mailto:a@b.test\">a@b.test</a>"))
            .isEqualTo("click a@b.test\n");
    }

    @Test
    void renderShouldRefuseOversizedAndTooDeepInput() {
        HtmlToText small = HtmlToText.withMaxChars(10);
        assertThatThrownBy(() -> small.render("<p>12345678901</p>"))
            .isInstanceOf(ConversionException.class)
            .hasMessage("HTML of 18 characters exceeds the limit of 10");
        String deep = "<div>".repeat(2000) + "x";
        assertThatThrownBy(() -> converter.render(deep)).hasMessage("HTML nested deeper than 512 elements");
        assertThatThrownBy(() -> HtmlToText.withMaxChars(0)).hasMessage("maxChars must be positive, got 0");
    }
}
