package org.bordertransport.core.rtf;

/** The paragraph properties of a paragraph when its first content is rendered. */
final class RtfParagraph {
    static final int LEFT = 0;
    static final int CENTER = 1;
    static final int RIGHT = 2;
    static final int JUSTIFY = 3;

    final boolean inTable;
    final int align;
    /** Left indent in twips (non-list paragraphs). */
    final int leftIndent;
    final boolean listItem;
    /** 0 to 8. */
    final int listLevel;
    /** The list marker as written ({@code \listtext}, {@code \pntext}), trimmed; empty when none. */
    final String marker;

    RtfParagraph(boolean inTable, int align, int leftIndent, boolean listItem, int listLevel, String marker) {
        this.inTable = inTable;
        this.align = align;
        this.leftIndent = leftIndent;
        this.listItem = listItem;
        this.listLevel = Math.max(0, Math.min(8, listLevel));
        this.marker = marker;
    }

    /** {@code ul} for bullets (no marker, or one non-alphanumeric char, or {@code o}), {@code ol} for "N." / "N)". */
    String listTag() {
        return number() > 0 ? "ol" : bullet() ? "ul" : "ul style=\"list-style-type:none\"";
    }

    boolean bullet() {
        return marker.isEmpty() || marker.length() == 1 && !Character.isLetterOrDigit(marker.charAt(0))
            || marker.equals("o");
    }

    /** The number of a decimal marker ("3.", "3)"), else 0. */
    int number() {
        int end = marker.length() - 1;
        if (end < 1 || end > 6 || marker.charAt(end) != '.' && marker.charAt(end) != ')') {
            return 0;
        }
        int n = 0;
        for (int i = 0; i < end; i++) {
            char c = marker.charAt(i);
            if (c < '0' || c > '9') {
                return 0;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
