package org.bordertransport.core.encoding;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes octets through and fails, before writing them, on anything {@code 7bit} forbids (RFC 2045 section 2.7):
 * an octet over 0x7F, NUL, a CR or LF that is not part of CRLF, a line over 998 octets.
 */
final class SevenBitCheck extends OutputStream {
    private final OutputStream out;
    private long offset;
    private long line = 1;
    private int lineLength;
    private boolean pendingCr;

    SevenBitCheck(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            check(b[i] & 0xff);
        }
        out.write(b, off, len);
    }

    private void check(int octet) throws EncodingIOException {
        offset++;
        if (pendingCr) {
            if (octet != '\n') {
                throw violation("bare CR");
            }
            pendingCr = false;
            line++;
            lineLength = 0;
            return;
        }
        if (octet == '\r') {
            pendingCr = true;
        } else if (octet == '\n') {
            throw violation("bare LF");
        } else if (octet == 0) {
            throw violation("NUL octet");
        } else if (octet > 0x7f) {
            throw violation("octet 0x" + Integer.toHexString(octet).toUpperCase(java.util.Locale.ROOT));
        } else if (++lineLength > ContentScan.MAX_LINE_OCTETS) {
            throw violation("line longer than " + ContentScan.MAX_LINE_OCTETS + " octets");
        }
    }

    void finish() throws EncodingIOException {
        if (pendingCr) {
            throw violation("bare CR");
        }
    }

    private EncodingIOException violation(String what) {
        return new EncodingIOException(new EncodingException("content cannot be sent as 7bit: " + what + " at line "
            + line + " (octet " + offset + ")"));
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
