package org.bordertransport.core.rtf;

/**
 * The limits {@link CompressedRtf} and {@link RtfDeencapsulator} enforce; beyond any of them the input is refused
 * with an {@link RtfException}.
 *
 * <p>Defaults: {@value #DEFAULT_MAX_RTF_BYTES} octets of RTF (the RAWSIZE a compressed header may declare, and the
 * size of RTF given to the de-encapsulator), {@value #DEFAULT_MAX_DEPTH} levels of nested groups,
 * {@value #DEFAULT_MAX_OUTPUT_CHARS} chars of de-encapsulated HTML or text.</p>
 */
public final class RtfLimits {
    public static final int DEFAULT_MAX_RTF_BYTES = 64 * 1024 * 1024;
    public static final int DEFAULT_MAX_DEPTH = 512;
    public static final int DEFAULT_MAX_OUTPUT_CHARS = 32 * 1024 * 1024;

    private static final RtfLimits DEFAULTS = new RtfLimits(DEFAULT_MAX_RTF_BYTES, DEFAULT_MAX_DEPTH,
        DEFAULT_MAX_OUTPUT_CHARS);

    private final int maxRtfBytes;
    private final int maxDepth;
    private final int maxOutputChars;

    private RtfLimits(int maxRtfBytes, int maxDepth, int maxOutputChars) {
        this.maxRtfBytes = positive("maxRtfBytes", maxRtfBytes);
        this.maxDepth = positive("maxDepth", maxDepth);
        this.maxOutputChars = positive("maxOutputChars", maxOutputChars);
    }

    private static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }

    public static RtfLimits defaults() {
        return DEFAULTS;
    }

    /** @throws IllegalArgumentException naming the first limit that is not positive */
    public static RtfLimits of(int maxRtfBytes, int maxDepth, int maxOutputChars) {
        return new RtfLimits(maxRtfBytes, maxDepth, maxOutputChars);
    }

    /** Octets of (decompressed) RTF. */
    public int maxRtfBytes() {
        return maxRtfBytes;
    }

    /** Levels of nested RTF groups, the outermost {@code {\rtf1 ...}} group being level 1. */
    public int maxDepth() {
        return maxDepth;
    }

    /** Chars of de-encapsulated HTML or plain text. */
    public int maxOutputChars() {
        return maxOutputChars;
    }

    @Override
    public String toString() {
        return "RtfLimits[maxRtfBytes=" + maxRtfBytes + ", maxDepth=" + maxDepth + ", maxOutputChars="
            + maxOutputChars + "]";
    }
}
