package org.bordertransport.core.tnef;

import java.io.IOException;
import java.io.InputStream;

/**
 * A buffered, counted reader over the bytes of one TNEF stream: the caller's {@link InputStream}, or the bytes of an
 * embedded message inside a property value. Never reads past its source: the buffer only holds bytes the source
 * has given.
 */
final class TnefInput {
    /** Where the bytes come from. */
    interface Source {
        /** Like {@link InputStream#read(byte[], int, int)}: -1 at the end. */
        int read(byte[] b, int off, int len) throws IOException, TnefException;
    }

    private final Source source;
    private final byte[] buffer;
    private final long maxTotal;
    private final String where;
    private int position;
    private int limit;
    private long offset;

    /**
     * @param maxTotal bytes this input may deliver before it is a {@link TnefException.Reason#LIMIT}
     * @param where prefix of error messages locating this stream ("" for the top one)
     */
    TnefInput(Source source, int bufferSize, long maxTotal, String where) {
        this.source = source;
        this.buffer = new byte[bufferSize];
        this.maxTotal = maxTotal;
        this.where = where;
    }

    static TnefInput of(InputStream in, long maxTotal) {
        return new TnefInput(in::read, 8192, maxTotal, "");
    }

    /** Bytes delivered so far: the offset of the next byte. */
    long offset() {
        return offset;
    }

    /** Prefix for error messages ("" or "embedded message at depth N: "). */
    String where() {
        return where;
    }

    /** The next byte (0..255) or -1 at the end. */
    int read() throws IOException, TnefException {
        if (position == limit && !fill()) {
            return -1;
        }
        count(1);
        return buffer[position++] & 0xFF;
    }

    /** Up to {@code len} bytes, -1 at the end. */
    int read(byte[] b, int off, int len) throws IOException, TnefException {
        if (len == 0) {
            return 0;
        }
        if (position == limit && !fill()) {
            return -1;
        }
        int n = Math.min(len, limit - position);
        count(n);
        System.arraycopy(buffer, position, b, off, n);
        position += n;
        return n;
    }

    private void count(int n) throws TnefException {
        offset += n;
        if (offset > maxTotal) {
            throw new TnefException(TnefException.Reason.LIMIT, where + "TNEF stream is longer than maxTotalLength "
                + maxTotal + " bytes");
        }
    }

    private boolean fill() throws IOException, TnefException {
        int n = 0;
        for (int attempt = 0; n == 0; attempt++) {
            if (attempt == 100) {
                throw new IOException("TNEF input returned no data after " + attempt + " reads");
            }
            n = source.read(buffer, 0, buffer.length);
        }
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
