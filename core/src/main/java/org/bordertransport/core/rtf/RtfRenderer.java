package org.bordertransport.core.rtf;

import java.util.Objects;
import java.util.UUID;

/**
 * Renders a genuine RTF document (one that encapsulates neither HTML nor text, {@link RtfBody.Kind#RTF_ONLY}) as
 * HTML and plain text, with its PNG and JPEG pictures for a {@code multipart/related}.
 *
 * <p>Rendered: paragraphs ({@code \par}, {@code \line}, alignment, left indent); bold, italic, underline,
 * strike-through, superscript and subscript; font face ({@code \fonttbl}), size ({@code \fs}), colour ({@code \cf})
 * and background ({@code \highlight}, {@code \cb}, {@code \chcbpat}) from the {@code \colortbl}; lists, from the
 * marker Word writes for other readers ({@code \listtext}, {@code \pntext}) and {@code \ls}/{@code \ilvl}
 * ({@link RtfDocumentWriter}); tables ({@code \intbl}, {@code \cell}, {@code \row}; nested tables flattened into
 * their cell); {@code HYPERLINK} fields as links when they point to {@code http}, {@code https} or {@code mailto}
 * (other fields as their result); pictures ({@link RtfPictures}); Unicode (<code>&#92;uN</code> skipping
 * <code>&#92;ucN</code> characters); code pages ({@code \ansicpgN}, the {@code \fcharsetN} or {@code \cpgN} of the
 * current font, DBCS pairs of {@code \'hh}); symbol-font bullets. Left out: hidden text ({@code \v}), the font,
 * colour, style and list tables, {@code \info}, headers and footers, footnotes, annotations, field instructions,
 * OLE object data (their {@code \result} is rendered), every {@code \*} destination not listed here.</p>
 *
 * <p>Nesting is limited by {@link RtfLimits#maxDepth()} and each of the HTML and the text by
 * {@link RtfLimits#maxOutputChars()} (both fail with an {@link RtfException}); pictures and table cells have limits
 * of their own ({@link RtfLimits}) beyond which the renderer degrades, with a warning. Missing closing braces,
 * malformed escapes and truncated {@code \bin} data fail in {@link RtfMode#STRICT} and are warnings in
 * {@link RtfMode#LENIENT}. Instances are immutable and thread-safe.</p>
 */
public final class RtfRenderer {
    private static final RtfRenderer DEFAULT = new RtfRenderer(RtfMode.LENIENT, RtfLimits.defaults());

    private final RtfMode mode;
    private final RtfLimits limits;

    private RtfRenderer(RtfMode mode, RtfLimits limits) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** {@link RtfMode#LENIENT} with the default limits. */
    public static RtfRenderer create() {
        return DEFAULT;
    }

    public static RtfRenderer create(RtfMode mode, RtfLimits limits) {
        return new RtfRenderer(mode, limits);
    }

    /**
     * Renders RTF octets.
     *
     * @throws RtfException when the input does not start with {@code {\rtf}, exceeds a limit, or (strict mode) is
     *                      malformed
     */
    public RtfRendering render(byte[] rtf) throws RtfException {
        if (rtf.length > limits.maxRtfBytes()) {
            throw new RtfException("RTF of " + rtf.length + " octets exceeds maxRtfBytes " + limits.maxRtfBytes());
        }
        RtfHeader header = RtfHeader.read(rtf, limits);
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 16) + "@rtf.invalid";
        return new RtfRenderPass(rtf, header.codePage(), mode, limits, suffix).render();
    }

    @Override
    public String toString() {
        return "RtfRenderer[" + mode + ", " + limits + "]";
    }
}
