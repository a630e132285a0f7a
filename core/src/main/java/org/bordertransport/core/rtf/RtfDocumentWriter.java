package org.bordertransport.core.rtf;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes the rendered document twice as it is read, once as HTML and once as plain text: paragraphs, lists, tables,
 * formatted runs, links and pictures. Paragraph properties are taken when a paragraph's first content arrives.
 *
 * <p>HTML: a {@code <div>} per paragraph (an empty one holds a {@code <br>}), inside one {@code <div>} in the font
 * and size of the first text; list items as {@code <li>} of {@code <ul>} (bullets), {@code <ol>} (decimal markers,
 * numbered as written) or an unmarked {@code <ul>} showing other markers, nested by level; tables as
 * {@code <table border="1">}; runs as {@code <span style>} and {@code <b> <i> <u> <s> <sup> <sub>}; links as
 * {@code <a href>}; pictures as {@code <img src="cid:...">}. Text: a line per paragraph, list items indented two
 * spaces per level after their marker, a line per table row with its cells separated by tabs, links as
 * {@code text <url>}, pictures as {@code [image: name]}.</p>
 */
final class RtfDocumentWriter {
    private static final String TAB_HTML = "&nbsp;&nbsp;&nbsp;&nbsp;";

    private final int maxChars;
    private final int maxCells;
    private final Consumer<String> warn;
    private final StringBuilder html = new StringBuilder();
    private final StringBuilder text = new StringBuilder();
    private final List<RtfParagraph> lists = new ArrayList<>();
    private final List<Boolean> itemOpen = new ArrayList<>();
    private RtfFormat base;
    private boolean paragraph;
    private RtfParagraph current;
    private boolean table;
    private boolean row;
    private boolean cell;
    private int cellsInRow;
    private boolean cellHasParagraph;
    private int cells;
    private boolean listsInCell;
    private RtfFormat format;
    private String href;
    private final StringBuilder linkText = new StringBuilder();
    private boolean spaceBefore = true;

    RtfDocumentWriter(int maxChars, int maxCells, Consumer<String> warn) {
        this.maxChars = maxChars;
        this.maxCells = maxCells;
        this.warn = warn;
        html.append("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head>"
            + "<body>\r\n");
    }

    boolean paragraphOpen() {
        return paragraph;
    }

    /** Whether {@code \cell} and {@code \row} still make table cells (below {@link RtfLimits#maxTableCells()}). */
    boolean tables() {
        return cells < maxCells;
    }

    private void ensureBase(RtfFormat first) throws RtfException {
        if (base == null) {
            base = first;
            String style = first.blockStyle();
            html(style.isEmpty() ? "<div>" : "<div style=\"" + style + "\">");
        }
    }

    void openParagraph(RtfParagraph p, RtfFormat first) throws RtfException {
        ensureBase(first);
        boolean inTable = p.inTable && (cell || tables());
        if (inTable) {
            if (!listsInCell) {
                closeLists();
            }
            openCell();
            if (cellHasParagraph) {
                text(" ");
            }
            cellHasParagraph = true;
        } else {
            closeTable();
        }
        paragraph = true;
        current = p;
        if (p.listItem) {
            openListItem(p, inTable);
        } else {
            closeLists();
            StringBuilder style = new StringBuilder();
            if (p.align != RtfParagraph.LEFT) {
                style.append("text-align:").append(p.align == RtfParagraph.CENTER ? "center"
                    : p.align == RtfParagraph.RIGHT ? "right" : "justify");
            }
            if (p.leftIndent > 0 && !inTable) {
                style.append(style.length() > 0 ? ";" : "").append("margin-left:")
                    .append(Math.min(p.leftIndent, 20_000) / 20).append("pt");
            }
            html(style.length() == 0 ? "<div>" : "<div style=\"" + style + "\">");
        }
        spaceBefore = true;
    }

    private void openListItem(RtfParagraph p, boolean inTable) throws RtfException {
        int depth = p.listLevel + 1;
        while (lists.size() > depth) {
            closeList();
        }
        if (lists.size() == depth && !lists.get(depth - 1).listTag().equals(p.listTag())) {
            closeList();
        }
        if (lists.size() == depth && itemOpen.get(depth - 1)) {
            html("</li>");
            itemOpen.set(depth - 1, false);
        }
        while (lists.size() < depth) {
            if (!lists.isEmpty() && !itemOpen.get(lists.size() - 1)) {
                html("<li style=\"list-style-type:none\">");
                itemOpen.set(lists.size() - 1, true);
            }
            html("\r\n<" + p.listTag() + ">");
            lists.add(p);
            itemOpen.add(false);
        }
        listsInCell = inTable;
        int number = p.number();
        html(number > 0 ? "<li value=\"" + number + "\">" : "<li>");
        itemOpen.set(depth - 1, true);
        if (!p.bullet() && number == 0) {
            html(RtfHtml.escape(p.marker) + "&nbsp;");
        }
        text("  ".repeat(p.listLevel) + (p.marker.isEmpty() ? "\u2022" : p.marker) + " ");
    }

    private void closeList() throws RtfException {
        RtfParagraph list = lists.remove(lists.size() - 1);
        String tag = list.listTag();
        int space = tag.indexOf(' ');
        html((itemOpen.remove(lists.size()) ? "</li></" : "</") + (space < 0 ? tag : tag.substring(0, space)) + ">");
    }

    private void closeLists() throws RtfException {
        while (!lists.isEmpty()) {
            closeList();
        }
        listsInCell = false;
    }

