package org.bordertransport.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Spool#expect}: a size hint changes where the octets are kept, never which octets are read back; nor do the
 * chunks the octets are kept in, whatever the sizes of the writes and reads.
 */
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

    @Test
    void contentOverManyChunksReadsBackTheSameOctetsWhateverTheReads() throws IOException {
        byte[] content = octets(300_000);
        try (Spool spool = new Spool(1 << 20, 1 << 20, "message", SpillFiles.in(temp))) {
            for (int off = 0; off < content.length; off += 777) {
                spool.write(content, off, Math.min(777, content.length - off));
            }
            spool.write(5);
            spool.finish();
            byte[] expected = java.util.Arrays.copyOf(content, content.length + 1);
            expected[content.length] = 5;
            assertThat(files()).isZero();
            try (InputStream in = spool.open()) {
                assertThat(in.readAllBytes()).isEqualTo(expected);
            }
            try (InputStream in = spool.open()) {
                assertThat(in.available()).isEqualTo(expected.length);
                assertThat(in.skip(70_000)).isEqualTo(70_000);
                assertThat(in.read()).isEqualTo(expected[70_000] & 0xFF);
                byte[] across = new byte[150_000];
                assertThat(in.readNBytes(across, 0, across.length)).isEqualTo(across.length);
                assertThat(across).isEqualTo(java.util.Arrays.copyOfRange(expected, 70_001, 220_001));
                assertThat(in.available()).isEqualTo(expected.length - 220_001);
                assertThat(in.skip(1_000_000)).isEqualTo(expected.length - 220_001);
                assertThat(in.read()).isEqualTo(-1);
                assertThat(in.read(across, 0, 10)).isEqualTo(-1);
            }
            try (InputStream in = spool.open()) {
                assertThat(in.read()).isEqualTo(expected[0] & 0xFF);
                java.io.ByteArrayOutputStream rest = new java.io.ByteArrayOutputStream();
                assertThat(in.transferTo(rest)).isEqualTo(expected.length - 1);
                assertThat(rest.toByteArray()).isEqualTo(java.util.Arrays.copyOfRange(expected, 1, expected.length));
                assertThat(in.read()).isEqualTo(-1);
            }
        }
    }

    @Test
    void singleOctetWritesFillTheChunksAndSpillWithTheRest() throws IOException {
        byte[] content = octets(THRESHOLD + 5_000);
        try (Spool spool = new Spool(THRESHOLD, 1 << 20, "message", SpillFiles.in(temp))) {
            for (byte b : content) {
                spool.write(b);
            }
            spool.finish();
            assertThat(spool.size()).isEqualTo(content.length);
            assertThat(files()).as("past the threshold, every chunk went to the file").isEqualTo(1);
            try (InputStream in = spool.open()) {
                assertThat(in.readAllBytes()).isEqualTo(content);
            }
        }
        assertThat(files()).isZero();
    }

    @Test
    void theLimitHoldsForSingleOctetWrites() throws IOException {
        try (Spool spool = new Spool(THRESHOLD, 10, "message", SpillFiles.in(temp))) {
            spool.write(octets(9));
            spool.write(1);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> spool.write(2))
                .isInstanceOf(Spool.LimitException.class).hasMessage("message over the limit of 10 octets");
        }
    }

    @Test
    void anEmptySpoolReadsBackNothing() throws IOException {
        try (Spool spool = new Spool(THRESHOLD, 1 << 20, "message", SpillFiles.in(temp))) {
            spool.finish();
            try (InputStream in = spool.open()) {
                assertThat(in.read()).isEqualTo(-1);
            }
        }
    }

    @Test
    void aPrefixThenTheOctetsFromAPositionReadAsOneStreamInMemoryAndInAFile() throws IOException {
        byte[] prefix = "Subject: new\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int length : new int[] {0, 1, 4096, 4097, 20_000, 300_000}) {
            byte[] content = octets(length);
            for (int threshold : new int[] {1 << 20, 1000}) {
                try (Spool spool = new Spool(threshold, 1 << 20, "message", SpillFiles.in(temp))) {
                    for (int off = 0; off < content.length; off += 999) {
                        spool.write(content, off, Math.min(999, content.length - off));
                    }
                    spool.finish();
                    for (long from : new long[] {0, 1, 4095, 4096, 4097, length / 2, length - 1, length}) {
                        if (from < 0 || from > length) {
                            continue;
                        }
                        byte[] rest = java.util.Arrays.copyOfRange(content, (int) from, length);
                        for (byte[] head : new byte[][] {prefix, new byte[0]}) {
                            byte[] expected = new byte[head.length + rest.length];
                            System.arraycopy(head, 0, expected, 0, head.length);
                            System.arraycopy(rest, 0, expected, head.length, rest.length);
                            String at = "length " + length + ", threshold " + threshold + ", from " + from
                                + ", prefix " + head.length;
                            try (InputStream in = spool.open(head, from)) {
                                if (threshold > length) {
                                    assertThat(in.available()).as(at).isEqualTo(expected.length);
                                }
                                assertThat(in.readAllBytes()).as(at).isEqualTo(expected);
                            }
                            try (InputStream in = spool.open(head, from)) {
                                java.io.ByteArrayOutputStream octetByOctet = new java.io.ByteArrayOutputStream();
                                for (int c = in.read(); c >= 0; c = in.read()) {
                                    octetByOctet.write(c);
                                }
                                assertThat(octetByOctet.toByteArray()).as(at).isEqualTo(expected);
                            }
                        }
                    }
                    org.assertj.core.api.Assertions.assertThatThrownBy(() -> spool.open(prefix, length + 1L))
                        .isInstanceOf(IOException.class).hasMessageContaining("has no octet " + (length + 1));
                }
            }
        }
        assertThat(files()).isZero();
    }
}
