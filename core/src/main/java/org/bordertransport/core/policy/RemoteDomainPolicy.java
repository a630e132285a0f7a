package org.bordertransport.core.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole remote-domain configuration: named remote domains and the rule that picks one for a recipient domain.
 * Immutable and thread-safe.
 *
 * <p>{@link #resolve(String)} returns the remote domain whose pattern is an exact match; otherwise the one with the
 * longest matching {@code *.suffix} pattern; otherwise the Default ({@code *}). A Default always exists: when the
 * configuration defines none, {@link RemoteDomain#builtInDefault()} is added. Each remote domain has its own complete
 * settings (see {@link RemoteDomainSettings}); nothing is inherited from the Default.</p>
 *
 * <p>Resolution runs for every recipient: the maps are built once, here, and resolving costs at most two hash
 * lookups plus one per label of the recipient domain, whatever the number of remote domains.</p>
 */
public final class RemoteDomainPolicy {
    private static final RemoteDomainPolicy DEFAULT_ONLY = new RemoteDomainPolicy(List.of());

    private final List<RemoteDomain> remoteDomains;
    private final Map<String, RemoteDomain> exact;
    private final Map<String, RemoteDomain> wildcard;
    private final Map<String, RemoteDomain> byName;
    private final RemoteDomain defaultDomain;

    private RemoteDomainPolicy(Collection<RemoteDomain> domains) {
        List<RemoteDomain> all = new ArrayList<>();
        Map<String, RemoteDomain> exactMap = new HashMap<>();
        Map<String, RemoteDomain> wildcardMap = new HashMap<>();
        Map<String, RemoteDomain> names = new HashMap<>();
        Map<DomainPattern, RemoteDomain> patterns = new HashMap<>();
        RemoteDomain theDefault = null;
        for (RemoteDomain domain : domains) {
            Objects.requireNonNull(domain, "remote domain");
            RemoteDomain sameName = names.putIfAbsent(key(domain.name()), domain);
            if (sameName != null) {
                throw new IllegalArgumentException("duplicate remote domain name '" + domain.name()
                    + "': names must be unique (case-insensitive)");
            }
            RemoteDomain samePattern = patterns.putIfAbsent(domain.pattern(), domain);
            if (samePattern != null) {
                throw new IllegalArgumentException("remote domain '" + domain.name() + "': domain '" + domain.pattern()
                    + "' is already used by remote domain '" + samePattern.name() + "'");
            }
            switch (domain.pattern().kind()) {
                case DEFAULT:
                    theDefault = domain;
                    break;
                case WILDCARD:
                    wildcardMap.put(domain.pattern().domain(), domain);
                    break;
                default:
                    exactMap.put(domain.pattern().domain(), domain);
                    break;
            }
            all.add(domain);
        }
        if (theDefault == null) {
            theDefault = RemoteDomain.builtInDefault();
            RemoteDomain sameName = names.get(key(theDefault.name()));
            if (sameName != null) {
                throw new IllegalArgumentException("remote domain '" + sameName.name() + "': the name '"
                    + RemoteDomain.DEFAULT_NAME + "' is kept for the built-in Default remote domain (domain '*'), "
                    + "which is added because no remote domain has domain '*'");
            }
            names.put(key(theDefault.name()), theDefault);
            all.add(0, theDefault);
        }
        this.remoteDomains = Collections.unmodifiableList(all);
        this.exact = exactMap;
        this.wildcard = wildcardMap;
        this.byName = names;
        this.defaultDomain = theDefault;
    }

    /**
     * @param domains the configured remote domains, in configuration order; a Default ({@code *}) is added when none
     *     of them has pattern {@code *}
     * @throws IllegalArgumentException on a duplicate name (case-insensitive) or a duplicate pattern, naming both
     */
    public static RemoteDomainPolicy of(Collection<RemoteDomain> domains) {
        return new RemoteDomainPolicy(Objects.requireNonNull(domains, "domains"));
    }

    /** Only the built-in Default with {@link RemoteDomainSettings#defaults()}. */
    public static RemoteDomainPolicy defaultOnly() {
        return DEFAULT_ONLY;
    }

    /**
     * The remote domain that applies to a recipient domain: exact match, else the longest matching {@code *.suffix},
     * else the Default. Case-insensitive; a trailing dot is ignored; anything that is not a domain name (an address
     * literal, an empty string) gets the Default.
     */
    public RemoteDomain resolve(String recipientDomain) {
        String d = normalize(recipientDomain);
        if (d.isEmpty()) {
            return defaultDomain;
        }
        RemoteDomain hit = exact.get(d);
        if (hit != null) {
            return hit;
        }
        if (!wildcard.isEmpty()) {
            hit = wildcard.get(d);
            if (hit != null) {
                return hit;
            }
            for (int dot = d.indexOf('.'); dot >= 0; dot = d.indexOf('.', dot + 1)) {
                hit = wildcard.get(d.substring(dot + 1));
                if (hit != null) {
                    return hit;
                }
            }
        }
        return defaultDomain;
    }

    /** Shortcut for {@code resolve(recipientDomain).settings()}. */
    public RemoteDomainSettings settingsFor(String recipientDomain) {
        return resolve(recipientDomain).settings();
    }

    /** The Default remote domain ({@code *}), configured or built in. */
    public RemoteDomain defaultDomain() {
        return defaultDomain;
    }

    /** Every remote domain in configuration order; a built-in Default comes first. */
    public List<RemoteDomain> remoteDomains() {
        return remoteDomains;
    }

    /** The remote domain with this name, case-insensitive. */
    public Optional<RemoteDomain> find(String name) {
        return Optional.ofNullable(byName.get(key(name.trim())));
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Lower case without a trailing dot; allocates only when something changes. */
    static String normalize(String domain) {
        Objects.requireNonNull(domain, "recipient domain");
        int end = domain.length();
        if (end > 0 && domain.charAt(end - 1) == '.') {
            end--;
        }
        for (int i = 0; i < end; i++) {
            char c = domain.charAt(i);
            if (c >= 'A' && c <= 'Z' || c > 0x7f) {
                return domain.substring(0, end).toLowerCase(Locale.ROOT);
            }
        }
        return end == domain.length() ? domain : domain.substring(0, end);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof RemoteDomainPolicy && remoteDomains.equals(((RemoteDomainPolicy) o).remoteDomains);
    }

    @Override
    public int hashCode() {
        return remoteDomains.hashCode();
    }

    @Override
    public String toString() {
        return "RemoteDomainPolicy" + remoteDomains;
    }
}
