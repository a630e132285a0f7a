package org.bordertransport.core.encoding;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.james.mime4j.codec.EncoderUtil;
import org.bordertransport.core.mail.HeaderText;

/**
 * RFC 2047 encoded-words for header values with 8-bit or non-ASCII characters (the writing side; tolerant decoding is
 * {@link HeaderDecoding}, the splitting into words {@link EncodedWords}, the address-list syntax {@link AddressLexer}).
 *
 * <ul>
 *   <li>{@link #encodeUnstructured}: {@code Subject}, {@code Comments} and other unstructured text. ASCII words stay
 *   readable; each run of words that need encoding becomes encoded-words (the white space inside a run is encoded
 *   with it, since white space between encoded-words is dropped by decoders).</li>
 *   <li>{@link #encodePhrase}, {@link #encodeMailbox}, {@link #encodeAddressList}: display names in address headers;
 *   the address itself must be ASCII (an internationalised address cannot be downgraded).</li>
 *   <li>Every encoded-word is at most 75 characters and holds whole characters (never half of a UTF-8 sequence or
 *   of a surrogate pair); ISO-2022-JP is always B-encoded with code page 50220 (see {@link EncodedWords}) and
 *   returns to ASCII inside each word. Characters the charset cannot represent fail: there is no silent
 *   {@code ?}.</li>
 * </ul>
 *
 * <p>The octet-level Q and B encodings are mime4j's {@link EncoderUtil#encodeQ(byte[], EncoderUtil.Usage)} and
 * {@link EncoderUtil#encodeB(byte[])}. Splitting into words is done in {@link EncodedWords}, because mime4j 0.8.9's
 * {@code encodeEncodedWord} halves the text by UTF-16 index for Q (which can cut a surrogate pair and turn an emoji
 * into two {@code ?}) and produces words of very uneven length.</p>
 */
public final class HeaderEncoding {
    /** Longest value the encoders accept, in characters. */
    public static final int MAX_ENCODE_CHARS = 16_384;
    /** RFC 2047 section 2. */
    public static final int MAX_ENCODED_WORD_CHARS = 75;

    /** Q or B (RFC 2047 section 4), or whichever gives the shorter result (Q on a tie). */
    public enum WordEncoding {
        Q,
        B,
        SHORTEST
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
            out.append(String.join(" ", EncodedWords.encodedWords(text.substring(word[0], end), charset, encoding,
                EncodedWords.Usage.TEXT,
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
        return String.join(" ", EncodedWords.encodedWords(phrase, charset, encoding, EncodedWords.Usage.PHRASE,
            firstMax));
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
        List<String> items = AddressLexer.splitTopLevel(text, ',');
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
        List<String> items = AddressLexer.splitTopLevel(text, ',');
        List<String> result = new ArrayList<>(items.size());
        boolean changed = false;
        for (String raw : items) {
            String item = raw.trim();
            int angle = AddressLexer.indexOfTopLevel(item, '<');
            int colon = AddressLexer.indexOfTopLevel(item, ':');
            String display = angle > 0 && (colon < 0 || colon > angle) ? item.substring(0, angle).trim() : "";
            if (!looksEncoded(display)) {
                result.add(item);
                continue;
            }
            String decoded = HeaderDecoding.decode(AddressLexer.unquote(display)).trim();
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
        for (String raw : AddressLexer.splitTopLevel(text, ',')) {
            String item = raw.trim();
            if (item.isEmpty()) {
                continue;
            }
            int angle = AddressLexer.indexOfTopLevel(item, '<');
            int colon = AddressLexer.indexOfTopLevel(item, ':');
            if (colon >= 0 && (angle < 0 || colon < angle)) {
                result.add(item); // a group: its name is not a sender's name
                continue;
            }
            String display = angle >= 0
                ? HeaderDecoding.decode(AddressLexer.unquote(item.substring(0, angle).trim())).trim() : "";
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
        int colon = AddressLexer.indexOfTopLevel(item, ':');
        int angle = AddressLexer.indexOfTopLevel(item, '<');
        if (colon >= 0 && (angle < 0 || colon < angle)) {
            String group = encodePhrase(AddressLexer.unquote(item.substring(0, colon)), charset, encoding, firstMax);
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
                throw new EncodingException("mailbox '" + EncodedWords.shorten(mailbox) + "' has no closing '>'");
            }
            String display = mailbox.substring(0, angle).trim();
            String address = mailbox.substring(angle + 1, close).trim();
            checkAddress(address);
            String phrase = needsEncoding(display)
                ? encodePhrase(AddressLexer.unquote(display), charset, encoding, firstMax)
                : display;
            String trailer = encodeComments(mailbox.substring(close + 1), charset, encoding).trim();
            return (phrase.isEmpty() ? "" : phrase + " ") + "<" + address + ">"
                + (trailer.isEmpty() ? "" : " " + trailer) + suffix;
        }
        String withComments = encodeComments(mailbox, charset, encoding);
        if (needsEncoding(withComments)) {
            throw new EncodingException("address '" + EncodedWords.shorten(mailbox) + "' is not ASCII: an "
                + "internationalised address cannot be downgraded to 7 bits");
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
                int end = AddressLexer.commentEnd(text, i);
                String content = text.substring(i + 1, Math.max(i + 1, end - 1));
                if (needsEncoding(content)) {
                    String plain = content.replaceAll("\\\\(.)", "$1");
                    out.append('(').append(String.join(" ", EncodedWords.encodedWords(plain, charset, encoding,
                        EncodedWords.Usage.PHRASE)))
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
                throw new EncodingException("address '" + EncodedWords.shorten(address) + "' is not ASCII: an "
                    + "internationalised address cannot be downgraded to 7 bits");
            }
        }
    }

    private static String checkLength(String value) throws EncodingException {
        Objects.requireNonNull(value, "value");
        if (value.length() > MAX_ENCODE_CHARS) {
            throw new EncodingException("header value of " + value.length() + " characters is over the limit of "
                + MAX_ENCODE_CHARS);
        }
        return value;
    }
}
