package org.bordertransport.core.tnef;

/**
 * Bad TNEF data: the input is not TNEF, is cut short, breaks the format, fails a checksum in
 * {@link ChecksumMode#STRICT} mode or exceeds a {@link TnefLimits limit}. The message says what was wrong and where
 * (the byte offset in the stream, or inside an embedded message). Failures of the underlying stream or of temporary
 * storage are {@link java.io.IOException}s instead.
 */
public class TnefException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the data was refused. */
    public enum Reason {
        /** The stream does not start with the TNEF signature. */
        NOT_TNEF,
        /** The stream ends inside an attribute or a value. */
        TRUNCATED,
        /** A structure is inconsistent (bad level, value running past its attribute, unknown property type...). */
        MALFORMED,
        /** An attribute checksum does not match, in {@link ChecksumMode#STRICT} mode. */
        CHECKSUM,
        /** A {@link TnefLimits} limit was reached. */
        LIMIT
    }

    private final Reason reason;

    public TnefException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
