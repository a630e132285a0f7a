package org.bordertransport.core.rtf;

import java.util.List;

/** The RTF held in a {@code PR_RTF_COMPRESSED} value, with what was wrong with it in {@link RtfMode#LENIENT}. */
public final class DecompressedRtf {
    private final byte[] rtf;
    private final boolean compressed;
    private final List<String> warnings;

    DecompressedRtf(byte[] rtf, boolean compressed, List<String> warnings) {
        this.rtf = rtf;
        this.compressed = compressed;
        this.warnings = List.copyOf(warnings);
    }

    /** The RTF octets (a copy). */
    public byte[] rtf() {
        return rtf.clone();
    }

    /** Octets of RTF. */
    public int length() {
        return rtf.length;
    }

    byte[] rtfUnsafe() {
        return rtf;
    }

    /** Whether the value was LZFu-compressed (false: stored as MELA, uncompressed). */
    public boolean compressed() {
        return compressed;
    }

    /** What {@link RtfMode#LENIENT} let pass (CRC mismatch, size differing from RAWSIZE); empty when none. */
    public List<String> warnings() {
        return warnings;
    }
}
