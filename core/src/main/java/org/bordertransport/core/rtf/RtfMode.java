package org.bordertransport.core.rtf;

/** How {@link CompressedRtf} and {@link RtfDeencapsulator} treat input that breaks the specification. */
public enum RtfMode {
    /** Any violation (a CRC mismatch, a size other than RAWSIZE, unbalanced braces) is an {@link RtfException}. */
    STRICT,
    /**
     * Violations that still leave usable content are recorded as warnings and the best-effort result is returned;
     * truncation of the compressed stream and every limit still fail.
     */
    LENIENT
}
