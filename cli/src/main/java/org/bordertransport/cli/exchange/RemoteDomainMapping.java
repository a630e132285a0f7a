package org.bordertransport.cli.exchange;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.bordertransport.core.policy.AllowedOOFType;
import org.bordertransport.core.policy.ByteEncoderTypeFor7BitCharsets;
import org.bordertransport.core.policy.ContentType;
import org.bordertransport.core.policy.DomainPattern;
import org.bordertransport.core.policy.MessageFormat;
import org.bordertransport.core.policy.PreferredInternetCodePageForShiftJis;
import org.bordertransport.core.policy.RemoteDomain;
import org.bordertransport.core.policy.RemoteDomainSettings;

/**
 * Maps {@code Get-RemoteDomain} objects to remote domains: {@code Name} and {@code DomainName} ({@code *} is the
 * Default) become the entry's {@code name} and {@code domain}; every {@code Set-RemoteDomain} property that
 * {@code remotedomains.xml} has (same name, same values: {@link RemoteDomainSettings#SETTING_NAMES}) is taken over
 * when it differs from Exchange's default for a new remote domain; the values are checked by the loader's own parsers.
 * Properties without an equivalent ({@link #NO_EQUIVALENT}), unknown properties and values that cannot be mapped are
 * reported; directory data ({@link #DIRECTORY}) is passed over.
 */
final class RemoteDomainMapping {
    static final String NAME = "Name";
    static final String DOMAIN_NAME = "DomainName";

    /**
     * {@code Set-RemoteDomain} properties with no equivalent here, and Exchange's default for each (null for
     * {@code $null}): leaving one out loses nothing when it has that value.
     */
    static final Map<String, String> NO_EQUIVALENT;

    static {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("IsCoexistenceDomain", "False");
        map.put("MeetingForwardNotificationEnabled", "False");
        map.put("MessageCountThreshold", "2147483647");
        map.put("RequiredCharsetCoverage", null);
        map.put("SmtpDaneMandatoryModeEnabled", "False");
        map.put("TargetDeliveryDomain", "False");
        map.put("TrustedMailInboundEnabled", "False");
        map.put("TrustedMailOutboundEnabled", "False");
        NO_EQUIVALENT = Collections.unmodifiableMap(map);
    }

    /** Directory data and PowerShell's own properties: not settings. */
    static final Set<String> DIRECTORY = Set.of("AdminDisplayName", "DistinguishedName", "ExchangeObjectId",
        "ExchangeVersion", "Guid", "Id", "Identity", "IsValid", "ObjectCategory", "ObjectClass", "ObjectState",
        "OrganizationId", "OriginatingServer", "PSComputerName", "PSShowComputerName", "RunspaceId", "WhenChanged",
        "WhenChangedUTC", "WhenCreated", "WhenCreatedUTC");

    /** A remote domain as mapped, and as it is written. */
    static final class Mapped {
        private final RemoteDomain remoteDomain;
        private final PolicyEntry entry;

        Mapped(RemoteDomain remoteDomain, PolicyEntry entry) {
            this.remoteDomain = remoteDomain;
            this.entry = entry;
        }

        RemoteDomain remoteDomain() {
            return remoteDomain;
        }

        PolicyEntry entry() {
            return entry;
        }
    }

    private RemoteDomainMapping() {
    }

    /**
     * @param file how messages name the export
     * @throws ExportException WRONG_KIND when no object has a DomainName, DUPLICATE for two objects with one
     *     DomainName or one Name
     */
    static List<Mapped> map(List<PsObject> objects, String file, ImportReport report) throws ExportException {
        if (!objects.isEmpty() && objects.stream().noneMatch(o -> o.has(DOMAIN_NAME))) {
            PsObject first = objects.get(0);
            throw new ExportException(ExportException.Code.WRONG_KIND, file + ": not a Get-RemoteDomain export: no "
                + DOMAIN_NAME + " property" + typeNote(first));
        }
        List<Mapped> mapped = new ArrayList<>();
        Map<DomainPattern, String> patterns = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        for (PsObject object : objects) {
            String domainName = object.text(DOMAIN_NAME);
            String name = object.text(NAME) != null ? object.text(NAME) : domainName;
            if (domainName == null) {
                report.invalid(ImportReport.Kind.REMOTE_DOMAIN, name == null ? "object " + object.position() : name,
                    null, DOMAIN_NAME, null, "object " + object.position() + " has no DomainName: the remote domain "
                        + "is not taken over");
                continue;
            }
            DomainPattern pattern;
            try {
                pattern = DomainPattern.parse(domainName);
            } catch (IllegalArgumentException e) {
                report.invalid(ImportReport.Kind.REMOTE_DOMAIN, name, domainName, DOMAIN_NAME, domainName,
                    e.getMessage() + "; the remote domain is not taken over");
                continue;
            }
            String label = "'" + name + "' (object " + object.position() + ")";
            String samePattern = patterns.putIfAbsent(pattern, label);
            if (samePattern != null) {
                throw new ExportException(ExportException.Code.DUPLICATE, file + ": remote domains " + samePattern
                    + " and " + label + " have one DomainName '" + pattern + "': Exchange allows one remote domain "
                    + "per domain");
            }
            String sameName = names.putIfAbsent(name.toLowerCase(Locale.ROOT), label);
            if (sameName != null) {
                throw new ExportException(ExportException.Code.DUPLICATE, file + ": remote domains " + sameName
                    + " and " + label + " have one Name: names must be unique (case-insensitive)");
            }
            Mapped one = mapOne(object, name, pattern, report);
            if (one != null) {
                mapped.add(one);
            }
        }
        return mapped;
    }

