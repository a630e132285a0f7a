package org.bordertransport.core.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Octets written once, then read any number of times: in memory up to a threshold, beyond it in a temporary file
 * that {@link #close()} deletes. In memory they are kept in chunks of growing size (4 KiB, doubling up to 64 KiB, or
 * one chunk of the size {@link #expect} announced), so that growing never copies what was written. Writing more than
 * the maximum fails with {@link LimitException}; a temporary file that cannot be made or written (directory missing or
 * read-only, disk full) fails with a {@link SpillFiles.SpillException} naming the directory and the cause, and
 * {@link #close()} still deletes what was written of it.
 */
public final class Spool extends OutputStream {
    private static final int FIRST_CHUNK = 4096;
    private static final int MAX_CHUNK = 64 * 1024;
    private final int threshold;
    private final long maxOctets;
    private final String what;
    private final SpillFiles files;
    /** Chunks of the octets kept in memory, filled in turn: growing never copies what is written. */
    private List<byte[]> chunks = new ArrayList<>(8);
    /** The chunk being filled (the last of {@link #chunks}), and how much of it is filled. */
    private byte[] tail;
    private int tailCount;
    /** Octets in memory. */
    private int count;
    private Path file;
    private OutputStream fileOut;
    private long size;

    /**
     * @param threshold octets kept in memory before the rest goes to a temporary file
     * @param maxOctets the most that may be written
     * @param what what is spooled, for the limit's message (e.g. {@code "message"})
     */
    public Spool(int threshold, long maxOctets, String what) {
        this(threshold, maxOctets, what, SpillFiles.SYSTEM);
    }

    /** As {@link #Spool(int, long, String)}, with the temporary file made by {@code files}. */
    public Spool(int threshold, long maxOctets, String what, SpillFiles files) {
        this.threshold = threshold;
        this.maxOctets = maxOctets;
        this.what = what;
        this.files = files;
    }

    /**
     * Sizes the memory buffer for about this many octets before the first write, so that a message whose size is
     * known is not copied at every doubling of the buffer. A hint: more or fewer octets may still be written. Nothing
     * is sized for what would go to the temporary file anyway (over the threshold) or after the first write.
     */
    public Spool expect(long octets) {
        if (count == 0 && fileOut == null && tail == null && octets > FIRST_CHUNK && octets <= threshold) {
            addChunk((int) octets);
        }
        return this;
    }

    private void addChunk(int length) {
        tail = new byte[length];
        tailCount = 0;
        chunks.add(tail);
    }

    /** Copies into the chunks, adding chunks of twice the size of the last one (up to {@link #MAX_CHUNK}). */
    private void keep(byte[] b, int off, int len) {
        int at = off;
        int left = len;
        while (left > 0) {
            if (tail == null || tailCount == tail.length) {
                int next = tail == null ? FIRST_CHUNK : Math.min(MAX_CHUNK, tail.length * 2);
                addChunk(Math.max(1, Math.min(next, threshold - count)));
            }
            int n = Math.min(left, tail.length - tailCount);
            System.arraycopy(b, at, tail, tailCount, n);
            tailCount += n;
            count += n;
            at += n;
            left -= n;
        }
    }

    @Override
    public void write(int b) throws IOException {
        if (fileOut == null && tail != null && tailCount < tail.length && size < maxOctets) {
            tail[tailCount++] = (byte) b;
            count++;
            size++;
            return;
        }
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (size + len > maxOctets) {
            throw new LimitException(what + " over the limit of " + maxOctets + " octets");
        }
        size += len;
        if (fileOut != null) {
            spill(() -> fileOut.write(b, off, len));
            return;
        }
        if ((long) count + len > threshold) {
            spill(() -> {
                file = files.create("border-spool");
                fileOut = new BufferedOutputStream(files.openForWriting(file), 65536);
                for (int i = 0; i < chunks.size(); i++) {
                    byte[] chunk = chunks.get(i);
                    fileOut.write(chunk, 0, i == chunks.size() - 1 ? tailCount : chunk.length);
                }
                chunks = null;
                tail = null;
                fileOut.write(b, off, len);
            });
            return;
        }
        keep(b, off, len);
    }

    /** Ends writing. */
    public void finish() throws IOException {
        if (fileOut != null) {
            spill(fileOut::close);
        }
    }

    /** Runs a step on the temporary file; its failure is the storage's, not the data's. */
    private void spill(FileStep step) throws IOException {
        try {
            step.run();
        } catch (SpillFiles.SpillException | LimitException e) {
            throw e;
        } catch (IOException e) {
            throw new SpillFiles.SpillException(what + " of " + size + " octets cannot be spooled to the " + files
                + (file == null ? "" : " (" + file.getFileName() + ")") + ": " + describe(e), e);
        }
    }

    private static String describe(IOException e) {
        String kind = e.getClass() == IOException.class ? "" : e.getClass().getSimpleName() + ": ";
        return kind + (e.getMessage() == null ? "" : e.getMessage());
    }

    @FunctionalInterface
    private interface FileStep {
        void run() throws IOException;
    }

    public long size() {
        return size;
    }

    public InputStream open() throws IOException {
        if (file != null) {
            return new BufferedInputStream(Files.newInputStream(file), 65536);
        }
        if (chunks.size() <= 1) {
            return new ByteArrayInputStream(tail == null ? new byte[0] : tail, 0, tailCount);
        }
        return new ChunksInput(null, chunks, tailCount, 0);
    }

    /**
     * {@code prefix} (not copied), then the octets from {@code from} on, as one stream. In memory it is one reader over
     * the prefix and the chunks, with no lock and no stream behind it: James's header parser reads a message octet by
     * octet ({@code LineInputStream}), and a {@link java.io.SequenceInputStream} over a {@link ByteArrayInputStream} cost
     * it two calls and a lock per octet.
     *
     * @throws IOException also when the spool holds fewer than {@code from} octets
     */
    public InputStream open(byte[] prefix, long from) throws IOException {
        if (from < 0 || from > size) {
            throw new IOException(what + " of " + size + " octets has no octet " + from);
        }
        if (file == null) {
            return new ChunksInput(prefix, chunks, tailCount, from);
        }
        InputStream rest = open();
        long left = from;
        while (left > 0) {
            long skipped = rest.skip(left);
            if (skipped <= 0) {
                if (rest.read() < 0) {
                    rest.close();
                    throw new IOException(what + " of " + size + " octets ends before octet " + from);
                }
                skipped = 1;
            }
            left -= skipped;
        }
        if (prefix.length == 0) {
            return rest;
        }
        return new BufferedInputStream(new SequenceInputStream(new ByteArrayInputStream(prefix), rest), 8192);
    }

    public void copyTo(OutputStream out) throws IOException {
        try (InputStream in = open()) {
            in.transferTo(out);
        }
    }

    /** Discards what was written: deletes the temporary file, even when the storage failed while writing it. */
    @Override
    public void close() throws IOException {
        chunks = null;
        tail = null;
        try {
            if (fileOut != null) {
                fileOut.close();
            }
        } catch (IOException discarded) {
            // flushing octets that are deleted next: a full disk refuses them, and nothing is lost
        } finally {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Reads a prefix, then the chunks from a position on, in turn; the last chunk up to {@code lastCount}. */
    private static final class ChunksInput extends InputStream {
        private final byte[][] arrays;
        private final int[] ends;
        /** The first array read from its start: the octets of the chunks before it are passed over. */
        private final int firstChunk;
        /** Where reading starts in {@link #firstChunk}. */
        private final int skipInFirstChunk;
        /** The array being read ({@code arrays[index]}), its end and the position in it. */
        private int index = -1;
        private byte[] current;
        private int limit;
        private int position;

        ChunksInput(byte[] prefix, List<byte[]> chunks, int lastCount, long from) {
            int first = prefix == null || prefix.length == 0 ? 0 : 1;
            arrays = new byte[first + chunks.size()][];
            ends = new int[arrays.length];
            if (first == 1) {
                arrays[0] = prefix;
                ends[0] = prefix.length;
            }
            for (int i = 0; i < chunks.size(); i++) {
                arrays[first + i] = chunks.get(i);
                ends[first + i] = i == chunks.size() - 1 ? lastCount : chunks.get(i).length;
            }
            long left = from;
            int next = first;
            while (left > 0 && next < arrays.length && left >= ends[next]) {
                left -= ends[next];
                arrays[next] = null;
                ends[next] = 0;
                next++;
            }
            firstChunk = next;
            skipInFirstChunk = (int) left;
        }

        /** Moves to the next chunk when this one is read; false at the end. */
        private boolean ready() {
            while (position == limit) {
                if (index + 1 >= arrays.length) {
                    return false;
                }
                index++;
                current = arrays[index];
                limit = ends[index];
                position = index == firstChunk ? skipInFirstChunk : 0;
            }
            return true;
        }

        @Override
        public int read() {
            if (position < limit || ready()) {
                return current[position++] & 0xFF;
            }
            return -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            int done = 0;
            while (done < len && ready()) {
                int n = Math.min(len - done, limit - position);
                System.arraycopy(current, position, b, off + done, n);
                position += n;
                done += n;
            }
            return done == 0 ? -1 : done;
        }

        @Override
        public long skip(long n) {
            long done = 0;
            while (done < n && ready()) {
                int step = (int) Math.min(n - done, limit - position);
                position += step;
                done += step;
            }
            return done;
        }

        @Override
        public int available() {
            long left = limit - position;
            for (int i = index + 1; i < arrays.length; i++) {
                left += ends[i] - (i == firstChunk ? skipInFirstChunk : 0);
            }
            return (int) Math.min(Integer.MAX_VALUE, left);
        }

        /** Writes the chunks as they are, with no buffer between. */
        @Override
        public long transferTo(OutputStream out) throws IOException {
            long done = 0;
            while (ready()) {
                int n = limit - position;
                out.write(current, position, n);
                position = limit;
                done += n;
            }
            return done;
        }
    }

    /** The spool's size limit was reached. */
    public static final class LimitException extends IOException {
        private static final long serialVersionUID = 1L;

        LimitException(String message) {
            super(message);
        }
    }
}
