package org.bordertransport.core.tnef;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The one temporary file behind the large values of a message (and of its embedded messages): values are appended
 * while reading and read back by position. Created on first use; {@link #close()} deletes it.
 */
final class SpillStore {
    private static final int BUFFER = 64 * 1024;

    private final Optional<Path> directory;
    private Path file;
    private FileChannel channel;
    private ByteBuffer pending;
    private long length;
    private long written;
    private boolean closed;

    SpillStore(Optional<Path> directory) {
        this.directory = directory;
    }

    /** Position the next appended byte will have. */
    synchronized long position() throws IOException {
        open();
        return length;
    }

    synchronized void append(byte[] b, int off, int len) throws IOException {
        open();
        int done = 0;
        while (done < len) {
            if (!pending.hasRemaining()) {
                flush();
            }
            int n = Math.min(len - done, pending.remaining());
            pending.put(b, off + done, n);
            done += n;
        }
        length += len;
    }

    synchronized int read(long position, byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("TNEF content is no longer available: its message was closed");
        }
        flush();
        if (position >= length) {
            return -1;
        }
        int n = (int) Math.min(len, length - position);
        ByteBuffer target = ByteBuffer.wrap(b, off, n);
        while (target.hasRemaining()) {
            if (channel.read(target, position + target.position() - off) < 0) {
                throw new IOException("TNEF temporary file " + file + " is shorter than expected");
            }
        }
        return n;
    }

    /** Bytes written so far (for tests and figures). */
    synchronized long length() {
        return length;
    }

    private void open() throws IOException {
        if (closed) {
            throw new IOException("TNEF content is no longer available: its message was closed");
        }
        if (channel == null) {
            file = directory.isPresent() ? Files.createTempFile(directory.get(), "tnef-", ".tmp")
                : Files.createTempFile("tnef-", ".tmp");
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            pending = ByteBuffer.allocate(BUFFER);
        }
    }

    private void flush() throws IOException {
        if (channel == null || pending.position() == 0) {
            return;
        }
        pending.flip();
        while (pending.hasRemaining()) {
            written += channel.write(pending, written);
        }
        pending.clear();
    }

    synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (channel != null) {
                channel.close();
            }
        } finally {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }
}
