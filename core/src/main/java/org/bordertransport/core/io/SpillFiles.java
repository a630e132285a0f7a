package org.bordertransport.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a {@link Spool} keeps what does not fit in memory: a new temporary file per spool, written once, read back,
 * deleted by the spool. The default is the JVM's temporary directory ({@code java.io.tmpdir}), as James's own
 * spools; {@link #in(Path)} names another directory. A file-system failure (directory missing or not writable, disk
 * full) reaches the spool's writer as a {@link SpillException} that names the directory and the cause.
 */
public interface SpillFiles {
    /** The JVM's temporary directory. */
    SpillFiles SYSTEM = new SpillFiles() {
        @Override
        public Path create(String prefix) throws IOException {
            return Files.createTempFile(prefix, ".tmp");
        }

        @Override
        public String toString() {
            return "temporary directory " + System.getProperty("java.io.tmpdir");
        }
    };

    /** A new empty temporary file, which the caller deletes. */
    Path create(String prefix) throws IOException;

    /** Opens {@code file} (made by {@link #create}) for writing. */
    default OutputStream openForWriting(Path file) throws IOException {
        return Files.newOutputStream(file);
    }

    /** Temporary files in {@code directory}. */
    static SpillFiles in(Path directory) {
        Objects.requireNonNull(directory, "directory");
        return new SpillFiles() {
            @Override
            public Path create(String prefix) throws IOException {
                return Files.createTempFile(directory, prefix, ".tmp");
            }

            @Override
            public String toString() {
                return "temporary directory " + directory;
            }
        };
    }

    /** The temporary storage failed (not the data written): the same write may succeed later, once it is repaired. */
    final class SpillException extends IOException {
        private static final long serialVersionUID = 1L;

        SpillException(String message, IOException cause) {
            super(message, cause);
        }
    }
}
