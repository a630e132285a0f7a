package org.bordertransport.core.charset;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * A {@link Writer} that encodes text to ISO-2022-JP on an {@link OutputStream}, holding at most about 8 KB of output
 * (and one pending character) in memory. Every CR and LF is preceded by a return to ASCII, and {@link #finish()}
 * (or {@link #close()}) ends the text in ASCII, so each line stands on its own as RFC 1468 requires. The output is
 * 7-bit only.
 *
 * <p>A character the variant cannot encode throws {@link CharsetConversionException} naming it and its index from
 * the start of the text; the output written until then is incomplete and must be discarded (check first with
 * {@link Iso2022JpEncoder#indexOfUnmappable(java.io.Reader)} to avoid that). Not thread-safe.</p>
 */
public final class Iso2022JpWriter extends Writer {
    private static final int FLUSH_THRESHOLD = 8192;

    private final OutputStream out;
    private final Iso2022JpVariant variant;
    private final Iso2022JpState state;
    private long index;
    private long bytesWritten;
    private char pendingKana;
    private char pendingHighSurrogate;
    private boolean finished;
    private boolean closed;

    Iso2022JpWriter(OutputStream out, Iso2022JpVariant variant) {
        this(out, variant, FLUSH_THRESHOLD);
    }

    /** {@code capacity} is the initial buffer size, for short texts. */
    Iso2022JpWriter(OutputStream out, Iso2022JpVariant variant, int capacity) {
        if (out == null) {
            throw new IllegalArgumentException("an output stream is required");
        }
        this.out = out;
        this.variant = variant;
        this.state = new Iso2022JpState(Math.min(capacity, FLUSH_THRESHOLD) + 64);
    }

    @Override
    public void write(int c) throws IOException {
        ensureOpen();
        accept((char) c);
        drainIfFull();
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        ensureOpen();
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            accept(chars[i]);
            if (state.length() >= FLUSH_THRESHOLD) {
                drain();
            }
        }
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        ensureOpen();
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            accept(text.charAt(i));
            if (state.length() >= FLUSH_THRESHOLD) {
                drain();
            }
        }
    }

    @Override
    public Writer append(CharSequence text) throws IOException {
        CharSequence chars = text == null ? "null" : text;
        ensureOpen();
        for (int i = 0; i < chars.length(); i++) {
            accept(chars.charAt(i));
            if (state.length() >= FLUSH_THRESHOLD) {
                drain();
            }
        }
        return this;
    }

    /** Writes the buffered bytes to the stream and flushes it; the text is not ended (see {@link #finish()}). */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        drain();
        out.flush();
    }

    /**
     * Ends the text: writes a pending character, returns to ASCII and flushes, without closing the stream.
     * Further writes are refused.
     */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        if (pendingHighSurrogate != 0) {
            throw CharsetConversionException.unmappable(pendingHighSurrogate, index - 1, variant);
        }
        if (pendingKana != 0) {
            state.jisX0208(Iso2022JpTables.fullWidth(pendingKana));
            pendingKana = 0;
        }
        state.finish();
        drain();
        out.flush();
    }

    /** {@link #finish() Finishes} the text and closes the stream. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            finish();
        } finally {
            out.close();
        }
    }

    /** Bytes handed to the stream so far. */
    public long bytesWritten() {
        return bytesWritten;
    }

    /**
     * The longest line so far in octets, escape sequences included and CR LF excluded: a 7bit MIME body needs at most
     * 998.
     */
    public int longestLineOctets() {
        return state.longestLine();
    }

    private void accept(char c) throws CharsetConversionException {
        if (pendingHighSurrogate != 0) {
            int codePoint = Character.isLowSurrogate(c) ? Character.toCodePoint(pendingHighSurrogate, c) : pendingHighSurrogate;
            throw CharsetConversionException.unmappable(codePoint, index - 1, variant);
        }
        if (pendingKana != 0) {
            char kana = pendingKana;
            pendingKana = 0;
            int combined = Iso2022JpTables.combined(kana, c);
            if (combined != 0) {
                state.jisX0208(combined);
                index++;
                return;
            }
            state.jisX0208(Iso2022JpTables.fullWidth(kana));
        }
        int code = Iso2022JpTables.encode(c);
        if (code == 0) {
            if (Character.isHighSurrogate(c)) {
                pendingHighSurrogate = c;
                index++;
                return;
            }
            throw CharsetConversionException.unmappable(c, index, variant);
        }
        if (code < 0x80) {
            state.ascii(code);
        } else if ((code & 0xFF00) == Iso2022JpTables.KANA) {
            halfwidthKana(c, code & 0xFF);
        } else {
            state.jisX0208(code);
        }
        index++;
    }

    private void halfwidthKana(char c, int jisX0201) {
        switch (variant) {
            case CP50220:
                if (Iso2022JpTables.canCombine(c)) {
                    pendingKana = c;
                } else {
                    state.jisX0208(Iso2022JpTables.fullWidth(c));
                }
                break;
            case CP50221:
                state.kanaByEscape(jisX0201);
                break;
            default:
                state.kanaByShift(jisX0201);
                break;
        }
    }

    private void drainIfFull() throws IOException {
        if (state.length() >= FLUSH_THRESHOLD) {
            drain();
        }
    }

    private void drain() throws IOException {
        if (state.length() > 0) {
            out.write(state.buffer(), 0, state.length());
            bytesWritten += state.length();
            state.drain();
        }
    }

    private void ensureOpen() throws IOException {
        if (finished || closed) {
            throw new IOException("the ISO-2022-JP text is already finished");
        }
    }
}
