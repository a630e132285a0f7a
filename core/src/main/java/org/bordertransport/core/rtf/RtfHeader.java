package org.bordertransport.core.rtf;

import org.bordertransport.core.charset.CodePages;

/**
 * What the RTF header says: whether the document encapsulates HTML ({@code \fromhtml1}) or text ({@code \fromtext}),
 * and its code page. The header is the run of top-level control words (and groups such as the font table) before the
 * first top-level text or a control word that starts the body ({@code \pard}, {@code \plain}, {@code \par},
 * {@code \sectd}).
 */
final class RtfHeader {
    private final RtfBody.Kind kind;
    private final int codePage;

    private RtfHeader(RtfBody.Kind kind, int codePage) {
        this.kind = kind;
        this.codePage = codePage;
    }

    static RtfHeader read(byte[] rtf, RtfLimits limits) throws RtfException {
        RtfTokenizer tokens = new RtfTokenizer(rtf);
        if (tokens.next() != RtfTokenizer.Type.GROUP_START || tokens.next() != RtfTokenizer.Type.WORD
            || !tokens.word().equals("rtf")) {
            throw new RtfException("Not RTF: the input does not start with {\\rtf");
        }
        RtfBody.Kind kind = RtfBody.Kind.RTF_ONLY;
        int charsetCodePage = CodePages.DEFAULT;
        int ansiCodePage = -1;
        int depth = 1;
        scan:
        while (true) {
            switch (tokens.next()) {
                case EOF:
                    break scan;
                case GROUP_START:
                    if (++depth > limits.maxDepth()) {
                        throw new RtfException("RTF nests deeper than maxDepth " + limits.maxDepth());
                    }
                    break;
                case GROUP_END:
                    if (--depth == 0) {
                        break scan;
                    }
                    break;
                case WORD:
                    if (depth > 1) {
                        break;
                    }
                    String word = tokens.word();
                    if (word.equals("fromhtml") && (!tokens.hasParameter() || tokens.parameter() != 0)) {
                        kind = RtfBody.Kind.HTML;
                    } else if (word.equals("fromtext") && kind == RtfBody.Kind.RTF_ONLY) {
                        kind = RtfBody.Kind.TEXT;
                    } else if (word.equals("ansicpg") && tokens.parameter() > 0) {
                        ansiCodePage = tokens.parameter();
                    } else if (word.equals("mac") || word.equals("pc") || word.equals("pca")) {
                        charsetCodePage = characterSetCodePage(word);
                    } else if (word.equals("pard") || word.equals("plain") || word.equals("par")
                        || word.equals("sectd")) {
                        break scan;
                    }
                    break;
                default:
                    if (depth == 1) {
                        break scan;
                    }
                    break;
            }
        }
        return new RtfHeader(kind, ansiCodePage > 0 ? ansiCodePage : charsetCodePage);
    }

    /** The code page implied by {@code \ansi}, {@code \mac}, {@code \pc} or {@code \pca}. */
    static int characterSetCodePage(String word) {
        switch (word) {
            case "mac":
                return 10000;
            case "pc":
                return 437;
            case "pca":
                return 850;
            default:
                return CodePages.DEFAULT;
        }
    }

    RtfBody.Kind kind() {
        return kind;
    }

    int codePage() {
        return codePage;
    }
}
