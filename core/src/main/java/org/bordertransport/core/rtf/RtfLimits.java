package org.bordertransport.core.rtf;

/**
 * The limits {@link CompressedRtf}, {@link RtfDeencapsulator} and {@link RtfRenderer} enforce; beyond the first three
 * the input is refused with an {@link RtfException}, beyond the rendering ones ({@link #maxPictures()},
 * {@link #maxPictureBytes()}, {@link #maxTableCells()}) the renderer leaves the extra pictures out or writes the extra
 * cells as plain text, with a warning.
 *
 * <p>Defaults: {@value #DEFAULT_MAX_RTF_BYTES} octets of RTF (the RAWSIZE a compressed header may declare, and the
 * size of RTF given to the de-encapsulator), {@value #DEFAULT_MAX_DEPTH} levels of nested groups,
 * {@value #DEFAULT_MAX_OUTPUT_CHARS} chars of de-encapsulated HTML or text (and of rendered HTML, and of rendered
 * text), {@value #DEFAULT_MAX_PICTURES} pictures of at most {@value #DEFAULT_MAX_PICTURE_BYTES} octets in all,
 * {@value #DEFAULT_MAX_TABLE_CELLS} table cells.</p>
 */
public final class RtfLimits {
    public static final int DEFAULT_MAX_RTF_BYTES = 64 * 1024 * 1024;
    public static final int DEFAULT_MAX_DEPTH = 512;
    public static final int DEFAULT_MAX_OUTPUT_CHARS = 32 * 1024 * 1024;
    public static final int DEFAULT_MAX_PICTURES = 100;
    public static final int DEFAULT_MAX_PICTURE_BYTES = 32 * 1024 * 1024;
    public static final int DEFAULT_MAX_TABLE_CELLS = 20_000;

    private static final RtfLimits DEFAULTS = new RtfLimits(DEFAULT_MAX_RTF_BYTES, DEFAULT_MAX_DEPTH,
        DEFAULT_MAX_OUTPUT_CHARS, DEFAULT_MAX_PICTURES, DEFAULT_MAX_PICTURE_BYTES, DEFAULT_MAX_TABLE_CELLS);

    private final int maxRtfBytes;
    private final int maxDepth;
    private final int maxOutputChars;
    private final int maxPictures;
    private final int maxPictureBytes;
    private final int maxTableCells;

    private RtfLimits(int maxRtfBytes, int maxDepth, int maxOutputChars, int maxPictures, int maxPictureBytes,
                      int maxTableCells) {
        this.maxRtfBytes = positive("maxRtfBytes", maxRtfBytes);
        this.maxDepth = positive("maxDepth", maxDepth);
        this.maxOutputChars = positive("maxOutputChars", maxOutputChars);
        this.maxPictures = notNegative("maxPictures", maxPictures);
        this.maxPictureBytes = notNegative("maxPictureBytes", maxPictureBytes);
        this.maxTableCells = notNegative("maxTableCells", maxTableCells);
    }

    private static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }

    private static int notNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
        return value;
    }

    public static RtfLimits defaults() {
        return DEFAULTS;
    }

    /**
     * The given limits, with the default rendering limits.
     *
     * @throws IllegalArgumentException naming the first limit that is not positive
     */
    public static RtfLimits of(int maxRtfBytes, int maxDepth, int maxOutputChars) {
        return new RtfLimits(maxRtfBytes, maxDepth, maxOutputChars, DEFAULT_MAX_PICTURES, DEFAULT_MAX_PICTURE_BYTES,
            DEFAULT_MAX_TABLE_CELLS);
    }

    /**
     * These limits with other rendering limits (0 allowed: no picture, no table).
     *
     * @throws IllegalArgumentException naming the first limit that is negative
     */
    public RtfLimits withRendering(int pictures, int pictureBytes, int tableCells) {
        return new RtfLimits(maxRtfBytes, maxDepth, maxOutputChars, pictures, pictureBytes, tableCells);
    }

    /** Octets of (decompressed) RTF. */
    public int maxRtfBytes() {
        return maxRtfBytes;
    }

    /** Levels of nested RTF groups, the outermost {@code {\rtf1 ...}} group being level 1. */
    public int maxDepth() {
        return maxDepth;
    }

    /** Chars of de-encapsulated HTML or plain text; chars of rendered HTML, and of rendered text. */
    public int maxOutputChars() {
        return maxOutputChars;
    }

    /** PNG and JPEG pictures the renderer keeps; further ones are left out. */
    public int maxPictures() {
        return maxPictures;
    }

    /** Octets of the pictures the renderer keeps, all together; a picture that does not fit is left out. */
    public int maxPictureBytes() {
        return maxPictureBytes;
    }

    /** Table cells the renderer writes as HTML table cells; further cells are written as text separated by tabs. */
    public int maxTableCells() {
        return maxTableCells;
    }

    @Override
    public String toString() {
        return "RtfLimits[maxRtfBytes=" + maxRtfBytes + ", maxDepth=" + maxDepth + ", maxOutputChars="
            + maxOutputChars + ", maxPictures=" + maxPictures + ", maxPictureBytes=" + maxPictureBytes
            + ", maxTableCells=" + maxTableCells + "]";
    }
}
