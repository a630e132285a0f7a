package org.bordertransport.core.rtf;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Windows code pages as used by RTF ({@code \ansicpgN}, {@code \cpgN}, {@code \fcharsetN}) and their Java charsets. */
final class CodePages {
    static final int DEFAULT = 1252;

    private CodePages() {
    }

    /** The Java charset of a Windows code page, if the runtime has it. */
    static Optional<Charset> charset(int codePage) {
        switch (codePage) {
            case 65001:
                return Optional.of(StandardCharsets.UTF_8);
            case 20127:
                return Optional.of(StandardCharsets.US_ASCII);
            case 28591:
                return Optional.of(StandardCharsets.ISO_8859_1);
            case 932:
                return named("windows-31j");
            case 936:
                return named("GBK");
            case 1361:
                return named("x-Johab");
            case 10000:
                return named("x-MacRoman");
            default:
                break;
        }
        if (codePage <= 0) {
            return Optional.empty();
        }
        for (String prefix : new String[] {"windows-", "x-windows-", "IBM", "x-IBM"}) {
            Optional<Charset> charset = named(prefix + codePage);
            if (charset.isPresent()) {
                return charset;
            }
        }
        return Optional.empty();
    }

    private static Optional<Charset> named(String name) {
        try {
            return Charset.isSupported(name) ? Optional.of(Charset.forName(name)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The code page of an RTF font character set ({@code \fcharsetN}), or {@code documentDefault} for
     * DEFAULT_CHARSET (1), SYMBOL_CHARSET (2) and values without one.
     */
    static int ofCharacterSet(int characterSet, int documentDefault) {
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
