package org.bordertransport.core.convert;

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
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;
import org.bordertransport.core.policy.ContentType;
import org.bordertransport.core.policy.RemoteDomainSettings;

/**
 * Run in its own JVM by {@link LargeMessageConversionTest} with a small heap: writes a message of {@code MB} MB (an
 * 8-bit text body and a {@code Content-Transfer-Encoding: binary} attachment, the case that needs the most work: the
 * attachment is base64-encoded, the text quoted-printable) to DIR/in.eml, converts it to DIR/out.eml, then checks
 * that the attachment decodes to the same SHA-256. Prints {@code ok <input octets> <output octets> <peak heap>}
 * and exits 0, or prints the failure and exits 1.
 */
public final class LargeMessageHarness {
    private LargeMessageHarness() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]);
        long megabytes = Long.parseLong(args[1]);
        Path in = dir.resolve("in.eml");
        Path out = dir.resolve("out.eml");
        String expected = write(in, megabytes * 1024 * 1024);
        ConversionResult result;
        try (InputStream original = new BufferedInputStream(Files.newInputStream(in), 65536);
             OutputStream converted = new BufferedOutputStream(Files.newOutputStream(out), 65536)) {
            result = MessageConverter.withDefaults().convert(original, converted,
                RemoteDomainSettings.builder().contentType(ContentType.MIME_TEXT)
                    .characterSet(Optional.empty()).build());
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

    /** Writes the message, returns the SHA-256 of the attachment. */
    private static String write(Path file, long size) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        Random random = new Random(5);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 65536)) {
            StringBuilder text = new StringBuilder();
            while (text.length() < 2 * 1024 * 1024) {
                text.append("Grüße aus Köln — the quarterly figures are attached, see the appendix.\r\n");
            }
            byte[] head = ("From: Alice <alice@border.test>\r\nTo: bob@partner.example\r\nSubject: large\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + text
                + "--b\r\nContent-Type: application/octet-stream; name=\"data.bin\"\r\n"
                + "Content-Transfer-Encoding: binary\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            out.write(head);
            byte[] tail = "\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII);
            long remaining = size - head.length - tail.length;
            byte[] chunk = new byte[65536];
            try (DigestOutputStream body = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
                while (remaining > 0) {
                    random.nextBytes(chunk);
                    int n = (int) Math.min(chunk.length, remaining);
                    out.write(chunk, 0, n);
                    body.write(chunk, 0, n);
                    remaining -= n;
                }
            }
            out.write(tail);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String attachmentDigest(Path file) throws Exception {
        MimeTokenStream stream = new MimeTokenStream(new MimeConfig.Builder().setMaxContentLen(-1)
            .setMaxLineLen(-1).build(), DecodeMonitor.SILENT, null);
        stream.setRecursionMode(RecursionMode.M_NO_RECURSE);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 65536)) {
            stream.parse(in);
            for (EntityState s = stream.getState(); s != EntityState.T_END_OF_STREAM; s = stream.next()) {
                if (s == EntityState.T_BODY && stream.getBodyDescriptor().getMimeType()
                    .equals("application/octet-stream")) {
                    if (!stream.getBodyDescriptor().getTransferEncoding().equals("base64")) {
                        throw new IOException("attachment not base64: " + stream.getBodyDescriptor()
                            .getTransferEncoding());
                    }
                    MessageDigest digest = MessageDigest.getInstance("SHA-256");
                    stream.getDecodedInputStream().transferTo(new DigestOutputStream(OutputStream.nullOutputStream(),
                        digest));
                    return HexFormat.of().formatHex(digest.digest());
                }
            }
        }
        return "no attachment";
    }
}
