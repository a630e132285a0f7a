package org.bordertransport.core.tnef;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Bytes read from a TNEF stream: held in memory when small, otherwise in the temporary file of the message, which
 * {@link TnefMessage#close()} deletes (reading afterwards fails with an {@link IOException}). Immutable; slices share
 * the storage of their parent.
 */
public final class TnefContent {
    private static final byte[] NONE = new byte[0];
    private static final TnefContent EMPTY = new TnefContent(NONE, null, 0, 0);

    private final byte[] bytes;
    private final SpillStore store;
    private final long offset;
    private final long length;

    private TnefContent(byte[] bytes, SpillStore store, long offset, long length) {
        this.bytes = bytes;
        this.store = store;
        this.offset = offset;
        this.length = length;
    }

    /** In-memory content (the array is copied). */
    public static TnefContent of(byte[] data) {
        return data.length == 0 ? EMPTY : new TnefContent(data.clone(), null, 0, data.length);
    }

    static TnefContent wrap(byte[] data) {
        return data.length == 0 ? EMPTY : new TnefContent(data, null, 0, data.length);
    }

    static TnefContent stored(SpillStore store, long offset, long length) {
        return length == 0 ? EMPTY : new TnefContent(null, store, offset, length);
    }

    public long size() {
        return length;
    }

    /** Whether the bytes are held in memory rather than in the temporary file. */
    public boolean inMemory() {
        return store == null;
    }

    /**
     * The bytes from {@code from} to the end.
     *
     * @throws IllegalArgumentException when {@code from} is negative or beyond {@link #size()}
     */
    public TnefContent slice(long from) {
        return slice(from, length - Math.max(0, from));
    }

    /**
     * {@code count} bytes from {@code from}, sharing this content's storage.
     *
     * @throws IllegalArgumentException when the range is not inside this content
     */
    public TnefContent slice(long from, long count) {
        if (from < 0 || count < 0 || from > length || count > length - from) {
            throw new IllegalArgumentException("slice [" + from + ", +" + count + ") is outside content of " + length
                + " bytes");
        }
        if (count == 0) {
            return EMPTY;
        }
        return new TnefContent(bytes, store, offset + from, count);
    }

    public InputStream openStream() {
        return new ContentStream();
    }

    /**
     * All the bytes in one array.
     *
     * @throws IOException when the content is larger than an array can hold or the temporary file is gone
     */
    public byte[] toByteArray() throws IOException {
        if (length > Integer.MAX_VALUE - 16) {
            throw new IOException("TNEF content of " + length + " bytes does not fit in an array");
        }
        if (store == null) {
            return Arrays.copyOfRange(bytes, (int) offset, (int) (offset + length));
        }
        byte[] out = new byte[(int) length];
        int done = 0;
        while (done < out.length) {
            int n = store.read(offset + done, out, done, out.length - done);
            if (n < 0) {
                throw new IOException("TNEF temporary file ends early");
            }
            done += n;
        }
        return out;
    }

    /** Lowercase hex SHA-256 of the bytes (for tests and logs). */
    public String sha256Hex() throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
        byte[] buffer = new byte[8192];
        try (InputStream in = openStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        StringBuilder hex = new StringBuilder(64);
        for (byte b : digest.digest()) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.toString();
    }

    /** The bytes decoded with {@code charset}; fails when too large for a string. */
    String decode(Charset charset) throws IOException {
        if (store == null) {
            return new String(bytes, (int) offset, (int) length, charset);
        }
        return new String(toByteArray(), charset);
    }

    @Override
    public String toString() {
        return "TnefContent{" + length + " bytes" + (store == null ? "" : ", in temporary file") + "}";
    }

    /** Reads the bytes in order from the memory or the temporary file. */
    private final class ContentStream extends InputStream {
        private long position;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (position >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - position);
            if (store == null) {
                System.arraycopy(bytes, (int) (offset + position), b, off, n);
            } else {
                n = store.read(offset + position, b, off, n);
                if (n < 0) {
                    throw new IOException("TNEF temporary file ends early");
                }
            }
            position += n;
            return n;
        }

        @Override
        public long skip(long n) {
            long s = Math.max(0, Math.min(n, length - position));
            position += s;
            return s;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, length - position);
        }
    }
}
