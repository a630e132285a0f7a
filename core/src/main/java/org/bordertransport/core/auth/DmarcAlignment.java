package org.bordertransport.core.auth;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The DMARC verdict of RFC 7489 §3.1 and §4.2 for one message, from results already known: the RFC5322.From domain
 * passes when an SPF-authenticated MAIL FROM domain or a passing DKIM {@code d=} domain is aligned with it, strictly
 * (same domain) or relaxed (same organizational domain), as the domain's DMARC record ({@code aspf}, {@code adkim})
 * asks. No DNS here: the caller looks the record up and supplies the organizational-domain function (a public
 * suffix list).
 */
public final class DmarcAlignment {
    /** RFC 7489 §11.2 results this engine gives. */
    public enum Verdict {
        PASS, FAIL, NONE;

        public String token() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final UnaryOperator<String> organizationalDomain;

    private DmarcAlignment(UnaryOperator<String> organizationalDomain) {
        this.organizationalDomain = organizationalDomain;
    }

    /** @param organizationalDomain the organizational domain of a lower-case domain (RFC 7489 §3.2) */
    public static DmarcAlignment withOrganizationalDomains(UnaryOperator<String> organizationalDomain) {
        return new DmarcAlignment(organizationalDomain);
    }

    /**
     * @param fromDomain the RFC5322.From domain
     * @param record the From domain's DMARC record (or its organizational domain's), empty when there is none
     * @param spfPassDomain the MAIL FROM domain when SPF passed, else empty
     * @param dkimPassDomains the {@code d=} domains of passing DKIM signatures
     */
    public Verdict verdict(String fromDomain, Optional<DmarcRecord> record, Optional<String> spfPassDomain,
                           Collection<String> dkimPassDomains) {
        if (record.isEmpty()) {
            return Verdict.NONE;
        }
        DmarcRecord policy = record.get();
        if (spfPassDomain.isPresent() && aligned(fromDomain, spfPassDomain.get(), policy.strictSpf())) {
            return Verdict.PASS;
        }
        for (String d : dkimPassDomains) {
            if (aligned(fromDomain, d, policy.strictDkim())) {
                return Verdict.PASS;
            }
        }
        return Verdict.FAIL;
    }

    /** RFC 7489 §3.1.1 / §3.1.2: strict is equality, relaxed equality of the organizational domains. */
    public boolean aligned(String fromDomain, String authenticated, boolean strict) {
        String from = normalise(fromDomain);
        String other = normalise(authenticated);
        if (from.equals(other)) {
            return true;
        }
        return !strict && organizationalDomain.apply(from).equals(organizationalDomain.apply(other));
    }

    /** The names where a DMARC record for {@code fromDomain} is looked up, in order (RFC 7489 §6.6.3). */
    public List<String> recordNames(String fromDomain) {
        String from = normalise(fromDomain);
        String organizational = organizationalDomain.apply(from);
        return organizational.equals(from) ? List.of("_dmarc." + from)
            : List.of("_dmarc." + from, "_dmarc." + organizational);
    }

    private static String normalise(String domain) {
        String lower = domain.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
