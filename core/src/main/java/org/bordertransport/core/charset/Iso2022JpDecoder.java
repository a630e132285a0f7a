package org.bordertransport.core.charset;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Decodes ISO-2022-JP as written by Windows code pages 50220, 50221 and 50222, with the CP932 mapping (the inverse
 * of {@link Iso2022JpEncoder}): {@code ESC ( B} and {@code ESC ( J} (JIS-Roman, read as ASCII like Windows does),
 * {@code ESC $ @} and {@code ESC $ B} (JIS X 0208 with NEC row 13 and the NEC-selected IBM extensions),
 * {@code ESC ( I} and SO/SI (half-width katakana).
 *
 * <p>Strict: 8-bit bytes, other escape sequences (JIS X 0212 {@code ESC $ ( D} included), undefined codes, a
 * line break outside ASCII and text that does not end in ASCII are {@link CharsetConversionException errors} naming
 * the byte offset. The output is limited to {@code maxChars} characters. Immutable and thread-safe.</p>
 */
public final class Iso2022JpDecoder {
    /** Default output limit: 16 M characters. */
    public static final long DEFAULT_MAX_CHARS = 16L * 1024 * 1024;

    private static final int ESC = 0x1B;
    private static final int SO = 0x0E;
    private static final int SI = 0x0F;
    private static final int ASCII = 0;
    private static final int JIS_X0208 = 1;
    private static final int KANA = 2;
    private static final int READ_BUFFER = 8192;

    private final long maxChars;

    private Iso2022JpDecoder(long maxChars) {
        this.maxChars = maxChars;
    }

    public static Iso2022JpDecoder create() {
        return new Iso2022JpDecoder(DEFAULT_MAX_CHARS);
    }

    /**
     * @throws IllegalArgumentException when {@code maxChars} is not positive
     */
    public static Iso2022JpDecoder withMaxChars(long maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be positive, got " + maxChars);
        }
        return new Iso2022JpDecoder(maxChars);
    }

    public String decode(byte[] bytes) throws CharsetConversionException {
        StringWriter text = new StringWriter(bytes.length);
        try {
            decode(new ByteArrayInputStream(bytes), text);
        } catch (CharsetConversionException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory streams cannot fail", e);
        }
        return text.toString();
    }

    /**
     * Decodes a stream of any length with bounded memory; neither stream is closed.
     *
     * @return the number of characters written
     * @throws CharsetConversionException for malformed input or output over the limit
     */
    public long decode(InputStream in, Writer out) throws IOException {
        Run run = new Run(out);
        byte[] buffer = new byte[READ_BUFFER];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            for (int i = 0; i < read; i++) {
                run.accept(buffer[i] & 0xFF);
            }
        }
        run.end();
        out.flush();
        return run.chars;
    }

    private final class Run {
        private final Writer out;
        private long offset;
        private long chars;
        private int designation = ASCII;
        private boolean shiftedOut;
        private int lead = -1;
        private final int[] escape = new int[3];
        private int escapeLength = -1;

        Run(Writer out) {
            this.out = out;
        }

        void accept(int b) throws IOException {
            if (escapeLength >= 0) {
                escape(b);
            } else if (b == ESC) {
                if (lead >= 0) {
                    throw malformed("escape sequence inside a JIS X 0208 character");
                }
                escapeLength = 0;
            } else if (b == SO) {
                shiftedOut = true;
            } else if (b == SI) {
                shiftedOut = false;
            } else if (b >= 0x80) {
                throw malformed(String.format("8-bit byte 0x%02X", b));
            } else if (b == '\r' || b == '\n') {
                if (designation != ASCII || shiftedOut || lead >= 0) {
                    throw malformed("line break before the return to ASCII");
                }
                emit((char) b);
            } else if (shiftedOut || designation == KANA) {
                if (b < 0x21 || b > 0x5F) {
                    throw malformed(String.format("byte 0x%02X is not a JIS X 0201 katakana", b));
                }
                emit((char) (Iso2022JpTables.FIRST_HALFWIDTH_KANA + b - 0x21));
            } else if (designation == JIS_X0208) {
                jisX0208(b);
            } else {
                emit((char) b);
            }
            offset++;
        }

        void end() throws CharsetConversionException {
            if (escapeLength >= 0 || lead >= 0) {
                throw malformed("truncated at the end of the input");
            }
            if (designation != ASCII || shiftedOut) {
                throw malformed("the text does not end in ASCII");
            }
        }

        private void jisX0208(int b) throws IOException {
            if (b < 0x21 || b > 0x7E) {
                throw malformed(String.format("byte 0x%02X in JIS X 0208 mode", b));
            }
            if (lead < 0) {
                lead = b;
                return;
            }
            char c = Iso2022JpTables.decode(lead, b);
            if (c == 0) {
                throw new CharsetConversionException(String.format("undefined JIS X 0208 code 0x%02X%02X at byte %d",
                    lead, b, offset - 1), offset - 1, -1);
            }
            lead = -1;
            emit(c);
        }

        private void escape(int b) throws CharsetConversionException {
            escape[escapeLength++] = b;
            int first = escape[0];
            if (escapeLength == 1) {
                if (first == '(' || first == '$') {
                    return;
                }
            } else if (escapeLength == 2) {
                int second = escape[1];
                if (first == '(' && (second == 'B' || second == 'J')) {
                    designate(ASCII);
                    return;
                }
                if (first == '(' && second == 'I') {
                    designate(KANA);
                    return;
                }
                if (first == '$' && (second == '@' || second == 'B')) {
                    designate(JIS_X0208);
                    return;
                }
                if (first == '$' && second == '(') {
                    return;
                }
            }
            StringBuilder sequence = new StringBuilder("ESC");
            for (int i = 0; i < escapeLength; i++) {
                sequence.append(' ').append(escape[i] >= 0x21 && escape[i] <= 0x7E ? String.valueOf((char) escape[i])
                    : String.format("0x%02X", escape[i]));
            }
            throw malformed("unsupported escape sequence " + sequence);
        }

        private void designate(int mode) {
            designation = mode;
            escapeLength = -1;
        }

        private void emit(char c) throws IOException {
            if (chars >= maxChars) {
                throw new CharsetConversionException("ISO-2022-JP text decodes to more than the limit of " + maxChars
                    + " characters", offset, -1);
            }
            out.write(c);
            chars++;
        }

        private CharsetConversionException malformed(String why) {
            return new CharsetConversionException("malformed ISO-2022-JP at byte " + offset + ": " + why, offset, -1);
        }
    }
}
