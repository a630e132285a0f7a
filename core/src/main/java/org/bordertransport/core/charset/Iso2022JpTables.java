package org.bordertransport.core.charset;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;

/**
 * The Unicode to JIS tables shared by the encoder and the decoder, computed once from the JDK's {@code windows-31j}
 * (CP932) and {@code x-JIS0208} charsets.
 *
 * <p>A character encodes to the JIS X 0208 code of its CP932 double-byte code, with the Windows rules on top:</p>
 * <ul>
 *   <li>the IBM extensions (CP932 {@code 0xFA40..0xFC4B}) have no 7-bit JIS code, so they use their duplicate in
 *   NEC row 13 or in the NEC-selected IBM extensions (rows 89-92), as Windows' 50220/50221/50222 do (髙 U+9AD9 is
 *   {@code 0x7C62});</li>
 *   <li>a best-fit CP932 mapping (the code decodes to another character) is accepted only when standard JIS X 0208
 *   maps the character to the same code (¢ £ ¬); the others (¥ to {@code \}, ‾ to {@code ~}, µ, ·, « ») are
 *   refused rather than silently changed;</li>
 *   <li>characters CP932 lacks but standard JIS X 0208 has (〜 U+301C, − U+2212, ‖ U+2016, — U+2014) use the standard
 *   code, so text typed on Unix or macOS fits too; they decode to their CP932 form (～ － ∥ ―);</li>
 *   <li>user-defined characters (CP932 {@code 0xF040..0xF9FC}, U+E000..U+E757) have no 7-bit code and are
 *   refused.</li>
 * </ul>
 */
final class Iso2022JpTables {
    /** Table value flag for half-width katakana; the low byte is the JIS X 0201 code (0x21..0x5F). */
    static final int KANA = 0x0100;
    static final int FIRST_HALFWIDTH_KANA = 0xFF61;
    static final int LAST_HALFWIDTH_KANA = 0xFF9F;

    private static final Charset WINDOWS_31J = Charset.forName("windows-31j");
    private static final Charset JIS_X0208 = Charset.forName("x-JIS0208");

    /**
     * Per BMP char: 0 unmappable, the char itself for ASCII, {@link #KANA} | byte for half-width katakana, else the
     * JIS X 0208 code (0x2121..0x7E7E).
     */
    private static final char[] ENCODE = new char[0x10000];
    /** Per JIS X 0208 code ((row - 0x21) * 94 + cell - 0x21): the CP932 character, or 0. */
    private static final char[] DECODE = new char[94 * 94];
    /** For 50220, per half-width katakana: the full-width JIS code alone, voiced (ﾞ) and semi-voiced (ﾟ). */
    private static final char[] FULL_WIDTH = new char[LAST_HALFWIDTH_KANA - FIRST_HALFWIDTH_KANA + 1];
    private static final char[] VOICED = new char[FULL_WIDTH.length];
    private static final char[] SEMI_VOICED = new char[FULL_WIDTH.length];

    static {
        buildDecodeTable();
        buildEncodeTable();
        buildFullWidthKana();
    }

    private Iso2022JpTables() {
    }

    static int encode(char c) {
        return ENCODE[c];
    }

    /** The CP932 character of a JIS X 0208 code, or 0 when the code is undefined. */
    static char decode(int row, int cell) {
        if (row < 0x21 || row > 0x7E || cell < 0x21 || cell > 0x7E) {
            return 0;
        }
        return DECODE[(row - 0x21) * 94 + cell - 0x21];
    }

    static boolean isHalfwidthKana(char c) {
        return c >= FIRST_HALFWIDTH_KANA && c <= LAST_HALFWIDTH_KANA;
    }

    static int fullWidth(char kana) {
        return FULL_WIDTH[kana - FIRST_HALFWIDTH_KANA];
    }

    /** The JIS code of {@code kana} combined with ﾞ (U+FF9E) or ﾟ (U+FF9F), or 0 when there is no such character. */
    static int combined(char kana, char mark) {
        char[] table = mark == '\uFF9E' ? VOICED : mark == '\uFF9F' ? SEMI_VOICED : null;
        return table == null ? 0 : table[kana - FIRST_HALFWIDTH_KANA];
    }

    static boolean canCombine(char kana) {
        return VOICED[kana - FIRST_HALFWIDTH_KANA] != 0 || SEMI_VOICED[kana - FIRST_HALFWIDTH_KANA] != 0;
    }

    static int sjisToJis(int sjis) {
        int lead = sjis >> 8;
        int trail = sjis & 0xFF;
        int row = lead <= 0x9F ? (lead - 0x81) * 2 + 0x21 : (lead - 0xE0) * 2 + 0x5F;
        int cell;
        if (trail >= 0x9F) {
            row++;
            cell = trail - 0x7E;
        } else {
            cell = trail - (trail >= 0x80 ? 0x20 : 0x1F);
        }
        return row << 8 | cell;
    }

    static int jisToSjis(int row, int cell) {
        int lead = ((row - 0x21) >> 1) + 0x81;
        if (lead > 0x9F) {
            lead += 0x40;
        }
        int trail;
        if (((row - 0x21) & 1) == 0) {
            trail = cell + 0x1F;
            if (trail >= 0x7F) {
                trail++;
            }
        } else {
            trail = cell + 0x7E;
        }
        return lead << 8 | trail;
    }

