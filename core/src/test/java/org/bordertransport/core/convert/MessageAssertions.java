package org.bordertransport.core.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

/** Test helpers: 7-bit checks and the decoded digests of leaf parts. */
final class MessageAssertions {
    private MessageAssertions() {
    }

    /** Every octet below 0x80, no NUL, every line at most 998 octets; with {@code crlf}, no bare CR or LF. */
    static void assertSevenBitClean(byte[] message, boolean crlf) {
        int line = 0;
        for (int i = 0; i < message.length; i++) {
            int b = message[i] & 0xFF;
            if (b >= 0x80 || b == 0) {
                fail("octet 0x%02X at %d", b, i);
            }
            if (b == '\n') {
                if (crlf && (i == 0 || message[i - 1] != '\r')) {
                    fail("bare LF at %d", i);
                }
                line = 0;
            } else if (b == '\r') {
                if (crlf && (i + 1 >= message.length || message[i + 1] != '\n')) {
                    fail("bare CR at %d", i);
                }
            } else if (++line > 998) {
                fail("line over 998 octets at %d", i);
            }
        }
    }

    /** A leaf part: its content type and the SHA-256 of its decoded content. */
    static final class Leaf {
        final String mimeType;
        final String digest;

        Leaf(String mimeType, String digest) {
            this.mimeType = mimeType;
            this.digest = digest;
        }

        @Override
        public String toString() {
            return mimeType + " " + digest;
        }
    }

    static List<Leaf> leaves(byte[] message) throws IOException, MimeException {
        return leaves(new ByteArrayInputStream(message));
    }

    static List<Leaf> leaves(InputStream message) throws IOException, MimeException {
        MimeTokenStream stream = new MimeTokenStream(MimeConfig.PERMISSIVE, DecodeMonitor.SILENT, null);
        stream.setRecursionMode(RecursionMode.M_NO_RECURSE);
        stream.parse(message);
        List<Leaf> result = new ArrayList<>();
        for (EntityState s = stream.getState(); s != EntityState.T_END_OF_STREAM; s = stream.next()) {
            if (s == EntityState.T_BODY) {
                result.add(new Leaf(stream.getBodyDescriptor().getMimeType().toLowerCase(Locale.ROOT),
                    sha256(stream.getDecodedInputStream())));
            }
        }
        return result;
    }

    static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every non-text leaf of the original decodes, in the converted message, to the same octets. */
    static void assertNonTextLeavesPreserved(byte[] original, byte[] converted) throws IOException, MimeException {
        List<String> expected = new ArrayList<>();
        for (Leaf leaf : leaves(original)) {
            if (!leaf.mimeType.startsWith("text/") && !leaf.mimeType.startsWith("message/")) {
                expected.add(leaf.digest);
            }
        }
        List<String> actual = new ArrayList<>();
        for (Leaf leaf : leaves(converted)) {
            actual.add(leaf.digest);
        }
        assertThat(actual).containsAll(expected);
    }

    /**
     * A {@code MessageFormat=Text} result: no MIME header at the top, no line over 998 octets, and every non-text
     * leaf of the original outside a multipart/alternative decodes from one of the uuencoded blocks.
     */
    static void assertNonMime(byte[] original, byte[] converted) throws IOException, MimeException {
        String text = new String(converted, java.nio.charset.StandardCharsets.ISO_8859_1);
        String head = text.substring(0, text.indexOf("\r\n\r\n") + 2).toLowerCase(Locale.ROOT);
        assertThat(head).doesNotContain("\r\nmime-version:").doesNotContain("\r\ncontent-type:");
        for (String line : text.split("\r\n", -1)) {
            assertThat(line.length()).isLessThanOrEqualTo(998);
        }
        List<String> blocks = new ArrayList<>();
        for (int at = text.indexOf("\r\nbegin 644 "); at >= 0; at = text.indexOf("\r\nbegin 644 ", at + 1)) {
            int end = text.indexOf("\r\nend\r\n", at);
            blocks.add(sha256(new ByteArrayInputStream(org.bordertransport.core.encoding.UuDecoding.decode(
                text.substring(at + 2, end + 7)))));
        }
        List<String> expected = new ArrayList<>();
        MimeTokenStream stream = new MimeTokenStream(MimeConfig.PERMISSIVE, DecodeMonitor.SILENT, null);
        stream.setRecursionMode(RecursionMode.M_NO_RECURSE);
        stream.parse(new ByteArrayInputStream(original));
        int alternativeDepth = 0;
        java.util.Deque<Boolean> multiparts = new java.util.ArrayDeque<>();
        for (EntityState s = stream.getState(); s != EntityState.T_END_OF_STREAM; s = stream.next()) {
            if (s == EntityState.T_START_MULTIPART) {
                boolean alternative = stream.getBodyDescriptor().getMimeType().equalsIgnoreCase("multipart/alternative");
                multiparts.push(alternative);
                alternativeDepth += alternative ? 1 : 0;
            } else if (s == EntityState.T_END_MULTIPART) {
                alternativeDepth -= multiparts.pop() ? 1 : 0;
            } else if (s == EntityState.T_BODY && alternativeDepth == 0) {
                String type = stream.getBodyDescriptor().getMimeType().toLowerCase(Locale.ROOT);
                if (!type.startsWith("text/") && !type.startsWith("message/")) {
                    expected.add(sha256(stream.getDecodedInputStream()));
                }
            }
        }
        assertThat(blocks).containsAll(expected);
    }
}
