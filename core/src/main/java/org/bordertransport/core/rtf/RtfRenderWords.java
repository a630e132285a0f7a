package org.bordertransport.core.rtf;

/** The control words of character and paragraph formatting, and those that stand for one character. */
final class RtfRenderWords {
    private static final int MAX_SIZE = 400;

    private RtfRenderWords() {
    }

    /** Applies a formatting word to the group state; returns whether {@code word} is one. */
    static boolean format(RtfRenderPass.State s, String word, boolean hasParameter, int parameter) {
        boolean on = !hasParameter || parameter != 0;
        switch (word) {
            case "b":
                s.bold = on;
                return true;
            case "i":
                s.italic = on;
                return true;
            case "strike":
            case "striked":
                s.strike = on;
                return true;
            case "v":
                s.hidden = on;
                return true;
            case "ulnone":
                s.underline = false;
                return true;
            case "ulc":
                return true;
            case "super":
                s.vertical = RtfFormat.SUPER;
                return true;
            case "sub":
                s.vertical = RtfFormat.SUB;
                return true;
            case "nosupersub":
                s.vertical = RtfFormat.NORMAL;
                return true;
            case "fs":
                s.size = hasParameter && parameter > 0 ? Math.min(parameter, MAX_SIZE) : 24;
                return true;
            case "f":
                s.font = parameter;
                return true;
            case "cf":
                s.color = parameter;
                return true;
            case "cb":
            case "highlight":
            case "chcbpat":
                s.background = parameter;
                return true;
            case "plain":
                s.plain();
                return true;
            case "pard":
                s.pard();
                return true;
            case "intbl":
                s.inTable = true;
                return true;
            case "itap":
                s.inTable = parameter > 0;
                return true;
            case "ql":
                s.align = RtfParagraph.LEFT;
                return true;
            case "qc":
                s.align = RtfParagraph.CENTER;
                return true;
            case "qr":
                s.align = RtfParagraph.RIGHT;
                return true;
            case "qj":
                s.align = RtfParagraph.JUSTIFY;
                return true;
            case "li":
                s.leftIndent = Math.max(0, parameter);
                return true;
            case "ls":
                s.listOverride = Math.max(0, parameter);
                return true;
            case "ilvl":
                s.listLevel = parameter;
                return true;
            default:
                if (word.startsWith("ul")) {
                    s.underline = on;
                    return true;
                }
                return false;
        }
    }

    /** The character a control word stands for, or null. */
    static String character(String word) {
        switch (word) {
            case "lquote":
                return "\u2018";
            case "rquote":
                return "\u2019";
            case "ldblquote":
                return "\u201C";
            case "rdblquote":
                return "\u201D";
            case "bullet":
                return "\u2022";
            case "endash":
                return "\u2013";
            case "emdash":
                return "\u2014";
            case "enspace":
                return "\u2002";
            case "emspace":
                return "\u2003";
            case "qmspace":
                return "\u2005";
            default:
                return null;
        }
    }
}
