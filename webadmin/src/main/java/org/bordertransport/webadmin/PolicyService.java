package org.bordertransport.webadmin;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.bordertransport.core.config.JamesConfigurationFiles;
import org.bordertransport.core.policy.AllowedOOFType;
import org.bordertransport.core.policy.ByteEncoderTypeFor7BitCharsets;
import org.bordertransport.core.policy.ContentType;
import org.bordertransport.core.policy.DomainPattern;
import org.bordertransport.core.policy.MessageBodyFormat;
import org.bordertransport.core.policy.MessageFormat;
import org.bordertransport.core.policy.PreferredInternetCodePageForShiftJis;
import org.bordertransport.core.policy.RecipientEntry;
import org.bordertransport.core.policy.RecipientResolution;
import org.bordertransport.core.policy.RecipientSettings;
import org.bordertransport.core.policy.RemoteDomain;
import org.bordertransport.core.policy.RemoteDomainPolicy;
import org.bordertransport.core.policy.RemoteDomainPolicyLoader;
import org.bordertransport.core.policy.RemoteDomainSettings;
import org.bordertransport.core.policy.UseMapiRichTextFormat;

/**
 * The effective remote-domain settings for a recipient or a domain, from the policy file the conversion mailets use,
 * resolved by core's {@link RemoteDomainPolicy} (the mailets' own resolution) and explained: which entry won and why.
 */
