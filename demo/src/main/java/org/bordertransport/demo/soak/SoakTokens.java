package org.bordertransport.demo.soak;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a soak token in a message: in its own header ({@code X-Soak-Token} before the first empty line: the message
 * itself), or anywhere else (a notification James made about it, quoting its header).
 */
final class SoakTokens {
    private static final Pattern TOKEN = Pattern.compile("(?im)^X-Soak-Token:[ \\t]*soak-(\\d+)");
    private static final Pattern HEADER_END = Pattern.compile("\r?\n\r?\n");

    /** The token of the message itself, or -1. */
    final int own;
    /** A token quoted in the body (the message is a notification about that one), or -1. */
    final int quoted;

    private SoakTokens(int own, int quoted) {
        this.own = own;
        this.quoted = quoted;
    }

    static SoakTokens find(byte[] message, int length) {
        String text = new String(message, 0, Math.min(length, message.length), StandardCharsets.ISO_8859_1);
        Matcher end = HEADER_END.matcher(text);
        int headerEnd = end.find() ? end.start() : text.length();
        Matcher token = TOKEN.matcher(text);
        if (!token.find()) {
            return new SoakTokens(-1, -1);
        }
        int value = Integer.parseInt(token.group(1));
        return token.start() < headerEnd ? new SoakTokens(value, -1) : new SoakTokens(-1, value);
    }
}
