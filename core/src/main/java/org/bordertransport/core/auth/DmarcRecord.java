package org.bordertransport.core.auth;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The alignment modes of a DMARC record (RFC 7489 §6.3): {@code adkim} and {@code aspf}, relaxed unless {@code s}.
 * The policy itself ({@code p=}) is not read: Border Transport reports the verdict, it does not enforce it.
 */
public final class DmarcRecord {
    private final boolean strictDkim;
    private final boolean strictSpf;

    private DmarcRecord(boolean strictDkim, boolean strictSpf) {
        this.strictDkim = strictDkim;
        this.strictSpf = strictSpf;
    }

    public static DmarcRecord of(boolean strictDkim, boolean strictSpf) {
        return new DmarcRecord(strictDkim, strictSpf);
    }

    /**
     * The DMARC record among the TXT records of one {@code _dmarc} name: the one that starts with {@code v=DMARC1}.
     * Empty when there is none or more than one (RFC 7489 §6.6.3: then no policy is found).
     */
    public static Optional<DmarcRecord> fromTxtRecords(Collection<String> txtRecords) {
        DmarcRecord found = null;
        for (String txt : txtRecords) {
            Optional<DmarcRecord> parsed = parse(txt);
            if (parsed.isPresent()) {
                if (found != null) {
                    return Optional.empty();
                }
                found = parsed.get();
            }
        }
        return Optional.ofNullable(found);
    }

    /** One TXT record; empty unless its first tag is {@code v=DMARC1}. */
    public static Optional<DmarcRecord> parse(String txt) {
        String[] tags = unquote(txt).split(";");
        if (!tagValue(tags[0], "v").map(v -> v.equals("DMARC1")).orElse(false)) {
            return Optional.empty();
        }
        boolean strictDkim = false;
        boolean strictSpf = false;
        for (String tag : tags) {
            strictDkim |= tagValue(tag, "adkim").map(v -> v.equalsIgnoreCase("s")).orElse(false);
            strictSpf |= tagValue(tag, "aspf").map(v -> v.equalsIgnoreCase("s")).orElse(false);
        }
        return Optional.of(new DmarcRecord(strictDkim, strictSpf));
    }

    private static String unquote(String txt) {
        String trimmed = txt.trim();
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            return trimmed.substring(1, trimmed.length() - 1).replace("\" \"", "");
        }
        return trimmed;
    }

    private static Optional<String> tagValue(String tag, String name) {
        int equals = tag.indexOf('=');
        if (equals < 0 || !tag.substring(0, equals).trim().toLowerCase(Locale.ROOT).equals(name)) {
            return Optional.empty();
        }
        return Optional.of(tag.substring(equals + 1).trim());
    }

    public boolean strictDkim() {
        return strictDkim;
    }

    public boolean strictSpf() {
        return strictSpf;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DmarcRecord)) {
            return false;
        }
        DmarcRecord other = (DmarcRecord) o;
        return strictDkim == other.strictDkim && strictSpf == other.strictSpf;
    }

    @Override
    public int hashCode() {
        return Objects.hash(strictDkim, strictSpf);
    }

    @Override
    public String toString() {
        return "DmarcRecord{adkim=" + (strictDkim ? "s" : "r") + ", aspf=" + (strictSpf ? "s" : "r") + "}";
    }
}
