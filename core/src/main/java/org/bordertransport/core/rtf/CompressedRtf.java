package org.bordertransport.core.rtf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the value of {@code PR_RTF_COMPRESSED} ({@code PidTagRtfCompressed}, property tag 0x10090102) as specified
 * by [MS-OXRTFCP].
 *
 * <p>The value is a 16-octet header (little-endian COMPSIZE, RAWSIZE, COMPTYPE and CRC) followed by the content.
 * COMPSIZE counts the octets after itself: the 12 remaining header octets and the content. COMPTYPE
 * {@code LZFu} ({@value #COMPRESSED}) means the content is LZ77-compressed against a 4096-octet ring dictionary that
 * starts with {@link #PRELOAD}; {@code MELA} ({@value #UNCOMPRESSED}) means it is stored as is. The CRC of compressed
 * content is checked; in {@link RtfMode#STRICT} a mismatch or a decompressed size other than RAWSIZE is an error, in
 * {@link RtfMode#LENIENT} a warning. A stream without its end reference (truncated), a COMPSIZE beyond the input and
 * a RAWSIZE over {@link RtfLimits#maxRtfBytes()} always fail. The output never exceeds RAWSIZE.</p>
 */
public final class CompressedRtf {
    /** COMPTYPE of LZFu-compressed content ("LZFu" in little-endian order). */
    public static final int COMPRESSED = 0x75465A4C;
    /** COMPTYPE of uncompressed content ("MELA" in little-endian order). */
    public static final int UNCOMPRESSED = 0x414C454D;
    /** The 207 octets the dictionary starts with; note CR LF (not LF CR) after {@code \blue0}. */
    public static final String PRELOAD = "{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman "
        + "\\fswiss \\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0"
        + "\\green0\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx";

    static final int HEADER_OCTETS = 16;
    private static final int DICTIONARY_SIZE = 4096;
    private static final int DICTIONARY_MASK = DICTIONARY_SIZE - 1;
    private static final byte[] PRELOAD_OCTETS = PRELOAD.getBytes(StandardCharsets.US_ASCII);
    private static final int[] CRC_TABLE = crcTable();

    private CompressedRtf() {
    }

    /** {@link #decompress(byte[], RtfMode, RtfLimits)} in {@link RtfMode#STRICT} mode with the default limits. */
    public static DecompressedRtf decompress(byte[] value) throws RtfException {
        return decompress(value, RtfMode.STRICT, RtfLimits.defaults());
    }

    /**
     * Decompresses a {@code PR_RTF_COMPRESSED} value.
     *
     * @throws RtfException when the value is truncated or corrupt, declares more than
     *                      {@link RtfLimits#maxRtfBytes()} octets, or (strict mode) breaks the specification
     */
    public static DecompressedRtf decompress(byte[] value, RtfMode mode, RtfLimits limits) throws RtfException {
        if (value.length < HEADER_OCTETS) {
            throw new RtfException("Compressed RTF is truncated: " + value.length
                + " octets, the header alone needs 16");
        }
        long compSize = uint32(value, 0);
        long rawSize = uint32(value, 4);
        int compType = (int) uint32(value, 8);
        long crc = uint32(value, 12);
        if (compSize < 12) {
            throw new RtfException("Compressed RTF is corrupt: COMPSIZE " + compSize + " is less than 12");
        }
        if (compSize + 4 > value.length) {
            throw new RtfException("Compressed RTF is truncated: COMPSIZE declares " + (compSize + 4)
                + " octets but only " + value.length + " are present");
        }
        if (rawSize > limits.maxRtfBytes()) {
            throw new RtfException("Compressed RTF declares RAWSIZE " + rawSize + " octets, over maxRtfBytes "
                + limits.maxRtfBytes());
        }
        int end = (int) (compSize + 4);
        List<String> warnings = new ArrayList<>();
        if (compType == UNCOMPRESSED) {
            if (rawSize > end - HEADER_OCTETS) {
                throw new RtfException("Uncompressed RTF is truncated: RAWSIZE declares " + rawSize
                    + " octets but COMPSIZE leaves " + (end - HEADER_OCTETS));
            }
            return new DecompressedRtf(Arrays.copyOfRange(value, HEADER_OCTETS, HEADER_OCTETS + (int) rawSize), false,
                warnings);
        }
        if (compType != COMPRESSED) {
            throw new RtfException(String.format("Compressed RTF has unknown COMPTYPE 0x%08X, expected 0x%08X (LZFu)"
                + " or 0x%08X (MELA)", compType, COMPRESSED, UNCOMPRESSED));
        }
        long actualCrc = crc(value, HEADER_OCTETS, end - HEADER_OCTETS) & 0xFFFFFFFFL;
        if (actualCrc != crc) {
            problem(mode, warnings, String.format("Compressed RTF CRC mismatch: header has 0x%08X, content has 0x%08X",
                crc, actualCrc));
        }
        return new DecompressedRtf(inflate(value, end, (int) rawSize, mode, warnings), true, warnings);
    }

    private static byte[] inflate(byte[] value, int end, int rawSize, RtfMode mode, List<String> warnings)
        throws RtfException {
        byte[] dictionary = new byte[DICTIONARY_SIZE];
        System.arraycopy(PRELOAD_OCTETS, 0, dictionary, 0, PRELOAD_OCTETS.length);
        int write = PRELOAD_OCTETS.length;
        // every 17 content octets (a control octet and 8 references) yield at most 8 * 17 octets
        long possible = (long) (end - HEADER_OCTETS) * 8;
        byte[] out = new byte[(int) Math.min(rawSize, possible)];
        long produced = 0;
        int in = HEADER_OCTETS;
        while (true) {
            if (in >= end) {
                throw truncated(in);
            }
            int control = value[in++] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                if ((control & (1 << bit)) == 0) {
                    if (in >= end) {
                        throw truncated(in);
                    }
                    byte literal = value[in++];
                    if (produced < out.length) {
                        out[(int) produced] = literal;
                    }
                    produced++;
                    dictionary[write] = literal;
                    write = (write + 1) & DICTIONARY_MASK;
                } else {
                    if (in + 1 >= end) {
                        throw truncated(in);
                    }
                    int reference = ((value[in] & 0xFF) << 8) | (value[in + 1] & 0xFF);
                    in += 2;
                    int offset = reference >>> 4;
                    if (offset == write) {
                        return finish(out, produced, rawSize, mode, warnings);
                    }
                    int length = (reference & 0x0F) + 2;
                    for (int i = 0; i < length; i++) {
                        byte octet = dictionary[(offset + i) & DICTIONARY_MASK];
                        if (produced < out.length) {
                            out[(int) produced] = octet;
                        }
                        produced++;
                        dictionary[write] = octet;
                        write = (write + 1) & DICTIONARY_MASK;
                    }
                }
            }
        }
    }

    private static RtfException truncated(int offset) {
        return new RtfException("Compressed RTF is truncated: no end-of-stream reference before offset " + offset);
    }

    private static byte[] finish(byte[] out, long produced, int rawSize, RtfMode mode, List<String> warnings)
        throws RtfException {
        if (produced != rawSize) {
            problem(mode, warnings, "Compressed RTF decompresses to " + produced + " octets but RAWSIZE is " + rawSize);
        }
        return produced >= out.length ? out : Arrays.copyOf(out, (int) produced);
    }

    private static void problem(RtfMode mode, List<String> warnings, String message) throws RtfException {
        if (mode == RtfMode.STRICT) {
            throw new RtfException(message);
        }
        warnings.add(message);
    }

    /**
     * The CRC of [MS-OXRTFCP] section 2.1.3.2: the table of the usual CRC-32 (reflected polynomial 0xEDB88320), but
     * starting from 0 and without a final complement.
     */
    static int crc(byte[] data, int offset, int length) {
        int crc = 0;
        for (int i = offset; i < offset + length; i++) {
            crc = CRC_TABLE[(crc ^ data[i]) & 0xFF] ^ (crc >>> 8);
        }
        return crc;
    }

    private static int[] crcTable() {
        int[] table = new int[256];
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
            }
            table[n] = c;
        }
        return table;
    }

    private static long uint32(byte[] data, int offset) {
        return (data[offset] & 0xFFL) | (data[offset + 1] & 0xFFL) << 8 | (data[offset + 2] & 0xFFL) << 16
            | (data[offset + 3] & 0xFFL) << 24;
    }
}
