package org.bordertransport.core.convert;

import java.util.Locale;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Renders HTML as readable plain text, for remote domains that get {@code ContentType=MimeText}: paragraphs and
 * block elements on their own lines, {@code <br>} as line breaks, links kept as {@code text <url>}, list items as
 * {@code - item} or {@code 1. item}, images as their alt text, table cells separated by tabs, {@code <pre>} kept as
 * it is, scripts, styles and the head dropped. Parsing is jsoup's HTML5 parser, so broken HTML renders too.
 *
 * <p>The whole HTML is parsed in memory: input above {@link #maxChars} characters is refused with a
 * {@link ConversionException} (the part is then sent unconverted).</p>
 */
public final class HtmlToText {
    /** Default limit: 16 Mi characters of HTML (a DOM is several times larger than its source). */
    public static final int DEFAULT_MAX_CHARS = 16 * 1024 * 1024;
    private static final int MAX_DEPTH = 512;
    private static final Set<String> BLOCKS = Set.of("p", "div", "section", "article", "header", "footer", "main",
        "nav", "aside", "blockquote", "address", "center", "form", "fieldset", "figure", "figcaption", "dl", "dt", "dd",
        "ul", "ol", "table", "thead", "tbody", "tfoot", "caption", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "title");
    private static final Set<String> SKIPPED = Set.of("script", "style", "head", "template", "noscript", "object",
        "iframe", "svg", "math");

    private final int maxChars;

    private HtmlToText(int maxChars) {
        this.maxChars = maxChars;
    }

    public static HtmlToText withDefaults() {
        return new HtmlToText(DEFAULT_MAX_CHARS);
    }

    public static HtmlToText withMaxChars(int maxChars) {
        if (maxChars <= 0) {
            throw new IllegalArgumentException("maxChars must be positive, got " + maxChars);
        }
        return new HtmlToText(maxChars);
    }

    /** @return the text with {@code \n} line ends, no trailing white space on lines, ending in one {@code \n} */
    public String render(String html) throws ConversionException {
        if (html.length() > maxChars) {
            throw new ConversionException("HTML of " + html.length() + " characters exceeds the limit of " + maxChars);
        }
        Document document = Jsoup.parse(html);
        Writer writer = new Writer();
        walk(document.body() == null ? document : document.body(), writer, 0);
        return writer.finish();
    }

    private void walk(Node node, Writer out, int depth) throws ConversionException {
        if (depth > MAX_DEPTH) {
            throw new ConversionException("HTML nested deeper than " + MAX_DEPTH + " elements");
        }
        if (node instanceof TextNode) {
            out.text(((TextNode) node).getWholeText());
            return;
        }
        if (!(node instanceof Element)) {
            for (Node child : node.childNodes()) {
                walk(child, out, depth + 1);
            }
            return;
        }
        Element element = (Element) node;
        String tag = element.normalName();
        if (SKIPPED.contains(tag)) {
            return;
        }
        switch (tag) {
            case "br":
                out.forcedBreak();
                return;
            case "img":
                String alt = element.attr("alt").trim();
                if (!alt.isEmpty()) {
                    out.text("[" + alt + "]");
                }
                return;
            case "pre":
                out.block();
                out.preformatted(element.wholeText());
                out.block();
                return;
            case "li":
                out.lineBreak();
                Element parent = element.parent();
                if (parent != null && parent.normalName().equals("ol")) {
                    out.text((element.elementSiblingIndex() + 1) + ". ");
                } else {
                    out.text("- ");
                }
                children(element, out, depth);
                out.lineBreak();
                return;
            case "tr":
                out.lineBreak();
                children(element, out, depth);
                out.lineBreak();
                return;
            case "td":
            case "th":
                if (element.elementSiblingIndex() > 0) {
                    out.raw('\t');
                }
                children(element, out, depth);
                return;
            case "a":
                int before = out.length();
                children(element, out, depth);
                String href = element.attr("href").trim();
                String shown = out.since(before).trim();
                if (!href.isEmpty() && !href.toLowerCase(Locale.ROOT).startsWith("javascript:")
                    && !href.startsWith("#") && !shown.equals(href) && !shown.equals(stripMailto(href))) {
                    out.text(" <" + href + ">");
                }
                return;
            default:
                boolean block = BLOCKS.contains(tag);
                if (block) {
                    out.block();
                }
                if (tag.equals("hr")) {
                    out.text("----");
                }
                children(element, out, depth);
                if (block) {
                    out.block();
                }
        }
    }

    private void children(Element element, Writer out, int depth) throws ConversionException {
        for (Node child : element.childNodes()) {
            walk(child, out, depth + 1);
        }
    }

    private static String stripMailto(String href) {
        return href.regionMatches(true, 0, "mailto:", 0, 7) ? href.substring(7) : href;
    }

    /** Collapses white space as a browser does and tracks pending line breaks. */
    private static final class Writer {
        private final StringBuilder out = new StringBuilder();
        private int pendingBreaks;
        private boolean pendingSpace;

        int length() {
            return out.length();
        }

        String since(int start) {
            return out.substring(Math.min(start, out.length()));
        }

        void text(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                    pendingSpace = true;
                } else {
                    raw(c == '\u00a0' ? ' ' : c);
                }
            }
        }

        void raw(char c) {
            flushBreaks();
            if (pendingSpace && out.length() > 0 && out.charAt(out.length() - 1) != '\n' && c != '\t') {
                out.append(' ');
            }
            pendingSpace = false;
            out.append(c);
        }

        void preformatted(String text) {
            flushBreaks();
            pendingSpace = false;
            out.append(text.replace("\r\n", "\n").replace('\r', '\n'));
        }

        /** Ends the current line, if any. */
        void lineBreak() {
            if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
            pendingSpace = false;
        }

        /** A {@code <br>}: always a line break, so two make a blank line. */
        void forcedBreak() {
            flushBreaks();
            out.append('\n');
            pendingSpace = false;
        }

        /** A block boundary: a blank line, but never more than one. */
        void block() {
            pendingBreaks = 2;
            pendingSpace = false;
        }

        private void flushBreaks() {
            if (pendingBreaks > 0 && out.length() > 0) {
                int existing = 0;
                for (int i = out.length() - 1; i >= 0 && out.charAt(i) == '\n' && existing < 2; i--) {
                    existing++;
                }
                for (int i = existing; i < pendingBreaks; i++) {
                    out.append('\n');
                }
            }
            pendingBreaks = 0;
        }

        String finish() {
            String[] lines = out.toString().split("\n", -1);
            StringBuilder result = new StringBuilder(out.length() + 1);
            int blank = 0;
            for (String line : lines) {
                String trimmed = stripTrailing(line);
                if (trimmed.isEmpty()) {
                    blank++;
                    continue;
                }
                if (result.length() > 0) {
                    result.append(blank > 0 ? "\n\n" : "\n");
                }
                blank = 0;
                result.append(trimmed);
            }
            return result.append('\n').toString();
        }

        private static String stripTrailing(String line) {
            int end = line.length();
            while (end > 0 && Character.isWhitespace(line.charAt(end - 1))) {
                end--;
            }
            return line.substring(0, end);
        }
    }
}
