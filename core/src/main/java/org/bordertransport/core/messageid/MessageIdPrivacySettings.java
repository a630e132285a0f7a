package org.bordertransport.core.messageid;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bordertransport.core.config.Parameters;

/**
 * The settings shared by the mailets that hide internal Message-IDs and restore them, and by
 * {@code bin/border message-id}: read from the same parameters, so the CLI and the server agree.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code keys}</td><td>required</td><td>{@code id:base64,...}, first one current</td></tr>
 *   <tr><td>{@code publicDomain}</td><td>James default domain</td><td>right-hand side of public IDs</td></tr>
 *   <tr><td>{@code internalSuffixes}</td><td>{@code .local,.internal,.lan,.corp.local}</td><td>internal host suffixes</td></tr>
 *   <tr><td>{@code internalDomains}</td><td>none</td><td>domains whose hosts are internal</td></tr>
 *   <tr><td>{@code unqualifiedIsInternal}</td><td>{@code true}</td><td>single-label hosts and address literals</td></tr>
 * </table>
 */
public final class MessageIdPrivacySettings {
    public static final String KEYS = "keys";
    public static final String PUBLIC_DOMAIN = "publicDomain";
    public static final String INTERNAL_SUFFIXES = "internalSuffixes";
    public static final String INTERNAL_DOMAINS = "internalDomains";
    public static final String UNQUALIFIED_IS_INTERNAL = "unqualifiedIsInternal";
    public static final String DEFAULT_SUFFIXES = ".local,.internal,.lan,.corp.local";
    /**
     * Whether header fields a third-party DKIM signature covers are left alone ({@code preserve}, {@code ignore}):
     * accepted among the outbound parameters, read by the mailet, not by these settings.
     */
    public static final String THIRD_PARTY_DKIM = "thirdPartyDkim";

    /** Parameters understood when IDs are only restored (inbound). */
    public static final Set<String> RESTORE_PARAMETERS = Set.of(KEYS, PUBLIC_DOMAIN);
    /** Parameters understood when IDs are replaced (outbound). */
    public static final Set<String> REPLACE_PARAMETERS = Set.of(KEYS, PUBLIC_DOMAIN, INTERNAL_SUFFIXES,
        INTERNAL_DOMAINS, UNQUALIFIED_IS_INTERNAL, THIRD_PARTY_DKIM);

    private final MessageIdKeys keys;
    private final PublicMessageIds codec;
    private final InternalHosts internalHosts;

    private MessageIdPrivacySettings(MessageIdKeys keys, PublicMessageIds codec, InternalHosts internalHosts) {
        this.keys = keys;
        this.codec = codec;
        this.internalHosts = internalHosts;
    }

    /**
     * @param parameters the mailet parameters (name to value)
     * @param allowed {@link #REPLACE_PARAMETERS} or {@link #RESTORE_PARAMETERS}
     * @param defaultDomain used when {@code publicDomain} is not given (James's default domain)
     * @throws IllegalArgumentException whose message names the parameter, the value (never a key) and what is allowed
     */
    public static MessageIdPrivacySettings from(Map<String, String> parameters, Set<String> allowed,
                                                Optional<String> defaultDomain) {
        Parameters.rejectUnknown(parameters, allowed);
        MessageIdKeys keys;
        try {
            keys = MessageIdKeys.parse(parameters.get(KEYS));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid parameter '" + KEYS + "': " + e.getMessage(), e);
        }
        String domain = Optional.ofNullable(parameters.get(PUBLIC_DOMAIN)).map(String::trim).filter(s -> !s.isEmpty())
            .or(() -> defaultDomain)
            .orElseThrow(() -> new IllegalArgumentException("Missing parameter '" + PUBLIC_DOMAIN
                + "': no James default domain to fall back on; give a fully qualified domain name"));
        PublicMessageIds codec = Parameters.parse(PUBLIC_DOMAIN, domain, "a fully qualified domain name",
            value -> new PublicMessageIds(keys, value));
        boolean unqualified = Parameters.bool(parameters, UNQUALIFIED_IS_INTERNAL, true);
        String suffixes = parameters.getOrDefault(INTERNAL_SUFFIXES, DEFAULT_SUFFIXES);
        String domains = parameters.getOrDefault(INTERNAL_DOMAINS, "");
        InternalHosts hosts = Parameters.parse(INTERNAL_SUFFIXES + "/" + INTERNAL_DOMAINS, suffixes + " | " + domains,
            "comma-separated host suffixes (.local) and domain names", value -> InternalHosts.of(suffixes, domains, unqualified));
        if (hosts.isInternal(codec.publicDomain())) {
            throw new IllegalArgumentException("Invalid parameter '" + PUBLIC_DOMAIN + "': '" + codec.publicDomain()
                + "' is itself an internal host by " + INTERNAL_SUFFIXES + "/" + INTERNAL_DOMAINS
                + "; public IDs must be on a public domain");
        }
        return new MessageIdPrivacySettings(keys, codec, hosts);
    }

    public MessageIdKeys keys() {
        return keys;
    }

    public PublicMessageIds codec() {
        return codec;
    }

    public InternalHosts internalHosts() {
        return internalHosts;
    }

    public MessageIdRewriter rewriter() {
        return new MessageIdRewriter(codec, internalHosts);
    }

}
