package org.bordertransport.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The temporary storage behind a {@link Spool} fails: a directory that cannot hold files (a path under a regular
 * file: refused whoever runs the test, root included) and a disk that fills up after some octets ({@code No space
 * left on device}). The writer gets a {@link SpillFiles.SpillException} naming the spooled thing, the directory and
 * the cause; what was written of the temporary file is deleted on close; what fits in memory never touches the disk.
 */
class SpoolFaultTest {
    private static final int THRESHOLD = 1024;

    @TempDir
    Path temp;

    private static byte[] octets(int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte) 'x');
        return bytes;
    }

    @Test
    void aDirectoryThatCannotHoldFilesFailsTheSpillWithTheDirectoryAndTheCause() throws IOException {
        Path regularFile = Files.writeString(temp.resolve("a-file"), "not a directory");
        Path unusable = regularFile.resolve("tmp");
        try (Spool spool = new Spool(THRESHOLD, 1 << 20, "message", SpillFiles.in(unusable))) {
            spool.write(octets(THRESHOLD));
            assertThatThrownBy(() -> spool.write(octets(1)))
                .isInstanceOf(SpillFiles.SpillException.class)
                .hasMessageStartingWith("message of " + (THRESHOLD + 1) + " octets cannot be spooled to the temporary "
                    + "directory " + unusable + ": ")
                .hasMessageContaining("Not a directory")
                .hasCauseInstanceOf(IOException.class);
        }
        assertThat(Files.readString(regularFile)).isEqualTo("not a directory");
    }

    @Test
    void aDiskThatFillsUpFailsTheWriteAndTheHalfWrittenFileIsDeleted() throws IOException {
        Path directory = Files.createDirectory(temp.resolve("spill"));
        SpillFiles full = new FillingUp(directory, 3000);
        Spool spool = new Spool(THRESHOLD, 1 << 20, "decoded TNEF part 1", full);
        spool.write(octets(2000));
        assertThat(files(directory)).hasSize(1);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 10; i++) {
                spool.write(octets(8192));
            }
            spool.finish();
        }).isInstanceOf(SpillFiles.SpillException.class)
            .hasMessageStartingWith("decoded TNEF part 1 of ")
            .hasMessageContaining("cannot be spooled to the temporary directory " + directory)
            .hasMessageEndingWith(": No space left on device")
            .hasRootCauseMessage("No space left on device");
        spool.close();
        assertThat(files(directory)).isEmpty();
    }

    @Test
    void whatFitsInMemoryNeverNeedsTheStorage() throws IOException {
        Path unusable = Files.writeString(temp.resolve("a-file"), "x").resolve("tmp");
        byte[] message = "Subject: small\r\n\r\nfits in memory\r\n".getBytes(StandardCharsets.US_ASCII);
        try (Spool spool = new Spool(THRESHOLD, 1 << 20, "message", SpillFiles.in(unusable))) {
            spool.write(message);
            spool.finish();
            try (InputStream in = spool.open()) {
                assertThat(in.readAllBytes()).isEqualTo(message);
            }
        }
    }

    @Test
    void theSizeLimitIsStillALimitNotAStorageFault() throws IOException {
        try (Spool spool = new Spool(THRESHOLD, 2000, "message", SpillFiles.in(temp))) {
            spool.write(octets(1500));
            assertThatThrownBy(() -> spool.write(octets(1000))).isInstanceOf(Spool.LimitException.class)
                .isNotInstanceOf(SpillFiles.SpillException.class);
        }
        assertThat(files(temp)).isEmpty();
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.collect(Collectors.toList());
        }
    }

    /** Temporary files in a directory whose disk is full once {@code capacity} octets are written. */
    private static final class FillingUp implements SpillFiles {
        private final Path directory;
        private final long capacity;
        private long used;

        FillingUp(Path directory, long capacity) {
            this.directory = directory;
            this.capacity = capacity;
        }

        @Override
        public Path create(String prefix) throws IOException {
            return Files.createTempFile(directory, prefix, ".tmp");
        }

        @Override
        public OutputStream openForWriting(Path file) throws IOException {
            return new FilterOutputStream(Files.newOutputStream(file)) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (used + len > capacity) {
                        throw new IOException("No space left on device");
                    }
                    used += len;
                    out.write(b, off, len);
                }

                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }
            };
        }

        @Override
        public String toString() {
            return "temporary directory " + directory;
        }
    }
}
