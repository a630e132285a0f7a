package org.bordertransport.core.messageid;

import org.bordertransport.core.mail.HeaderText;

/**
 * Classifies the value of a {@code Message-ID} header (RFC 5322 section 3.6.4).
 *
 * <p>The check is deliberately narrow: only what breaks threading or transport counts as malformed.
 * A long but otherwise well-formed ID is valid until it can no longer fit on one header line
 * ({@link #MAX_LENGTH} octets), since a msg-id cannot be folded.</p>
 */
public final class MessageIdSyntax {
    /** 998-octet line limit minus {@code "Message-ID: "}. */
    public static final int MAX_LENGTH = 998 - "Message-ID: ".length();

    /** What a Message-ID header value looks like. */
    public enum Status {
        VALID(false),
        MISSING(false),
        NO_ANGLE_BRACKETS(true),
        NO_AT_SIGN(true),
        CONTROL_CHARACTERS(true),
        TOO_LONG(true),
        MULTIPLE(true),
        INVALID_CHARACTERS(true);

        private final boolean malformed;

        Status(boolean malformed) {
            this.malformed = malformed;
        }

        public boolean isMalformed() {
            return malformed;
        }
    }

    private MessageIdSyntax() {
    }

    /**
     * Classifies all the {@code Message-ID} fields of a message ({@code null} or empty means absent); more than
     * one field is {@link Status#MULTIPLE}.
     */
    public static Status check(String[] rawValues) {
        if (rawValues == null || rawValues.length == 0) {
            return Status.MISSING;
        }
        if (rawValues.length > 1) {
            return Status.MULTIPLE;
        }
        return check(rawValues[0]);
    }

    /** Classifies a raw header value as read from the message (folding allowed); {@code null} means absent. */
    public static Status check(String rawValue) {
        if (rawValue == null) {
            return Status.MISSING;
        }
        String value = HeaderText.unfold(rawValue).trim();
        if (value.isEmpty()) {
            return Status.MISSING;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || (c < 0x20 && c != '\t') || c == 0x7f) {
                return Status.CONTROL_CHARACTERS;
            }
        }
        if (value.length() > MAX_LENGTH) {
            return Status.TOO_LONG;
        }
        if (!value.startsWith("<") || !value.endsWith(">")) {
            return Status.NO_ANGLE_BRACKETS;
        }
        String inner = value.substring(1, value.length() - 1);
        int at = inner.lastIndexOf('@');
        if (at < 0) {
            return Status.NO_AT_SIGN;
        }
        String left = inner.substring(0, at);
        String right = inner.substring(at + 1);
        if (left.isEmpty() || right.isEmpty() || !isIdText(left, true) || !isIdRight(right)) {
            return Status.INVALID_CHARACTERS;
        }
        return Status.VALID;
    }

    private static boolean isIdRight(String right) {
        if (right.startsWith("[") && right.endsWith("]")) {
            return right.length() > 2 && isIdText(right.substring(1, right.length() - 1), false);
        }
        return isIdText(right, false);
    }

    private static boolean isIdText(String text, boolean left) {
        if (left && text.startsWith("\"") && text.endsWith("\"") && text.length() >= 2) {
            // obs-id-left: a quoted string; accept any printable ASCII inside
            for (int i = 1; i < text.length() - 1; i++) {
                char c = text.charAt(i);
                if (c < 0x20 || c > 0x7e) {
                    return false;
                }
            }
            return true;
        }
        if (text.startsWith(".") || text.endsWith(".") || text.contains("..")) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!isAtextOrDot(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAtextOrDot(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        return "!#$%&'*+-/=?^_`{|}~.".indexOf(c) >= 0;
    }
}
