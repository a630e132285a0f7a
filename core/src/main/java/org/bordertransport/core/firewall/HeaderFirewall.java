package org.bordertransport.core.firewall;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.bordertransport.core.config.Parameters;
import org.bordertransport.core.mail.HeaderField;
import org.bordertransport.core.messageid.InternalHosts;
import org.bordertransport.core.messageid.MessageIdPrivacySettings;

/**
 * The outbound header firewall: which header fields of a message leaving the organisation are removed or reduced.
 * <ul>
 *   <li>By name: {@code X-MS-Exchange-Organization-*} and {@code X-MS-Exchange-Forest-*} (as Exchange's header
 *   firewall removes them at the organisation boundary), {@value #DELIVERY_MAILBOX_HEADER} (our own bookkeeping for
 *   Sieve redirects), and the names and {@code prefix*} patterns of {@code removeHeaders}.</li>
 *   <li>{@code Received} fields that name an internal host (host names by the Message-ID privacy rules
 *   {@code internalSuffixes}, {@code internalDomains}, {@code unqualifiedIsInternal}; IP addresses of private ranges
 *   when {@code unqualifiedIsInternal}): per {@code received}, {@code reduce} (default: a hop recorded by an
 *   internal host is removed, a hop recorded by a public one keeps only its public parts), {@code remove} (every such
 *   field removed) or {@code keep}.</li>
 * </ul>
 * Fields naming nothing internal are never touched, octet for octet.
 */
public final class HeaderFirewall {
    /** Written by {@code RecordDeliveryMailbox} for Sieve redirects; never leaves. */
    public static final String DELIVERY_MAILBOX_HEADER = "X-Border-Delivered-To";
    public static final String REMOVE_HEADERS = "removeHeaders";
    public static final String RECEIVED = "received";
    /** The patterns always removed, before those of {@code removeHeaders}. */
    public static final List<String> BUILT_IN = List.of("X-MS-Exchange-Organization-*", "X-MS-Exchange-Forest-*",
        DELIVERY_MAILBOX_HEADER);
    /** Fields {@code removeHeaders} may not name: a message needs them, or {@code received} governs them. */
    private static final List<String> PROTECTED = List.of("from", "date", "received");

    /** What happens to {@code Received} fields naming an internal host. */
    public enum ReceivedMode {
        REDUCE, REMOVE, KEEP;

        String parameterValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Set<String> names;
    private final List<String> prefixes;
    private final ReceivedMode receivedMode;
    private final InternalHosts hosts;

    private HeaderFirewall(Set<String> names, List<String> prefixes, ReceivedMode receivedMode, InternalHosts hosts) {
        this.names = Collections.unmodifiableSet(names);
        this.prefixes = List.copyOf(prefixes);
        this.receivedMode = receivedMode;
        this.hosts = hosts;
    }

    /**
     * Reads {@code removeHeaders}, {@code received}, {@code internalSuffixes}, {@code internalDomains} and
     * {@code unqualifiedIsInternal} (other names are the caller's to check).
     *
     * @throws IllegalArgumentException naming the parameter, the value and what is allowed
     */
    public static HeaderFirewall from(Map<String, String> parameters) {
        String modeName = Parameters.oneOf(parameters, RECEIVED, "reduce", "reduce", "remove", "keep");
        ReceivedMode mode = ReceivedMode.valueOf(modeName.toUpperCase(Locale.ROOT));
        boolean unqualified = Parameters.bool(parameters, MessageIdPrivacySettings.UNQUALIFIED_IS_INTERNAL, true);
        String suffixes = parameters.getOrDefault(MessageIdPrivacySettings.INTERNAL_SUFFIXES,
            MessageIdPrivacySettings.DEFAULT_SUFFIXES);
        String domains = parameters.getOrDefault(MessageIdPrivacySettings.INTERNAL_DOMAINS, "");
        InternalHosts hosts = Parameters.parse(MessageIdPrivacySettings.INTERNAL_SUFFIXES + "/"
                + MessageIdPrivacySettings.INTERNAL_DOMAINS, suffixes + " | " + domains,
            "comma-separated host suffixes (.local) and domain names",
            value -> InternalHosts.of(suffixes, domains, unqualified));
        Set<String> names = new LinkedHashSet<>();
        List<String> prefixes = new ArrayList<>();
        for (String pattern : BUILT_IN) {
            add(pattern, names, prefixes);
        }
        String given = parameters.getOrDefault(REMOVE_HEADERS, "");
        for (String part : given.split(",", -1)) {
            String pattern = part.trim();
            if (pattern.isEmpty()) {
                if (!given.isBlank()) {
                    throw invalid(given, "an empty entry");
                }
                continue;
            }
            String bare = pattern.endsWith("*") ? pattern.substring(0, pattern.length() - 1) : pattern;
            if (bare.isEmpty()) {
                throw invalid(given, "'*' alone would remove every field");
            }
            if (!bare.chars().allMatch(c -> c > 32 && c < 127 && c != ':' && c != '*')) {
                throw invalid(given, "'" + pattern + "' is not a header field name (printable ASCII, no ':' or"
                    + " space; '*' only at the end)");
            }
            String lower = bare.toLowerCase(Locale.ROOT);
            for (String kept : PROTECTED) {
                if (pattern.endsWith("*") ? kept.startsWith(lower) : kept.equals(lower)) {
                    throw invalid(given, "'" + pattern + "' would remove " + kept + " fields"
                        + (kept.equals("received") ? " (Received fields are governed by '" + RECEIVED + "')"
                        : " (every message needs one)"));
                }
            }
            add(pattern, names, prefixes);
        }
        return new HeaderFirewall(names, prefixes, mode, hosts);
    }

