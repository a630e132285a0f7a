package org.bordertransport.core.convert;

/**
 * The limits {@link MessageConverter} enforces on a message; beyond any of them the message is refused with a
 * {@link ConversionException} (and then delivered unconverted by the caller).
 *
 * <p>Defaults: {@value #DEFAULT_MAX_HEADER_COUNT} header fields per entity, {@value #DEFAULT_MAX_HEADER_OCTETS} octets
 * per header field, lines of {@value #DEFAULT_MAX_LINE_OCTETS} octets while parsing, {@value #DEFAULT_MAX_DEPTH}
 * levels of nesting, {@value #DEFAULT_MAX_PARTS} entities, 16 MiB of text held in memory per converted part, 64 KiB
 * of preamble or epilogue, 512 MiB per message, and at most 1 MiB of the message in memory (the rest goes to a
 * temporary file that is deleted when the conversion ends).</p>
 */
public final class ConversionLimits {
    public static final int DEFAULT_MAX_HEADER_COUNT = 1000;
    public static final int DEFAULT_MAX_HEADER_OCTETS = 65_536;
    public static final int DEFAULT_MAX_LINE_OCTETS = 1_000_000;
    public static final int DEFAULT_MAX_DEPTH = 32;
    public static final int DEFAULT_MAX_PARTS = 1000;
    public static final int DEFAULT_MAX_TEXT_OCTETS = 16 * 1024 * 1024;
    public static final int DEFAULT_MAX_PREAMBLE_OCTETS = 64 * 1024;
    public static final long DEFAULT_MAX_MESSAGE_OCTETS = 512L * 1024 * 1024;
    public static final int DEFAULT_MEMORY_THRESHOLD = 1024 * 1024;

    private static final ConversionLimits DEFAULTS = new ConversionLimits(DEFAULT_MAX_HEADER_COUNT,
        DEFAULT_MAX_HEADER_OCTETS, DEFAULT_MAX_LINE_OCTETS, DEFAULT_MAX_DEPTH, DEFAULT_MAX_PARTS, DEFAULT_MAX_TEXT_OCTETS,
        DEFAULT_MAX_PREAMBLE_OCTETS, DEFAULT_MAX_MESSAGE_OCTETS, DEFAULT_MEMORY_THRESHOLD);

    private final int maxHeaderCount;
    private final int maxHeaderOctets;
    private final int maxLineOctets;
    private final int maxDepth;
    private final int maxParts;
    private final int maxTextOctets;
    private final int maxPreambleOctets;
    private final long maxMessageOctets;
    private final int memoryThreshold;

    private ConversionLimits(int maxHeaderCount, int maxHeaderOctets, int maxLineOctets, int maxDepth, int maxParts,
                             int maxTextOctets, int maxPreambleOctets, long maxMessageOctets, int memoryThreshold) {
        this.maxHeaderCount = positive("maxHeaderCount", maxHeaderCount);
        this.maxHeaderOctets = positive("maxHeaderOctets", maxHeaderOctets);
        this.maxLineOctets = positive("maxLineOctets", maxLineOctets);
        this.maxDepth = positive("maxDepth", maxDepth);
        this.maxParts = positive("maxParts", maxParts);
        this.maxTextOctets = positive("maxTextOctets", maxTextOctets);
        this.maxPreambleOctets = positive("maxPreambleOctets", maxPreambleOctets);
        if (maxMessageOctets <= 0) {
            throw new IllegalArgumentException("maxMessageOctets must be positive, got " + maxMessageOctets);
        }
        this.maxMessageOctets = maxMessageOctets;
        this.memoryThreshold = positive("memoryThreshold", memoryThreshold);
    }

    private static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }

    public static ConversionLimits defaults() {
        return DEFAULTS;
    }

    public int maxHeaderCount() {
        return maxHeaderCount;
    }

    public int maxHeaderOctets() {
        return maxHeaderOctets;
    }

    public int maxLineOctets() {
        return maxLineOctets;
    }

    public int maxDepth() {
        return maxDepth;
    }

    public int maxParts() {
        return maxParts;
    }

    public int maxTextOctets() {
        return maxTextOctets;
    }

    public int maxPreambleOctets() {
        return maxPreambleOctets;
    }

    public long maxMessageOctets() {
        return maxMessageOctets;
    }

    public int memoryThreshold() {
        return memoryThreshold;
    }

    public ConversionLimits withMaxHeaderCount(int value) {
        return new ConversionLimits(value, maxHeaderOctets, maxLineOctets, maxDepth, maxParts, maxTextOctets,
            maxPreambleOctets, maxMessageOctets, memoryThreshold);
    }

    public ConversionLimits withMaxHeaderOctets(int value) {
        return new ConversionLimits(maxHeaderCount, value, maxLineOctets, maxDepth, maxParts, maxTextOctets,
            maxPreambleOctets, maxMessageOctets, memoryThreshold);
    }

    public ConversionLimits withMaxLineOctets(int value) {
        return new ConversionLimits(maxHeaderCount, maxHeaderOctets, value, maxDepth, maxParts, maxTextOctets,
            maxPreambleOctets, maxMessageOctets, memoryThreshold);
    }

    public ConversionLimits withMaxDepth(int value) {
        return new ConversionLimits(maxHeaderCount, maxHeaderOctets, maxLineOctets, value, maxParts, maxTextOctets,
            maxPreambleOctets, maxMessageOctets, memoryThreshold);
    }

    public ConversionLimits withMaxParts(int value) {
        return new ConversionLimits(maxHeaderCount, maxHeaderOctets, maxLineOctets, maxDepth, value, maxTextOctets,
            maxPreambleOctets, maxMessageOctets, memoryThreshold);
    }

    public ConversionLimits withMaxTextOctets(int value) {
        return new ConversionLimits(maxHeaderCount, maxHeaderOctets, maxLineOctets, maxDepth, maxParts, value,
            maxPreambleOctets, maxMessageOctets, memoryThreshold);
    }

    public ConversionLimits withMaxPreambleOctets(int value) {
        return new ConversionLimits(maxHeaderCount, maxHeaderOctets, maxLineOctets, maxDepth, maxParts, maxTextOctets,
            value, maxMessageOctets, memoryThreshold);
    }

    public ConversionLimits withMaxMessageOctets(long value) {
        return new ConversionLimits(maxHeaderCount, maxHeaderOctets, maxLineOctets, maxDepth, maxParts, maxTextOctets,
            maxPreambleOctets, value, memoryThreshold);
    }

    public ConversionLimits withMemoryThreshold(int value) {
        return new ConversionLimits(maxHeaderCount, maxHeaderOctets, maxLineOctets, maxDepth, maxParts, maxTextOctets,
            maxPreambleOctets, maxMessageOctets, value);
    }

    @Override
    public String toString() {
        return "ConversionLimits{maxHeaderCount=" + maxHeaderCount + ", maxHeaderOctets=" + maxHeaderOctets
            + ", maxLineOctets=" + maxLineOctets + ", maxDepth=" + maxDepth + ", maxParts=" + maxParts
            + ", maxTextOctets=" + maxTextOctets + ", maxPreambleOctets=" + maxPreambleOctets
            + ", maxMessageOctets=" + maxMessageOctets + ", memoryThreshold=" + memoryThreshold + "}";
    }
}
