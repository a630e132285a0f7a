package org.bordertransport.core.encoding;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * What a body's decoded content contains, as far as transfer encoding is concerned, computed in one pass with
 * constant memory ({@link #of(InputStream)}, or a {@link Scanner} fed while the content is copied elsewhere).
 *
 * <p>Lines end at CRLF, at a bare LF and at a bare CR (the three line ends of text that is canonicalised to CRLF);
 * line lengths are in octets without the line end.</p>
 */
public final class ContentScan {
    /** The longest line SMTP and RFC 5322 allow, without its CRLF. */
    public static final int MAX_LINE_OCTETS = 998;

    private final long octets;
    private final long eightBitOctets;
    private final long lines;
    private final long longestLine;
    private final boolean nul;
    private final boolean bareCr;
    private final boolean bareLf;
    private final boolean endsWithLineBreak;
    private final boolean complete;

    private ContentScan(long octets, long eightBitOctets, long lines, long longestLine, boolean nul, boolean bareCr,
                        boolean bareLf, boolean endsWithLineBreak, boolean complete) {
        this.complete = complete;
        this.octets = octets;
        this.eightBitOctets = eightBitOctets;
        this.lines = lines;
        this.longestLine = longestLine;
        this.nul = nul;
        this.bareCr = bareCr;
        this.bareLf = bareLf;
        this.endsWithLineBreak = endsWithLineBreak;
    }

    /** Reads {@code in} to its end (it is not closed). */
    public static ContentScan of(InputStream in) throws IOException {
        Scanner scanner = scanner();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            scanner.update(buffer, 0, n);
        }
        return scanner.result();
    }

    /** Scans a byte array (tests, small parts). */
    public static ContentScan of(byte[] content) {
        Scanner scanner = scanner();
        scanner.update(content, 0, content.length);
        return scanner.result();
    }

    public static Scanner scanner() {
        return new Scanner(false);
    }

    /**
     * A scanner for binary data that stops looking once the content is known not to be 7-bit safe (an octet over
     * 0x7F, a NUL, a long line, a bare CR or LF): then only {@link #octets()} goes on counting and the result is not
     * {@link #complete()}. For parts whose encoding depends on nothing else (attachments).
     */
    public static Scanner binaryScanner() {
        return new Scanner(true);
    }

    /** False when a {@link #binaryScanner()} stopped early: the counts other than octets are lower bounds. */
    public boolean complete() {
        return complete;
    }

    public long octets() {
        return octets;
    }

    public long eightBitOctets() {
        return eightBitOctets;
    }

    public boolean hasEightBit() {
        return eightBitOctets > 0;
    }

    public boolean hasNul() {
        return nul;
    }

    /** A CR not followed by LF. */
    public boolean hasBareCr() {
        return bareCr;
    }

    /** An LF not preceded by CR. */
    public boolean hasBareLf() {
        return bareLf;
    }

    /** Number of lines, a last line without line end included. */
    public long lines() {
        return lines;
    }

    /** The longest line in octets, without its line end. */
    public long longestLine() {
        return longestLine;
    }

    public boolean endsWithLineBreak() {
        return endsWithLineBreak;
    }

    /** Whether some line is longer than {@value #MAX_LINE_OCTETS} octets. */
    public boolean hasLongLines() {
        return longestLine > MAX_LINE_OCTETS;
    }

    /**
     * Whether the content may be sent as {@code 7bit} (RFC 2045 section 2.7): no octet over 0x7F, no NUL, no line
     * over 998 octets and, unless it is text whose line ends are canonicalised on output, no bare CR or LF.
     */
    public boolean isSevenBitSafe(boolean text) {
        return !hasEightBit() && !nul && !hasLongLines() && (text || (!bareCr && !bareLf));
    }

    /** Why {@link #isSevenBitSafe} is false (for logs), or {@code "7-bit clean"}. */
    public String describe(boolean text) {
        if (hasEightBit()) {
            return complete ? eightBitOctets + " octets over 0x7F" : "octets over 0x7F";
        }
        if (nul) {
            return "NUL octets";
        }
        if (hasLongLines()) {
            return complete ? "a line of " + longestLine + " octets (limit " + MAX_LINE_OCTETS + ")"
                : "a line over " + MAX_LINE_OCTETS + " octets";
        }
        if (!text && (bareCr || bareLf)) {
            return "bare CR or LF octets in binary data";
        }
        return "7-bit clean";
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ContentScan)) {
            return false;
        }
        ContentScan other = (ContentScan) o;
        return octets == other.octets && eightBitOctets == other.eightBitOctets && lines == other.lines
            && longestLine == other.longestLine && nul == other.nul && bareCr == other.bareCr
            && bareLf == other.bareLf && endsWithLineBreak == other.endsWithLineBreak && complete == other.complete;
    }

    @Override
    public int hashCode() {
        return Objects.hash(octets, eightBitOctets, lines, longestLine, nul, bareCr, bareLf, endsWithLineBreak,
            complete);
    }

    @Override
    public String toString() {
        return "ContentScan{octets=" + octets + ", eightBit=" + eightBitOctets + ", lines=" + lines + ", longestLine="
            + longestLine + ", nul=" + nul + ", bareCr=" + bareCr + ", bareLf=" + bareLf + ", endsWithLineBreak="
            + endsWithLineBreak + (complete ? "" : ", stopped early") + "}";
    }

    /** Accumulates a scan over content fed in pieces; not thread-safe. */
    public static final class Scanner {
        private long octets;
        private long eightBitOctets;
        private long lineEnds;
        private long longestLine;
        private long currentLine;
        private boolean nul;
        private boolean bareCr;
        private boolean bareLf;
        private boolean pendingCr;
        private int last = -1;
        private final boolean stopWhenUnsafe;
        private boolean stopped;

        private Scanner(boolean stopWhenUnsafe) {
            this.stopWhenUnsafe = stopWhenUnsafe;
        }

        private void stopIfUnsafe() {
            stopped = eightBitOctets > 0 || nul || bareCr || bareLf || longestLine > MAX_LINE_OCTETS
                || currentLine > MAX_LINE_OCTETS;
        }

        public void update(byte[] buffer, int offset, int length) {
            Objects.checkFromIndexSize(offset, length, buffer.length);
            if (length == 0) {
                return;
            }
            if (stopped) {
                octets += length;
                last = buffer[offset + length - 1] & 0xff;
                return;
            }
            // the same state machine as update(int), on locals: this loop sees every octet of every message twice
            long eightBit = 0;
            long ends = lineEnds;
            long longest = longestLine;
            long current = currentLine;
            boolean sawNul = nul;
            boolean sawBareCr = bareCr;
            boolean sawBareLf = bareLf;
            boolean cr = pendingCr;
            int end = offset + length;
            for (int i = offset; i < end; i++) {
                int octet = buffer[i] & 0xff;
                if (cr) {
                    cr = false;
                    if (octet == '\n') {
                        continue;
                    }
                    sawBareCr = true;
                }
                if (octet > '\r') {
                    current++;
                    eightBit += octet >>> 7;
                } else if (octet == '\r') {
                    ends++;
                    longest = Math.max(longest, current);
                    current = 0;
                    cr = true;
                } else if (octet == '\n') {
                    sawBareLf = true;
                    ends++;
                    longest = Math.max(longest, current);
                    current = 0;
                } else {
                    current++;
                    sawNul |= octet == 0;
                }
            }
            octets += length;
            eightBitOctets += eightBit;
            lineEnds = ends;
            longestLine = longest;
            currentLine = current;
            nul = sawNul;
            bareCr = sawBareCr;
            bareLf = sawBareLf;
            pendingCr = cr;
            last = buffer[end - 1] & 0xff;
            if (stopWhenUnsafe) {
                stopIfUnsafe();
            }
        }

        public void update(int b) {
            int octet = b & 0xff;
            if (stopped) {
                octets++;
                last = octet;
                return;
            }
            if (stopWhenUnsafe) {
                updateOne(octet);
                stopIfUnsafe();
            } else {
                updateOne(octet);
            }
        }

        private void updateOne(int octet) {
            octets++;
            if (pendingCr) {
                pendingCr = false;
                if (octet == '\n') {
                    last = octet;
                    return;
                }
                bareCr = true;
            }
            last = octet;
            if (octet == '\r') {
                endLine();
                pendingCr = true;
            } else if (octet == '\n') {
                bareLf = true;
                endLine();
            } else {
                currentLine++;
                if (octet == 0) {
                    nul = true;
                } else if (octet > 0x7f) {
                    eightBitOctets++;
                }
            }
        }

        private void endLine() {
            lineEnds++;
            longestLine = Math.max(longestLine, currentLine);
            currentLine = 0;
        }

        /** The scan of everything fed so far (the scanner can go on). */
        public ContentScan result() {
            boolean endsWithBreak = last == '\r' || last == '\n';
            return new ContentScan(octets, eightBitOctets, lineEnds + (currentLine > 0 ? 1 : 0),
                Math.max(longestLine, currentLine), nul, bareCr || pendingCr, bareLf, endsWithBreak, !stopped);
        }
    }
}
