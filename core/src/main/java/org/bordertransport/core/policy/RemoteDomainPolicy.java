package org.bordertransport.core.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole remote-domain configuration: named remote domains, the rule that picks one for a recipient domain, and
 * the per-recipient entries (Exchange's mail contacts) that change some settings for one address. Immutable and
 * thread-safe.
 *
 * <p>{@link #resolve(String)} returns the remote domain whose pattern is an exact match; otherwise the one with the
 * longest matching {@code *.suffix} pattern; otherwise the Default ({@code *}). A Default always exists: when the
 * configuration defines none, {@link RemoteDomain#builtInDefault()} is added. Each remote domain has its own complete
 * settings (see {@link RemoteDomainSettings}); nothing is inherited from the Default.</p>
 *
 * <p>{@link #resolveRecipient(String, String)} adds the per-recipient level: the entry whose address is the
 * recipient's (case-insensitive, see {@link RecipientAddresses}) lays its {@link RecipientSettings} over the settings of
 * the remote domain the recipient's domain resolves to. Precedence: recipient entry, then the most specific remote
 * domain, then {@code *} — with Exchange's one exception that a remote domain's {@code TNEFEnabled} {@code true} or
 * {@code false} wins over a recipient's {@code UseMapiRichTextFormat}. Callers that act per recipient use it;
 * {@link #resolve(String)} stays for callers that only have a domain.</p>
 *
 * <p>Resolution runs for every recipient: the maps are built once, here, and resolving costs at most two hash
 * lookups plus one per label of the recipient domain, whatever the number of remote domains; with per-recipient
 * entries, one more lookup of the recipient's address, whatever their number.</p>
 */
public final class RemoteDomainPolicy {
    private static final RemoteDomainPolicy DEFAULT_ONLY = new RemoteDomainPolicy(List.of(), List.of());

    private final List<RemoteDomain> remoteDomains;
    private final Map<String, RemoteDomain> exact;
    private final Map<String, RemoteDomain> wildcard;
    private final Map<String, RemoteDomain> byName;
    private final RemoteDomain defaultDomain;
    private final List<RecipientEntry> recipients;
    private final Map<String, RecipientResolution> byAddress;
    private final Map<RemoteDomain, RecipientResolution> plain;

    private RemoteDomainPolicy(Collection<RemoteDomain> domains, Collection<RecipientEntry> entries) {
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
        Map<RemoteDomain, RecipientResolution> plainMap = new IdentityHashMap<>();
        for (RemoteDomain domain : all) {
            plainMap.put(domain, RecipientResolution.of(domain));
        }
        this.plain = plainMap;
        this.recipients = List.copyOf(entries);
        this.byAddress = recipientMap(recipients);
    }

    private Map<String, RecipientResolution> recipientMap(List<RecipientEntry> entries) {
        Map<String, RecipientResolution> map = new HashMap<>();
        Map<String, RecipientEntry> names = new HashMap<>();
        for (RecipientEntry entry : entries) {
            RecipientEntry sameName = names.putIfAbsent(key(entry.name()), entry);
            if (sameName != null) {
                throw new IllegalArgumentException("duplicate recipient name '" + entry.name()
                    + "': names must be unique (case-insensitive)");
            }
            String address = entry.key();
            RemoteDomain domain = resolve(address.substring(address.lastIndexOf('@') + 1));
            RecipientResolution resolution = RecipientResolution.of(domain, entry);
            RecipientResolution same = map.putIfAbsent(address, resolution);
            if (same != null) {
                throw new IllegalArgumentException("recipient '" + entry.name() + "': address '" + entry.address()
                    + "' is already used by recipient '" + same.recipient().get().name()
                    + "' (addresses are compared case-insensitively)");
            }
        }
        return map;
    }

    /**
     * @param domains the configured remote domains, in configuration order; a Default ({@code *}) is added when none
     *     of them has pattern {@code *}
     * @throws IllegalArgumentException on a duplicate name (case-insensitive) or a duplicate pattern, naming both
     */
    public static RemoteDomainPolicy of(Collection<RemoteDomain> domains) {
        return of(domains, List.of());
    }

    /**
     * @param recipients the per-recipient entries, in configuration order
     * @throws IllegalArgumentException also on two entries for one address (case-insensitive) or with one name
     */
    public static RemoteDomainPolicy of(Collection<RemoteDomain> domains, Collection<RecipientEntry> recipients) {
        return new RemoteDomainPolicy(Objects.requireNonNull(domains, "domains"),
            Objects.requireNonNull(recipients, "recipients"));
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

    /**
     * What applies to one recipient: its per-recipient entry, if any, over the remote domain of {@code domain}. The
     * local part is compared case-insensitively, a quoted local part that needs no quotes as the unquoted one.
     *
     * @param localPart the local part as James's {@code MailAddress} gives it (quoted or not)
     */
    public RecipientResolution resolveRecipient(String localPart, String domain) {
        Objects.requireNonNull(localPart, "local part");
        if (!byAddress.isEmpty()) {
            RecipientResolution hit = byAddress.get(RecipientAddresses.key(localPart, domain));
            if (hit != null) {
                return hit;
            }
        }
        return resolveDomain(domain);
    }

    /**
     * {@link #resolveRecipient(String, String)} for an address {@code local@domain} (split at its last {@code @}); a
     * string without {@code @} is taken as a domain.
     */
    public RecipientResolution resolveRecipient(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? resolveDomain(address) : resolveRecipient(address.substring(0, at), address.substring(at + 1));
    }

    /**
     * What applies to a recipient at {@code domain} that has no per-recipient entry: {@link #resolve(String)} as a
     * {@link RecipientResolution}.
     */
    public RecipientResolution resolveDomain(String domain) {
        return plain.get(resolve(domain));
    }

    /** Shortcut for {@code resolveRecipient(localPart, domain).settings()}: the effective settings for a recipient. */
    public RemoteDomainSettings settingsForRecipient(String localPart, String domain) {
        return resolveRecipient(localPart, domain).settings();
    }

    /** Shortcut for {@code resolveRecipient(address).settings()}. */
    public RemoteDomainSettings settingsForRecipient(String address) {
        return resolveRecipient(address).settings();
    }

    /** Every per-recipient entry in configuration order. */
    public List<RecipientEntry> recipients() {
        return recipients;
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
        return this == o || o instanceof RemoteDomainPolicy && remoteDomains.equals(((RemoteDomainPolicy) o).remoteDomains)
            && recipients.equals(((RemoteDomainPolicy) o).recipients);
    }

    @Override
    public int hashCode() {
        return remoteDomains.hashCode() * 31 + recipients.hashCode();
    }

    @Override
    public String toString() {
        return "RemoteDomainPolicy" + remoteDomains + (recipients.isEmpty() ? "" : ", " + recipients.size() + " recipients");
    }
}
