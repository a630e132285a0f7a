package org.bordertransport.core.tnefmime;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;
import org.bordertransport.core.encoding.EncodingException;
import org.bordertransport.core.encoding.HeaderDecoding;
import org.bordertransport.core.encoding.ParameterEncoding;

/** MIME messages around TNEF for the tests, and their re-parsing with mime4j. */
final class MimeFixture {
    static final String HEADERS = "From: Alice <alice@example.com>\r\nTo: bob@example.org\r\n"
        + "Subject: Quarterly report\r\nDate: Tue, 3 Jun 2008 11:05:30 +0200\r\nMessage-ID: <m1@example.com>\r\n"
        + "MIME-Version: 1.0\r\n";

    private MimeFixture() {
    }

    /** multipart/mixed of a text part and the TNEF as a base64 winmail.dat. */
    static byte[] winmail(byte[] tnef) {
        return winmail(HEADERS, "application/ms-tnef", tnef);
    }

    static byte[] winmail(String headers, String type, byte[] tnef) {
        return ascii(headers + "X-MS-TNEF-Correlator: <00000000AB@example.com>\r\n"
            + "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"
            + "This is a multi-part message in MIME format.\r\n"
            + "--outer\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nSee the attachment.\r\n"
            + "--outer\r\nContent-Type: " + type + "; name=\"winmail.dat\"\r\n"
            + "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"winmail.dat\"\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString(tnef) + "\r\n--outer--\r\n");
    }

    /** Summary TNEF: the whole body is TNEF, sent binary. */
    static byte[] stnef(String headers, byte[] tnef) {
        return concat(ascii(headers + "X-MS-TNEF-Correlator: <00000000AB@example.com>\r\n"
            + "Content-Type: application/ms-tnef\r\nContent-Transfer-Encoding: binary\r\n\r\n"), tnef);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One entity of a re-parsed message. */
    static final class Part {
        final String path;
        final String mimeType;
        final Map<String, String> headers = new LinkedHashMap<>();
        byte[] decoded;

        Part(String path, String mimeType) {
            this.path = path;
            this.mimeType = mimeType;
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String fileName() throws EncodingException {
            String disposition = header("Content-Disposition");
            return disposition == null ? null : ParameterEncoding.parse(disposition).parameter("filename").orElse(null);
        }

        String legacyName() throws EncodingException {
            return ParameterEncoding.parse(header("Content-Type")).parameter("name").orElse(null);
        }

        String text() throws EncodingException {
            String charset = ParameterEncoding.parse(header("Content-Type")).parameter("charset").orElse("us-ascii");
            return new String(decoded, java.nio.charset.Charset.forName(charset));
        }

        String sha256() {
            return MimeFixture.sha256(decoded);
        }

        @Override
        public String toString() {
            return path + " " + mimeType;
        }
    }

    /** Every entity (multiparts included) in order; message/rfc822 is a leaf whose decoded bytes are the message. */
    static List<Part> parse(byte[] message) throws IOException, MimeException {
        MimeTokenStream s = new MimeTokenStream(MimeConfig.PERMISSIVE, DecodeMonitor.SILENT, null);
        s.setRecursionMode(RecursionMode.M_NO_RECURSE);
        s.parse(new ByteArrayInputStream(message));
        List<Part> parts = new ArrayList<>();
        Deque<Part> stack = new ArrayDeque<>();
        Deque<int[]> counters = new ArrayDeque<>();
        for (EntityState state = s.getState(); state != EntityState.T_END_OF_STREAM; state = s.next()) {
            switch (state) {
                case T_START_MESSAGE:
                case T_START_BODYPART:
                    String path = stack.isEmpty() ? "root"
                        : (stack.peek().path.equals("root") ? "" : stack.peek().path + ".") + ++counters.peek()[0];
                    stack.push(new Part(path, null));
                    counters.push(new int[1]);
                    break;
                case T_FIELD:
                    Field f = s.getField();
                    stack.peek().headers.putIfAbsent(f.getName().toLowerCase(Locale.ROOT), decode(f.getBody()));
                    break;
                case T_START_MULTIPART:
                case T_BODY:
                    Part p = stack.pop();
                    Part typed = new Part(p.path, s.getBodyDescriptor().getMimeType().toLowerCase(Locale.ROOT));
                    typed.headers.putAll(p.headers);
                    stack.push(typed);
                    parts.add(typed);
                    if (state == EntityState.T_BODY) {
                        typed.decoded = s.getDecodedInputStream().readAllBytes();
                    }
                    break;
                case T_END_BODYPART:
                case T_END_MESSAGE:
                    stack.pop();
                    counters.pop();
                    break;
                default:
                    break;
            }
        }
        return parts;
    }

    private static String decode(String raw) {
        try {
            return HeaderDecoding.decode(raw.replace("\r\n", ""));
        } catch (EncodingException e) {
            throw new AssertionError(e);
        }
    }

    static List<String> shape(List<Part> parts) {
        List<String> shape = new ArrayList<>();
        for (Part p : parts) {
            shape.add(p.path + " " + p.mimeType);
        }
        return shape;
    }

    static Part part(List<Part> parts, String path) {
        for (Part p : parts) {
            if (p.path.equals(path)) {
                return p;
            }
        }
        throw new AssertionError("no part " + path + " in " + parts);
    }

    /** Every octet below 0x80, no NUL, CRLF line ends only, no line over 998 octets. */
    static void assertSevenBitClean(byte[] message) {
        int line = 0;
        for (int i = 0; i < message.length; i++) {
            int b = message[i] & 0xFF;
            if (b >= 0x80 || b == 0) {
                fail("octet 0x%02X at %d", b, i);
            }
            if (b == '\n') {
                if (i == 0 || message[i - 1] != '\r') {
                    fail("bare LF at %d", i);
                }
                line = 0;
            } else if (b == '\r') {
                if (i + 1 >= message.length || message[i + 1] != '\n') {
                    fail("bare CR at %d", i);
                }
            } else if (++line > 998) {
                fail("line over 998 octets at %d", i);
            }
        }
    }

    static byte[] bytes(int size, int seed) {
        byte[] b = new byte[size];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
