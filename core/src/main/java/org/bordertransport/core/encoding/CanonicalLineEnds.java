package org.bordertransport.core.encoding;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes text with every line end (CRLF, bare CR, bare LF) as CRLF, the canonical form of text (RFC 2049 section 4).
 * {@link #finish()} writes a pending CR as CRLF; neither it nor {@link #close()} closes the underlying stream.
 */
final class CanonicalLineEnds extends OutputStream {
    private static final byte[] CRLF = {'\r', '\n'};

    private final OutputStream out;
    private boolean pendingCr;
    private int last = -1;

    CanonicalLineEnds(OutputStream out) {
        this.out = out;
    }

    /** The last octet written to the underlying stream, -1 if none. */
    int last() {
        return last;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int runStart = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            byte octet = b[i];
            if (octet != '\r' && octet != '\n') {
                if (pendingCr) {
                    flushRun(b, runStart, i);
                    runStart = i;
                    writeCrlf();
                    pendingCr = false;
                }
                continue;
            }
            flushRun(b, runStart, i);
            runStart = i + 1;
            if (octet == '\r') {
                if (pendingCr) {
                    writeCrlf();
                }
                pendingCr = true;
            } else {
                writeCrlf();
                pendingCr = false;
            }
        }
        flushRun(b, runStart, end);
    }

    private void flushRun(byte[] b, int from, int to) throws IOException {
        if (to > from) {
            out.write(b, from, to - from);
            last = b[to - 1] & 0xff;
        }
    }

    private void writeCrlf() throws IOException {
        out.write(CRLF);
        last = '\n';
    }

    /** Ends the text: a trailing bare CR becomes CRLF. */
    void finish() throws IOException {
        if (pendingCr) {
            writeCrlf();
            pendingCr = false;
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        finish();
        out.flush();
    }
}
