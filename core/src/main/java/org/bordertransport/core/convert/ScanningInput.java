package org.bordertransport.core.convert;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.bordertransport.core.encoding.ContentScan;

/** Feeds what is read to a scanner. */
final class ScanningInput extends FilterInputStream {
    private final ContentScan.Scanner scanner;

    ScanningInput(InputStream in, ContentScan.Scanner scanner) {
        super(in);
        this.scanner = scanner;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            scanner.update(b);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            scanner.update(b, off, n);
        }
        return n;
    }
}
