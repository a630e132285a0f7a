package org.bordertransport.core.convert;

import org.bordertransport.core.mime.MimeLimits;

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

    private final MimeLimits mime;
    private final int maxTextOctets;

    private ConversionLimits(int maxHeaderCount, int maxHeaderOctets, int maxLineOctets, int maxDepth, int maxParts,
                             int maxTextOctets, int maxPreambleOctets, long maxMessageOctets, int memoryThreshold) {
        positive("maxHeaderCount", maxHeaderCount);
        positive("maxHeaderOctets", maxHeaderOctets);
        positive("maxLineOctets", maxLineOctets);
        positive("maxDepth", maxDepth);
        positive("maxParts", maxParts);
        this.maxTextOctets = positive("maxTextOctets", maxTextOctets);
        positive("maxPreambleOctets", maxPreambleOctets);
        if (maxMessageOctets <= 0) {
            throw new IllegalArgumentException("maxMessageOctets must be positive, got " + maxMessageOctets);
        }
        positive("memoryThreshold", memoryThreshold);
        this.mime = MimeLimits.builder().maxHeaderCount(maxHeaderCount).maxHeaderOctets(maxHeaderOctets)
            .maxLineOctets(maxLineOctets).maxDepth(maxDepth).maxParts(maxParts).maxPreambleOctets(maxPreambleOctets)
            .maxMessageOctets(maxMessageOctets).memoryThreshold(memoryThreshold).strictDecoding(true).build();
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
        return mime.maxHeaderCount();
    }

    public int maxHeaderOctets() {
        return mime.maxHeaderOctets();
    }

    public int maxLineOctets() {
        return mime.maxLineOctets();
    }

    public int maxDepth() {
        return mime.maxDepth();
    }

    public int maxParts() {
        return mime.maxParts();
    }

    public int maxTextOctets() {
        return maxTextOctets;
    }

    public int maxPreambleOctets() {
        return mime.maxPreambleOctets();
    }

    public long maxMessageOctets() {
        return mime.maxMessageOctets();
    }

    /** The limits of the MIME engine (strict decoding: broken base64 or quoted-printable refuses the message). */
    public MimeLimits mime() {
        return mime;
    }

    public int memoryThreshold() {
        return mime.memoryThreshold();
    }

    public ConversionLimits withMaxHeaderCount(int value) {
        return new ConversionLimits(value, maxHeaderOctets(), maxLineOctets(), maxDepth(), maxParts(), maxTextOctets,
            maxPreambleOctets(), maxMessageOctets(), memoryThreshold());
    }

    public ConversionLimits withMaxHeaderOctets(int value) {
        return new ConversionLimits(maxHeaderCount(), value, maxLineOctets(), maxDepth(), maxParts(), maxTextOctets,
            maxPreambleOctets(), maxMessageOctets(), memoryThreshold());
    }

    public ConversionLimits withMaxLineOctets(int value) {
        return new ConversionLimits(maxHeaderCount(), maxHeaderOctets(), value, maxDepth(), maxParts(), maxTextOctets,
            maxPreambleOctets(), maxMessageOctets(), memoryThreshold());
    }

    public ConversionLimits withMaxDepth(int value) {
        return new ConversionLimits(maxHeaderCount(), maxHeaderOctets(), maxLineOctets(), value, maxParts(),
            maxTextOctets, maxPreambleOctets(), maxMessageOctets(), memoryThreshold());
    }

    public ConversionLimits withMaxParts(int value) {
        return new ConversionLimits(maxHeaderCount(), maxHeaderOctets(), maxLineOctets(), maxDepth(), value,
            maxTextOctets, maxPreambleOctets(), maxMessageOctets(), memoryThreshold());
    }

    public ConversionLimits withMaxTextOctets(int value) {
        return new ConversionLimits(maxHeaderCount(), maxHeaderOctets(), maxLineOctets(), maxDepth(), maxParts(),
            value, maxPreambleOctets(), maxMessageOctets(), memoryThreshold());
    }

    public ConversionLimits withMaxPreambleOctets(int value) {
        return new ConversionLimits(maxHeaderCount(), maxHeaderOctets(), maxLineOctets(), maxDepth(), maxParts(),
            maxTextOctets, value, maxMessageOctets(), memoryThreshold());
    }

    public ConversionLimits withMaxMessageOctets(long value) {
        return new ConversionLimits(maxHeaderCount(), maxHeaderOctets(), maxLineOctets(), maxDepth(), maxParts(),
            maxTextOctets, maxPreambleOctets(), value, memoryThreshold());
    }

    public ConversionLimits withMemoryThreshold(int value) {
        return new ConversionLimits(maxHeaderCount(), maxHeaderOctets(), maxLineOctets(), maxDepth(), maxParts(),
            maxTextOctets, maxPreambleOctets(), maxMessageOctets(), value);
    }

    @Override
    public String toString() {
        return "ConversionLimits{maxHeaderCount=" + maxHeaderCount() + ", maxHeaderOctets=" + maxHeaderOctets()
            + ", maxLineOctets=" + maxLineOctets() + ", maxDepth=" + maxDepth() + ", maxParts=" + maxParts()
            + ", maxTextOctets=" + maxTextOctets + ", maxPreambleOctets=" + maxPreambleOctets()
            + ", maxMessageOctets=" + maxMessageOctets() + ", memoryThreshold=" + memoryThreshold() + "}";
    }
}