    private static void buildDecodeTable() {
        CharsetDecoder decoder = WINDOWS_31J.newDecoder();
        for (int row = 0x21; row <= 0x7E; row++) {
            for (int cell = 0x21; cell <= 0x7E; cell++) {
                int sjis = jisToSjis(row, cell);
                char c = decodeOne(decoder, new byte[] {(byte) (sjis >> 8), (byte) sjis});
                if (c != 0 && c != '\uFFFD' && !Character.isSurrogate(c)) {
                    DECODE[(row - 0x21) * 94 + cell - 0x21] = c;
                }
            }
        }
    }

    private static void buildEncodeTable() {
        CharsetEncoder cp932 = WINDOWS_31J.newEncoder();
        CharsetEncoder jis = JIS_X0208.newEncoder();
        Map<Character, Integer> necDuplicates = necDuplicates();
        for (int c = 0; c < 0x80; c++) {
            ENCODE[c] = (char) c;
        }
        ENCODE[0x0E] = 0;
        ENCODE[0x0F] = 0;
        ENCODE[0x1B] = 0;
        for (int c = FIRST_HALFWIDTH_KANA; c <= LAST_HALFWIDTH_KANA; c++) {
            ENCODE[c] = (char) (KANA | (c - FIRST_HALFWIDTH_KANA + 0x21));
        }
        for (int c = 0x80; c < 0x10000; c++) {
            if (Character.isSurrogate((char) c) || isHalfwidthKana((char) c)) {
                continue;
            }
            int code = 0;
            byte[] sjis = encodeOne(cp932, (char) c);
            if (sjis != null && sjis.length == 2) {
                int value = (sjis[0] & 0xFF) << 8 | (sjis[1] & 0xFF);
                if (value >= 0xF040) {
                    Integer duplicate = necDuplicates.get((char) c);
                    value = duplicate == null ? 0 : duplicate;
                }
                if (value != 0) {
                    code = sjisToJis(value);
                    if (decode(code >> 8, code & 0xFF) != c && jisCode(jis, (char) c) != code) {
                        code = 0;
                    }
                }
            } else if (sjis == null) {
                code = jisCode(jis, (char) c);
            }
            if (code != 0 && decode(code >> 8, code & 0xFF) != 0) {
                ENCODE[c] = (char) code;
            }
        }
    }

    /** Characters of NEC row 13 and the NEC-selected IBM extensions, row 13 first, as Windows prefers it. */
    private static Map<Character, Integer> necDuplicates() {
        CharsetDecoder decoder = WINDOWS_31J.newDecoder();
        Map<Character, Integer> duplicates = new HashMap<>();
        int[][] ranges = {{0x8740, 0x879C}, {0xED40, 0xEEFC}};
        for (int[] range : ranges) {
            for (int sjis = range[0]; sjis <= range[1]; sjis++) {
                char c = decodeOne(decoder, new byte[] {(byte) (sjis >> 8), (byte) sjis});
                if (c != 0 && c != '\uFFFD') {
                    duplicates.putIfAbsent(c, sjis);
                }
            }
        }
        return duplicates;
    }

    private static void buildFullWidthKana() {
        for (int c = FIRST_HALFWIDTH_KANA; c <= LAST_HALFWIDTH_KANA; c++) {
            int i = c - FIRST_HALFWIDTH_KANA;
            String alone = c == 0xFF9E ? "\u309B" : c == 0xFF9F ? "\u309C" : Normalizer.normalize(String.valueOf((char) c), Normalizer.Form.NFKC);
            FULL_WIDTH[i] = (char) jisOf(alone);
            VOICED[i] = (char) jisOf(Normalizer.normalize((char) c + "\uFF9E", Normalizer.Form.NFKC));
            SEMI_VOICED[i] = (char) jisOf(Normalizer.normalize((char) c + "\uFF9F", Normalizer.Form.NFKC));
            if (FULL_WIDTH[i] == 0) {
                throw new IllegalStateException("no full-width form for " + CharsetConversionException.describe(c));
            }
        }
    }

    private static int jisOf(String normalized) {
        if (normalized.length() != 1) {
            return 0;
        }
        int code = ENCODE[normalized.charAt(0)];
        return code >= 0x2121 ? code : 0;
    }

    private static int jisCode(CharsetEncoder jis, char c) {
        byte[] bytes = encodeOne(jis, c);
        return bytes != null && bytes.length == 2 ? (bytes[0] & 0xFF) << 8 | (bytes[1] & 0xFF) : 0;
    }

    private static byte[] encodeOne(CharsetEncoder encoder, char c) {
        encoder.reset();
        ByteBuffer out = ByteBuffer.allocate(8);
        CoderResult result = encoder.encode(CharBuffer.wrap(new char[] {c}), out, true);
        if (result.isError() || encoder.flush(out).isError()) {
            return null;
        }
        out.flip();
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        return bytes;
    }

    private static char decodeOne(CharsetDecoder decoder, byte[] bytes) {
        decoder.reset();
        CharBuffer out = CharBuffer.allocate(4);
        CoderResult result = decoder.decode(ByteBuffer.wrap(bytes), out, true);
        if (result.isError() || decoder.flush(out).isError() || out.position() != 1) {
            return 0;
        }
        return out.get(0);
    }
}
