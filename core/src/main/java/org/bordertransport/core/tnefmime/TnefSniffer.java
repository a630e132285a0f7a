package org.bordertransport.core.tnefmime;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Arrays;
import java.util.Set;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.bordertransport.core.encoding.Base64Input;
import org.bordertransport.core.mime.MimeNode;

/**
 * Tells TNEF by its content: the decoded body of a leaf starts with the TNEF signature {@code 0x223E9F78} (octets
 * {@code 78 9F 3E 22}), whatever its type or name; a {@code text/plain} body holds uuencoded blocks whose octets start
 * with it; an attached message has TNEF inside (read recursively, {@link TnefDetector}). Only the first octets of a
 * leaf are decoded ({@value #PEEK_RAW_OCTETS} octets of it as sent at most), except text, which is scanned line by
 * line once.
 */
final class TnefSniffer {
    static final byte[] SIGNATURE = {0x78, (byte) 0x9F, 0x3E, 0x22};
    /** Octets of a leaf as sent read to find its first decoded octets (a uuencoded body may start with text). */
    static final int PEEK_RAW_OCTETS = 64 * 1024;
    static final Set<String> MESSAGE_TYPES = Set.of("message/rfc822", "message/global");

    private TnefSniffer() {
    }

    /**
     * Notes in {@code leaf.data()} how the leaf carries TNEF ({@link TnefPart#kind}, {@link TnefPart#uuBlocks},
     * {@link TnefPart#inner}); its header fields are described already.
     *
     * @param raw the body as sent
     * @param uuLimit uuencoded TNEF blocks counted at most (one past the limit tells it is passed)
     * @throws TnefConversionException an attached message is past the limits of nesting or entities
     */
    static void classify(MimeNode<TnefPart> leaf, InputStream raw, TnefScope scope, int uuLimit)
        throws IOException, TnefConversionException {
        TnefPart part = leaf.data();
        if (MESSAGE_TYPES.contains(leaf.mimeType())) {
            part.inner = TnefDetector.inner(leaf, decoded(raw, leaf), scope);
            if (!part.inner.paths().isEmpty()) {
                part.kind = TnefPart.Kind.MESSAGE;
            }
            return;
        }
        boolean text = leaf.isType("text/plain") && !part.uuencodedTransfer;
        InputStream content = decoded(text ? raw : new Bounded(raw, PEEK_RAW_OCTETS), leaf);
        PushbackInputStream in = new PushbackInputStream(content, SIGNATURE.length);
        byte[] head = in.readNBytes(SIGNATURE.length);
        if (Arrays.equals(head, SIGNATURE)) {
            part.kind = TnefPart.Kind.TNEF;
            return;
        }
        if (text && uuLimit > 0) {
            in.unread(head);
            part.uuBlocks = uuBlocks(in, uuLimit);
            if (part.uuBlocks > 0) {
                part.kind = TnefPart.Kind.UUENCODED;
            }
        }
    }

    /** The body of {@code leaf} without its transfer encoding (base64, quoted-printable, uuencode); lenient. */
    static InputStream decoded(InputStream raw, MimeNode<TnefPart> leaf) throws IOException {
        if (leaf.data().uuencodedTransfer) {
            TextLines lines = new TextLines(raw);
            while (lines.next()) {
                if (UuInput.beginName(lines).isPresent()) {
                    return new UuInput(lines, Long.MAX_VALUE);
                }
            }
            return InputStream.nullInputStream();
        }
        switch (leaf.transferEncoding()) {
            case BASE64:
                return Base64Input.lenient(raw);
            case QUOTED_PRINTABLE:
                return new QuotedPrintableInputStream(raw, DecodeMonitor.SILENT);
            default:
                return raw;
        }
    }

    /** Counts the uuencoded blocks of {@code text} that are TNEF, up to {@code limit}. */
    private static int uuBlocks(InputStream text, int limit) throws IOException {
        TextLines lines = new TextLines(text);
        byte[] decoded = new byte[64];
        int blocks = 0;
        while (blocks < limit && lines.next()) {
            if (UuInput.beginName(lines).isPresent() && lines.next()) {
                if (lines.whole() && startsWithSignature(decoded,
                    UuInput.decodeLine(lines.octets(), lines.contentLength(), decoded))) {
                    blocks++;
                } else {
                    lines.pushBack();
                }
            }
        }
        return blocks;
    }

    private static boolean startsWithSignature(byte[] decoded, int length) {
        return length >= SIGNATURE.length && Arrays.equals(decoded, 0, SIGNATURE.length, SIGNATURE, 0,
            SIGNATURE.length);
    }

    /** At most {@code max} octets of a stream; closing it does not close the stream. */
    private static final class Bounded extends FilterInputStream {
        private long left;

        Bounded(InputStream in, long max) {
            super(in);
            this.left = max;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() {
        }
    }
}
