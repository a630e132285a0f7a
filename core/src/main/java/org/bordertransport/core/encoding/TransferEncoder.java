package org.bordertransport.core.encoding;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.apache.james.mime4j.codec.Base64OutputStream;
import org.apache.james.mime4j.codec.QuotedPrintableOutputStream;

/**
 * Streams decoded content into {@code 7bit}, {@code quoted-printable} or {@code base64}, with constant memory.
 *
 * <ul>
 *   <li>Text ({@code text = true}): line ends (CRLF, bare CR, bare LF) become CRLF before encoding, for every
 *   encoding (RFC 2045 section 6.8 wants canonical text under base64 too). QP uses mime4j's text mode: CRLF stays a
 *   hard line break, trailing white space before it is escaped.</li>
 *   <li>Binary ({@code text = false}): octets are encoded exactly; QP uses mime4j's binary mode, which escapes CR and
 *   LF ({@code =0D=0A}) so they survive.</li>
 *   <li>QP and base64 lines are at most 76 characters, ended by CRLF. Base64 output ends with CRLF; 7bit and QP
 *   output end as the content ends (the caller writes the CRLF that precedes the next boundary).</li>
 *   <li>7bit is checked as it is written: an octet over 0x7F, NUL, a line over 998 octets or (binary) a bare CR/LF
 *   fails with {@link EncodingException}; what was written before the failure must be discarded.</li>
 * </ul>
 *
 * <p>Works around two behaviours of mime4j 0.8.9's {@link QuotedPrintableOutputStream} in text mode: it writes a bare
 * LF or CR raw (and drops the first CR of "CR CR"), so text is canonicalised first; and it leaves white space at the
 * very end of the content unescaped, which decoders strip, so a soft line break ({@code =} CRLF) is added after it.</p>
 */
public final class TransferEncoder {
    private static final byte[] SOFT_BREAK = "=\r\n".getBytes(StandardCharsets.US_ASCII);

    private TransferEncoder() {
    }

    /**
     * Encodes all of {@code decoded} into {@code out} (neither is closed).
     *
     * @param encoding {@link TransferEncoding#SEVEN_BIT}, {@link TransferEncoding#QUOTED_PRINTABLE} or
     *     {@link TransferEncoding#BASE64}
     * @throws EncodingException the content cannot be sent as 7bit
     */
    public static void encode(InputStream decoded, OutputStream out, TransferEncoding encoding, boolean text)
        throws IOException, EncodingException {
        Objects.requireNonNull(decoded, "decoded");
        try (OutputStream encoder = encoder(out, encoding, text)) {
            decoded.transferTo(encoder);
        } catch (EncodingIOException e) {
            throw e.getCause();
        }
    }

    /**
     * A stream that encodes what is written to it into {@code out}. Closing it ends the encoding and flushes
     * {@code out} but does not close it. A 7bit violation is thrown as {@link EncodingIOException}.
     *
     * @throws IllegalArgumentException for an encoding other than 7bit, quoted-printable and base64
     */
    public static OutputStream encoder(OutputStream out, TransferEncoding encoding, boolean text) {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(encoding, "encoding");
        switch (encoding) {
            case SEVEN_BIT:
                return sevenBit(out, text);
            case QUOTED_PRINTABLE:
                return text ? quotedPrintableText(out) : new Finishing(new QuotedPrintableOutputStream(out, true), out);
            case BASE64:
                return base64(out, text);
            default:
                throw new IllegalArgumentException("cannot encode into '" + encoding.token() + "': allowed encodings are "
                    + "7bit, quoted-printable, base64");
        }
    }

    private static OutputStream sevenBit(OutputStream out, boolean text) {
        SevenBitCheck check = new SevenBitCheck(out);
        if (!text) {
            return new Finishing(check, out);
        }
        CanonicalLineEnds canonical = new CanonicalLineEnds(check);
        return new Finishing(canonical, out) {
            @Override
            void finish() throws IOException {
                canonical.finish();
                check.finish();
            }
        };
    }

    private static OutputStream quotedPrintableText(OutputStream out) {
        QuotedPrintableOutputStream qp = new QuotedPrintableOutputStream(out, false);
        CanonicalLineEnds canonical = new CanonicalLineEnds(qp);
        return new Finishing(canonical, out) {
            @Override
            void finish() throws IOException {
                canonical.finish();
                qp.close();
                if (canonical.last() == ' ' || canonical.last() == '\t') {
                    out.write(SOFT_BREAK);
                }
            }
        };
    }

    private static OutputStream base64(OutputStream out, boolean text) {
        Base64OutputStream base64 = new Base64OutputStream(out);
        if (!text) {
            return new Finishing(base64, out);
        }
        CanonicalLineEnds canonical = new CanonicalLineEnds(base64);
        return new Finishing(canonical, out) {
            @Override
            void finish() throws IOException {
                canonical.finish();
                base64.close();
            }
        };
    }

    /** Writes to a chain, finishes it once on close, flushes but never closes the final stream. */
    private static class Finishing extends OutputStream {
        private final OutputStream head;
        private final OutputStream out;
        private boolean closed;

        Finishing(OutputStream head, OutputStream out) {
            this.head = head;
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("encoder already closed");
            }
            head.write(b, off, len);
        }

        void finish() throws IOException {
            head.close();
        }

        @Override
        public void flush() throws IOException {
            head.flush();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            finish();
            out.flush();
        }
    }
}
