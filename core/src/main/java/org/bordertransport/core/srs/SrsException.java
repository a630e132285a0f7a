package org.bordertransport.core.srs;

/**
 * An address that cannot be rewritten or reversed. The {@link #reason()} says why; the message names the address
 * (never a secret). Carries no stack trace: these are outcomes of bad data, frequent and cheap, not program errors.
 */
public final class SrsException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why an address was refused. */
    public enum Reason {
        /** Reversal: not an address in the format the engine issues (a plain recipient, another scheme). */
        NOT_SRS,
        /** Reversal: the hash does not verify under any secret (forged, altered or made with a retired secret). */
        BAD_HASH,
        /** Reversal: the hash verifies but the timestamp is older than the maximum age. */
        EXPIRED,
        /** Syntax: not an address, over the length limits, or an SRS address missing a part. */
        MALFORMED
    }

    private final Reason reason;

    public SrsException(Reason reason, String message) {
        super(reason + ": " + message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
