package org.bordertransport.core.encoding;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.mime4j.codec.EncoderUtil;
import org.bordertransport.core.charset.CharsetConversionException;
import org.bordertransport.core.charset.Iso2022JpEncoder;
import org.bordertransport.core.charset.Iso2022JpVariant;
import org.bordertransport.core.mail.HeaderText;

/**
 * RFC 2047 encoded-words for header values with 8-bit or non-ASCII characters, and their tolerant decoding.
 *
 * <ul>
 *   <li>{@link #encodeUnstructured}: {@code Subject}, {@code Comments} and other unstructured text. ASCII words stay
 *   readable; each run of words that need encoding becomes encoded-words (the white space inside a run is encoded
 *   with it, since white space between encoded-words is dropped by decoders).</li>
 *   <li>{@link #encodePhrase}, {@link #encodeMailbox}, {@link #encodeAddressList}: display names in address headers;
 *   the address itself must be ASCII (an internationalised address cannot be downgraded).</li>
 *   <li>Every encoded-word is at most 75 characters and holds whole characters (never half of a UTF-8 sequence or
 *   of a surrogate pair); ISO-2022-JP is always B-encoded with code page 50220 (see {@link #isIso2022Jp}) and
 *   returns to ASCII inside each word. Characters the charset cannot represent fail: there is no silent
 *   {@code ?}.</li>
 *   <li>{@link #decode}: tolerant of what real mail contains (see there).</li>
 * </ul>
 *
 * <p>The octet-level Q and B encodings are mime4j's {@link EncoderUtil#encodeQ(byte[], EncoderUtil.Usage)} and
 * {@link EncoderUtil#encodeB(byte[])}. Splitting into words is done here, because mime4j 0.8.9's
 * {@code encodeEncodedWord} halves the text by UTF-16 index for Q (which can cut a surrogate pair and turn an emoji
 * into two {@code ?}) and produces words of very uneven length.</p>
 */
public final class HeaderEncoding {
    /** Longest value the encoders accept, in characters. */
    public static final int MAX_ENCODE_CHARS = 16_384;
    /** Longest raw value {@link #decode} accepts, in characters. */
    public static final int MAX_DECODE_CHARS = 65_536;
    /** RFC 2047 section 2. */
    public static final int MAX_ENCODED_WORD_CHARS = 75;

