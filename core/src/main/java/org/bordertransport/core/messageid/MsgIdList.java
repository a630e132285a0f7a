package org.bordertransport.core.messageid;


import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.bordertransport.core.mail.HeaderText;

/**
 * A lenient reading of a header holding one or more msg-ids ({@code Message-ID}, {@code In-Reply-To},
 * {@code References}, {@code Resent-Message-ID}).
 *
 * <p>Real mail carries broken forms: IDs without angle brackets, comments, stray words. Each
 * {@code <...>} is one ID; outside brackets, a word holding {@code @} is an ID too; comments are dropped and any
 * other word is kept as it is so that nothing is lost when the list is written back.</p>
 */
final class MsgIdList {
    /** One element of the list: an ID (without brackets) or a word that is not an ID. */
    static final class Token {
        final String text;
        final boolean id;

        private Token(String text, boolean id) {
            this.text = text;
            this.id = id;
        }

        static Token id(String text) {
            return new Token(text, true);
        }

        static Token word(String text) {
            return new Token(text, false);
        }

        String render() {
            return id ? "<" + text + ">" : text;
        }
    }

    private MsgIdList() {
    }

    static List<Token> parse(String rawValue) {
        String value = HeaderText.unfold(rawValue);
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = value.length();
        while (i < n) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || c == ',') {
                i++;
            } else if (c == '(') {
                i = skipComment(value, i);
            } else if (c == '<') {
                int end = value.indexOf('>', i + 1);
                if (end < 0) {
                    addWord(tokens, value.substring(i + 1).trim());
                    break;
                }
                String inner = value.substring(i + 1, end).trim();
                if (!inner.isEmpty()) {
                    tokens.add(Token.id(inner));
                }
                i = end + 1;
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(value.charAt(i)) && value.charAt(i) != '<'
                    && value.charAt(i) != '(' && value.charAt(i) != ',') {
                    i++;
                }
                addWord(tokens, value.substring(start, i));
            }
        }
        return Collections.unmodifiableList(tokens);
    }

    private static void addWord(List<Token> tokens, String word) {
        if (word.isEmpty()) {
            return;
        }
        tokens.add(word.indexOf('@') > 0 ? Token.id(word) : Token.word(word));
    }

    private static int skipComment(String value, int start) {
        int depth = 0;
        int i = start;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
            i++;
        }
        return value.length();
    }

    /** Writes a list back: one ID per line for lists of more than one (folded), as mail clients do. */
    static String render(List<Token> tokens) {
        StringBuilder out = new StringBuilder();
        for (Token token : tokens) {
            if (out.length() > 0) {
                out.append("\r\n ");
            }
            out.append(token.render());
        }
        return out.toString();
    }

    /** The part after the last {@code @} of an ID, or empty. */
    static String rightPart(String id) {
        int at = id.lastIndexOf('@');
        return at < 0 ? "" : id.substring(at + 1);
    }
}
