package org.bordertransport.core.rtf;

/**
 * Splits RTF octets into tokens: group braces, control words (with their parameter), control symbols, {@code \'hh}
 * escapes and text octets. CR, LF and NUL in text are dropped, as RTF readers do; {@code \binN} data is skipped.
 * Every call to {@link #next()} consumes at least one octet or returns {@link Type#EOF}.
 */
final class RtfTokenizer {
    enum Type { GROUP_START, GROUP_END, WORD, SYMBOL, HEX, TEXT, BAD_HEX, EOF }

    private static final int MAX_WORD = 32;

    private final byte[] input;
    private int position;
    private final StringBuilder name = new StringBuilder(MAX_WORD);
    private String word = "";
    private boolean hasParameter;
    private int parameter;
    private int value;
    private int tokenStart;
    private boolean binaryTruncated;
    private int binaryStart;
    private int binaryLength;

    RtfTokenizer(byte[] input) {
        this.input = input;
    }

    Type next() {
        while (position < input.length) {
            tokenStart = position;
            int octet = input[position++] & 0xFF;
            switch (octet) {
                case '{':
                    return Type.GROUP_START;
                case '}':
                    return Type.GROUP_END;
                case '\\':
                    return control();
                case '\r':
                case '\n':
                case 0:
                    break;
                default:
                    value = octet;
                    return Type.TEXT;
            }
        }
        return Type.EOF;
    }

    private Type control() {
        if (position >= input.length) {
            return Type.EOF;
        }
        int c = input[position] & 0xFF;
        if (isLetter(c)) {
            return controlWord();
        }
        position++;
        if (c == '\'') {
            int high = position < input.length ? Character.digit(input[position], 16) : -1;
            int low = position + 1 < input.length ? Character.digit(input[position + 1], 16) : -1;
            if (high < 0 || low < 0) {
                return Type.BAD_HEX;
            }
            position += 2;
            value = high << 4 | low;
            return Type.HEX;
        }
        if (c == '\r' || c == '\n') {
            word = "par";
            hasParameter = false;
            parameter = 0;
            return Type.WORD;
        }
        value = c;
        return Type.SYMBOL;
    }

    private Type controlWord() {
        name.setLength(0);
        binaryLength = 0;
        while (position < input.length && isLetter(input[position] & 0xFF)) {
            if (name.length() < MAX_WORD) {
                name.append((char) input[position]);
            }
            position++;
        }
        word = name.toString();
        hasParameter = false;
        parameter = 0;
        boolean negative = false;
        if (position + 1 < input.length && input[position] == '-' && isDigit(input[position + 1])) {
            negative = true;
            position++;
        }
        long number = 0;
        while (position < input.length && isDigit(input[position])) {
            hasParameter = true;
            number = Math.min(Integer.MAX_VALUE, number * 10 + (input[position] - '0'));
            position++;
        }
        parameter = (int) (negative ? -number : number);
        if (position < input.length && input[position] == ' ') {
            position++;
        }
        if ("bin".equals(word) && parameter > 0) {
            int available = input.length - position;
            if (parameter > available) {
                binaryTruncated = true;
            }
            binaryStart = position;
            binaryLength = Math.min(parameter, available);
            position += binaryLength;
        }
        return Type.WORD;
    }

    private static boolean isLetter(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** The name of the control word just read (at most 32 letters). */
    String word() {
        return word;
    }

    boolean hasParameter() {
        return hasParameter;
    }

    /** The parameter of the control word just read (clamped to the int range), 0 when none. */
    int parameter() {
        return parameter;
    }

    /** The octet of a TEXT or HEX token, the character of a SYMBOL token. */
    int value() {
        return value;
    }

    /** Where the token just read starts. */
    int offset() {
        return tokenStart;
    }

    /** Where the data of the {@code \binN} word just read starts in the input. */
    int binaryStart() {
        return binaryStart;
    }

    /** Octets of data of the {@code \binN} word just read (0 for any other token). */
    int binaryLength() {
        return binaryLength;
    }

    /** Whether a {@code \binN} declared more octets than remained. */
    boolean binaryTruncated() {
        return binaryTruncated;
    }
}
