package org.bordertransport.core.tnef;

import java.util.UUID;

/** Little-endian decoding helpers. */
final class Bytes {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Bytes() {
    }

    /**
     * {@code value} in {@code digits} upper-case hex digits, high digits first ({@code hex(0x3001, 4)} is "3001"):
     * what {@code String.format("%04X")} writes for a value that fits, without a formatter, for text built for every
     * property read.
     */
    static String hex(long value, int digits) {
        char[] out = new char[digits];
        long v = value;
        for (int i = digits - 1; i >= 0; i--) {
            out[i] = HEX[(int) (v & 0xF)];
            v >>>= 4;
        }
        return new String(out);
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    static long u32(byte[] b, int at) {
        return ((b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (long) (b[at + 3] & 0xFF) << 24);
    }

    /** A Windows GUID: first three fields little-endian, last eight bytes as they are. */
    static UUID guid(byte[] b, int at) {
        long data1 = u32(b, at);
        long data2 = u16(b, at + 4);
        long data3 = u16(b, at + 6);
        long msb = data1 << 32 | data2 << 16 | data3;
        long lsb = 0;
        for (int i = 8; i < 16; i++) {
            lsb = lsb << 8 | (b[at + i] & 0xFF);
        }
        return new UUID(msb, lsb);
    }
}
