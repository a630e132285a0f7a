package org.bordertransport.core.charset;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Windows code page numbers (TNEF {@code PR_INTERNET_CPID} and {@code PR_MESSAGE_CODEPAGE}, RTF {@code \ansicpgN} and
 * {@code \cpgN}) to Java charsets, and RTF font character sets ({@code \fcharsetN}) to code pages. The one table of
 * the TNEF reader, the RTF text extractor and the TNEF to MIME writer.
 *
 * <p>A code page is looked up in the table of Microsoft's code page identifiers first; a number not in it is tried
 * as the Java charset {@code windows-N}, {@code x-windows-N}, {@code IBMN} and {@code x-IBMN}, in that order (IBM
 * EBCDIC and PC code pages that the JVM has).</p>
 */
public final class CodePages {
    /** What 8-bit text falls back to: windows-1252. */
    public static final int DEFAULT = 1252;

    private static final String[] PREFIXES = {"windows-", "x-windows-", "IBM", "x-IBM"};
    private static final Map<Integer, String> NAMES = new HashMap<>();

    static {
        NAMES.put(437, "IBM437");
        NAMES.put(737, "x-IBM737");
        NAMES.put(775, "IBM775");
        NAMES.put(850, "IBM850");
        NAMES.put(852, "IBM852");
        NAMES.put(855, "IBM855");
        NAMES.put(857, "IBM857");
        NAMES.put(858, "IBM00858");
        NAMES.put(860, "IBM860");
        NAMES.put(861, "IBM861");
        NAMES.put(862, "IBM862");
        NAMES.put(863, "IBM863");
        NAMES.put(864, "IBM864");
        NAMES.put(865, "IBM865");
        NAMES.put(866, "IBM866");
        NAMES.put(869, "IBM869");
        NAMES.put(874, "x-windows-874");
        NAMES.put(932, "windows-31j");
        NAMES.put(936, "GBK");
        NAMES.put(949, "x-windows-949");
        NAMES.put(950, "x-windows-950");
        for (int cp = 1250; cp <= 1258; cp++) {
            NAMES.put(cp, "windows-" + cp);
        }
        NAMES.put(1200, "UTF-16LE");
        NAMES.put(1201, "UTF-16BE");
        NAMES.put(1361, "x-Johab");
        NAMES.put(10000, "x-MacRoman");
        NAMES.put(20127, "US-ASCII");
        NAMES.put(20866, "KOI8-R");
        NAMES.put(21866, "KOI8-U");
        for (int i = 1; i <= 9; i++) {
            NAMES.put(28590 + i, "ISO-8859-" + i);
        }
        NAMES.put(28603, "ISO-8859-13");
        NAMES.put(28605, "ISO-8859-15");
        NAMES.put(50220, "ISO-2022-JP");
        NAMES.put(50221, "ISO-2022-JP");
        NAMES.put(50222, "ISO-2022-JP");
        NAMES.put(50225, "ISO-2022-KR");
        NAMES.put(51932, "EUC-JP");
        NAMES.put(51936, "GB2312");
        NAMES.put(51949, "EUC-KR");
        NAMES.put(52936, "GB2312");
        NAMES.put(54936, "GB18030");
        NAMES.put(65001, "UTF-8");
    }

    private CodePages() {
    }

    /** The charset of a code page, empty when it is unknown or not available in this JVM. */
    public static Optional<Charset> lookup(long codePage) {
        if (codePage <= 0 || codePage > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        String name = NAMES.get((int) codePage);
        if (name != null) {
            return named(name);
        }
        for (String prefix : PREFIXES) {
            Optional<Charset> charset = named(prefix + codePage);
            if (charset.isPresent()) {
                return charset;
            }
        }
        return Optional.empty();
    }

    /** The charset of a code page, windows-1252 ({@link #DEFAULT}) when unknown. */
    public static Charset charset(long codePage) {
        return lookup(codePage).orElseGet(() -> Charset.forName("windows-1252"));
    }

    private static Optional<Charset> named(String name) {
        try {
            return Charset.isSupported(name) ? Optional.of(Charset.forName(name)) : Optional.empty();
        } catch (UnsupportedCharsetException | IllegalCharsetNameException e) {
            return Optional.empty();
        }
    }

    /**
     * The code page of an RTF font character set ({@code \fcharsetN}), or {@code documentDefault} for
     * DEFAULT_CHARSET (1), SYMBOL_CHARSET (2) and values without one.
     */
    public static int ofCharacterSet(int characterSet, int documentDefault) {
        switch (characterSet) {
            case 0:
                return 1252;
            case 77:
                return 10000;
            case 128:
                return 932;
            case 129:
                return 949;
            case 130:
                return 1361;
            case 134:
                return 936;
            case 136:
                return 950;
            case 161:
                return 1253;
            case 162:
                return 1254;
            case 163:
                return 1258;
            case 177:
                return 1255;
            case 178:
                return 1256;
            case 186:
                return 1257;
            case 204:
                return 1251;
            case 222:
                return 874;
            case 238:
                return 1250;
            case 254:
                return 437;
            case 255:
                return 850;
            default:
                return documentDefault;
        }
    }
}
