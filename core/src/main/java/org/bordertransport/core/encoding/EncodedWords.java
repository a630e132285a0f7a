package org.bordertransport.core.encoding;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.mime4j.codec.EncoderUtil;
import org.bordertransport.core.charset.CharsetConversionException;
import org.bordertransport.core.charset.Iso2022JpEncoder;
import org.bordertransport.core.charset.Iso2022JpVariant;
import org.bordertransport.core.encoding.HeaderEncoding.WordEncoding;

/**
 * Text split into RFC 2047 encoded-words of at most {@value HeaderEncoding#MAX_ENCODED_WORD_CHARS} characters that
 * each hold whole characters, and text turned into octets of a charset (failing, never writing {@code ?}, on a
 * character the charset cannot represent). Shared by {@link HeaderEncoding} and {@link ParameterEncoding}.
 *
 * <p>The octet-level Q and B encodings are mime4j's {@link EncoderUtil#encodeQ(byte[], EncoderUtil.Usage)} and
 * {@link EncoderUtil#encodeB(byte[])}.</p>
 */
final class EncodedWords {
    private static final int MAX_ENCODED_WORD_CHARS = HeaderEncoding.MAX_ENCODED_WORD_CHARS;
    private static final Iso2022JpEncoder ISO_2022_JP_HEADERS = Iso2022JpEncoder.of(Iso2022JpVariant.CP50220);

    /** Where an encoded-word goes: it decides which characters Q must escape (RFC 2047 section 5). */
    enum Usage {
        TEXT(EncoderUtil.Usage.TEXT_TOKEN),
        PHRASE(EncoderUtil.Usage.WORD_ENTITY);

        private final EncoderUtil.Usage mime4j;

        Usage(EncoderUtil.Usage mime4j) {
            this.mime4j = mime4j;
        }
    }

    private EncodedWords() {
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

    static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 37) + "...";
    }
}
