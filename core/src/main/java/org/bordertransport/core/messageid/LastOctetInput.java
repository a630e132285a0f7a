package org.bordertransport.core.messageid;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Remembers the last octet read. */
final class LastOctetInput extends FilterInputStream {
    private int last = -1;

    LastOctetInput(InputStream in) {
        super(in);
    }

    boolean endsWithLineEnd() {
        return last == '\n';
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            last = b;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            last = b[off + n - 1];
        }
        return n;
    }
}
