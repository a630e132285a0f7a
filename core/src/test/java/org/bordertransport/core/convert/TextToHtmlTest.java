package org.bordertransport.core.convert;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class TextToHtmlTest {
    @Test
    void renderShouldEscapeKeepLinesAndLinkUrls() throws Exception {
        String html = TextToHtml.render("a < b & c\r\nsee https://example.com/p?x=1&y=2.\n", "utf-8");
        assertThat(html).contains("<meta charset=\"utf-8\">")
            .contains("a &lt; b &amp; c\nsee <a href=\"https://example.com/p?x=1&amp;y=2\">https://example.com/p?x=1&amp;y=2</a>.\n");
        assertThat(HtmlToText.withDefaults().render(html)).isEqualTo("a < b & c see https://example.com/p?x=1&y=2.\n");
        assertThat(Jsoup.parse(html).select("a").attr("href")).isEqualTo("https://example.com/p?x=1&y=2");
    }
}
