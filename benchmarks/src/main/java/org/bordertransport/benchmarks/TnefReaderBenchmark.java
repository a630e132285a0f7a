package org.bordertransport.benchmarks;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.bordertransport.core.tnef.ChecksumMode;
import org.bordertransport.core.tnef.TnefAttachment;
import org.bordertransport.core.tnef.TnefException;
import org.bordertransport.core.tnef.TnefMessage;
import org.bordertransport.core.tnef.TnefReadOptions;
import org.bordertransport.core.tnef.TnefReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * {@link TnefReader} on one thread over a synthetic {@code winmail.dat} of about {@value #MB} MB (a temporary file):
 * {@value #BIG} attachments of {@value #BIG_MB} MB of random bytes and {@value #SMALL} of 2-14 KB, plus message
 * attributes and MAPI properties, every checksum right. One operation reads the file and reads every attachment's
 * content to a null sink; multiply ops/s by {@value #MB} for MB/s (MB of 2^20 bytes). Cases:
 * <ul>
 *   <li>{@code defaults}: {@link TnefReadOptions#defaults()}, as the mailets read: values over 64 KB (here nearly
 *   all the bytes) are written to the reader's temporary file and read back from it;</li>
 *   <li>{@code memory}: every value held in memory (no temporary file), to show what the spilling costs.</li>
 * </ul>
 *
 * <p>{@code java -cp benchmarks.jar org.bordertransport.benchmarks.TnefReaderBenchmark FILE} writes the same file,
 * for comparing with other TNEF tools.</p>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class TnefReaderBenchmark {
    static final int MB = 95;
    static final int BIG = 3;
    static final int BIG_MB = 29;
    static final int SMALL = 1000;

    private static final long SIGNATURE = 0x223E9F78L;
    private static final int LEVEL_MESSAGE = 1;
    private static final int LEVEL_ATTACHMENT = 2;
    private static final int ATT_MESSAGE_CLASS = 0x00078008;
    private static final int ATT_SUBJECT = 0x00018004;
    private static final int ATT_ATTACH_DATA = 0x0006800F;
    private static final int ATT_ATTACH_TITLE = 0x00018010;
    private static final int ATT_ATTACH_RENDDATA = 0x00069002;
    private static final int ATT_MSG_PROPS = 0x00069003;
    private static final int ATT_ATTACHMENT = 0x00069005;
    private static final int ATT_TNEF_VERSION = 0x00089006;
    private static final int ATT_OEM_CODEPAGE = 0x00069007;
    private static final int PT_LONG = 0x0003;
    private static final int PT_STRING8 = 0x001E;
    private static final int PT_UNICODE = 0x001F;
    private static final int PR_BODY = 0x1000;
    private static final int PR_ATTACH_METHOD = 0x3705;
    private static final int PR_ATTACH_LONG_FILENAME = 0x3707;
    private static final int PR_ATTACH_MIME_TAG = 0x370E;

    @Param({"defaults", "memory"})
    public String options;

    private Path file;
    private long size;
    private TnefReadOptions readOptions;

    @Setup(Level.Trial)
    public void setUp() throws IOException, TnefException {
        switch (options) {
            case "defaults":
                readOptions = TnefReadOptions.defaults();
                break;
            case "memory":
                readOptions = TnefReadOptions.builder().memoryThreshold(Integer.MAX_VALUE)
                    .memoryBudget(Long.MAX_VALUE).build();
                break;
            default:
                throw new IllegalArgumentException("options " + options);
        }
        file = Files.createTempFile("border-bench-", ".tnef");
        size = write(file);
        long target = MB * 1024L * 1024;
        if (Math.abs(size - target) > target / 20) {
            throw new IllegalStateException("TNEF of " + size + " bytes, expected about " + target);
        }
        // every checksum right and every attachment there
        TnefReadOptions strict = TnefReadOptions.builder().checksumMode(ChecksumMode.STRICT).build();
        try (InputStream in = Files.newInputStream(file); TnefMessage message = TnefReader.read(in, strict)) {
            if (message.attachments().size() != BIG + SMALL || !message.warnings().isEmpty()) {
                throw new IllegalStateException(message + ": " + message.warnings());
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    /** @return bytes of attachment content read */
    @Benchmark
    public long read() throws IOException, TnefException {
        long total = 0;
        try (InputStream in = Files.newInputStream(file);
             TnefMessage message = TnefReader.read(in, readOptions)) {
            for (TnefAttachment attachment : message.attachments()) {
                if (attachment.content().isPresent()) {
                    try (InputStream content = attachment.content().get().openStream()) {
                        total += content.transferTo(OutputStream.nullOutputStream());
                    }
                }
            }
        }
        return total;
    }

    /** Writes the benchmark's TNEF file to {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: TnefReaderBenchmark FILE");
        }
        write(Paths.get(args[0]));
    }

    /** Writes the synthetic TNEF; returns its size. */
    static long write(Path path) throws IOException {
        Random random = new Random(42);
        try (OutputStream file = Files.newOutputStream(path);
             CountingStream out = new CountingStream(new BufferedOutputStream(file, 1 << 16))) {
            out.write(le32(SIGNATURE));
            out.write(le16(0x0102));
            attribute(out, LEVEL_MESSAGE, ATT_TNEF_VERSION, le32(0x00010000));
            attribute(out, LEVEL_MESSAGE, ATT_OEM_CODEPAGE, concat(le32(1252), le32(0)));
            attribute(out, LEVEL_MESSAGE, ATT_MESSAGE_CLASS, sz("IPM.Note"));
            attribute(out, LEVEL_MESSAGE, ATT_SUBJECT, sz("Benchmark: the quarterly archive"));
            Props body = new Props().unicode(PR_BODY, "Hello,\r\n\r\nthe archive is attached.\r\n".repeat(50));
            attribute(out, LEVEL_MESSAGE, ATT_MSG_PROPS, body.build());
            for (int i = 1; i <= BIG; i++) {
                attachment(out, "archive-" + i + ".zip", "application/zip", BIG_MB * 1024L * 1024, random);
            }
            for (int i = 1; i <= SMALL; i++) {
                attachment(out, "note-" + i + ".txt", "text/plain", 2048 + random.nextInt(12 * 1024), random);
            }
            return out.count;
        }
    }

    private static void attachment(OutputStream out, String name, String mimeType, long length, Random random)
        throws IOException {
        attribute(out, LEVEL_ATTACHMENT, ATT_ATTACH_RENDDATA, concat(le16(1), le32(0xFFFFFFFFL), le16(32), le16(32),
            le32(0)));
        attribute(out, LEVEL_ATTACHMENT, ATT_ATTACH_TITLE, sz(name));
        // attAttachData, checksummed while written
        out.write(LEVEL_ATTACHMENT);
        out.write(le32(ATT_ATTACH_DATA));
        out.write(le32(length));
        byte[] buffer = new byte[64 * 1024];
        int sum = 0;
        for (long left = length; left > 0; ) {
            int n = (int) Math.min(buffer.length, left);
            random.nextBytes(buffer);
            for (int i = 0; i < n; i++) {
                sum += buffer[i] & 0xFF;
            }
            out.write(buffer, 0, n);
            left -= n;
        }
        out.write(le16(sum));
        attribute(out, LEVEL_ATTACHMENT, ATT_ATTACHMENT, new Props()
            .int32(PR_ATTACH_METHOD, 1)
            .unicode(PR_ATTACH_LONG_FILENAME, name)
            .string8(PR_ATTACH_MIME_TAG, mimeType)
            .build());
    }

    private static void attribute(OutputStream out, int level, int id, byte[] data) throws IOException {
        int sum = 0;
        for (byte b : data) {
            sum += b & 0xFF;
        }
        out.write(level);
        out.write(le32(id & 0xFFFFFFFFL));
        out.write(le32(data.length));
        out.write(data);
        out.write(le16(sum));
    }

    /** A MAPI property list: count, then each property's type, id and value. */
    private static final class Props {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private int count;

        Props int32(int id, int value) {
            tag(PT_LONG, id);
            body.writeBytes(le32(value));
            return this;
        }

        Props unicode(int id, String value) {
            tag(PT_UNICODE, id);
            return variable(concat(value.getBytes(StandardCharsets.UTF_16LE), new byte[2]));
        }

        Props string8(int id, String value) {
            tag(PT_STRING8, id);
            return variable(sz(value));
        }

        private void tag(int type, int id) {
            count++;
            body.writeBytes(le16(type));
            body.writeBytes(le16(id));
        }

        /** One value: count 1, length, bytes, padding to 4. */
        private Props variable(byte[] value) {
            body.writeBytes(le32(1));
            body.writeBytes(le32(value.length));
            body.writeBytes(value);
            body.writeBytes(new byte[(4 - (value.length & 3)) & 3]);
            return this;
        }

        byte[] build() {
            return concat(le32(count), body.toByteArray());
        }
    }

    /** Counts the bytes written. */
    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        private long count;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    private static byte[] sz(String s) {
        return concat(s.getBytes(StandardCharsets.ISO_8859_1), new byte[1]);
    }

    private static byte[] le16(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8)};
    }

    private static byte[] le32(long v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
