package org.bordertransport.core.rtf;

import java.util.Objects;

/** The character format of a run of rendered text, and the HTML that opens and closes it. */
final class RtfFormat {
    static final int NORMAL = 0;
    static final int SUPER = 1;
    static final int SUB = 2;

    final boolean bold;
    final boolean italic;
    final boolean underline;
    final boolean strike;
    final int vertical;
    /** A CSS-safe font family, or null. */
    final String font;
    /** Half-points, 0 when unknown. */
    final int size;
    /** {@code #rrggbb}, or null. */
    final String color;
    final String background;

    RtfFormat(boolean bold, boolean italic, boolean underline, boolean strike, int vertical, String font, int size,
              String color, String background) {
        this.bold = bold;
        this.italic = italic;
        this.underline = underline;
        this.strike = strike;
        this.vertical = vertical;
        this.font = font;
        this.size = size;
        this.color = color;
        this.background = background;
    }

    /** The opening tags of this format relative to {@code base} (the font and size of the enclosing block). */
    String open(RtfFormat base) {
        StringBuilder style = new StringBuilder();
        if (font != null && !font.equals(base.font)) {
            style.append("font-family:'").append(font).append("';");
        }
        if (size > 0 && size != base.size) {
            style.append("font-size:").append(points(size)).append("pt;");
        }
        if (color != null) {
            style.append("color:").append(color).append(';');
        }
        if (background != null) {
            style.append("background-color:").append(background).append(';');
        }
        StringBuilder b = new StringBuilder();
        if (style.length() > 0) {
            b.append("<span style=\"").append(style, 0, style.length() - 1).append("\">");
        }
        b.append(bold ? "<b>" : "").append(italic ? "<i>" : "").append(underline ? "<u>" : "")
            .append(strike ? "<s>" : "").append(vertical == SUPER ? "<sup>" : vertical == SUB ? "<sub>" : "");
        return b.toString();
    }

    /** The closing tags matching {@link #open}. */
    String close(RtfFormat base) {
        StringBuilder b = new StringBuilder();
        b.append(vertical == SUPER ? "</sup>" : vertical == SUB ? "</sub>" : "").append(strike ? "</s>" : "")
            .append(underline ? "</u>" : "").append(italic ? "</i>" : "").append(bold ? "</b>" : "");
        boolean span = font != null && !font.equals(base.font) || size > 0 && size != base.size || color != null
            || background != null;
        return span ? b.append("</span>").toString() : b.toString();
    }

    /** The CSS of a block in this font and size, for {@code base} formats. */
    String blockStyle() {
        StringBuilder style = new StringBuilder();
        if (font != null) {
            style.append("font-family:'").append(font).append("'");
        }
        if (size > 0) {
            style.append(style.length() > 0 ? ";" : "").append("font-size:").append(points(size)).append("pt");
        }
        return style.toString();
    }

    private static String points(int halfPoints) {
        return halfPoints % 2 == 0 ? String.valueOf(halfPoints / 2) : halfPoints / 2 + ".5";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RtfFormat)) {
            return false;
        }
        RtfFormat f = (RtfFormat) o;
        return bold == f.bold && italic == f.italic && underline == f.underline && strike == f.strike
            && vertical == f.vertical && size == f.size && Objects.equals(font, f.font)
            && Objects.equals(color, f.color) && Objects.equals(background, f.background);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bold, italic, underline, strike, vertical, font, size, color, background);
    }
}