    private static final Iso2022JpEncoder ISO_2022_JP_HEADERS = Iso2022JpEncoder.of(Iso2022JpVariant.CP50220);
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]{1,80})\\?([QqBb])\\?([^?\\s]*)\\?=");
    private static final Pattern BASE64_TEXT = Pattern.compile("[A-Za-z0-9+/]*={0,2}");

    /** Q or B (RFC 2047 section 4), or whichever gives the shorter result (Q on a tie). */
    public enum WordEncoding {
        Q,
        B,
        SHORTEST
    }

    /** Where an encoded-word goes: it decides which characters Q must escape (RFC 2047 section 5). */
    enum Usage {
        TEXT(EncoderUtil.Usage.TEXT_TOKEN),
        PHRASE(EncoderUtil.Usage.WORD_ENTITY);

        private final EncoderUtil.Usage mime4j;

        Usage(EncoderUtil.Usage mime4j) {
            this.mime4j = mime4j;
        }
    }

    private HeaderEncoding() {
    }

    /** Whether the value has a character outside printable ASCII, space and tab (line ends included). */
    public static boolean needsEncoding(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c > 0x7e) {
                return true;
            }
        }
        return false;
    }

    /**
     * Encodes and folds an unstructured header value ({@code Subject} ...). A value that needs no encoding is only
     * refolded.
     *
     * @return the value to write after {@code "Name: "}, folded with CRLF + space
     * @throws EncodingException a character the charset cannot represent, a value over {@value #MAX_ENCODE_CHARS}
     *     characters
     */
    public static String encodeUnstructured(String headerName, String value, Charset charset, WordEncoding encoding)
        throws EncodingException {
        int firstMax = LineLimit.PREFERRED_LINE_OCTETS - headerName.length() - 2;
        return LineLimit.fold(headerName, encodeText(value, charset, encoding, firstMax), false);
    }

    /** Like {@link #encodeUnstructured} but unfolded: one line, encoded-words separated by single spaces. */
    public static String encodeText(String value, Charset charset, WordEncoding encoding) throws EncodingException {
        return encodeText(value, charset, encoding, MAX_ENCODED_WORD_CHARS);
    }

    private static String encodeText(String value, Charset charset, WordEncoding encoding, int firstMax)
        throws EncodingException {
        String text = HeaderText.unfold(checkLength(value)).trim();
        List<int[]> words = words(text);
        StringBuilder out = new StringBuilder(text.length() * 2);
        int previousEnd = 0;
        int i = 0;
        while (i < words.size()) {
            int[] word = words.get(i);
            String token = text.substring(word[0], word[1]);
            out.append(text, previousEnd, word[0]);
            if (!wordNeedsEncoding(token)) {
                out.append(token);
                previousEnd = word[1];
                i++;
                continue;
            }
            int runEnd = i;
            while (runEnd + 1 < words.size()
                && wordNeedsEncoding(text.substring(words.get(runEnd + 1)[0], words.get(runEnd + 1)[1]))) {
                runEnd++;
            }
            int end = words.get(runEnd)[1];
            int max = out.length() == 0 ? firstMax : MAX_ENCODED_WORD_CHARS;
            out.append(String.join(" ", encodedWords(text.substring(word[0], end), charset, encoding, Usage.TEXT,
                max)));
            previousEnd = end;
            i = runEnd + 1;
        }
        out.append(text, previousEnd, text.length());
        return out.toString();
    }

    /**
     * Encodes a display name (RFC 5322 phrase): printable ASCII stays as atoms or becomes a quoted-string (mime4j's
     * {@link EncoderUtil#encodeAddressDisplayName}); anything else becomes encoded-words, restricted to the
     * characters RFC 2047 section 5 (3) allows in a phrase.
     */
    public static String encodePhrase(String displayName, Charset charset, WordEncoding encoding)
        throws EncodingException {
        return encodePhrase(displayName, charset, encoding, MAX_ENCODED_WORD_CHARS);
    }

    private static String encodePhrase(String displayName, Charset charset, WordEncoding encoding, int firstMax)
        throws EncodingException {
        String phrase = HeaderText.unfold(checkLength(displayName)).trim();
        if (phrase.isEmpty()) {
            return "";
        }
        if (!needsEncoding(phrase) && !looksEncoded(phrase) && !hasLongWord(phrase)) {
            return EncoderUtil.encodeAddressDisplayName(phrase);
        }
        return String.join(" ", encodedWords(phrase, charset, encoding, Usage.PHRASE, firstMax));
    }

    /**
     * {@code phrase <address>}, or the bare address when the display name is empty.
     *
     * @throws EncodingException the address is not printable ASCII without white space
     */
    public static String encodeMailbox(String displayName, String address, Charset charset, WordEncoding encoding)
        throws EncodingException {
        checkAddress(address);
        String phrase = displayName == null ? "" : encodePhrase(displayName, charset, encoding);
        return phrase.isEmpty() ? address : phrase + " <" + address + ">";
    }

    /**
     * Encodes the display names (and comments) of a raw address-list header ({@code From}, {@code To}, {@code Cc},
     * {@code Reply-To} ...) that carries 8-bit characters, keeps everything that is already ASCII as it is, and folds
     * the result. Quoted display names are unquoted before encoding; group names are encoded like display names.
     *
     * @throws EncodingException an address (outside angle brackets or inside them) is not ASCII, a character the
     *     charset cannot represent, a value over the limit
     */
    public static String encodeAddressList(String headerName, String value, Charset charset, WordEncoding encoding)
        throws EncodingException {
        String text = HeaderText.unfold(checkLength(value)).trim();
        if (!needsEncoding(text)) {
            return LineLimit.fold(headerName, text, true);
        }
        List<String> items = splitTopLevel(text, ',');
        List<String> encoded = new ArrayList<>(items.size());
        int firstMax = LineLimit.PREFERRED_LINE_OCTETS - headerName.length() - 2;
        for (String item : items) {
            encoded.add(encodeAddressItem(item.trim(), charset, encoding, encoded.isEmpty() ? firstMax
                : MAX_ENCODED_WORD_CHARS));
        }
        return LineLimit.fold(headerName, String.join(", ", encoded), true);
    }

    /**
     * Re-encodes the display names of an address-list header that are written as encoded-words (of any charset) in
     * {@code charset}: each is decoded on its own (a decoded comma or quote never changes the list's structure) and
     * encoded again; everything else stays as it is. Used for legacy Japanese recipients that read only
     * ISO-2022-JP words.
     *
     * @return the folded value, or empty when no display name is written as encoded-words
     * @throws EncodingException a decoded name has a character {@code charset} cannot represent, or the value is
     *     not a parsable address list
     */
    public static java.util.Optional<String> recodeDisplayNames(String headerName, String value, Charset charset,
                                                                WordEncoding encoding) throws EncodingException {
        String text = HeaderText.unfold(checkLength(value)).trim();
        if (!looksEncoded(text) || needsEncoding(text)) {
            return java.util.Optional.empty();
        }
        List<String> items = splitTopLevel(text, ',');
        List<String> result = new ArrayList<>(items.size());
        boolean changed = false;
        for (String raw : items) {
            String item = raw.trim();
            int angle = indexOfTopLevel(item, '<');
            int colon = indexOfTopLevel(item, ':');
            String display = angle > 0 && (colon < 0 || colon > angle) ? item.substring(0, angle).trim() : "";
            if (!looksEncoded(display)) {
                result.add(item);
                continue;
            }
            String decoded = decode(unquote(display)).trim();
            String phrase = needsEncoding(decoded) ? encodePhrase(decoded, charset, encoding)
                : EncoderUtil.encodeAddressDisplayName(decoded);
            result.add(phrase + " " + item.substring(angle));
            changed = true;
        }
        return changed ? java.util.Optional.of(LineLimit.fold(headerName, String.join(", ", result), true))
            : java.util.Optional.empty();
    }

    /**
     * Replaces every display name of an address-list header: {@code rename} gets the decoded name ({@code ""} when
     * there is none) and returns the new one, {@code ""} for none (the bare address is written). New names are
     * encoded in UTF-8 where they need it; group syntax and comments are kept as they are.
     *
     * @return the folded value
     * @throws EncodingException the value is not a parsable address list, or is over the limit
     */
    public static String renameMailboxes(String headerName, String value,
                                         java.util.function.UnaryOperator<String> rename) throws EncodingException {
        String text = HeaderText.unfold(checkLength(value)).trim();
        List<String> result = new ArrayList<>();
        for (String raw : splitTopLevel(text, ',')) {
            String item = raw.trim();
            if (item.isEmpty()) {
                continue;
            }
            int angle = indexOfTopLevel(item, '<');
            int colon = indexOfTopLevel(item, ':');
            if (colon >= 0 && (angle < 0 || colon < angle)) {
                result.add(item); // a group: its name is not a sender's name
                continue;
            }
            String display = angle >= 0 ? decode(unquote(item.substring(0, angle).trim())).trim() : "";
            String address = angle >= 0 ? item.substring(angle) : "<" + item + ">";
            String renamed = rename.apply(display);
            if (renamed == null || renamed.isBlank()) {
                String bare = address.substring(1, Math.max(1, address.indexOf('>')));
                result.add(bare + address.substring(address.indexOf('>') + 1));
            } else {
                result.add(encodePhrase(renamed, java.nio.charset.StandardCharsets.UTF_8, WordEncoding.SHORTEST)
                    + " " + address);
            }
        }
        return LineLimit.fold(headerName, String.join(", ", result), true);
    }

    private static String encodeAddressItem(String item, Charset charset, WordEncoding encoding, int firstMax)
        throws EncodingException {
        if (!needsEncoding(item)) {
            return item;
        }
        int colon = indexOfTopLevel(item, ':');
        int angle = indexOfTopLevel(item, '<');
        if (colon >= 0 && (angle < 0 || colon < angle)) {
            String group = encodePhrase(unquote(item.substring(0, colon)), charset, encoding, firstMax);
            String rest = item.substring(colon + 1).trim();
            return group + ":" + (rest.isEmpty() ? "" : " " + encodeAddressItem(rest, charset, encoding,
                MAX_ENCODED_WORD_CHARS));
        }
        String suffix = "";
        String mailbox = item;
        if (mailbox.endsWith(";")) {
            suffix = ";";
            mailbox = mailbox.substring(0, mailbox.length() - 1).trim();
        }
        if (angle >= 0) {
            int close = mailbox.indexOf('>', angle);
            if (close < 0) {
                throw new EncodingException("mailbox '" + shorten(mailbox) + "' has no closing '>'");
            }
            String display = mailbox.substring(0, angle).trim();
            String address = mailbox.substring(angle + 1, close).trim();
            checkAddress(address);
            String phrase = needsEncoding(display) ? encodePhrase(unquote(display), charset, encoding, firstMax)
                : display;
            String trailer = encodeComments(mailbox.substring(close + 1), charset, encoding).trim();
            return (phrase.isEmpty() ? "" : phrase + " ") + "<" + address + ">"
                + (trailer.isEmpty() ? "" : " " + trailer) + suffix;
        }
        String withComments = encodeComments(mailbox, charset, encoding);
        if (needsEncoding(withComments)) {
            throw new EncodingException("address '" + shorten(mailbox) + "' is not ASCII: an internationalised "
                + "address cannot be downgraded to 7 bits");
        }
        return withComments + suffix;
    }

    /** Replaces the content of each top-level comment that needs encoding by encoded-words. */
    private static String encodeComments(String text, Charset charset, WordEncoding encoding)
        throws EncodingException {
        StringBuilder out = new StringBuilder();
        int i = 0;
        boolean quoted = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                out.append(c);
                if (c == '\\' && i + 1 < text.length()) {
                    out.append(text.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                }
                i++;
            } else if (c == '"') {
                quoted = true;
                out.append(c);
                i++;
            } else if (c == '(') {
                int end = commentEnd(text, i);
                String content = text.substring(i + 1, Math.max(i + 1, end - 1));
                if (needsEncoding(content)) {
                    String plain = content.replaceAll("\\\\(.)", "$1");
                    out.append('(').append(String.join(" ", encodedWords(plain, charset, encoding, Usage.PHRASE)))
                        .append(')');
                } else {
                    out.append(text, i, end);
                }
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int commentEnd(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i + 1;
            }
        }
        return text.length();
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

    /**
     * Splits text into encoded-words of at most 75 characters each, each holding whole characters.
     *
     * @throws EncodingException a character the charset cannot represent
     */
    static List<String> encodedWords(String text, Charset charset, WordEncoding encoding, Usage usage)
        throws EncodingException {
        return encodedWords(text, charset, encoding, usage, MAX_ENCODED_WORD_CHARS);
    }

    /**
     * Like {@link #encodedWords(String, Charset, WordEncoding, Usage)}, with the first word at most {@code firstMax}
     * characters (the room left on the first line of a header), when that leaves room for a character.
     */
    static List<String> encodedWords(String text, Charset charset, WordEncoding encoding, Usage usage, int firstMax)
        throws EncodingException {
        if (!charset.canEncode()) {
            throw new IllegalArgumentException("charset " + charset.name() + " cannot encode");
        }
        byte[] all = bytes(text, charset);
        boolean japanese = isIso2022Jp(charset);
        boolean q = !japanese && (encoding == WordEncoding.Q
            || (encoding == WordEncoding.SHORTEST && qLength(all, usage) <= (all.length + 2) / 3 * 4));
        String prefix = "=?" + (japanese ? "ISO-2022-JP" : charset.name()) + (q ? "?Q?" : "?B?");
        int room = MAX_ENCODED_WORD_CHARS - prefix.length() - 2;
        int firstRoom = Math.min(room, firstMax - prefix.length() - 2);
        List<String> words = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int wordRoom = words.isEmpty() && firstRoom >= 12 ? firstRoom : room;
            String best = null;
            int end = start;
            while (end < text.length()) {
                int next = text.offsetByCodePoints(end, 1);
                if (japanese && isHalfwidthKana(text.charAt(end)) && next < text.length()
                    && (text.charAt(next) == '\uFF9E' || text.charAt(next) == '\uFF9F')) {
                    next++; // code page 50220 makes a kana and its voiced mark one full-width character
                }
                String payload = payload(bytes(text.substring(start, next), charset), q, usage);
                if (payload.length() > wordRoom) {
                    break;
                }
                best = payload;
                end = next;
            }
            if (best == null) {
                throw new EncodingException("character U+" + Integer.toHexString(text.codePointAt(start))
                    .toUpperCase(java.util.Locale.ROOT) + " does not fit in an encoded-word of "
                    + MAX_ENCODED_WORD_CHARS + " characters with charset " + charset.name());
            }
            words.add(prefix + best + "?=");
            start = end;
        }
        return words;
    }

    /**
     * ISO-2022-JP (and Java's {@code x-windows-iso2022jp}) in headers means code page 50220 here, as Exchange writes
     * it: the Windows characters (～ － ∥ ￠ ￡ ￢, NEC ① Ⅰ ㈱, IBM 髙 﨑) map through CP932 and half-width kana become
     * full-width (never {@code ESC ( I} in a header), each word returning to ASCII.
     */
    static boolean isIso2022Jp(Charset charset) {
        String name = charset.name().toLowerCase(java.util.Locale.ROOT);
        return name.equals("iso-2022-jp") || name.equals("x-windows-iso2022jp");
    }

    private static boolean isHalfwidthKana(char c) {
        return c >= '\uFF61' && c <= '\uFF9F';
    }

    private static String payload(byte[] bytes, boolean q, Usage usage) {
        return q ? EncoderUtil.encodeQ(bytes, usage.mime4j) : EncoderUtil.encodeB(bytes);
    }

    private static int qLength(byte[] bytes, Usage usage) {
        return EncoderUtil.encodeQ(bytes, usage.mime4j).length();
    }

    static byte[] bytes(String text, Charset charset) throws EncodingException {
        if (isIso2022Jp(charset)) {
            try {
                return ISO_2022_JP_HEADERS.encode(text);
            } catch (CharsetConversionException e) {
                throw new EncodingException("'" + shorten(text) + "' cannot be represented in charset ISO-2022-JP: "
                    + e.getMessage(), e);
            }
        }
        CharsetEncoder encoder = charset.newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer buffer = encoder.encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new EncodingException("'" + shorten(text) + "' cannot be represented in charset " + charset.name()
                + ": use UTF-8 or a charset that has all its characters", e);
        }
    }

    /** Word boundaries {start, end} of the non-white-space runs. */
    private static List<int[]> words(String text) {
        List<int[]> words = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && isWsp(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < text.length() && !isWsp(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(new int[] {start, i});
            }
        }
        return words;
    }

    private static boolean isWsp(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean wordNeedsEncoding(String word) {
        return needsEncoding(word) || looksEncoded(word) || word.length() > LineLimit.PREFERRED_LINE_OCTETS - 1;
    }

    private static boolean looksEncoded(String text) {
        int start = text.indexOf("=?");
        return start >= 0 && text.indexOf("?=", start + 2) >= 0;
    }

    private static boolean hasLongWord(String text) {
        for (int[] word : words(text)) {
            if (word[1] - word[0] > LineLimit.PREFERRED_LINE_OCTETS - 1) {
                return true;
            }
        }
        return false;
    }

    private static void checkAddress(String address) throws EncodingException {
        Objects.requireNonNull(address, "address");
        if (address.isEmpty()) {
            throw new EncodingException("an address is required, got an empty value");
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c <= 0x20 || c > 0x7e || c == '<' || c == '>') {
                throw new EncodingException("address '" + shorten(address) + "' is not ASCII: an internationalised "
                    + "address cannot be downgraded to 7 bits");
            }
        }
    }

    /** A phrase with its quoted-strings unquoted (quotes removed, quoted-pairs resolved). */
    private static String unquote(String phrase) {
        StringBuilder out = new StringBuilder(phrase.length());
        boolean quoted = false;
        for (int i = 0; i < phrase.length(); i++) {
            char c = phrase.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < phrase.length()) {
                out.append(phrase.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.toString().trim();
    }

    private static List<String> splitTopLevel(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        int index;
        while ((index = indexOfTopLevel(text, separator, start)) >= 0) {
            parts.add(text.substring(start, index));
            start = index + 1;
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static int indexOfTopLevel(String text, char wanted) {
        return indexOfTopLevel(text, wanted, 0);
    }

    /** First {@code wanted} outside quoted-strings, comments and angle brackets (unless it is '<'). */
    private static int indexOfTopLevel(String text, char wanted, int from) {
        boolean quoted = false;
        boolean angle = false;
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && (quoted || depth > 0)) {
                i++;
            } else if (quoted) {
                quoted = c != '"';
            } else if (depth > 0) {
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
            } else if (c == wanted && !angle) {
                return i;
            } else if (c == '"') {
                quoted = true;
            } else if (c == '(') {
                depth++;
            } else if (c == '<') {
                angle = true;
            } else if (c == '>') {
                angle = false;
            }
        }
        return -1;
    }

    private static String checkLength(String value) throws EncodingException {
        Objects.requireNonNull(value, "value");
        if (value.length() > MAX_ENCODE_CHARS) {
            throw new EncodingException("header value of " + value.length() + " characters is over the limit of "
                + MAX_ENCODE_CHARS);
        }
        return value;
    }

    static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 37) + "...";
    }
}
