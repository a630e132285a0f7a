package org.bordertransport.core.tnef;

/** What the reader does when an attribute checksum (sum of its data bytes modulo 65536) does not match. */
public enum ChecksumMode {
    /** Fail with a {@link TnefException} of reason {@link TnefException.Reason#CHECKSUM}. */
    STRICT,
    /** Keep the attribute and record a warning in {@link TnefMessage#warnings()} (the default). */
    WARN,
    /** Keep the attribute silently. */
    IGNORE
}
