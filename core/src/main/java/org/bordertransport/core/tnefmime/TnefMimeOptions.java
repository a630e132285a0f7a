package org.bordertransport.core.tnefmime;

import java.util.Objects;

import org.bordertransport.core.mime.MimeLimits;
import org.bordertransport.core.rtf.RtfLimits;
import org.bordertransport.core.tnef.TnefReadOptions;

/**
 * How {@link TnefMimeConverter} and {@link TnefMimeWriter} work: how TNEF is read ({@link TnefReadOptions}, with its
 * limits and temporary storage), whether the RTF body is kept as a {@code text/rtf} attachment, and the limits of the
 * MIME side.
 *
 * <p>Defaults: RTF not kept; messages spooled in memory up to {@value #DEFAULT_MEMORY_THRESHOLD} octets, then in a
 * temporary file; at most {@value #DEFAULT_MAX_MESSAGE_OCTETS} octets of message, {@value #DEFAULT_MAX_PARTS} MIME
 * entities, {@value #DEFAULT_MAX_DEPTH} levels of MIME nesting, {@value #DEFAULT_MAX_HTML_OCTETS} octets of HTML body
 * (held in memory to find the {@code cid:} references); compressed RTF within {@link RtfLimits#defaults()}; MIME
 * parsed with {@value #MAX_HEADER_COUNT} header fields of at most {@value #MAX_HEADER_OCTETS} octets per entity, lines
 * of any length, {@value #MAX_PREAMBLE_OCTETS} octets of preamble or epilogue, broken encoded content skipped
 * ({@link #mimeLimits()}).</p>
 */
public final class TnefMimeOptions {
    public static final int DEFAULT_MEMORY_THRESHOLD = 1024 * 1024;
    public static final long DEFAULT_MAX_MESSAGE_OCTETS = 256L * 1024 * 1024;
    public static final int DEFAULT_MAX_PARTS = 1000;
    public static final int DEFAULT_MAX_DEPTH = 32;
    public static final int DEFAULT_MAX_HTML_OCTETS = 16 * 1024 * 1024;
    public static final int MAX_HEADER_COUNT = 1000;
    public static final int MAX_HEADER_OCTETS = 65_536;
    public static final int MAX_PREAMBLE_OCTETS = 64 * 1024;

    private static final TnefMimeOptions DEFAULTS = builder().build();

    private final TnefReadOptions readOptions;
    private final RtfLimits rtfLimits;
    private final boolean keepRtf;
    private final MimeLimits mimeLimits;
    private final int maxHtmlOctets;

    private TnefMimeOptions(Builder b) {
        this.readOptions = b.readOptions;
        this.rtfLimits = b.rtfLimits;
        this.keepRtf = b.keepRtf;
        this.mimeLimits = b.mime.build();
        this.maxHtmlOctets = b.maxHtmlOctets;
    }

    public static TnefMimeOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How each TNEF part is read. */
    public TnefReadOptions readOptions() {
        return readOptions;
    }

    /** Limits for decompressing and de-encapsulating the RTF body. */
    public RtfLimits rtfLimits() {
        return rtfLimits;
    }

    /** Whether the RTF body is also attached as {@code body.rtf} ({@code text/rtf}). */
    public boolean keepRtf() {
        return keepRtf;
    }

    /** Octets of message (and of each decoded entity) held in memory before a temporary file is used. */
    public int memoryThreshold() {
        return mimeLimits.memoryThreshold();
    }

    /** Largest message read, and largest decoded entity written, in octets. */
    public long maxMessageOctets() {
        return mimeLimits.maxMessageOctets();
    }

    /** MIME entities in the message, all levels. */
    public int maxParts() {
        return mimeLimits.maxParts();
    }

    /** Levels of MIME multipart nesting. */
    public int maxDepth() {
        return mimeLimits.maxDepth();
    }

    /** The limits of the MIME engine, lenient decoding (broken base64 is skipped, as TNEF readers expect). */
    public MimeLimits mimeLimits() {
        return mimeLimits;
    }

    /** Octets of an HTML body read into memory. */
    public int maxHtmlOctets() {
        return maxHtmlOctets;
    }

    @Override
    public String toString() {
        return "TnefMimeOptions{keepRtf=" + keepRtf + ", memoryThreshold=" + memoryThreshold() + ", maxMessageOctets="
            + maxMessageOctets() + ", maxParts=" + maxParts() + ", maxDepth=" + maxDepth() + ", maxHtmlOctets="
            + maxHtmlOctets + ", " + readOptions.limits() + ", " + rtfLimits + "}";
    }

    /** Starts from the defaults; setters fail with {@link IllegalArgumentException} on a bad value. */
    public static final class Builder {
        private TnefReadOptions readOptions = TnefReadOptions.defaults();
        private RtfLimits rtfLimits = RtfLimits.defaults();
        private boolean keepRtf;
        /** The MIME side, with TNEF's fixed header and preamble limits and lenient decoding; it checks the values. */
        private final MimeLimits.Builder mime = MimeLimits.builder()
            .maxHeaderCount(MAX_HEADER_COUNT)
            .maxHeaderOctets(MAX_HEADER_OCTETS)
            .maxLineOctets(MimeLimits.NO_LINE_LIMIT)
            .maxPreambleOctets(MAX_PREAMBLE_OCTETS)
            .maxDepth(DEFAULT_MAX_DEPTH)
            .maxParts(DEFAULT_MAX_PARTS)
            .maxMessageOctets(DEFAULT_MAX_MESSAGE_OCTETS)
            .memoryThreshold(DEFAULT_MEMORY_THRESHOLD)
            .strictDecoding(false);
        private int maxHtmlOctets = DEFAULT_MAX_HTML_OCTETS;

        private Builder() {
        }

        public Builder readOptions(TnefReadOptions value) {
            this.readOptions = Objects.requireNonNull(value, "readOptions");
            return this;
        }

        public Builder rtfLimits(RtfLimits value) {
            this.rtfLimits = Objects.requireNonNull(value, "rtfLimits");
            return this;
        }

        public Builder keepRtf(boolean value) {
            this.keepRtf = value;
            return this;
        }

        /** 0 sends every message straight to a temporary file. */
        public Builder memoryThreshold(int value) {
            mime.memoryThreshold(value);
            return this;
        }

        public Builder maxMessageOctets(long value) {
            mime.maxMessageOctets(value);
            return this;
        }

        public Builder maxParts(int value) {
            mime.maxParts(value);
            return this;
        }

        public Builder maxDepth(int value) {
            mime.maxDepth(value);
            return this;
        }

        public Builder maxHtmlOctets(int value) {
            if (value <= 0) {
                throw new IllegalArgumentException("maxHtmlOctets must be positive, got " + value);
            }
            this.maxHtmlOctets = value;
            return this;
        }

        public TnefMimeOptions build() {
            return new TnefMimeOptions(this);
        }

    }
}
