package org.bordertransport.core.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the octets read, fails with {@link LimitReached} past a limit, and remembers a failure of the source
 * itself ({@link #failure()}), so that a reader that parses through mime4j can tell "the input is too big or
 * broken" (a finding) from "the stream failed" (an I/O error to pass on).
 */
public final class ReadGuard extends FilterInputStream {
    private final long max;
    private final String limitMessage;
    private long count;
    private IOException failure;

    /** @param limitMessage the message of the {@link LimitReached} thrown past {@code max} octets */
    public ReadGuard(InputStream in, long max, String limitMessage) {
        super(in);
        this.max = max;
        this.limitMessage = limitMessage;
    }

    /** The exception the source threw, if it did. */
    public IOException failure() {
        return failure;
    }

    @Override
    public int read() throws IOException {
        int b = source(() -> super.read());
        if (b >= 0) {
            if (count >= max) {
                throw new LimitReached(limitMessage);
            }
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (count >= max) {
            // at the limit: only the end of the stream is still acceptable
            if (read() < 0) {
                return -1;
            }
            throw new LimitReached(limitMessage);
        }
        int allowed = (int) Math.min(len, max - count);
        int n = source(() -> super.read(b, off, allowed));
        if (n > 0) {
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.max(1, Math.min(n, 8192))];
        int read = read(buffer, 0, buffer.length);
        return Math.max(read, 0);
    }

    private int source(Read read) throws IOException {
        try {
            return read.read();
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    @FunctionalInterface
    private interface Read {
        int read() throws IOException;
    }

    /** The limit was passed. */
    public static final class LimitReached extends IOException {
        private static final long serialVersionUID = 1L;

        LimitReached(String message) {
            super(message);
        }
    }
}
