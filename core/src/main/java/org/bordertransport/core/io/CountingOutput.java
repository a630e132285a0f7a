package org.bordertransport.core.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Counts what reaches the caller's stream, and marks the failures of that stream ({@link OutputFailure}) so that a
 * converter does not take them for bad input.
 */
public final class CountingOutput extends FilterOutputStream {
    private long count;

    public CountingOutput(OutputStream out) {
        super(out);
    }

    /** Octets written so far. */
    public long count() {
        return count;
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw new OutputFailure(e);
        }
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw new OutputFailure(e);
        }
        count += len;
    }

    /** The caller's stream failed; {@link #getCause()} is its exception. */
    public static final class OutputFailure extends IOException {
        private static final long serialVersionUID = 1L;

        OutputFailure(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }
}
