package org.bordertransport.core.rtf;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.bordertransport.core.charset.CodePages;

/**
 * The font table ({@code \fonttbl}: names, {@code \fcharsetN}, {@code \cpgN}) and colour table ({@code \colortbl})
 * of a document being rendered, the code page of each font, and the glyphs of symbol fonts (Symbol, Wingdings) that
 * lists use as bullets. At most {@value #MAX_ENTRIES} fonts and colours are kept, names of {@value #MAX_NAME} chars.
 */
final class RtfTables {
    static final int MAX_ENTRIES = 4096;
    static final int MAX_NAME = 64;
    private static final int SYMBOL_CHARSET = 2;

    private static final class Font {
        final StringBuilder name = new StringBuilder();
        int characterSet = -1;
        int codePage;
        boolean named;
    }

    private final int documentCodePage;
    private final Map<Integer, Font> fonts = new HashMap<>();
    private final List<String> colors = new ArrayList<>();
    private final Map<Integer, Charset> charsets = new HashMap<>();
    private Font defining;
    private int red = -1;
    private int green = -1;
    private int blue = -1;

    RtfTables(int documentCodePage) {
        this.documentCodePage = documentCodePage;
    }

    int documentCodePage() {
        return documentCodePage;
    }

    /** {@code \fN} in the font table: starts the definition of font N. */
    void defineFont(int number) {
        defining = fonts.size() < MAX_ENTRIES || fonts.containsKey(number)
            ? fonts.computeIfAbsent(number, n -> new Font()) : null;
    }

    void fontCharacterSet(int characterSet) {
        if (defining != null) {
            defining.characterSet = characterSet;
        }
    }

    void fontCodePage(int codePage) {
        if (defining != null) {
            defining.codePage = codePage;
        }
    }

    /** A char of the font table's text: the name of the font being defined, up to {@code ;}. */
    void fontNameChar(char c) {
        if (defining == null || defining.named) {
            return;
        }
        if (c == ';') {
            defining.named = true;
        } else if (defining.name.length() < MAX_NAME) {
            defining.name.append(c);
        }
    }

    /** The font's name when it can be written in CSS (ASCII letters, digits, space, {@code - _ .}), else null. */
    String cssName(int number) {
        Font font = fonts.get(number);
        if (font == null) {
            return null;
        }
        String name = font.name.toString().trim();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return null;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ' ' || c == '-'
                || c == '_' || c == '.')) {
                return null;
            }
        }
        return name;
    }

    /** Whether text in this font is in a symbol encoding (SYMBOL_CHARSET, or a Symbol / Wingdings font). */
    boolean isSymbol(int number) {
        Font font = fonts.get(number);
        if (font == null) {
            return false;
        }
        String name = font.name.toString().trim().toLowerCase(Locale.ROOT);
        return font.characterSet == SYMBOL_CHARSET || name.equals("symbol") || name.startsWith("wingdings");
    }

    /** The code page of text in this font: {@code \cpgN}, else its {@code \fcharsetN}, else the document's. */
    int codePage(int number) {
        Font font = fonts.get(number);
        if (font == null) {
            return documentCodePage;
        }
        if (font.codePage > 0) {
            return font.codePage;
        }
        return font.characterSet < 0 ? documentCodePage : CodePages.ofCharacterSet(font.characterSet,
            documentCodePage);
    }

    /** The charset of a code page, windows-1252 (with a warning from the caller) when this JVM has none. */
    Optional<Charset> charset(int codePage) {
        Charset known = charsets.get(codePage);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Charset> charset = CodePages.lookup(codePage);
        charsets.put(codePage, charset.orElseGet(() -> CodePages.charset(CodePages.DEFAULT)));
        return charset;
    }

    /** The Unicode char of a symbol-font octet (or of its U+F0xx private-use form) when it is a common bullet. */
    static char symbol(int octet, char fallback) {
        switch (octet & 0xFF) {
            case 0xB7:
            case 0x9F:
            case 0x6C:
                return '\u2022';
            case 0xA7:
            case 0x6E:
                return '\u25AA';
            case 0xA8:
                return '\u25C6';
            case 0xD8:
                return '\u27A2';
            case 0xFC:
                return '\u2713';
            case 0x76:
                return '\u2756';
            case 0x71:
                return '\u2751';
            case 0xE0:
                return '\u2192';
            default:
                return fallback;
        }
    }

    void red(int value) {
        red = value;
    }

    void green(int value) {
        green = value;
    }

    void blue(int value) {
        blue = value;
    }

    /** {@code ;} in the colour table: the colour being defined is complete (none set: the automatic colour). */
    void endColor() {
        if (colors.size() < MAX_ENTRIES) {
            colors.add(red < 0 && green < 0 && blue < 0 ? null
                : String.format(Locale.ROOT, "#%02x%02x%02x", clamp(red), clamp(green), clamp(blue)));
        }
        red = -1;
        green = -1;
        blue = -1;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    /** The CSS colour of colour-table entry N, null for entry 0 (the automatic colour) or an unknown entry. */
    String color(int index) {
        return index > 0 && index < colors.size() ? colors.get(index) : null;
    }
}
