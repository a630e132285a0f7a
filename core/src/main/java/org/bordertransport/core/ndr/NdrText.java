package org.bordertransport.core.ndr;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The body text of a message as {@link NdrDetector} reads it for bounce phrases: decoded text of the readable text
 * parts, normalised (lower case, white space collapsed, typographic apostrophes made plain), without quoted lines
 * ({@code >}) and without what follows a forwarding or reply separator. Also the phrase tables and the charset
 * decoding of text and of raw (undecoded) header values. Not thread-safe: one instance per message.
 */
final class NdrText {
    private static final Pattern TAG = Pattern.compile("<[^>]{0,2000}>");
    private static final Pattern UNDERSCORES = Pattern.compile("_{10,}");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00a0\\u3000]+");
    private static final Charset ISO_2022_JP = charset("ISO-2022-JP");

    private final StringBuilder text = new StringBuilder();
    private boolean ended;

    /**
     * Adds the text of one part.
     *
     * @param html markup is removed first (tags become white space, a few entities are decoded)
     */
    void add(String partText, boolean html) {
        if (ended) {
            return;
        }
        String plain = html ? stripHtml(partText) : partText;
        for (String line : plain.split("\r\n|\n|\r", -1)) {
            String trimmed = line.trim();
            if (trimmed.startsWith(">")) {
                continue;
            }
            String normal = normalise(trimmed);
            if (isSeparator(normal)) {
                // a copy of another message follows, written by a person's mail program
                ended = true;
                return;
            }
            if (!normal.isEmpty()) {
                text.append(' ').append(normal);
            }
        }
        text.append(' ');
    }

    /** The normalised text read so far (for tests). */
    String text() {
        return text.toString();
    }

    /** A line after which a person's mail program put a copy of another message. */
    static boolean isSeparator(String normal) {
        return NdrDetector.FORWARD_SEPARATORS.stream().anyMatch(normal::startsWith) || UNDERSCORES.matcher(normal).matches()
            || normal.startsWith("on ") && normal.endsWith(" wrote:");
    }

    /** True when the text read contains one of {@code phrases} (normalised, lower case). */
    boolean contains(List<String> phrases) {
        for (String phrase : phrases) {
            if (text.indexOf(phrase) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Lower case, runs of white space as one space, typographic apostrophes and quotes as ASCII ones, JSON's escaped
     * quotes ({@code \"}) as plain ones.
     */
    static String normalise(String value) {
        String plain = value.replace('\u2019', '\'').replace('\u2018', '\'').replace('\u201c', '"')
            .replace('\u201d', '"').replace("\\\"", "\"");
        return SPACES.matcher(plain).replaceAll(" ").trim().toLowerCase(Locale.ROOT);
    }

    private static String stripHtml(String html) {
        return TAG.matcher(html).replaceAll(" ").replace("&nbsp;", " ").replace("&#39;", "'").replace("&rsquo;", "'")
            .replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /**
     * Text from the octets of a part: its declared charset, except that octets which are valid UTF-8 with 8-bit
     * characters are read as UTF-8 when the charset declared is a 7-bit one or none (mislabelled mail), and that
     * undeclared ISO-2022-JP (escape sequences in US-ASCII) is read as such. Unknown charsets are read as
     * ISO-8859-1. Never fails: bad octets become replacement characters.
     */
    static String decode(byte[] octets, int length, String declared) {
        String name = declared == null ? "" : declared.trim().toLowerCase(Locale.ROOT);
        boolean sevenBitCharset = name.isEmpty() || name.equals("us-ascii") || name.equals("ascii")
            || name.startsWith("iso-2022-");
        if (sevenBitCharset && hasEightBit(octets, length)) {
            String utf8 = strictUtf8(octets, length);
            if (utf8 != null) {
                return utf8;
            }
        }
        boolean ascii = name.isEmpty() || name.equals("us-ascii") || name.equals("ascii");
        if (ascii && ISO_2022_JP != null && hasJisEscape(octets, length)) {
            return new String(octets, 0, length, ISO_2022_JP);
        }
        Charset charset = ascii ? null : charset(name);
        if (charset == null) {
            charset = StandardCharsets.ISO_8859_1;
        }
        return new String(octets, 0, length, charset);
    }

    /**
     * A raw header value as mime4j or a byte-wise reader hands it over (one char per octet): UTF-8 when its 8-bit
     * chars form valid UTF-8, ISO-2022-JP when it has JIS escape sequences, else unchanged.
     */
    static String decodeRawHeader(String value) {
        boolean eightBit = false;
        boolean escape = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xff) {
                return value;
            }
            eightBit |= c >= 0x80;
            escape |= c == 0x1b;
        }
        if (!eightBit && !escape) {
            return value;
        }
        byte[] octets = value.getBytes(StandardCharsets.ISO_8859_1);
        if (eightBit) {
            String utf8 = strictUtf8(octets, octets.length);
            return utf8 != null ? utf8 : value;
        }
        return hasJisEscape(octets, octets.length) && ISO_2022_JP != null ? new String(octets, ISO_2022_JP) : value;
    }

    private static boolean hasEightBit(byte[] octets, int length) {
        for (int i = 0; i < length; i++) {
            if (octets[i] < 0) {
                return true;
            }
        }
        return false;
    }

    /** ESC $ B or ESC $ @ (JIS X 0208). */
    private static boolean hasJisEscape(byte[] octets, int length) {
        for (int i = 0; i + 2 < length; i++) {
            if (octets[i] == 0x1b && octets[i + 1] == '$' && (octets[i + 2] == 'B' || octets[i + 2] == '@')) {
                return true;
            }
        }
        return false;
    }

    /**
     * The text, or null when the octets are not valid UTF-8 (a character cut at the end by a read limit is allowed
     * after other 8-bit characters).
     */
    private static String strictUtf8(byte[] octets, int length) {
        int end = length;
        // a multi-octet character cut by a read limit: leave it out
        int back = 0;
        while (back < 3 && end - back - 1 >= 0 && (octets[end - back - 1] & 0xc0) == 0x80) {
            back++;
        }
        if (end - back - 1 >= 0 && (octets[end - back - 1] & 0xc0) == 0xc0) {
            int lead = octets[end - back - 1] & 0xff;
            int needed = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : 1;
            if (needed > back) {
                end = end - back - 1;
            }
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(octets, 0, end)).toString();
            // a cut character is allowed only after whole 8-bit characters (else one Latin-1 octet at the end passes)
            return end == length || text.chars().anyMatch(c -> c > 0x7f) ? text : null;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
