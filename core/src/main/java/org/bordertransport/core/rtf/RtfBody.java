package org.bordertransport.core.rtf;

import java.util.List;
import java.util.Objects;

/**
 * What {@link RtfDeencapsulator} found in an RTF body: the original HTML ({@code \fromhtml1}), the original plain
 * text ({@code \fromtext}), or neither (the caller keeps the RTF, as {@code text/rtf}).
 */
public final class RtfBody {
    /** The kind of body encapsulated in the RTF. */
    public enum Kind {
        /** The RTF carried HTML; {@link #text()} is that HTML. */
        HTML,
        /** The RTF carried plain text; {@link #text()} is that text, lines ending in CRLF. */
        TEXT,
        /** The RTF is genuine RTF, with nothing encapsulated; {@link #text()} is empty. */
        RTF_ONLY
    }

    private final Kind kind;
    private final String text;
    private final int codePage;
    private final List<String> warnings;

    private RtfBody(Kind kind, String text, int codePage, List<String> warnings) {
        this.kind = Objects.requireNonNull(kind);
        this.text = Objects.requireNonNull(text);
        this.codePage = codePage;
        this.warnings = List.copyOf(warnings);
    }

    static RtfBody of(Kind kind, String text, int codePage, List<String> warnings) {
        return new RtfBody(kind, text, codePage, warnings);
    }

    public Kind kind() {
        return kind;
    }

    /** The de-encapsulated HTML or text, decoded to Unicode; empty for {@link Kind#RTF_ONLY}. */
    public String text() {
        return text;
    }

    /**
     * The document code page of the RTF ({@code \ansicpgN}, else implied by {@code \ansi}, {@code \mac},
     * {@code \pc}, {@code \pca}, else 1252). The text is already decoded; this is for the caller that re-encodes the
     * HTML and must then correct its {@code <meta charset>}.
     */
    public int codePage() {
        return codePage;
    }

    /** What {@link RtfMode#LENIENT} let pass (unbalanced braces, bad escapes, unknown code pages); empty when none. */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public String toString() {
        return "RtfBody[" + kind + ", " + text.length() + " chars, code page " + codePage + ", " + warnings.size()
            + " warnings]";
    }
}
