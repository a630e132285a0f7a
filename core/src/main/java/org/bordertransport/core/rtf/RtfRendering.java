package org.bordertransport.core.rtf;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/** What {@link RtfRenderer} made of an RTF document: HTML, plain text, the pictures the HTML references. */
public final class RtfRendering {
    private final String html;
    private final String text;
    private final List<RtfPicture> pictures;
    private final List<String> warnings;

    RtfRendering(String html, String text, List<RtfPicture> pictures, List<String> warnings) {
        this.html = Objects.requireNonNull(html);
        this.text = Objects.requireNonNull(text);
        this.pictures = List.copyOf(pictures);
        this.warnings = List.copyOf(warnings);
    }

    /** A whole HTML document, UTF-8 declared in its {@code <meta>}. */
    public String html() {
        return html;
    }

    /** The plain text, lines ending in CRLF. */
    public String text() {
        return text;
    }

    /** The pictures, in document order; the HTML references each as {@code cid:}. */
    public List<RtfPicture> pictures() {
        return pictures;
    }

    /** The octets of one picture, without a copy. */
    public static InputStream open(RtfPicture picture) {
        return new ByteArrayInputStream(picture.dataUnsafe());
    }

    /** What was left out or let pass (pictures of other formats, limits, unbalanced braces); empty when none. */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public String toString() {
        return "RtfRendering[" + html.length() + " chars of HTML, " + text.length() + " chars of text, "
            + pictures.size() + " pictures, " + warnings.size() + " warnings]";
    }
}
