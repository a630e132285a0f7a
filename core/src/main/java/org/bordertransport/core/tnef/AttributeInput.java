package org.bordertransport.core.tnef;

import java.io.IOException;

/**
 * The data of one attribute: exactly its declared length, summed for the checksum as it is read. Reading past the
 * declared length is {@link TnefException.Reason#MALFORMED}; the input ending first is
 * {@link TnefException.Reason#TRUNCATED}.
 */
final class AttributeInput {
    private final TnefInput in;
    private final int id;
    private final long start;
    private final long length;
    private long remaining;
    private int checksum;
    private final byte[] scratch = new byte[16];

    AttributeInput(TnefInput in, int id, long start, long length) {
        this.in = in;
        this.id = id;
        this.start = start;
        this.length = length;
        this.remaining = length;
    }

    int id() {
        return id;
    }

    long length() {
        return length;
    }

    long remaining() {
        return remaining;
    }

    /** Sum of the bytes read so far, modulo 65536. */
    int checksum() {
        return checksum & 0xFFFF;
    }

    /** "attribute 0x00069003 at offset 140", with the stream location prefix. */
    String describe() {
        return in.where() + String.format("attribute 0x%08X at offset %d", id, start);
    }

    TnefException malformed(String detail) {
        return new TnefException(TnefException.Reason.MALFORMED, describe() + ": " + detail);
    }

    /** Fails unless {@code n} more bytes are in the attribute. */
    void require(long n, String what) throws TnefException {
        if (n > remaining) {
            throw malformed(what + " needs " + n + " bytes but only " + remaining + " remain of " + length);
        }
    }

    /** Up to {@code len} bytes of the attribute, -1 at its end. */
    int read(byte[] b, int off, int len) throws IOException, TnefException {
        if (remaining == 0) {
            return -1;
        }
        int want = (int) Math.min(len, remaining);
        int n = in.read(b, off, want);
        if (n < 0) {
            throw new TnefException(TnefException.Reason.TRUNCATED, describe() + " declares " + length
                + " bytes but the input ends after " + (length - remaining));
        }
        for (int i = off; i < off + n; i++) {
            checksum += b[i] & 0xFF;
        }
        checksum &= 0xFFFF;
        remaining -= n;
        return n;
    }

    void readFully(byte[] b, int off, int len, String what) throws IOException, TnefException {
        require(len, what);
        int done = 0;
        while (done < len) {
            done += read(b, off + done, len - done);
        }
    }

    byte[] bytes(int n, String what) throws IOException, TnefException {
        require(n, what);
        byte[] b = new byte[n];
        readFully(b, 0, n, what);
        return b;
    }

    int u16(String what) throws IOException, TnefException {
        readFully(scratch, 0, 2, what);
        return (scratch[0] & 0xFF) | (scratch[1] & 0xFF) << 8;
    }

    /** Unsigned 32-bit value. */
    long u32(String what) throws IOException, TnefException {
        readFully(scratch, 0, 4, what);
        return Bytes.u32(scratch, 0);
    }

    long i64(String what) throws IOException, TnefException {
        readFully(scratch, 0, 8, what);
        return Bytes.u32(scratch, 0) | Bytes.u32(scratch, 4) << 32;
    }

    void skip(long n, String what) throws IOException, TnefException {
        require(n, what);
        long left = n;
        byte[] b = n <= scratch.length ? scratch : new byte[(int) Math.min(8192, n)];
        while (left > 0) {
            left -= read(b, 0, (int) Math.min(b.length, left));
        }
    }

    /** Reads whatever is left of the attribute. */
    void drain() throws IOException, TnefException {
        skip(remaining, "rest of attribute");
    }
}
