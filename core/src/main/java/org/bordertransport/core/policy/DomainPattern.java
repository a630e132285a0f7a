package org.bordertransport.core.policy;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The domain a remote domain applies to, written as in Exchange's {@code New-RemoteDomain -DomainName}:
 * <ul>
 *   <li>{@code example.com}: exactly that domain;</li>
 *   <li>{@code *.example.com}: every subdomain of {@code example.com} at any depth, and {@code example.com} itself
 *       (Exchange's "domain with subdomains"); an exact entry for a domain, or a longer wildcard, takes precedence;</li>
 *   <li>{@code *}: every domain, the Default remote domain.</li>
 * </ul>
 * A wildcard elsewhere ({@code mail.*.example.com}, {@code *example.com}) is not allowed. Matching is
 * case-insensitive and ignores a trailing dot. Names are ASCII (an internationalised domain in its {@code xn--} form).
 */
public final class DomainPattern {
    /** Kind of pattern, in increasing precedence order of resolution: exact beats wildcard beats default. */
    public enum Kind {
        DEFAULT,
        WILDCARD,
        EXACT
    }

    static final String ALLOWED = "* (the Default), a domain such as example.com, or *. followed by a domain such as "
        + "*.example.com";
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final int MAX_LENGTH = 253;
    private static final DomainPattern DEFAULT = new DomainPattern(Kind.DEFAULT, "");

    private final Kind kind;
    private final String domain;

    private DomainPattern(Kind kind, String domain) {
        this.kind = kind;
        this.domain = domain;
    }

    /** The {@code *} pattern of the Default remote domain. */
    public static DomainPattern matchAll() {
        return DEFAULT;
    }

    /**
     * @param value {@code *}, {@code example.com} (at least two labels) or {@code *.example.com} (the suffix may be a
     *     single label, such as {@code *.jp}); case and a trailing dot are ignored
     * @throws IllegalArgumentException {@code invalid domain 'VALUE': allowed * (the Default), ...}, with the reason
     */
    public static DomainPattern parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("*")) {
            return DEFAULT;
        }
        boolean wildcard = v.startsWith("*.");
        String name = wildcard ? v.substring(2) : v;
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        String reason = problem(name, wildcard);
        if (reason != null) {
            throw new IllegalArgumentException("invalid domain '" + value + "': " + reason + "; allowed " + ALLOWED);
        }
        return new DomainPattern(wildcard ? Kind.WILDCARD : Kind.EXACT, name);
    }

    private static String problem(String name, boolean wildcard) {
        if (name.isEmpty()) {
            return "no domain name";
        }
        if (name.indexOf('*') >= 0) {
            return "a wildcard is only allowed as a whole first label";
        }
        if (name.length() > MAX_LENGTH) {
            return "longer than " + MAX_LENGTH + " characters";
        }
        String[] labels = name.split("\\.", -1);
        if (!wildcard && labels.length < 2) {
            return "not fully qualified";
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return "label '" + label + "' must be 1-63 letters, digits or inner hyphens";
            }
        }
        return null;
    }

    public Kind kind() {
        return kind;
    }

    /** The domain in lower case: the exact domain, the suffix after {@code *.}, or empty for {@code *}. */
    public String domain() {
        return domain;
    }

    public boolean isDefault() {
        return kind == Kind.DEFAULT;
    }

    /**
     * Whether a recipient domain falls under this pattern (ignoring precedence between patterns, which
     * {@link RemoteDomainPolicy#resolve(String)} applies).
     */
    public boolean matches(String recipientDomain) {
        String d = RemoteDomainPolicy.normalize(recipientDomain);
        switch (kind) {
            case DEFAULT:
                return true;
            case EXACT:
                return d.equals(domain);
            default:
                return d.equals(domain)
                    || d.length() > domain.length() && d.endsWith(domain) && d.charAt(d.length() - domain.length() - 1) == '.';
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DomainPattern)) {
            return false;
        }
        DomainPattern that = (DomainPattern) o;
        return kind == that.kind && domain.equals(that.domain);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + domain.hashCode();
    }

    /** The pattern as written: {@code *}, {@code example.com} or {@code *.example.com}. */
    @Override
    public String toString() {
        switch (kind) {
            case DEFAULT:
                return "*";
            case WILDCARD:
                return "*." + domain;
            default:
                return domain;
        }
    }
}
