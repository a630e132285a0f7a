package org.bordertransport.core.encoding;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * UUencoding of attachments in non-MIME (plain RFC 5322) messages, as Exchange writes them for remote domains with
 * {@code MessageFormat=Text}: a {@code begin 644 name} line, lines of up to 45 octets (a length character then four
 * characters per three octets, each 6-bit group as {@code 0x20 + value}, with {@code `} for zero so no line ends
 * in a space), a {@code `} line and {@code end}. Streaming; every line ends in CRLF and is at most 62 octets.
 */
public final class UuEncoder {
    /** Octets per encoded line, as every uuencode writes them. */
    public static final int LINE_OCTETS = 45;
    private static final byte[] CRLF = {'\r', '\n'};

    private UuEncoder() {
    }

    /**
     * Writes one uuencoded block for {@code in}'s octets to {@code out}.
     *
     * @param name the file name of the {@code begin} line: line breaks and control characters become {@code _}, and
     *     so does every non-ASCII character unless the whole name can be written in {@code charset}
     * @param charset the charset of the message's text (a non-MIME message has nowhere to declare another one);
     *     stateful charsets such as ISO-2022-JP are never used for the name
     * @return the number of octets encoded
     */
    public static long encode(InputStream in, String name, Charset charset, OutputStream out) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        out.write("begin 644 ".getBytes(StandardCharsets.US_ASCII));
        out.write(nameOctets(name, charset));
        out.write(CRLF);
        byte[] chunk = new byte[LINE_OCTETS];
        byte[] line = new byte[1 + LINE_OCTETS / 3 * 4];
        long total = 0;
        int n;
        while ((n = in.readNBytes(chunk, 0, LINE_OCTETS)) > 0) {
            total += n;
            int length = encodeLine(chunk, n, line);
            out.write(line, 0, length);
            out.write(CRLF);
            if (n < LINE_OCTETS) {
                break;
            }
        }
        out.write('`');
        out.write(CRLF);
        out.write("end".getBytes(StandardCharsets.US_ASCII));
        out.write(CRLF);
        return total;
    }

    private static int encodeLine(byte[] chunk, int n, byte[] line) {
        line[0] = character(n);
        int pos = 1;
        for (int i = 0; i < n; i += 3) {
            int b0 = chunk[i] & 0xff;
            int b1 = i + 1 < n ? chunk[i + 1] & 0xff : 0;
            int b2 = i + 2 < n ? chunk[i + 2] & 0xff : 0;
            line[pos++] = character(b0 >>> 2);
            line[pos++] = character((b0 << 4 | b1 >>> 4) & 0x3f);
            line[pos++] = character((b1 << 2 | b2 >>> 6) & 0x3f);
            line[pos++] = character(b2 & 0x3f);
        }
        return pos;
    }

    private static byte character(int sixBits) {
        return sixBits == 0 ? (byte) '`' : (byte) (0x20 + sixBits);
    }

    /** The octets of the name on the {@code begin} line. */
    static byte[] nameOctets(String name, Charset charset) {
        String safe = safeName(name);
        boolean ascii = safe.chars().allMatch(c -> c < 0x80);
        if (!ascii && charset != null && charset.canEncode() && !charset.name().toUpperCase(Locale.ROOT)
            .contains("2022") && charset.newEncoder().canEncode(safe)) {
            return safe.getBytes(charset);
        }
        return safe.chars().mapToObj(c -> c < 0x80 ? String.valueOf((char) c) : "_")
            .collect(Collectors.joining()).getBytes(StandardCharsets.US_ASCII);
    }

    /** The name with line breaks and control characters replaced and the ends trimmed; never empty. */
    static String safeName(String name) {
        if (name == null || name.isBlank()) {
            return "attachment";
        }
        StringBuilder b = new StringBuilder(Math.min(name.length(), 200));
        for (int i = 0; i < name.length() && b.length() < 200; i++) {
            char c = name.charAt(i);
            b.append(c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0 ? '_' : c);
        }
        return b.toString().strip();
    }
}
