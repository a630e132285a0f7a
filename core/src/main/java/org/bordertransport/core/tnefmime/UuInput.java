package org.bordertransport.core.tnefmime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The octets of one uuencoded block, read from the {@link TextLines} after its {@code begin NNN name} line: each
 * data line holds a length character ({@code 0x20 + n}, {@code `} for 0) and four characters per three octets
 * (trailing spaces that a gateway cut are read as zero). The block ends at a zero-length line (also one cut to an
 * empty line), at {@code end}, or at the first line that is not uuencoded data (which is pushed back: it is text
 * again); at most {@code maxOctets} octets are read, then the stream ends and {@link #overLimit()} says so.
 */
final class UuInput extends InputStream {
    private static final Pattern BEGIN = Pattern.compile("begin [0-7]{3,4} (\\S.*)");
    private static final int MAX_LINE_OCTETS = 63;

    private final TextLines lines;
    private final long maxOctets;
    private final byte[] decoded = new byte[MAX_LINE_OCTETS];
    private int position;
    private int available;
    private long total;
    private boolean done;
    private boolean overLimit;

    UuInput(TextLines lines, long maxOctets) {
        this.lines = lines;
        this.maxOctets = maxOctets;
    }

    /** The file name of a {@code begin} line (the current whole line of {@code lines}); empty when it is not one. */
    static Optional<String> beginName(TextLines lines) {
        if (!lines.whole() || lines.length() < 9 || lines.octets()[0] != 'b') {
            return Optional.empty();
        }
        Matcher m = BEGIN.matcher(new String(lines.octets(), 0, lines.contentLength(), StandardCharsets.ISO_8859_1));
        return m.matches() ? Optional.of(m.group(1).trim()) : Optional.empty();
    }

    /**
     * Decodes one data line into {@code out} (at least {@value #MAX_LINE_OCTETS} octets).
     *
     * @return the octets decoded; 0 for the zero-length line that ends the data; -1 when it is not a data line
     */
    static int decodeLine(byte[] line, int length, byte[] out) {
        if (length == 0) {
            return -1;
        }
        int n = value(line[0]);
        if (n < 0) {
            return -1;
        }
        int needed = (n + 2) / 3 * 4;
        if (length - 1 > needed + 2) {
            return -1;
        }
        for (int i = 1; i < length; i++) {
            if (value(line[i]) < 0) {
                return -1;
            }
        }
        int written = 0;
        for (int group = 0; written < n; group++) {
            int c0 = sixBits(line, length, 1 + group * 4);
            int c1 = sixBits(line, length, 2 + group * 4);
            int c2 = sixBits(line, length, 3 + group * 4);
            int c3 = sixBits(line, length, 4 + group * 4);
            int bits = c0 << 18 | c1 << 12 | c2 << 6 | c3;
            for (int shift = 16; shift >= 0 && written < n; shift -= 8) {
                out[written++] = (byte) (bits >> shift);
            }
        }
        return written;
    }

    private static int value(byte b) {
        return b >= 0x20 && b <= 0x60 ? (b - 0x20) & 0x3F : -1;
    }

    private static int sixBits(byte[] line, int length, int index) {
        return index < length ? value(line[index]) : 0;
    }

    /** Whether the block was cut at {@code maxOctets}. */
    boolean overLimit() {
        return overLimit;
    }

    @Override
    public int read() throws IOException {
        while (position == available) {
            if (!nextLine()) {
                return -1;
            }
        }
        return decoded[position++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (position == available) {
            if (!nextLine()) {
                return -1;
            }
        }
        int n = Math.min(len, available - position);
        System.arraycopy(decoded, position, b, off, n);
        position += n;
        return n;
    }

    /** Reads the rest of the block, to its end. */
    void drain() throws IOException {
        while (nextLine()) {
            position = available;
        }
    }

    private boolean nextLine() throws IOException {
        if (done || !lines.next()) {
            done = true;
            return false;
        }
        int length = lines.contentLength();
        if (lines.whole() && length == 3 && lines.octets()[0] == 'e' && lines.octets()[1] == 'n'
            && lines.octets()[2] == 'd') {
            done = true;
            return false;
        }
        // the zero-length line: "`", or " " that a gateway may have cut to an empty line
        boolean emptyMarker = length == 0 && lines.whole();
        int n = emptyMarker ? 0 : lines.whole() ? decodeLine(lines.octets(), length, decoded) : -1;
        if (n < 0) {
            lines.pushBack();
            done = true;
            return false;
        }
        if (n == 0) {
            // the zero-length line; "end" follows
            if (lines.next() && !(lines.whole() && lines.contentLength() == 3 && lines.octets()[0] == 'e')) {
                lines.pushBack();
            }
            done = true;
            return false;
        }
        if (total + n > maxOctets) {
            overLimit = true;
            done = true;
            return false;
        }
        total += n;
        position = 0;
        available = n;
        return true;
    }
}