    private void openCell() throws RtfException {
        if (!table) {
            html("\r\n<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\" style=\"border-collapse:collapse\">");
            table = true;
        }
        if (!row) {
            html("\r\n<tr>");
            row = true;
            cellsInRow = 0;
        }
        if (!cell) {
            html("<td>");
            if (cellsInRow++ > 0) {
                text("\t");
            }
            cell = true;
            cellHasParagraph = false;
            cells++;
        }
    }

    /** Text, tabs included, in a format and (when not null) a link; the paragraph is open. */
    void text(String value, RtfFormat f, String link) throws RtfException {
        if (value.isEmpty()) {
            return;
        }
        value = RtfHtml.clean(value);
        switchTo(f, link);
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\t') {
                escaped.append(TAB_HTML);
                spaceBefore = true;
            } else if (c == ' ') {
                escaped.append(spaceBefore ? "&nbsp;" : " ");
                spaceBefore = !spaceBefore;
            } else {
                RtfHtml.escape(c, escaped);
                spaceBefore = false;
            }
        }
        html(escaped);
        text(value);
        if (href != null && linkText.length() < 4096) {
            linkText.append(value);
        }
    }

    void lineBreak() throws RtfException {
        closeLink();
        html("<br>");
        text(table && cell ? " " : "\r\n");
        spaceBefore = true;
    }

    void picture(RtfPicture picture, int width, int height, RtfFormat f, String link) throws RtfException {
        switchTo(f, link);
        html("<img src=\"cid:" + RtfHtml.escape(picture.contentId()) + "\" alt=\"" + picture.fileName() + "\""
            + (width > 0 && height > 0 ? " width=\"" + width + "\" height=\"" + height + "\"" : "") + ">");
        text("[image: " + picture.fileName() + "]");
        spaceBefore = false;
    }

    private void switchTo(RtfFormat f, String link) throws RtfException {
        if (format != null && format.equals(f) && Objects.equals(href, link)) {
            return;
        }
        closeFormat();
        if (!Objects.equals(href, link)) {
            closeLink();
            if (link != null) {
                html("<a href=\"" + RtfHtml.escape(link) + "\">");
                href = link;
            }
        }
        html(f.open(base));
        format = f;
    }

    private void closeFormat() throws RtfException {
        if (format != null) {
            html(format.close(base));
            format = null;
        }
    }

    private void closeLink() throws RtfException {
        closeFormat();
        if (href == null) {
            return;
        }
        html("</a>");
        String shown = linkText.toString().trim();
        String target = href.regionMatches(true, 0, "mailto:", 0, 7) ? href.substring(7) : href;
        if (!shown.equalsIgnoreCase(href) && !shown.equalsIgnoreCase(target)) {
            text(" <" + href + ">");
        }
        href = null;
        linkText.setLength(0);
    }

    /** {@code \par}: ends the paragraph (an empty one when nothing opened it). */
    void endParagraph(RtfParagraph p, RtfFormat f) throws RtfException {
        if (!paragraph) {
            openParagraph(p, f);
            if (!current.listItem) {
                html("<br>");
            }
        }
        closeParagraph();
    }

    private void closeParagraph() throws RtfException {
        closeLink();
        paragraph = false;
        if (!current.listItem) {
            html("</div>\r\n");
        }
        if (!(table && cell)) {
            text("\r\n");
        }
    }

    /** {@code \cell}: ends the paragraph and the cell (opening them when empty). */
    void endCell(RtfParagraph p, RtfFormat f) throws RtfException {
        ensureBase(f);
        if (!cell && !tables()) {
            if (!paragraph) {
                openParagraph(p, f);
            }
            text("\t", f, null);
            if (cells++ == maxCells) {
                warn.accept("Table cells over maxTableCells " + maxCells + " written as text");
            }
            return;
        }
        if (paragraph) {
            closeParagraph();
        }
        if (listsInCell) {
            closeLists();
        }
        openCell();
        html("</td>");
        cell = false;
    }

    /** {@code \row}: ends the row. */
    void endRow(RtfParagraph p, RtfFormat f) throws RtfException {
        if (!table) {
            if (paragraph) {
                closeParagraph();
            }
            return;
        }
        if (paragraph) {
            endCell(p, f);
        }
        if (cell) {
            html("</td>");
            cell = false;
        }
        if (row) {
            html("</tr>");
            text("\r\n");
            row = false;
        }
    }

    private void closeTable() throws RtfException {
        if (!table) {
            return;
        }
        if (cell || row) {
            if (cell) {
                html("</td>");
                cell = false;
            }
            html("</tr>");
            text("\r\n");
            row = false;
        }
        closeLists();
        html("</table>\r\n");
        table = false;
    }

    /** Closes what is open and returns the HTML and the text. */
    String[] finish() throws RtfException {
        if (paragraph) {
            closeParagraph();
        }
        closeLists();
        closeTable();
        if (base != null) {
            html("</div>\r\n");
        }
        html("</body></html>\r\n");
        int end = text.length();
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        text.setLength(end);
        if (end > 0) {
            text.append("\r\n");
        }
        return new String[] {html.toString(), text.toString()};
    }

    private void html(CharSequence s) throws RtfException {
        if (html.length() + s.length() > maxChars) {
            throw new RtfException("Rendered HTML exceeds maxOutputChars " + maxChars);
        }
        html.append(s);
    }

    private void text(String s) throws RtfException {
        if (text.length() + s.length() > maxChars) {
            throw new RtfException("Rendered text exceeds maxOutputChars " + maxChars);
        }
        text.append(s);
    }
}
