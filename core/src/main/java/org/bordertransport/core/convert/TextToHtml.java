package org.bordertransport.core.convert;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bordertransport.core.mail.HtmlEscape;

/**
 * Wraps plain text in a minimal HTML document, for remote domains that get {@code ContentType=MimeHtml}: the text
 * is escaped, line breaks and runs of spaces are kept ({@code white-space: pre-wrap}), and {@code http(s)://} URLs
 * become links. The charset is declared in a {@code meta} element as well as in the MIME header.
 */
public final class TextToHtml {
    private static final Pattern URL = Pattern.compile("\\bhttps?://[^\\s<>\"]+[^\\s<>\".,;:!?)\\]}']");

    private TextToHtml() {
    }

    public static String render(String text, String charsetName) {
        StringBuilder html = new StringBuilder(text.length() + text.length() / 8 + 200);
        html.append("<!DOCTYPE html>\n<html><head><meta charset=\"").append(escape(charsetName))
            .append("\"></head>\n<body><div style=\"white-space: pre-wrap; font-family: monospace\">");
        String normalized = text.replace("\r\n", "\n").replace('\r', '\n');
        Matcher m = URL.matcher(normalized);
        int last = 0;
        while (m.find()) {
            html.append(escape(normalized.substring(last, m.start())));
            String url = escape(m.group());
            html.append("<a href=\"").append(url).append("\">").append(url).append("</a>");
            last = m.end();
        }
        html.append(escape(normalized.substring(last)));
        return html.append("</div></body></html>\n").toString();
    }

    static String escape(String text) {
        return HtmlEscape.escape(text);
    }
}
