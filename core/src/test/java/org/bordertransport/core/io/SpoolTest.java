package org.bordertransport.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Spool#expect}: a size hint changes where the octets are kept, never which octets are read back. */
class SpoolTest {
    private static final int THRESHOLD = 64 * 1024;

    @TempDir
    Path temp;

    private static byte[] octets(int count) {
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    private byte[] readBack(long hint, byte[] content, int chunk) throws IOException {
        try (Spool spool = new Spool(THRESHOLD, 1 << 20, "message", SpillFiles.in(temp))) {
            spool.expect(hint);
            for (int off = 0; off < content.length; off += chunk) {
                spool.write(content, off, Math.min(chunk, content.length - off));
            }
            spool.finish();
            assertThat(spool.size()).isEqualTo(content.length);
            try (InputStream in = spool.open()) {
                return in.readAllBytes();
            }
        }
    }

    @Test
    void aHintLargerOrSmallerThanTheContentReadsBackTheSameOctets() throws IOException {
        byte[] content = octets(20_000);
        assertThat(readBack(20_000, content, 8192)).isEqualTo(content);
        assertThat(readBack(50_000, content, 8192)).isEqualTo(content);
        assertThat(readBack(100, content, 8192)).isEqualTo(content);
        assertThat(readBack(0, content, 1)).isEqualTo(content);
        assertThat(readBack(-1, content, 333)).isEqualTo(content);
    }

    @Test
    void aHintOverTheThresholdKeepsSmallContentInMemoryAndLargeContentInATemporaryFile() throws IOException {
        try (Spool spool = new Spool(THRESHOLD, 1 << 20, "message", SpillFiles.in(temp))) {
            spool.expect(10L * THRESHOLD);
            spool.write(octets(1000));
            spool.finish();
            assertThat(files()).isZero();
        }
        byte[] large = octets(THRESHOLD + 1);
        try (Spool spool = new Spool(THRESHOLD, 1 << 20, "message", SpillFiles.in(temp))) {
            spool.expect(THRESHOLD);
            spool.write(large);
            spool.finish();
            assertThat(files()).isEqualTo(1);
            try (InputStream in = spool.open()) {
                assertThat(in.readAllBytes()).isEqualTo(large);
            }
        }
        assertThat(files()).isZero();
    }

    @Test
    void aHintAfterTheFirstWriteChangesNothing() throws IOException {
        byte[] content = octets(10_000);
        try (Spool spool = new Spool(THRESHOLD, 1 << 20, "message", SpillFiles.in(temp))) {
            spool.write(content, 0, 10);
            spool.expect(60_000);
            spool.write(content, 10, content.length - 10);
            spool.finish();
            try (InputStream in = spool.open()) {
                assertThat(in.readAllBytes()).isEqualTo(content);
            }
        }
    }

    private long files() throws IOException {
        try (Stream<Path> listing = Files.list(temp)) {
            return listing.count();
        }
    }
}
