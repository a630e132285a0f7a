package org.bordertransport.core.messageid;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.bordertransport.core.mail.DomainNames;

/**
 * Decides whether the right-hand side of a Message-ID names an internal host that must not leave the
 * organisation: a host ending in a configured suffix ({@code .local}, {@code .corp.local}), a host in or under a
 * configured internal domain, and, when enabled, an unqualified host name ({@code EXCH01}) or an address
 * literal ({@code [10.1.2.3]}).
 */
public final class InternalHosts {
    private final List<String> suffixes;
    private final List<String> domains;
    private final boolean unqualifiedIsInternal;

    private InternalHosts(List<String> suffixes, List<String> domains, boolean unqualifiedIsInternal) {
        this.suffixes = Collections.unmodifiableList(suffixes);
        this.domains = Collections.unmodifiableList(domains);
        this.unqualifiedIsInternal = unqualifiedIsInternal;
    }

    /**
     * @param suffixes comma-separated suffixes such as {@code .local,.lan}; a missing leading dot is added
     * @param domains comma-separated domains whose hosts (and the domain itself) are internal; may be empty
     * @throws IllegalArgumentException naming the bad element
     */
    public static InternalHosts of(String suffixes, String domains, boolean unqualifiedIsInternal) {
        List<String> parsedSuffixes = new ArrayList<>();
        for (String suffix : split(suffixes)) {
            String s = suffix.startsWith(".") ? suffix.substring(1) : suffix;
            String label = s.toLowerCase(Locale.ROOT);
            if (label.isEmpty() || !label.matches("[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?") || label.contains("..")) {
                throw new IllegalArgumentException("'" + suffix + "' is not a host name suffix: expected labels such as .local or .corp.local");
            }
            parsedSuffixes.add("." + label);
        }
        List<String> parsedDomains = new ArrayList<>();
        for (String domain : split(domains)) {
            parsedDomains.add(DomainNames.parse(domain));
        }
        if (parsedSuffixes.isEmpty() && parsedDomains.isEmpty() && !unqualifiedIsInternal) {
            throw new IllegalArgumentException("no internal host is defined: give at least one suffix or internal domain");
        }
        return new InternalHosts(parsedSuffixes, parsedDomains, unqualifiedIsInternal);
    }

    private static List<String> split(String list) {
        List<String> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (String part : list.split(",")) {
            String trimmed = part.trim();
            if (!trimmed.isEmpty()) {
                out.add(trimmed);
            }
        }
        return out;
    }

    /** @param id a Message-ID with or without angle brackets; true when its right-hand side is internal */
    public boolean isInternalId(String id) {
        String bare = id.trim();
        if (bare.startsWith("<")) {
            bare = bare.substring(1);
        }
        if (bare.endsWith(">")) {
            bare = bare.substring(0, bare.length() - 1);
        }
        int at = bare.lastIndexOf('@');
        return at >= 0 && isInternal(bare.substring(at + 1));
    }

    /** @param host the right-hand side of a Message-ID (without brackets around the whole ID) */
    public boolean isInternal(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.isEmpty()) {
            return false;
        }
        if (h.startsWith("[") || h.indexOf('.') < 0) {
            return unqualifiedIsInternal;
        }
        for (String suffix : suffixes) {
            if (h.endsWith(suffix)) {
                return true;
            }
        }
        for (String domain : domains) {
            if (h.equals(domain) || h.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }

    public List<String> suffixes() {
        return suffixes;
    }

    public List<String> domains() {
        return domains;
    }

    public boolean unqualifiedIsInternal() {
        return unqualifiedIsInternal;
    }
}
