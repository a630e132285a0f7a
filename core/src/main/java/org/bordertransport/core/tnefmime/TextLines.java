package org.bordertransport.core.tnefmime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads text as lines of at most {@value #MAX_LINE} octets: a longer line comes in pieces, each flagged as the
 * start or the end of its line, so that any text can be scanned and copied with a bounded buffer. Line ends (LF,
 * CRLF) stay in the line's octets. One piece can be pushed back.
 */
final class TextLines {
    /** The longest line held whole; longer lines are never {@code begin} or uuencoded data lines. */
    static final int MAX_LINE = 1024;

    private final InputStream in;
    /** What the source gave and the lines have not taken: the source (a MIME body) is buffered already. */
    private final byte[] buffer = new byte[2048];
    private int position;
    private int limit;
    private boolean eof;
    private final byte[] line = new byte[MAX_LINE];
    private int length;
    private boolean lineStart;
    private boolean lineEnd;
    private boolean nextStartsLine = true;
    private boolean pushedBack;

    TextLines(InputStream in) {
        this.in = in;
    }

    /** Reads the next piece; false at the end of the text. */
    boolean next() throws IOException {
        if (pushedBack) {
            pushedBack = false;
            return true;
        }
        length = 0;
        lineStart = nextStartsLine;
        lineEnd = false;
        while (length < MAX_LINE) {
            if (position == limit && !fill()) {
                lineEnd = true;
                break;
            }
            byte b = buffer[position++];
            line[length++] = b;
            if (b == '\n') {
                lineEnd = true;
                break;
            }
        }
        nextStartsLine = lineEnd;
        return length > 0;
    }

    /** The piece just read comes again from the next {@link #next()}. */
    void pushBack() {
        pushedBack = true;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buffer);
        if (n <= 0) {
            eof = true;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    /** Whether the piece is a whole line (not part of a longer one). */
    boolean whole() {
        return lineStart && lineEnd;
    }

    byte[] octets() {
        return line;
    }

    /** The octets of the piece, line end included. */
    int length() {
        return length;
    }

    /** The octets of the piece without its line end (LF, CRLF) and trailing spaces or tabs. */
    int contentLength() {
        int n = length;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t')) {
            n--;
        }
        return n;
    }

    void copyTo(OutputStream out) throws IOException {
        out.write(line, 0, length);
    }
}
