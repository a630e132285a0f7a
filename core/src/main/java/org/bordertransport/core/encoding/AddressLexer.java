package org.bordertransport.core.encoding;

import java.util.ArrayList;
import java.util.List;

/**
 * The few lexical rules of RFC 5322 address lists that {@link HeaderEncoding} needs: finding a character at the top
 * level (outside quoted-strings, comments and angle brackets), splitting a list there, the end of a comment, and
 * unquoting a phrase.
 */
final class AddressLexer {
    private AddressLexer() {
    }

    /** A phrase with its quoted-strings unquoted (quotes removed, quoted-pairs resolved). */
    static String unquote(String phrase) {
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

    static List<String> splitTopLevel(String text, char separator) {
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

    static int indexOfTopLevel(String text, char wanted) {
        return indexOfTopLevel(text, wanted, 0);
    }

    /** First {@code wanted} outside quoted-strings, comments and angle brackets (unless it is '<'). */
    static int indexOfTopLevel(String text, char wanted, int from) {
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

    static int commentEnd(String text, int open) {
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
}