public final class PolicyService {
    /** The mailets whose {@code policyFile} is used, in this order; the default file when none names one. */
    static final List<String> POLICY_MAILETS = List.of("org.bordertransport.mailets.ConvertForRemoteDomain",
        "org.bordertransport.mailets.SplitByRemoteDomain", "org.bordertransport.mailets.ConvertTnef");
    static final String POLICY_FILE = "policyFile";
    static final String DEFAULT_POLICY_FILE = "file://conf/remotedomains.xml";
    static final int MAX_ADDRESS_LENGTH = 320;
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9.])?");

    /** Which entry decided the settings. */
    public enum DecidedBy {
        RECIPIENT_ENTRY,
        EXACT_DOMAIN,
        WILDCARD,
        DEFAULT
    }

    private final BorderConf conf;

    public PolicyService(BorderConf conf) {
        this.conf = conf;
    }

    /** {@code GET /border/policy/recipients/{address}}. */
    public Map<String, Object> recipient(String rawAddress) throws RouteException {
        String address = rawAddress == null ? "" : rawAddress.trim();
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1 || address.length() > MAX_ADDRESS_LENGTH
            || address.chars().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))
            || !DOMAIN.matcher(address.substring(at + 1)).matches()) {
            throw RouteException.badParameter("address", "'" + rawAddress + "' is not an address: allowed"
                + " local-part@domain, such as someone@partner.example.net");
        }
        Loaded loaded = load();
        String domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
        RecipientResolution resolution = loaded.policy.resolveRecipient(address);
        return answer(loaded, "address", address, domain, resolution);
    }

    /** {@code GET /border/policy/domains/{domain}}. */
    public Map<String, Object> domain(String rawDomain) throws RouteException {
        String domain = rawDomain == null ? "" : rawDomain.trim();
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (!DOMAIN.matcher(domain).matches()) {
            throw RouteException.badParameter("domain", "'" + rawDomain + "' is not a domain name: allowed a name"
                + " such as partner.example.net");
        }
        domain = domain.toLowerCase(Locale.ROOT);
        Loaded loaded = load();
        return answer(loaded, "domain", domain, domain, loaded.policy.resolveDomain(domain));
    }

    private Map<String, Object> answer(Loaded loaded, String key, String asked, String domain,
                                       RecipientResolution resolution) {
        RemoteDomain remote = resolution.remoteDomain();
        Optional<RecipientEntry> entry = resolution.recipient();
        DecidedBy decidedBy = entry.isPresent() ? DecidedBy.RECIPIENT_ENTRY : decidedBy(remote.pattern());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(key, asked);
        out.put("policyFile", loaded.location);
        out.put("decidedBy", decidedBy.name());
        out.put("explanation", explanation(decidedBy, domain, remote, entry));
        out.put("remoteDomain", describe(remote));
        out.put("recipientEntry", entry.map(PolicyService::describe).orElse(null));
        List<Map<String, Object>> others = new ArrayList<>();
        for (RemoteDomain candidate : loaded.policy.remoteDomains()) {
            if (!candidate.equals(remote) && candidate.pattern().matches(domain)) {
                others.add(describe(candidate));
            }
        }
        out.put("alsoMatching", others);
        out.put("settings", settings(resolution.settings()));
        return out;
    }

    private static DecidedBy decidedBy(DomainPattern pattern) {
        switch (pattern.kind()) {
            case EXACT:
                return DecidedBy.EXACT_DOMAIN;
            case WILDCARD:
                return DecidedBy.WILDCARD;
            default:
                return DecidedBy.DEFAULT;
        }
    }

    private static String explanation(DecidedBy decidedBy, String domain, RemoteDomain remote,
                                      Optional<RecipientEntry> entry) {
        String base;
        switch (remote.pattern().kind()) {
            case EXACT:
                base = "remote domain '" + remote.name() + "' names " + domain + " exactly (an exact domain beats"
                    + " every wildcard and the Default)";
                break;
            case WILDCARD:
                base = "remote domain '" + remote.name() + "' (" + remote.pattern() + ") is the most specific"
                    + " wildcard covering " + domain + " (no exact entry; a longer suffix beats a shorter one, any"
                    + " wildcard beats the Default)";
                break;
            default:
                base = "no exact or wildcard entry covers " + domain + ": the Default remote domain ("
                    + remote.pattern() + ") applies";
                break;
        }
        if (decidedBy != DecidedBy.RECIPIENT_ENTRY) {
            return base;
        }
        return "the <recipient> entry '" + entry.get().name() + "' for " + entry.get().address()
            + " is laid over the settings of its remote domain; " + base;
    }

    private static Map<String, Object> describe(RemoteDomain remote) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", remote.name());
        out.put("domain", remote.pattern().toString());
        out.put("match", remote.pattern().kind().name());
        return out;
    }

    private static Map<String, Object> describe(RecipientEntry entry) {
        RecipientSettings settings = entry.settings();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(UseMapiRichTextFormat.SETTING, String.valueOf(settings.useMapiRichTextFormat()));
        values.put(RecipientSettings.USE_PREFER_MESSAGE_FORMAT, settings.usePreferMessageFormat());
        values.put(MessageFormat.SETTING, String.valueOf(settings.messageFormat()));
        values.put(MessageBodyFormat.SETTING, String.valueOf(settings.messageBodyFormat()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", entry.name());
        out.put("address", entry.address());
        out.put("settings", values);
        return out;
    }

    /** Every effective setting in its Exchange spelling; unset ones as null. */
    static Map<String, Object> settings(RemoteDomainSettings s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(ContentType.SETTING, String.valueOf(s.contentType()));
        out.put(MessageFormat.SETTING, String.valueOf(s.messageFormat()));
        out.put(RemoteDomainSettings.CHARACTER_SET, s.characterSet().map(Charset::name).orElse(null));
        out.put(RemoteDomainSettings.NON_MIME_CHARACTER_SET, s.nonMimeCharacterSet().map(Charset::name).orElse(null));
        out.put(RemoteDomainSettings.LINE_WRAP_SIZE,
            s.lineWrapSize().isPresent() ? (Object) s.lineWrapSize().getAsInt() : "Unlimited");
        out.put(ByteEncoderTypeFor7BitCharsets.SETTING, String.valueOf(s.byteEncoderTypeFor7BitCharsets()));
        out.put(PreferredInternetCodePageForShiftJis.SETTING, String.valueOf(s.preferredInternetCodePageForShiftJis()));
        out.put(RemoteDomainSettings.TNEF_ENABLED, s.tnefEnabled().orElse(null));
        out.put(RemoteDomainSettings.IS_INTERNAL, s.isInternal());
        out.put(RemoteDomainSettings.AUTO_FORWARD_ENABLED, s.autoForwardEnabled());
        out.put(RemoteDomainSettings.AUTO_REPLY_ENABLED, s.autoReplyEnabled());
        out.put(AllowedOOFType.SETTING, String.valueOf(s.allowedOOFType()));
        out.put(RemoteDomainSettings.DELIVERY_REPORT_ENABLED, s.deliveryReportEnabled());
        out.put(RemoteDomainSettings.NDR_ENABLED, s.ndrEnabled());
        out.put(RemoteDomainSettings.NDR_DIAGNOSTIC_INFO_ENABLED, s.ndrDiagnosticInfoEnabled());
        out.put(RemoteDomainSettings.DISPLAY_SENDER_NAME, s.displaySenderName());
        out.put(RemoteDomainSettings.USE_SIMPLE_DISPLAY_NAME, s.useSimpleDisplayName());
        out.put(RemoteDomainSettings.SEVEN_BIT_ONLY, s.sevenBitOnly());
        return out;
    }

    /** The policy the mailets use, read now. */
    Loaded load() throws RouteException {
        JamesConfigurationFiles files = conf.files();
        String location = DEFAULT_POLICY_FILE;
        for (String mailet : POLICY_MAILETS) {
            Optional<String> named = conf.mailetParameters(files, mailet).map(p -> p.get(POLICY_FILE));
            if (named.isPresent()) {
                location = named.get();
                break;
            }
        }
        Path path = conf.resolve(location, "Remote-domain policy (" + POLICY_FILE + ")");
        try {
            return new Loaded(location, RemoteDomainPolicyLoader.load(path));
        } catch (IllegalArgumentException e) {
            throw RouteException.configuration("Remote-domain policy '" + location + "': " + e.getMessage(), e);
        }
    }

    /** A policy and the location it was read from. */
    static final class Loaded {
        final String location;
        final RemoteDomainPolicy policy;

        Loaded(String location, RemoteDomainPolicy policy) {
            this.location = location;
            this.policy = policy;
        }
    }
}
