package org.bordertransport.core.tnef;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Windows code page numbers to Java charsets. */
public final class CodePages {
    /** What 8-bit text falls back to: windows-1252. */
    public static final int DEFAULT = 1252;

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
        String name = codePage >= 0 && codePage <= Integer.MAX_VALUE ? NAMES.get((int) codePage) : null;
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Charset.forName(name));
        } catch (UnsupportedCharsetException | IllegalCharsetNameException e) {
            return Optional.empty();
        }
    }

    /** The charset of a code page, windows-1252 when unknown. */
    public static Charset charset(long codePage) {
        return lookup(codePage).orElseGet(() -> Charset.forName("windows-1252"));
    }
}
