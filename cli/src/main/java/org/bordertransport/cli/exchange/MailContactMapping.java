package org.bordertransport.cli.exchange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.bordertransport.core.policy.MessageBodyFormat;
import org.bordertransport.core.policy.MessageFormat;
import org.bordertransport.core.policy.RecipientEntry;
import org.bordertransport.core.policy.RecipientSettings;
import org.bordertransport.core.policy.UseMapiRichTextFormat;

/**
 * Maps {@code Get-MailContact} objects to per-recipient entries: the address is {@code ExternalEmailAddress} without
 * its {@code SMTP:} prefix (else {@code PrimarySmtpAddress}), the name is {@code Name}, and the settings are the four
 * {@code Set-MailContact} parameters {@code remotedomains.xml} has ({@link RecipientSettings#SETTING_NAMES}). As in
 * Exchange, {@code MessageFormat} and {@code MessageBodyFormat} count only with {@code UsePreferMessageFormat True}
 * (otherwise they are passed over). A contact whose settings are Exchange's defaults needs no entry.
 * {@code MacAttachmentFormat} has no equivalent; every other property is directory data.
 */
final class MailContactMapping {
    static final String NAME = "Name";
    static final String EXTERNAL_EMAIL_ADDRESS = "ExternalEmailAddress";
    static final String PRIMARY_SMTP_ADDRESS = "PrimarySmtpAddress";
    static final String MAC_ATTACHMENT_FORMAT = "MacAttachmentFormat";
    static final String MAC_ATTACHMENT_FORMAT_DEFAULT = "BinHex";
    private static final Set<String> USED = Set.of(NAME, EXTERNAL_EMAIL_ADDRESS, PRIMARY_SMTP_ADDRESS,
        UseMapiRichTextFormat.SETTING, RecipientSettings.USE_PREFER_MESSAGE_FORMAT, MessageFormat.SETTING,
        MessageBodyFormat.SETTING);

    /** A contact as mapped, and as it is written. */
    static final class Mapped {
        private final RecipientEntry recipient;
        private final PolicyEntry entry;

        Mapped(RecipientEntry recipient, PolicyEntry entry) {
            this.recipient = recipient;
            this.entry = entry;
        }

        RecipientEntry recipient() {
            return recipient;
        }

        PolicyEntry entry() {
            return entry;
        }
    }

    /** The entries, and how many contacts needed none. */
    static final class Result {
        private final List<Mapped> entries;
        private final int withoutEntry;

        Result(List<Mapped> entries, int withoutEntry) {
            this.entries = List.copyOf(entries);
            this.withoutEntry = withoutEntry;
        }

        List<Mapped> entries() {
            return entries;
        }

        int withoutEntry() {
            return withoutEntry;
        }
    }

    private MailContactMapping() {
    }

    /**
     * @throws ExportException WRONG_KIND when no object has an address property, DUPLICATE for two contacts with one
     *     address
     */
    static Result map(List<PsObject> objects, String file, ImportReport report) throws ExportException {
        if (!objects.isEmpty()
            && objects.stream().noneMatch(o -> o.has(EXTERNAL_EMAIL_ADDRESS) || o.has(PRIMARY_SMTP_ADDRESS))) {
            throw new ExportException(ExportException.Code.WRONG_KIND, file + ": not a Get-MailContact export: no "
                + EXTERNAL_EMAIL_ADDRESS + " or " + PRIMARY_SMTP_ADDRESS + " property"
                + RemoteDomainMapping.typeNote(objects.get(0)));
        }
        List<Mapped> entries = new ArrayList<>();
        Map<String, String> addresses = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        int withoutEntry = 0;
        for (PsObject object : objects) {
            String name = object.text(NAME);
            String address = address(object, name, report);
            if (address == null) {
                continue;
            }
            String label = "'" + (name == null ? address : name) + "' (object " + object.position() + ")";
            String same = addresses.putIfAbsent(address.toLowerCase(Locale.ROOT), label);
            if (same != null) {
                throw new ExportException(ExportException.Code.DUPLICATE, file + ": mail contacts " + same + " and "
                    + label + " have one address '" + address + "' (addresses are compared case-insensitively)");
            }
            String shown = name == null ? address : name;
            PolicyEntry entry = new PolicyEntry(ImportReport.Kind.RECIPIENT, shown, address);
            RecipientSettings settings = settings(object, entry, report);
            passOver(object, entry, report);
            if (settings.equals(RecipientSettings.defaults())) {
                withoutEntry++;
                continue;
            }
            String entryName = name;
            if (entryName != null && names.containsKey(entryName.toLowerCase(Locale.ROOT))) {
                report.note("mail contact '" + name + "' <" + address + ">: the name is already used by mail contact "
                    + names.get(entryName.toLowerCase(Locale.ROOT)) + ": the entry is named by its address");
                entryName = null;
            }
            RecipientEntry recipient;
            try {
                recipient = RecipientEntry.of(entryName, address, settings);
            } catch (IllegalArgumentException e) {
                report.invalid(ImportReport.Kind.RECIPIENT, shown, address, EXTERNAL_EMAIL_ADDRESS, address,
                    e.getMessage() + "; the mail contact is not taken over");
                continue;
            }
            names.put(recipient.name().toLowerCase(Locale.ROOT), label);
            PolicyEntry written = new PolicyEntry(ImportReport.Kind.RECIPIENT, recipient.name(), recipient.address());
            entry.comments().forEach(written::comment);
            write(settings, written);
            entries.add(new Mapped(recipient, written));
        }
        return new Result(entries, withoutEntry);
    }

