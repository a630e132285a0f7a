package org.bordertransport.core.tnefmime;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;
import org.bordertransport.core.tnef.TnefAttribute;

/**
 * Run in its own JVM by {@link LargeTnefConversionTest} with a small heap: writes DIR/in.eml, a message whose
 * winmail.dat (base64) holds one attachment of {@code MB} MB, streaming (never in memory), converts it with
 * {@link TnefMimeConverter} to DIR/out.eml and checks the decoded attachment's SHA-256. Prints
 * {@code ok <input octets> <output octets> <peak heap>} and exits 0, or prints the failure and exits 1.
 */
public final class LargeTnefHarness {
    private LargeTnefHarness() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]);
        long size = Long.parseLong(args[1]) * 1024 * 1024;
        Path in = dir.resolve("in.eml");
        Path out = dir.resolve("out.eml");
        String expected = write(in, size);
        TnefConversionResult result;
        try (InputStream original = new BufferedInputStream(Files.newInputStream(in), 65536);
             OutputStream converted = new BufferedOutputStream(Files.newOutputStream(out), 65536)) {
            result = TnefMimeConverter.withDefaults().convert(original, converted);
        }
        String actual = attachmentDigest(out);
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        if (!result.modified() || !expected.equals(actual)) {
            System.out.println("failed: modified=" + result.modified() + " expected " + expected + " got " + actual);
            System.exit(1);
        }
        System.out.println("ok " + Files.size(in) + " " + Files.size(out) + " " + peak);
    }

    private static String write(Path file, long size) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (OutputStream message = new BufferedOutputStream(Files.newOutputStream(file), 65536)) {
            message.write(("From: Alice <alice@border.test>\r\nTo: bob@partner.example\r\nSubject: big winmail.dat\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"o\"\r\n\r\n--o\r\n"
                + "Content-Type: application/ms-tnef; name=\"winmail.dat\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            OutputStream base64 = Base64.getMimeEncoder().wrap(new NonClosing(message));
            base64.write(new byte[] {0x78, (byte) 0x9F, 0x3E, 0x22, 0x02, 0x01});
            attribute(base64, 2, TnefAttribute.ATT_ATTACH_RENDDATA, TnefFixture.concat(TnefFixture.le16(1),
                TnefFixture.le32(0xFFFFFFFFL), TnefFixture.le16(32), TnefFixture.le16(32), TnefFixture.le32(0)));
            attribute(base64, 2, TnefAttribute.ATT_ATTACH_TITLE, "big.bin\0".getBytes(StandardCharsets.US_ASCII));
            base64.write(2);
            base64.write(TnefFixture.le32(TnefAttribute.ATT_ATTACH_DATA & 0xFFFFFFFFL));
            base64.write(TnefFixture.le32(size));
            Random random = new Random(17);
            byte[] chunk = new byte[65536];
            long sum = 0;
            for (long remaining = size; remaining > 0; ) {
                random.nextBytes(chunk);
                int n = (int) Math.min(chunk.length, remaining);
                base64.write(chunk, 0, n);
                digest.update(chunk, 0, n);
                for (int i = 0; i < n; i++) {
                    sum += chunk[i] & 0xff;
                }
                remaining -= n;
            }
            base64.write(TnefFixture.le16((int) (sum & 0xFFFF)));
            base64.close();
            message.write("\r\n--o--\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void attribute(OutputStream out, int level, int id, byte[] data) throws IOException {
        int sum = 0;
        for (byte b : data) {
            sum += b & 0xff;
        }
        out.write(level);
        out.write(TnefFixture.le32(id & 0xFFFFFFFFL));
        out.write(TnefFixture.le32(data.length));
        out.write(data);
        out.write(TnefFixture.le16(sum & 0xFFFF));
    }

    private static String attachmentDigest(Path file) throws Exception {
        MimeTokenStream stream = new MimeTokenStream(new MimeConfig.Builder().setMaxContentLen(-1).setMaxLineLen(-1)
            .build(), DecodeMonitor.SILENT, null);
        stream.setRecursionMode(RecursionMode.M_NO_RECURSE);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 65536)) {
            stream.parse(in);
            for (EntityState s = stream.getState(); s != EntityState.T_END_OF_STREAM; s = stream.next()) {
                if (s == EntityState.T_BODY && stream.getBodyDescriptor().getMimeType()
                    .equals("application/octet-stream")) {
                    MessageDigest digest = MessageDigest.getInstance("SHA-256");
                    byte[] buffer = new byte[65536];
                    InputStream decoded = stream.getDecodedInputStream();
                    int n;
                    while ((n = decoded.read(buffer)) > 0) {
                        digest.update(buffer, 0, n);
                    }
                    return HexFormat.of().formatHex(digest.digest());
                }
            }
        }
        return "no attachment";
    }

    /** Lets the base64 encoder be closed (to write its last group) without closing the message. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
