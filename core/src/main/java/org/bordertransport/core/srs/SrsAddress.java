package org.bordertransport.core.srs;

import java.net.IDN;

/**
 * An envelope address split for rewriting: the local part as its content (a quoted local part {@code "a b"} is held
 * unquoted as {@code a b}, as MTAs hold it internally) and the domain in ASCII.
 *
 * <ul>
 * <li>Unquoted local parts may hold any RFC 5322 atext character and dots (dots anywhere: real mail has
 * {@code a..b}); anything else needs the quoted form, whose content may be any printable ASCII character including
 * space, with {@code \} quoting {@code "} and {@code \}.</li>
 * <li>Non-ASCII local parts (SMTPUTF8) and address literals ({@code [192.0.2.1]}) are refused: neither can be
 * carried in an SRS local part that every receiver accepts.</li>
 * <li>Domains are kept as written when ASCII (hashes lower-case them, so case does not matter); a domain with
 * non-ASCII labels is converted to A-labels with {@link IDN#toASCII(String)} (IDNA 2003 mapping), so rewritten
 * addresses are always ASCII. Labels: letters, digits, {@code -} and {@code _}, 1-63 characters; at most 253
 * characters in all.</li>
 * <li>Written back, a local part is quoted only when its content holds a character outside atext and dot.</li>
 * </ul>
 */
