package org.bordertransport.core.encoding;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bordertransport.core.mail.HeaderText;

/**
 * Tolerant decoding of RFC 2047 encoded-words in raw header values, as real mail writes them (see {@link #decode}).
 * The writing side is {@link HeaderEncoding}.
 */
public final class HeaderDecoding {
    /** Longest raw value {@link #decode} accepts, in characters. */
    public static final int MAX_DECODE_CHARS = 65_536;

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]{1,80})\\?([QqBb])\\?([^?\\s]*)\\?=");
    private static final Pattern BASE64_TEXT = Pattern.compile("[A-Za-z0-9+/]*={0,2}");

    private HeaderDecoding() {
    }

    /**
     * Decodes the encoded-words of a raw header value (unfolded first). Tolerant: encoded-words next to other text
     * are decoded; white space between two encoded-words is dropped; adjacent encoded-words in the same charset are
     * joined before decoding, so a character split across words by a broken sender comes back whole; an RFC 2231
     * language ({@code =?utf-8*en?Q?...?=}) is ignored; an unknown charset or invalid base64 leaves the word as it
     * is; undecodable octets become U+FFFD.
     *
     * @throws EncodingException the value is over {@value #MAX_DECODE_CHARS} characters
     */
    public static String decode(String raw) throws EncodingException {
        Objects.requireNonNull(raw, "raw");
        if (raw.length() > MAX_DECODE_CHARS) {
            throw new EncodingException("header value of " + raw.length() + " characters is over the limit of "
                + MAX_DECODE_CHARS);
        }
        String text = HeaderText.unfold(raw);
        if (text.indexOf("=?") < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        Matcher m = ENCODED_WORD.matcher(text);
        int previousEnd = 0;
        boolean previousWasWord = false;
        Charset pendingCharset = null;
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        while (m.find()) {
            String gap = text.substring(previousEnd, m.start());
            Charset charset = charset(m.group(1));
            byte[] bytes = charset == null ? null : wordBytes(m.group(2), m.group(3));
            boolean gapIsSpace = gap.isBlank();
            if (bytes == null) {
                flush(out, pending, pendingCharset);
                pendingCharset = null;
                out.append(gap).append(m.group());
                previousWasWord = false;
            } else {
                if (!(previousWasWord && gapIsSpace && charset.equals(pendingCharset))) {
                    flush(out, pending, pendingCharset);
                    if (!(previousWasWord && gapIsSpace)) {
                        out.append(gap);
                    }
                }
                pendingCharset = charset;
                pending.writeBytes(bytes);
                previousWasWord = true;
            }
            previousEnd = m.end();
        }
        flush(out, pending, pendingCharset);
        out.append(text, previousEnd, text.length());
        return out.toString();
    }

    private static void flush(StringBuilder out, ByteArrayOutputStream pending, Charset charset) {
        if (pending.size() > 0) {
            out.append(new String(pending.toByteArray(), charset));
            pending.reset();
        }
    }

    private static Charset charset(String spec) {
        String name = spec;
        int star = name.indexOf('*');
        if (star >= 0) {
            name = name.substring(0, star);
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    private static byte[] wordBytes(String encoding, String encodedText) {
        if (encoding.equalsIgnoreCase("B")) {
            String b = encodedText;
            if (!BASE64_TEXT.matcher(b).matches() || b.length() % 4 == 1) {
                return null;
            }
            String unpadded = b.replace("=", "");
            if (unpadded.length() % 4 == 1) {
                return null;
            }
            try {
                return java.util.Base64.getDecoder().decode(unpadded + "==".substring(0, (4 - unpadded.length() % 4) % 4));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encodedText.length());
        for (int i = 0; i < encodedText.length(); i++) {
            char c = encodedText.charAt(i);
            if (c == '_') {
                bytes.write(' ');
            } else if (c == '=' && i + 2 < encodedText.length() && hex(encodedText.charAt(i + 1)) >= 0
                && hex(encodedText.charAt(i + 2)) >= 0) {
                bytes.write(hex(encodedText.charAt(i + 1)) * 16 + hex(encodedText.charAt(i + 2)));
                i += 2;
            } else if (c > 0xff) {
                return null;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toByteArray();
    }

    static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }
}
