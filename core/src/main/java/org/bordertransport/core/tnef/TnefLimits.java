package org.bordertransport.core.tnef;

/**
 * The limits {@link TnefReader} enforces; reaching one is a {@link TnefException} of reason
 * {@link TnefException.Reason#LIMIT}, raised before anything of the offending size is allocated. Counts are over the
 * whole stream, embedded messages included.
 *
 * <p>Defaults: {@value #DEFAULT_MAX_ATTRIBUTE_LENGTH} bytes per attribute (so per value),
 * {@value #DEFAULT_MAX_TOTAL_LENGTH} bytes of input, {@value #DEFAULT_MAX_ATTRIBUTES} attributes,
 * {@value #DEFAULT_MAX_ATTACHMENTS} attachments, {@value #DEFAULT_MAX_PROPERTIES} MAPI property values (each value of
 * a multi-valued property counts), {@value #DEFAULT_MAX_DEPTH} levels of embedded messages.</p>
 */
public final class TnefLimits {
    public static final long DEFAULT_MAX_ATTRIBUTE_LENGTH = 256L * 1024 * 1024;
    public static final long DEFAULT_MAX_TOTAL_LENGTH = 1024L * 1024 * 1024;
    public static final int DEFAULT_MAX_ATTRIBUTES = 20_000;
    public static final int DEFAULT_MAX_ATTACHMENTS = 2_000;
    public static final int DEFAULT_MAX_PROPERTIES = 100_000;
    public static final int DEFAULT_MAX_DEPTH = 10;

    private static final TnefLimits DEFAULTS = builder().build();

    private final long maxAttributeLength;
    private final long maxTotalLength;
    private final int maxAttributes;
    private final int maxAttachments;
    private final int maxProperties;
    private final int maxDepth;

    private TnefLimits(Builder b) {
        this.maxAttributeLength = b.maxAttributeLength;
        this.maxTotalLength = b.maxTotalLength;
        this.maxAttributes = b.maxAttributes;
        this.maxAttachments = b.maxAttachments;
        this.maxProperties = b.maxProperties;
        this.maxDepth = b.maxDepth;
    }

    public static TnefLimits defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Bytes of data in one attribute, hence in one MAPI value or attachment. */
    public long maxAttributeLength() {
        return maxAttributeLength;
    }

    /** Bytes read from the input in all. */
    public long maxTotalLength() {
        return maxTotalLength;
    }

    /** Attributes in all. */
    public int maxAttributes() {
        return maxAttributes;
    }

    /** Attachments in all. */
    public int maxAttachments() {
        return maxAttachments;
    }

    /** MAPI property values in all. */
    public int maxProperties() {
        return maxProperties;
    }

    /** Levels of embedded messages below the top message. */
    public int maxDepth() {
        return maxDepth;
    }

    @Override
    public String toString() {
        return "TnefLimits{maxAttributeLength=" + maxAttributeLength + ", maxTotalLength=" + maxTotalLength
            + ", maxAttributes=" + maxAttributes + ", maxAttachments=" + maxAttachments + ", maxProperties="
            + maxProperties + ", maxDepth=" + maxDepth + "}";
    }

    /** Starts from the defaults; every setter fails with {@link IllegalArgumentException} on a bad value. */
    public static final class Builder {
        private long maxAttributeLength = DEFAULT_MAX_ATTRIBUTE_LENGTH;
        private long maxTotalLength = DEFAULT_MAX_TOTAL_LENGTH;
        private int maxAttributes = DEFAULT_MAX_ATTRIBUTES;
        private int maxAttachments = DEFAULT_MAX_ATTACHMENTS;
        private int maxProperties = DEFAULT_MAX_PROPERTIES;
        private int maxDepth = DEFAULT_MAX_DEPTH;

        private Builder() {
        }

        public Builder maxAttributeLength(long value) {
            this.maxAttributeLength = positive("maxAttributeLength", value);
            return this;
        }

        public Builder maxTotalLength(long value) {
            this.maxTotalLength = positive("maxTotalLength", value);
            return this;
        }

        public Builder maxAttributes(int value) {
            this.maxAttributes = (int) positive("maxAttributes", value);
            return this;
        }

        public Builder maxAttachments(int value) {
            this.maxAttachments = (int) notNegative("maxAttachments", value);
            return this;
        }

        public Builder maxProperties(int value) {
            this.maxProperties = (int) notNegative("maxProperties", value);
            return this;
        }

        /** 0 refuses any embedded message. */
        public Builder maxDepth(int value) {
            this.maxDepth = (int) notNegative("maxDepth", value);
            return this;
        }

        public TnefLimits build() {
            return new TnefLimits(this);
        }

        private static long positive(String name, long value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }

        private static long notNegative(String name, long value) {
            if (value < 0) {
                throw new IllegalArgumentException(name + " must be 0 or more, got " + value);
            }
            return value;
        }
    }
}