    private static IllegalArgumentException invalid(String value, String why) {
        return new IllegalArgumentException("Invalid parameter '" + REMOVE_HEADERS + "': '" + value + "': " + why
            + "; allowed: comma-separated header field names and prefix* patterns, except From, Date and Received");
    }

    private static void add(String pattern, Set<String> names, List<String> prefixes) {
        String lower = pattern.toLowerCase(Locale.ROOT);
        if (lower.endsWith("*")) {
            prefixes.add(lower.substring(0, lower.length() - 1));
        } else {
            names.add(lower);
        }
    }

    /** Whether a field of this name is removed whatever its value. */
    public boolean removesName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (names.contains(lower)) {
            return true;
        }
        for (String prefix : prefixes) {
            if (lower.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Applies the firewall to a header (in order); nothing is left alone. */
    public Outcome apply(List<HeaderField> header) {
        return apply(header, Set.of());
    }

    /**
     * Applies the firewall to a header, in order, leaving alone every field whose name (lower case) is in
     * {@code untouchable} (fields a third-party DKIM signature covers); {@value #DELIVERY_MAILBOX_HEADER} is removed
     * regardless.
     */
    public Outcome apply(List<HeaderField> header, Set<String> untouchable) {
        List<HeaderField> after = new ArrayList<>();
        Set<String> changed = new TreeSet<>();
        int removed = 0;
        int receivedRemoved = 0;
        int receivedReduced = 0;
        for (HeaderField field : header) {
            String lower = field.name().toLowerCase(Locale.ROOT);
            boolean marker = field.hasName(DELIVERY_MAILBOX_HEADER);
            if (!marker && untouchable.contains(lower)) {
                after.add(field);
            } else if (removesName(field.name())) {
                removed++;
                changed.add(lower);
            } else if (field.hasName("Received") && receivedMode != ReceivedMode.KEEP) {
                ReceivedField received = ReceivedField.judge(field.value(), hosts,
                    receivedMode == ReceivedMode.REDUCE);
                if (received.verdict() == ReceivedField.Verdict.REMOVED) {
                    receivedRemoved++;
                    changed.add(lower);
                } else if (received.verdict() == ReceivedField.Verdict.REDUCED) {
                    receivedReduced++;
                    changed.add(lower);
                    after.add(field.withValue(received.reduced()));
                } else {
                    after.add(field);
                }
            } else {
                after.add(field);
            }
        }
        return new Outcome(after, changed, removed, receivedRemoved, receivedReduced);
    }

    public Set<String> names() {
        return names;
    }

    /** The prefixes of the {@code prefix*} patterns, lower case. */
    public List<String> prefixes() {
        return prefixes;
    }

    /** Every name and {@code prefix*} pattern removed, lower case, for logs. */
    public List<String> patterns() {
        List<String> patterns = new ArrayList<>(names);
        for (String prefix : prefixes) {
            patterns.add(prefix + "*");
        }
        return patterns;
    }

    public ReceivedMode receivedMode() {
        return receivedMode;
    }

    public InternalHosts internalHosts() {
        return hosts;
    }

    /** What {@link #apply} did to one header. */
    public static final class Outcome {
        private final List<HeaderField> headers;
        private final Set<String> changedNames;
        private final int removed;
        private final int receivedRemoved;
        private final int receivedReduced;

        Outcome(List<HeaderField> headers, Set<String> changedNames, int removed, int receivedRemoved,
                int receivedReduced) {
            this.headers = List.copyOf(headers);
            this.changedNames = Collections.unmodifiableSet(changedNames);
            this.removed = removed;
            this.receivedRemoved = receivedRemoved;
            this.receivedReduced = receivedReduced;
        }

        /** The header after the firewall, in order. */
        public List<HeaderField> headers() {
            return headers;
        }

        /** The names (lower case) of the fields removed or changed. */
        public Set<String> changedNames() {
            return changedNames;
        }

        public boolean changed() {
            return !changedNames.isEmpty();
        }

        /** Fields removed by name (not {@code Received}). */
        public int removed() {
            return removed;
        }

        public int receivedRemoved() {
            return receivedRemoved;
        }

        public int receivedReduced() {
            return receivedReduced;
        }
    }
}
