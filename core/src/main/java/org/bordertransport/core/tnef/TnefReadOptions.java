package org.bordertransport.core.tnef;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link TnefReader} reads: the {@link TnefLimits}, the {@link ChecksumMode} and where large values go.
 *
 * <p>Values (attachment data, binary and string properties, raw attributes) longer than {@link #memoryThreshold()}
 * bytes, and every value once {@link #memoryBudget()} bytes are held in memory, are written to one temporary file
 * that {@link TnefMessage#close()} deletes. Defaults: {@link ChecksumMode#WARN}, {@value #DEFAULT_MEMORY_THRESHOLD}
 * bytes, {@value #DEFAULT_MEMORY_BUDGET} bytes, the system temporary directory.</p>
 */
public final class TnefReadOptions {
    public static final int DEFAULT_MEMORY_THRESHOLD = 1024 * 1024;
    public static final long DEFAULT_MEMORY_BUDGET = 16L * 1024 * 1024;

    private static final TnefReadOptions DEFAULTS = builder().build();

    private final TnefLimits limits;
    private final ChecksumMode checksumMode;
    private final int memoryThreshold;
    private final long memoryBudget;
    private final Optional<Path> tempDirectory;

    private TnefReadOptions(Builder b) {
        this.limits = b.limits;
        this.checksumMode = b.checksumMode;
        this.memoryThreshold = b.memoryThreshold;
        this.memoryBudget = b.memoryBudget;
        this.tempDirectory = b.tempDirectory;
    }

    public static TnefReadOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public TnefLimits limits() {
        return limits;
    }

    public ChecksumMode checksumMode() {
        return checksumMode;
    }

    /** Values longer than this many bytes are kept in the temporary file. */
    public int memoryThreshold() {
        return memoryThreshold;
    }

    /** Bytes of values kept in memory in all; later values go to the temporary file whatever their size. */
    public long memoryBudget() {
        return memoryBudget;
    }

    /** Where the temporary file is created; empty for the system default. */
    public Optional<Path> tempDirectory() {
        return tempDirectory;
    }

    /** Starts from the defaults; setters fail with {@link IllegalArgumentException} on a bad value. */
    public static final class Builder {
        private TnefLimits limits = TnefLimits.defaults();
        private ChecksumMode checksumMode = ChecksumMode.WARN;
        private int memoryThreshold = DEFAULT_MEMORY_THRESHOLD;
        private long memoryBudget = DEFAULT_MEMORY_BUDGET;
        private Optional<Path> tempDirectory = Optional.empty();

        private Builder() {
        }

        public Builder limits(TnefLimits value) {
            this.limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        public Builder checksumMode(ChecksumMode value) {
            this.checksumMode = Objects.requireNonNull(value, "checksumMode");
            return this;
        }

        /** 0 sends every non-empty value to the temporary file. */
        public Builder memoryThreshold(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("memoryThreshold must be 0 or more, got " + value);
            }
            this.memoryThreshold = value;
            return this;
        }

        public Builder memoryBudget(long value) {
            if (value < 0) {
                throw new IllegalArgumentException("memoryBudget must be 0 or more, got " + value);
            }
            this.memoryBudget = value;
            return this;
        }

        public Builder tempDirectory(Path value) {
            this.tempDirectory = Optional.of(value);
            return this;
        }

        public TnefReadOptions build() {
            return new TnefReadOptions(this);
        }
    }
}
