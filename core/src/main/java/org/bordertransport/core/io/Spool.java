package org.bordertransport.core.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Octets written once, then read any number of times: in memory up to a threshold, beyond it in a temporary file
 * that {@link #close()} deletes. Writing more than the maximum fails with {@link LimitException}; a temporary file
 * that cannot be made or written (directory missing or read-only, disk full) fails with a
 * {@link SpillFiles.SpillException} naming the directory and the cause, and {@link #close()} still deletes what was
 * written of it.
 */
public final class Spool extends OutputStream {
    private final int threshold;
    private final long maxOctets;
    private final String what;
    private final SpillFiles files;
    private byte[] buffer = new byte[4096];
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
        if (count == 0 && fileOut == null && octets > buffer.length && octets <= threshold) {
            buffer = new byte[(int) octets];
        }
        return this;
    }

    @Override
    public void write(int b) throws IOException {
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
        if (count + len > threshold) {
            spill(() -> {
                file = files.create("border-spool");
                fileOut = new BufferedOutputStream(files.openForWriting(file), 65536);
                fileOut.write(buffer, 0, count);
                buffer = null;
                fileOut.write(b, off, len);
            });
            return;
        }
        if (count + len > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(count + len, Math.min(threshold, buffer.length * 2)));
        }
        System.arraycopy(b, off, buffer, count, len);
        count += len;
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
        return new ByteArrayInputStream(buffer, 0, count);
    }

    public void copyTo(OutputStream out) throws IOException {
        try (InputStream in = open()) {
            in.transferTo(out);
        }
    }

    /** Discards what was written: deletes the temporary file, even when the storage failed while writing it. */
    @Override
    public void close() throws IOException {
        buffer = null;
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

    /** The spool's size limit was reached. */
    public static final class LimitException extends IOException {
        private static final long serialVersionUID = 1L;

        LimitException(String message) {
            super(message);
        }
    }
}
