package org.bordertransport.core.charset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;

/**
 * Encodes text to ISO-2022-JP the way Windows code pages 50220, 50221 and 50222 do, for mail to Japanese recipients
 * (RFC 1468): ASCII, JIS X 0208 with the CP932 mapping (so Windows-typed ～ － ∥ ￠ ￡ ￢, the NEC specials ① Ⅰ ㈱ and
 * the IBM extensions 髙 﨑 survive), and half-width katakana per {@link Iso2022JpVariant}. Each line ends in ASCII,
 * the output is 7-bit, and a character that cannot be encoded is reported, never replaced.
 *
 * <p>See {@link Iso2022JpTables} for the exact character repertoire. Immutable and thread-safe.</p>
 */
public final class Iso2022JpEncoder {
    private static final int READ_BUFFER = 8192;

    private final Iso2022JpVariant variant;

    private Iso2022JpEncoder(Iso2022JpVariant variant) {
        this.variant = variant;
    }

    public static Iso2022JpEncoder of(Iso2022JpVariant variant) {
        if (variant == null) {
            throw new IllegalArgumentException("an ISO-2022-JP variant is required: 50220, 50221 or 50222");
        }
        return new Iso2022JpEncoder(variant);
    }

    public Iso2022JpVariant variant() {
        return variant;
    }

    /** True when every character of {@code text} can be encoded (the same for every variant). */
    public boolean canEncode(CharSequence text) {
        return indexOfUnmappable(text) < 0;
    }

    /** The index of the first character that cannot be encoded (the high surrogate of a pair), or -1. */
    public int indexOfUnmappable(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (Iso2022JpTables.encode(text.charAt(i)) == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Like {@link #indexOfUnmappable(CharSequence)} for a stream of any length, read once with a bounded buffer. */
    public long indexOfUnmappable(Reader text) throws IOException {
        char[] buffer = new char[READ_BUFFER];
        long offset = 0;
        int read;
        while ((read = text.read(buffer)) >= 0) {
            for (int i = 0; i < read; i++) {
                if (Iso2022JpTables.encode(buffer[i]) == 0) {
                    return offset + i;
                }
            }
            offset += read;
        }
        return -1;
    }

    /**
     * Encodes a whole text.
     *
     * @throws CharsetConversionException naming the first character that cannot be encoded and its index
     */
    public byte[] encode(CharSequence text) throws CharsetConversionException {
        int capacity = (int) Math.min(1 << 16, text.length() * 3L + 16);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(capacity);
        try (Iso2022JpWriter writer = new Iso2022JpWriter(bytes, variant, capacity)) {
            writer.append(text);
        } catch (CharsetConversionException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array stream cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Encodes a stream of any length with bounded memory and {@link Iso2022JpWriter#finish() finishes} it; neither
     * stream is closed.
     *
     * @throws CharsetConversionException naming the first character that cannot be encoded; {@code out} then holds
     *     incomplete output
     */
    public void encode(Reader in, OutputStream out) throws IOException {
        Iso2022JpWriter writer = newWriter(out);
        char[] buffer = new char[READ_BUFFER];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            writer.write(buffer, 0, read);
        }
        writer.finish();
    }

    /** A writer that encodes onto {@code out}; call {@link Iso2022JpWriter#finish()} or close it at the end. */
    public Iso2022JpWriter newWriter(OutputStream out) {
        return new Iso2022JpWriter(out, variant);
    }

    @Override
    public String toString() {
        return Iso2022JpVariant.MIME_CHARSET + " (code page " + variant.codePage() + ")";
    }
}
