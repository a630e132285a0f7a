package org.bordertransport.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writing header lines and raw octets of a message with CRLF line ends. */
public final class MimeOutput {
    private static final byte[] CRLF = {'\r', '\n'};

    private MimeOutput() {
    }

    /** An ASCII line and CRLF. */
    public static void writeLine(String line, OutputStream out) throws IOException {
        out.write(line.getBytes(StandardCharsets.US_ASCII));
        out.write(CRLF);
    }

    /** Octets with every bare CR or LF written as CRLF. */
    public static void writeCanonical(byte[] bytes, OutputStream out) throws IOException {
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '\r') {
                out.write(CRLF);
                if (i + 1 < bytes.length && bytes[i + 1] == '\n') {
                    i++;
                }
            } else if (b == '\n') {
                out.write(CRLF);
            } else {
                out.write(b);
            }
        }
    }
}