final class SrsAddress {
    /** Longest address accepted, in characters (postsrsd works in 1024-byte buffers). */
    static final int MAX_LENGTH = 1000;
    private static final int MAX_DOMAIN = 253;
    private static final boolean[] ATEXT = new boolean[128];
    /** Letters, digits, {@code -} and {@code _}: what a domain label may hold. */
    private static final boolean[] HOST = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            HOST[c] = true;
            HOST[c - 32] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            HOST[c] = true;
        }
        HOST['-'] = true;
        HOST['_'] = true;
        for (char c = 'a'; c <= 'z'; c++) {
            ATEXT[c] = true;
            ATEXT[c - 32] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            ATEXT[c] = true;
        }
        for (char c : "!#$%&'*+-/=?^_`{|}~.".toCharArray()) {
            ATEXT[c] = true;
        }
    }

    final String local;
    final String domain;
    /** Whether {@link #local} is written as it is (atext and dots only): then so is every piece of it. */
    final boolean plain;

    private SrsAddress(String local, String domain, boolean plain) {
        this.local = local;
        this.domain = domain;
        this.plain = plain;
    }

    /** True for the null reverse-path, written {@code ""} or {@code "<>"}. */
    static boolean isNull(String address) {
        return address.isEmpty() || address.equals("<>");
    }

    /**
     * @param what names the address in messages ("sender", "address", "forwarding address")
     * @throws SrsException MALFORMED naming the address and the rule it breaks
     */
    static SrsAddress parse(String what, String address) throws SrsException {
        return parse(what, address, null);
    }

    /**
     * As {@link #parse(String, String)}; when the domain is written exactly as {@code knownDomain}, a domain this class
     * returned before (so already checked, and ASCII), that string is taken without a copy or a second check.
     */
    static SrsAddress parse(String what, String address, String knownDomain) throws SrsException {
        if (address.length() > MAX_LENGTH) {
            throw malformed(what + " has " + address.length() + " characters, at most " + MAX_LENGTH + " are allowed");
        }
        int at = address.lastIndexOf('@');
        if (at < 0) {
            throw malformed(what + " " + show(address) + " has no '@'");
        }
        String raw = address.substring(0, at);
        String local = localContent(what, address, raw);
        String domain = knownDomain != null && address.length() - at - 1 == knownDomain.length()
            && address.startsWith(knownDomain, at + 1) ? knownDomain : domain(what, address, address.substring(at + 1));
        // an unquoted local part was checked to be atext and dots; quoted content may or may not need its quotes
        return new SrsAddress(local, domain, local != raw ? !needsQuotes(local) : true);
    }

    private static String localContent(String what, String address, String local) throws SrsException {
        if (local.length() >= 2 && local.charAt(0) == '"' && local.charAt(local.length() - 1) == '"') {
            StringBuilder content = new StringBuilder(local.length());
            for (int i = 1; i < local.length() - 1; i++) {
                char c = local.charAt(i);
                if (c == '\\' && i + 1 < local.length() - 1) {
                    c = local.charAt(++i);
                } else if (c == '\\' || c == '"') {
                    throw malformed("quoted local part of " + what + " " + show(address) + " has an unescaped '" + c + "'");
                }
                if (c < 32 || c > 126) {
                    throw malformed(nonPrintable(what, address, c));
                }
                content.append(c);
            }
            if (content.length() == 0) {
                throw malformed(what + " " + show(address) + " has an empty local part");
            }
            return content.toString();
        }
        if (local.isEmpty()) {
            throw malformed(what + " " + show(address) + " has an empty local part");
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c < 32 || c > 126) {
                throw malformed(nonPrintable(what, address, c));
            }
            if (!ATEXT[c]) {
                throw malformed("local part of " + what + " " + show(address) + " has '" + c
                    + "', which is allowed only in a quoted local part");
            }
        }
        return local;
    }

    private static String nonPrintable(String what, String address, char c) {
        return c > 126 && c != 127
            ? "local part of " + what + " " + show(address) + " is not ASCII: SMTPUTF8 local parts cannot be rewritten"
            : "local part of " + what + " " + show(address) + " has a control character";
    }

    /**
     * Checks a domain taken out of an SRS address (so already ASCII), naming {@code address} on failure.
     *
     * @throws SrsException MALFORMED
     */
    /**
     * The domain of a reversed address, which must make a mailbox a bounce can be delivered to: see
     * {@link #domain(String, String, String)}. An address whose hash verifies but whose domain part is none, such as
     * postsrsd 2.x's database form {@code SRS0=hash=TT=1=KEY@...}, is MALFORMED, as postsrsd refuses it.
     */
    static String checkDomain(String address, String domain) throws SrsException {
        if (!isAscii(domain)) {
            throw malformed("domain " + show(domain) + " in " + show(address) + " is not ASCII");
        }
        return domain("the address encoded in", address, domain);
    }

    /**
     * A domain an address can be delivered to: ASCII (IDNA for others), at most {@value #MAX_DOMAIN} characters, labels
     * of 1 to 63 letters, digits, {@code -} and {@code _}, and a last label that is not all digits ({@code 1} or
     * {@code 192.0.2.1} are no domain names, RFC 3696 section 2); no address literal.
     */
    private static String domain(String what, String address, String domain) throws SrsException {
        if (domain.isEmpty()) {
            throw malformed(what + " " + show(address) + " has an empty domain");
        }
        if (domain.charAt(0) == '[') {
            throw malformed(what + " " + show(address) + " has an address literal as domain, which cannot be rewritten");
        }
        String ascii = domain;
        if (isHostName(domain)) {
            return checkLastLabel(what, address, domain);
        }
        if (!isAscii(domain)) {
            try {
                ascii = IDN.toASCII(domain);
            } catch (IllegalArgumentException e) {
                throw malformed("domain of " + what + " " + show(address) + " is not a valid internationalized domain name");
            }
        }
        if (ascii.length() > MAX_DOMAIN) {
            throw malformed("domain of " + what + " " + show(address) + " is longer than " + MAX_DOMAIN + " characters");
        }
        int start = 0;
        for (int i = 0; i <= ascii.length(); i++) {
            char c = i < ascii.length() ? ascii.charAt(i) : '.';
            if (c == '.') {
                if (i - start < 1 || i - start > 63) {
                    throw malformed("domain of " + what + " " + show(address) + " has a label of " + (i - start)
                        + " characters, labels must have 1 to 63");
                }
                start = i + 1;
            } else if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                throw malformed("domain of " + what + " " + show(address)
                    + " may hold only letters, digits, '-', '_' and dots");
            }
        }
        return checkLastLabel(what, address, ascii);
    }

    /**
     * Whether {@code domain} is already what {@link #domain(String, String, String)} accepts, the last-label rule
     * aside: at most {@value #MAX_DOMAIN} characters, labels of 1 to 63 ASCII letters, digits, {@code -} and
     * {@code _}. One pass, no message: the common case; anything else takes the path that says what is wrong.
     */
    private static boolean isHostName(String domain) {
        return isHostName(domain, 0, domain.length());
    }

    private static boolean isHostName(String text, int from, int to) {
        if (to - from > MAX_DOMAIN) {
            return false;
        }
        int start = from;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                if (i == start || i - start > 63) {
                    return false;
                }
                start = i + 1;
            } else if (c > 127 || !HOST[c]) {
                return false;
            }
        }
        return to > start && to - start <= 63;
    }

    /**
     * Whether {@code text[from, to)} is a domain {@link #checkDomain} accepts as it is (an ASCII host name whose last
     * label is not all digits): the common case, checked without copying it out.
     */
    static boolean isPlainDomain(String text, int from, int to) {
        if (!isHostName(text, from, to)) {
            return false;
        }
        // the last label starts after the last dot inside the range (a dot before it belongs to something else)
        for (int i = Math.max(from, text.lastIndexOf('.', to - 1) + 1); i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return true;
            }
        }
        return false;
    }

    private static String checkLastLabel(String what, String address, String ascii) throws SrsException {
        if (isAllDigits(ascii, ascii.lastIndexOf('.') + 1)) {
            throw malformed("domain of " + what + " " + show(address) + " is not a domain name: its last label is all"
                + " digits (RFC 3696 section 2)");
        }
        return ascii;
    }

    private static boolean isAllDigits(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 127) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code content} must be quoted to be a local part. */
    static boolean needsQuotes(CharSequence content) {
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c > 127 || !ATEXT[c]) {
                return true;
            }
        }
        return false;
    }

    /** Appends {@code content} as a local part, quoted when needed. */
    static StringBuilder appendLocal(StringBuilder out, CharSequence content) {
        if (!needsQuotes(content)) {
            return out.append(content);
        }
        out.append('"');
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"');
    }

    /** The written length of {@code content} as a local part. */
    static int localLength(CharSequence content) {
        if (!needsQuotes(content)) {
            return content.length();
        }
        int length = content.length() + 2;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c == '"' || c == '\\') {
                length++;
            }
        }
        return length;
    }

    /** {@code local@domain}, the local part quoted when needed; a StringBuilder given as local may be appended to. */
    static String format(CharSequence local, CharSequence domain) {
        if (local instanceof StringBuilder && !needsQuotes(local)) {
            return ((StringBuilder) local).append('@').append(domain).toString();
        }
        StringBuilder out = new StringBuilder(local.length() + domain.length() + 3);
        return appendLocal(out, local).append('@').append(domain).toString();
    }

    /** {@code local@domain} where {@code local} is known to need no quotes (built from plain pieces). */
    static String formatPlain(StringBuilder local, CharSequence domain) {
        return local.append('@').append(domain).toString();
    }

    /** {@code text[localFrom, localTo)@text[domainFrom, domainTo)}, both known to need no quotes nor checks. */
    static String formatPlain(String text, int localFrom, int localTo, int domainFrom, int domainTo) {
        return new StringBuilder(localTo - localFrom + 1 + domainTo - domainFrom).append(text, localFrom, localTo)
            .append('@').append(text, domainFrom, domainTo).toString();
    }

    /** {@code text[localFrom, localTo)@domain}, the local part known to need no quotes. */
    static String formatPlain(String text, int localFrom, int localTo, String domain) {
        return new StringBuilder(localTo - localFrom + 1 + domain.length()).append(text, localFrom, localTo)
            .append('@').append(domain).toString();
    }

    /** {@code local@domain} where {@code local} is known to need no quotes. */
    static String formatPlain(String local, String domain) {
        return new StringBuilder(local.length() + domain.length() + 1).append(local).append('@').append(domain)
            .toString();
    }

    /** The value in single quotes for a message, with control and non-ASCII characters escaped as \\uXXXX. */
    static String show(CharSequence value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 32 || c > 126) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    static SrsException malformed(String message) {
        return new SrsException(SrsException.Reason.MALFORMED, message);
    }
}
