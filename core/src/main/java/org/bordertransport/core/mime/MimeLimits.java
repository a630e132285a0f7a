package org.bordertransport.core.mime;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * The one set of limits that drives {@link MimeTreeReader}: header fields per entity, octets per header field and per
 * line while parsing, levels of nesting, entities per message, octets of preamble or epilogue kept, octets of
 * message, octets held in memory before a temporary file is used, and how strictly encoded content is decoded
 * (mime4j's {@link DecodeMonitor#STRICT} or {@link DecodeMonitor#SILENT}).
 *
 * <p>Each converter starts from its own preset ({@code ConversionLimits}, {@code TnefMimeOptions}); beyond a limit
 * the reader fails with the converter's exception.</p>
 */
public final class MimeLimits {
    /** {@link #maxLineOctets()} when lines are not limited. */
    public static final int NO_LINE_LIMIT = -1;

    private final int maxHeaderCount;
    private final int maxHeaderOctets;
    private final int maxLineOctets;
    private final int maxDepth;
    private final int maxParts;
    private final int maxPreambleOctets;
    private final long maxMessageOctets;
    private final int memoryThreshold;
    private final boolean strictDecoding;

    private MimeLimits(Builder b) {
        this.maxHeaderCount = b.maxHeaderCount;
        this.maxHeaderOctets = b.maxHeaderOctets;
        this.maxLineOctets = b.maxLineOctets;
        this.maxDepth = b.maxDepth;
        this.maxParts = b.maxParts;
        this.maxPreambleOctets = b.maxPreambleOctets;
        this.maxMessageOctets = b.maxMessageOctets;
        this.memoryThreshold = b.memoryThreshold;
        this.strictDecoding = b.strictDecoding;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int maxHeaderCount() {
        return maxHeaderCount;
    }

    public int maxHeaderOctets() {
        return maxHeaderOctets;
    }

    /** Longest line while parsing, or {@link #NO_LINE_LIMIT}. */
    public int maxLineOctets() {
        return maxLineOctets;
    }

    public int maxDepth() {
        return maxDepth;
    }

    public int maxParts() {
        return maxParts;
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

    /** Whether broken encoded content (invalid base64 or quoted-printable) fails instead of being skipped. */
    public boolean strictDecoding() {
        return strictDecoding;
    }

    /** mime4j's decode monitor for {@link #strictDecoding()}. */
    public DecodeMonitor decodeMonitor() {
        return strictDecoding ? DecodeMonitor.STRICT : DecodeMonitor.SILENT;
    }

    /** mime4j's configuration for these limits (content length unlimited, lenient parsing). */
    public MimeConfig mimeConfig() {
        return new MimeConfig.Builder()
            .setMaxHeaderCount(maxHeaderCount)
            .setMaxHeaderLen(maxHeaderOctets)
            .setMaxLineLen(maxLineOctets)
            .setMaxContentLen(-1)
            .setStrictParsing(false)
            .build();
    }

    public Builder toBuilder() {
        return new Builder().maxHeaderCount(maxHeaderCount).maxHeaderOctets(maxHeaderOctets)
            .maxLineOctets(maxLineOctets).maxDepth(maxDepth).maxParts(maxParts).maxPreambleOctets(maxPreambleOctets)
            .maxMessageOctets(maxMessageOctets).memoryThreshold(memoryThreshold).strictDecoding(strictDecoding);
    }

    @Override
    public String toString() {
        return "MimeLimits{maxHeaderCount=" + maxHeaderCount + ", maxHeaderOctets=" + maxHeaderOctets
            + ", maxLineOctets=" + maxLineOctets + ", maxDepth=" + maxDepth + ", maxParts=" + maxParts
            + ", maxPreambleOctets=" + maxPreambleOctets + ", maxMessageOctets=" + maxMessageOctets
            + ", memoryThreshold=" + memoryThreshold + ", strictDecoding=" + strictDecoding + "}";
    }

    /**
     * Starts from 1000 header fields of 64 KiB, lines of 1,000,000 octets, 32 levels, 1000 entities, 64 KiB of
     * preamble, 512 MiB of message, 1 MiB in memory, strict decoding; setters fail with
     * {@link IllegalArgumentException} on a bad value.
     */
    public static final class Builder {
        private int maxHeaderCount = 1000;
        private int maxHeaderOctets = 65_536;
        private int maxLineOctets = 1_000_000;
        private int maxDepth = 32;
        private int maxParts = 1000;
        private int maxPreambleOctets = 64 * 1024;
        private long maxMessageOctets = 512L * 1024 * 1024;
        private int memoryThreshold = 1024 * 1024;
        private boolean strictDecoding = true;

        private Builder() {
        }

        public Builder maxHeaderCount(int value) {
            this.maxHeaderCount = (int) positive("maxHeaderCount", value);
            return this;
        }

        public Builder maxHeaderOctets(int value) {
            this.maxHeaderOctets = (int) positive("maxHeaderOctets", value);
            return this;
        }

        /** Positive, or {@link #NO_LINE_LIMIT}. */
        public Builder maxLineOctets(int value) {
            this.maxLineOctets = value == NO_LINE_LIMIT ? value : (int) positive("maxLineOctets", value);
            return this;
        }

        public Builder maxDepth(int value) {
            this.maxDepth = (int) positive("maxDepth", value);
            return this;
        }

        public Builder maxParts(int value) {
            this.maxParts = (int) positive("maxParts", value);
            return this;
        }

        public Builder maxPreambleOctets(int value) {
            this.maxPreambleOctets = (int) positive("maxPreambleOctets", value);
            return this;
        }

        public Builder maxMessageOctets(long value) {
            this.maxMessageOctets = positive("maxMessageOctets", value);
            return this;
        }

        /** 0 sends every message straight to a temporary file. */
        public Builder memoryThreshold(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("memoryThreshold must be 0 or more, got " + value);
            }
            this.memoryThreshold = value;
            return this;
        }

        public Builder strictDecoding(boolean value) {
            this.strictDecoding = value;
            return this;
        }

        public MimeLimits build() {
            return new MimeLimits(this);
        }

        private static long positive(String name, long value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }
    }
}
