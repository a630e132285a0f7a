package org.bordertransport.core.policy;

import java.util.Locale;

/**
 * The addresses of per-recipient entries, and the key a recipient is looked up by.
 *
 * <p>Matching is on the whole address, case-insensitive in the local part as in the domain: {@code Bob@Partner.example}
 * and {@code bob@partner.example} are one recipient (as James's own users and mappings treat addresses, although RFC
 * 5321 lets a remote host tell local parts apart by case). A quoted local part that needs no quotes is the same as
 * the unquoted one ({@code "bob"@x} is {@code bob@x}); a trailing dot of the domain is ignored. Nothing else is folded:
 * {@code bob+news@x} is another recipient than {@code bob@x}.</p>
 */
final class RecipientAddresses {
    static final String ALLOWED = "one address such as someone@partner.example.net: a local part of letters, digits and "
        + "!#$%&'*+-/=?^_`{|}~ separated by dots (or a quoted string), @, and a fully qualified domain without wildcard";
    static final int MAX_LOCAL_PART = 64;
    static final int MAX_ADDRESS = 254;
    private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

    private RecipientAddresses() {
    }

    /**
     * The lookup key of a configured address.
     *
     * @throws IllegalArgumentException {@code invalid address 'VALUE': REASON; allowed ...}
     */
    static String parse(String value) {
        String v = value == null ? "" : value.trim();
        int at = v.lastIndexOf('@');
        String reason = null;
        String local = at < 0 ? "" : canonicalLocalPart(v.substring(0, at));
        if (at < 0) {
            reason = "no @";
        } else if (local == null) {
            reason = "the local part '" + v.substring(0, at) + "' is neither a dot-atom nor a quoted string";
        } else if (local.length() > MAX_LOCAL_PART) {
            reason = "the local part is longer than " + MAX_LOCAL_PART + " characters";
        } else if (v.length() > MAX_ADDRESS) {
            reason = "longer than " + MAX_ADDRESS + " characters";
        }
        DomainPattern domain = null;
        if (reason == null) {
            try {
                domain = DomainPattern.parse(v.substring(at + 1));
                if (domain.kind() != DomainPattern.Kind.EXACT) {
                    reason = "the domain '" + v.substring(at + 1) + "' is a wildcard";
                }
            } catch (IllegalArgumentException e) {
                reason = "the domain '" + v.substring(at + 1) + "' is not a fully qualified domain name";
            }
        }
        if (reason != null) {
            throw new IllegalArgumentException("invalid address '" + value + "': " + reason + "; allowed " + ALLOWED);
        }
        return local.toLowerCase(Locale.ROOT) + "@" + domain.domain();
    }

    /** The lookup key of a recipient; never fails (an address no entry can have gets a key no entry has). */
    static String key(String localPart, String domain) {
        String local = canonicalLocalPart(localPart);
        return (local == null ? localPart : local).toLowerCase(Locale.ROOT) + "@" + RemoteDomainPolicy.normalize(domain);
    }

    /**
     * A dot-atom as it is; a quoted string without its quotes when its content is a dot-atom, else in canonical quoted
     * form; null when it is neither.
     */
    static String canonicalLocalPart(String local) {
        if (isDotAtom(local)) {
            return local;
        }
        if (local.length() < 2 || local.charAt(0) != '"' || local.charAt(local.length() - 1) != '"') {
            return null;
        }
        StringBuilder content = new StringBuilder();
        for (int i = 1; i < local.length() - 1; i++) {
            char c = local.charAt(i);
            if (c == '\\') {
                if (++i == local.length() - 1) {
                    return null;
                }
                c = local.charAt(i);
            } else if (c == '"') {
                return null;
            }
            if (c < 0x20 || c > 0x7e) {
                return null;
            }
            content.append(c);
        }
        String text = content.toString();
        if (isDotAtom(text)) {
            return text;
        }
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static boolean isDotAtom(String s) {
        if (s.isEmpty() || s.charAt(0) == '.' || s.charAt(s.length() - 1) == '.' || s.contains("..")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean atext = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.'
                || ATEXT_SPECIALS.indexOf(c) >= 0;
            if (!atext) {
                return false;
            }
        }
        return true;
    }
}