    private static Mapped mapOne(PsObject object, String name, DomainPattern pattern, ImportReport report) {
        String key = pattern.toString();
        PolicyEntry entry = new PolicyEntry(ImportReport.Kind.REMOTE_DOMAIN, name, key);
        RemoteDomainSettings.Builder settings = RemoteDomainSettings.builder();
        for (Map.Entry<String, String> pair : object.properties().entrySet()) {
            String property = pair.getKey();
            String value = pair.getValue() == null || pair.getValue().isBlank() ? null : pair.getValue().trim();
            if (property.equals(NAME) || property.equals(DOMAIN_NAME)) {
                continue;
            }
            if (RemoteDomainSettings.SETTING_NAMES.contains(property)
                && !property.equals(RemoteDomainSettings.SEVEN_BIT_ONLY)) {
                mapSetting(entry, settings, property, value, report);
            } else if (NO_EQUIVALENT.containsKey(property)) {
                String exchangeDefault = NO_EQUIVALENT.get(property);
                boolean atDefault = value == null ? exchangeDefault == null : value.equalsIgnoreCase(exchangeDefault);
                report.unmapped(ImportReport.Kind.REMOTE_DOMAIN, name, key, property, value, atDefault);
                if (!atDefault) {
                    entry.comment("not taken over: " + property + " " + ImportReport.shorten(value)
                        + " (no equivalent)");
                }
            } else if (DIRECTORY.contains(property)) {
                report.ignored(property);
            } else {
                report.unmapped(ImportReport.Kind.REMOTE_DOMAIN, name, key, property, value, null);
                if (value != null) {
                    entry.comment("not taken over: " + property + " " + ImportReport.shorten(value)
                        + " (unknown property)");
                }
            }
        }
        try {
            return new Mapped(RemoteDomain.of(name, pattern, settings.build()), entry);
        } catch (IllegalArgumentException e) {
            report.invalid(ImportReport.Kind.REMOTE_DOMAIN, name, key, NAME, name, e.getMessage()
                + "; the remote domain is not taken over");
            return null;
        }
    }

    /** Checks the value with the loader's parser; writes it when it is not the default. */
    private static void mapSetting(PolicyEntry entry, RemoteDomainSettings.Builder settings, String setting,
                                   String value, ImportReport report) {
        if (value == null) {
            return; // $null: unset (TNEFEnabled) or the default
        }
        RemoteDomainSettings single;
        try {
            single = RemoteDomainSettings.builder().set(setting, value).build();
        } catch (IllegalArgumentException e) {
            report.invalid(ImportReport.Kind.REMOTE_DOMAIN, entry.name(), entry.key(), setting, value,
                e.getMessage());
            entry.comment("not taken over: " + setting + " " + ImportReport.shorten(value) + " (cannot be mapped)");
            return;
        }
        if (single.equals(RemoteDomainSettings.defaults())) {
            return;
        }
        settings.set(setting, value);
        entry.setting(setting, text(setting, value, single));
    }

    /** The value as written: Exchange's spelling of enums (50220 for Iso2022Jp), true/false, charsets as given. */
    private static String text(String setting, String value, RemoteDomainSettings s) {
        switch (setting) {
            case ContentType.SETTING:
                return s.contentType().exchangeName();
            case MessageFormat.SETTING:
                return s.messageFormat().exchangeName();
            case ByteEncoderTypeFor7BitCharsets.SETTING:
                return s.byteEncoderTypeFor7BitCharsets().exchangeName();
            case PreferredInternetCodePageForShiftJis.SETTING:
                return s.preferredInternetCodePageForShiftJis().exchangeName();
            case AllowedOOFType.SETTING:
                return s.allowedOOFType().exchangeName();
            case RemoteDomainSettings.LINE_WRAP_SIZE:
                return s.lineWrapSize().isPresent() ? String.valueOf(s.lineWrapSize().getAsInt()) : "Unlimited";
            case RemoteDomainSettings.CHARACTER_SET:
            case RemoteDomainSettings.NON_MIME_CHARACTER_SET:
                return value;
            default:
                return value.toLowerCase(Locale.ROOT); // the booleans: True -> true
        }
    }

    static String typeNote(PsObject object) {
        return object.typeNames().isEmpty() ? "" : " (the objects are " + object.typeNames().get(0) + ")";
    }
}
