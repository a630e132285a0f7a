package org.bordertransport.core.rtf;

import java.util.ArrayList;
import java.util.Objects;

/**
 * Recovers the HTML or plain text that Outlook and Exchange encapsulate in an RTF body, as specified by
 * [MS-OXRTFEX].
 *
 * <p>An RTF whose header (the top-level control words before the first text or {@code \pard}, {@code \plain},
 * {@code \par}) holds {@code \fromhtml1} yields {@link RtfBody.Kind#HTML}: the content of {@code {\*\htmltagN ...}}
 * groups and the text outside them that {@code \htmlrtf} does not suppress. The {@code \htmlrtf} state follows the
 * groups (set inside a group, it is restored at the group's end); it is ignored inside an {@code htmltag} group, and an
 * {@code htmltag} group met while suppressed is suppressed too. {@code \*\mhtmltag} groups (the URL-rewritten copies)
 * and every other ignorable or known destination ({@code fonttbl}, {@code colortbl}, {@code stylesheet},
 * {@code info}, {@code pict}, ...) are skipped. A header with {@code \fromtext} yields {@link RtfBody.Kind#TEXT}: the
 * text outside such destinations. Anything else is {@link RtfBody.Kind#RTF_ONLY}.</p>
 *
 * <p>Unescaping: {@code \par} and {@code \line} give CRLF, {@code \tab} a TAB, {@code \{ \} \\} the brace or
 * backslash, {@code \lquote \rquote \ldblquote \rdblquote \bullet \endash \emdash \~ \_ \-} their characters,
 * <code>&#92;uN</code> the UTF-16 unit N (negative N plus 65536), skipping the next <code>&#92;ucN</code> (default 1)
 * characters.
 * Octets ({@code \'hh} and raw text) are decoded in runs, so that two {@code \'hh} form one DBCS character: inside
 * {@code htmltag} groups with the document code page ({@code \ansicpgN}, default 1252), elsewhere with the code page
 * of the current font ({@code \cpgN} or {@code \fcharsetN} of the font table, falling back to the document code
 * page).</p>
 *
 * <p>Nesting is limited by {@link RtfLimits#maxDepth()} and output by {@link RtfLimits#maxOutputChars()}. Missing
 * closing braces, malformed {@code \'} escapes and a truncated {@code \bin} fail in {@link RtfMode#STRICT} and are
 * warnings in {@link RtfMode#LENIENT}, which returns what it could read. Instances are immutable and thread-safe.</p>
 */
public final class RtfDeencapsulator {
    private static final RtfDeencapsulator DEFAULT = new RtfDeencapsulator(RtfMode.LENIENT, RtfLimits.defaults());

    private final RtfMode mode;
    private final RtfLimits limits;

    private RtfDeencapsulator(RtfMode mode, RtfLimits limits) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** {@link RtfMode#LENIENT} with the default limits. */
    public static RtfDeencapsulator create() {
        return DEFAULT;
    }

    public static RtfDeencapsulator create(RtfMode mode, RtfLimits limits) {
        return new RtfDeencapsulator(mode, limits);
    }

    /**
     * De-encapsulates RTF octets.
     *
     * @throws RtfException when the input does not start with {@code {\rtf}, exceeds a limit, or (strict mode) is
     *                      malformed
     */
    public RtfBody deencapsulate(byte[] rtf) throws RtfException {
        if (rtf.length > limits.maxRtfBytes()) {
            throw new RtfException("RTF of " + rtf.length + " octets exceeds maxRtfBytes " + limits.maxRtfBytes());
        }
        RtfHeader header = RtfHeader.read(rtf, limits);
        if (header.kind() == RtfBody.Kind.RTF_ONLY) {
            return RtfBody.of(RtfBody.Kind.RTF_ONLY, "", header.codePage(), new ArrayList<>());
        }
        return new RtfTextExtractor(rtf, header.kind(), header.codePage(), mode, limits).extract();
    }

    /**
     * Decompresses a {@code PR_RTF_COMPRESSED} value ({@link CompressedRtf}) in this instance's mode and limits,
     * then de-encapsulates it; the warnings of both steps are kept.
     */
    public RtfBody deencapsulateCompressed(byte[] value) throws RtfException {
        DecompressedRtf rtf = CompressedRtf.decompress(value, mode, limits);
        RtfBody body = deencapsulate(rtf.rtfUnsafe());
        if (rtf.warnings().isEmpty()) {
            return body;
        }
        ArrayList<String> warnings = new ArrayList<>(rtf.warnings());
        warnings.addAll(body.warnings());
        return RtfBody.of(body.kind(), body.text(), body.codePage(), warnings);
    }

    @Override
    public String toString() {
        return "RtfDeencapsulator[" + mode + ", " + limits + "]";
    }
}