    /** ExternalEmailAddress without its SMTP: prefix, else PrimarySmtpAddress; null (reported) when neither. */
    private static String address(PsObject object, String name, ImportReport report) {
        String external = object.text(EXTERNAL_EMAIL_ADDRESS);
        String property = EXTERNAL_EMAIL_ADDRESS;
        String value = external;
        if (value == null) {
            property = PRIMARY_SMTP_ADDRESS;
            value = object.text(PRIMARY_SMTP_ADDRESS);
        }
        String shown = name == null ? "object " + object.position() : name;
        if (value == null) {
            report.invalid(ImportReport.Kind.RECIPIENT, shown, null, EXTERNAL_EMAIL_ADDRESS, null,
                "object " + object.position() + " has no address: the mail contact is not taken over");
            return null;
        }
        int colon = value.indexOf(':');
        int at = value.indexOf('@');
        if (colon >= 0 && (at < 0 || colon < at)) {
            String type = value.substring(0, colon);
            if (!type.equalsIgnoreCase("SMTP")) {
                report.invalid(ImportReport.Kind.RECIPIENT, shown, null, property, value, "a " + type
                    + " address, not SMTP: the mail contact is not taken over (entries are SMTP addresses)");
                return null;
            }
            value = value.substring(colon + 1).trim();
        }
        return value;
    }

    /** The contact's settings; values that cannot be mapped are reported and left out. */
    private static RecipientSettings settings(PsObject object, PolicyEntry entry, ImportReport report) {
        RecipientSettings.Builder builder = RecipientSettings.builder();
        set(builder, object, UseMapiRichTextFormat.SETTING, entry, report);
        boolean prefer = set(builder, object, RecipientSettings.USE_PREFER_MESSAGE_FORMAT, entry, report)
            && builder.build().usePreferMessageFormat();
        if (!prefer) {
            return builder.build();
        }
        set(builder, object, MessageFormat.SETTING, entry, report);
        set(builder, object, MessageBodyFormat.SETTING, entry, report);
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            // MessageFormat Text with MessageBodyFormat Html or TextAndHtml, which Exchange does not allow
            String value = object.text(MessageBodyFormat.SETTING);
            report.invalid(ImportReport.Kind.RECIPIENT, entry.name(), entry.key(), MessageBodyFormat.SETTING, value,
                e.getMessage());
            entry.comment("not taken over: " + MessageBodyFormat.SETTING + " " + ImportReport.shorten(value)
                + " (cannot be mapped)");
            RecipientSettings.Builder without = RecipientSettings.builder();
            set(without, object, UseMapiRichTextFormat.SETTING, null, null);
            without.usePreferMessageFormat(true);
            set(without, object, MessageFormat.SETTING, null, null);
            return without.build();
        }
    }

    /** Sets one property when present and valid; false when absent or invalid (reported when a report is given). */
    private static boolean set(RecipientSettings.Builder builder, PsObject object, String setting, PolicyEntry entry,
                               ImportReport report) {
        String value = object.text(setting);
        if (value == null) {
            return false;
        }
        try {
            builder.set(setting, value);
            return true;
        } catch (IllegalArgumentException e) {
            if (report != null) {
                report.invalid(ImportReport.Kind.RECIPIENT, entry.name(), entry.key(), setting, value, e.getMessage());
                entry.comment("not taken over: " + setting + " " + ImportReport.shorten(value) + " (cannot be mapped)");
            }
            return false;
        }
    }

    /** Reports MacAttachmentFormat, counts the rest as directory data. */
    private static void passOver(PsObject object, PolicyEntry entry, ImportReport report) {
        for (Map.Entry<String, String> pair : object.properties().entrySet()) {
            String property = pair.getKey();
            if (USED.contains(property)) {
                continue;
            }
            if (property.equals(MAC_ATTACHMENT_FORMAT)) {
                String value = object.text(property);
                boolean atDefault = value == null || value.equalsIgnoreCase(MAC_ATTACHMENT_FORMAT_DEFAULT);
                report.unmapped(ImportReport.Kind.RECIPIENT, entry.name(), entry.key(), property, value, atDefault);
                if (!atDefault) {
                    entry.comment("not taken over: " + property + " " + ImportReport.shorten(value)
                        + " (no equivalent)");
                }
            } else {
                report.ignored(property);
            }
        }
    }

    /** Only what differs from the defaults; MessageFormat and MessageBodyFormat both, with UsePreferMessageFormat. */
    private static void write(RecipientSettings settings, PolicyEntry entry) {
        if (settings.useMapiRichTextFormat() != UseMapiRichTextFormat.USE_DEFAULT_SETTINGS) {
            entry.setting(UseMapiRichTextFormat.SETTING, settings.useMapiRichTextFormat().exchangeName());
        }
        if (settings.usePreferMessageFormat()) {
            entry.setting(RecipientSettings.USE_PREFER_MESSAGE_FORMAT, "true");
            entry.setting(MessageFormat.SETTING, settings.messageFormat().exchangeName());
            entry.setting(MessageBodyFormat.SETTING, settings.messageBodyFormat().exchangeName());
        }
    }
}
