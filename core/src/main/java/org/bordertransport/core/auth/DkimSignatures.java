package org.bordertransport.core.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.bordertransport.core.mail.HeaderField;

/**
 * The {@code DKIM-Signature} fields of one message header (RFC 6376 §3.5), read for what a mailet that changes the
 * message must know: the signing domains ({@code d=}), the header fields each signature covers ({@code h=}, which
 * may name fields the message does not have: adding one breaks the signature as surely as changing one), and the
 * algorithm ({@code a=}). Nothing is verified here.
 *
 * <p>A field whose tag list is invalid (no {@code d=}, no {@code h=}, a tag without {@code =}, a tag twice) covers
 * nothing: RFC 6376 makes such a signature fail everywhere, so no change can break it. A field beyond the limits read
 * here (over {@value #MAX_FIELD_CHARS} characters, or past the {@value #MAX_SIGNATURES}th signature) may be valid
 * and is taken to cover every field.</p>
 */
public final class DkimSignatures {
    /** The field name, as RFC 6376 spells it. */
    public static final String FIELD = "DKIM-Signature";
    /** Field values longer than this are not parsed (read as unreadable signatures). */
    static final int MAX_FIELD_CHARS = 16 * 1024;
    /** Signatures beyond this many are not parsed; the message counts as covered everywhere. */
    static final int MAX_SIGNATURES = 50;

    private static final DkimSignatures NONE = new DkimSignatures(List.of(), false);

    private final List<Signature> signatures;
    private final boolean coversEverything;

    private DkimSignatures(List<Signature> signatures, boolean coversEverything) {
        this.signatures = List.copyOf(signatures);
        this.coversEverything = coversEverything;
    }

    public static DkimSignatures none() {
        return NONE;
    }

    /** The signatures among {@code header} (other fields are ignored). */
    public static DkimSignatures of(Collection<HeaderField> header) {
        Objects.requireNonNull(header, "header");
        List<String> values = new ArrayList<>();
        for (HeaderField field : header) {
            if (field.hasName(FIELD)) {
                values.add(field.value());
            }
        }
        return ofValues(values);
    }

    /** The signatures whose field values (folded or not) are {@code values}. */
    public static DkimSignatures ofValues(Collection<String> values) {
        if (values.isEmpty()) {
            return NONE;
        }
        List<Signature> parsed = new ArrayList<>();
        boolean everything = values.size() > MAX_SIGNATURES;
        for (String value : values) {
            if (parsed.size() == MAX_SIGNATURES) {
                break;
            }
            Signature signature = Signature.parse(value);
            everything |= signature.coversEverything();
            parsed.add(signature);
        }
        return new DkimSignatures(parsed, everything);
    }

    public boolean isEmpty() {
        return signatures.isEmpty();
    }

    public List<Signature> signatures() {
        return signatures;
    }

    /**
     * Whether a signature covers the field {@code name} (case-insensitive): changing, adding or removing such a field
     * breaks it. {@code DKIM-Signature} itself always counts as covered (each signature covers its own field).
     */
    public boolean covers(String name) {
        if (signatures.isEmpty()) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (coversEverything || lower.equals("dkim-signature")) {
            return true;
        }
        for (Signature signature : signatures) {
            if (signature.signedFields().contains(lower)) {
                return true;
            }
        }
        return false;
    }

    /** The signing domains, lower case, in field order, each once ({@code ?} for a field without a readable one). */
    public List<String> domains() {
        Set<String> domains = new LinkedHashSet<>();
        for (Signature signature : signatures) {
            domains.add(signature.domain().orElse("?"));
        }
        return List.copyOf(domains);
    }

    @Override
    public String toString() {
        return signatures.isEmpty() ? "unsigned" : "DKIM d=" + String.join(",", domains());
    }

    /** One {@code DKIM-Signature} field, read. */
    public static final class Signature {
        private final Optional<String> domain;
        private final Optional<String> algorithm;
        private final Set<String> signedFields;
        private final boolean readable;
        private final boolean overLimit;

        private Signature(Optional<String> domain, Optional<String> algorithm, Set<String> signedFields,
                          boolean readable, boolean overLimit) {
            this.domain = domain;
            this.algorithm = algorithm;
            this.signedFields = Set.copyOf(signedFields);
            this.readable = readable;
            this.overLimit = overLimit;
        }

        /** Reads one field value: a tag list ({@code tag=value;...}, folding white space anywhere around). */
        public static Signature parse(String value) {
            Objects.requireNonNull(value, "value");
            if (value.length() > MAX_FIELD_CHARS) {
                return new Signature(Optional.empty(), Optional.empty(), Set.of(), false, true);
            }
            Map<String, String> tags = tags(value);
            if (tags == null) {
                return new Signature(Optional.empty(), Optional.empty(), Set.of(), false, false);
            }
            Optional<String> domain = Optional.ofNullable(tags.get("d")).filter(d -> !d.isEmpty())
                .map(d -> d.toLowerCase(Locale.ROOT));
            Optional<String> algorithm = Optional.ofNullable(tags.get("a")).filter(a -> !a.isEmpty())
                .map(a -> a.toLowerCase(Locale.ROOT));
            String h = tags.get("h");
            Set<String> fields = new LinkedHashSet<>();
            if (h != null) {
                for (String name : h.split(":")) {
                    String trimmed = name.trim().toLowerCase(Locale.ROOT);
                    if (!trimmed.isEmpty()) {
                        fields.add(trimmed);
                    }
                }
            }
            boolean readable = domain.isPresent() && !fields.isEmpty();
            return new Signature(domain, algorithm, readable ? fields : Set.of(), readable, false);
        }

        /** The tags with white space removed from their values (RFC 6376 §3.2); null when the list is malformed. */
        private static Map<String, String> tags(String value) {
            Map<String, String> tags = new TreeMap<>();
            for (String spec : value.split(";", -1)) {
                String trimmed = spec.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                int equals = trimmed.indexOf('=');
                if (equals <= 0) {
                    return null;
                }
                String name = trimmed.substring(0, equals).strip().toLowerCase(Locale.ROOT);
                String tagValue = trimmed.substring(equals + 1).replaceAll("[ \t\r\n]+", "");
                if (tags.putIfAbsent(name, tagValue) != null) {
                    return null; // RFC 6376 §3.2: a duplicated tag makes the whole signature invalid
                }
            }
            return tags;
        }

        /** {@code d=}, lower case; empty when the field is unreadable. */
        public Optional<String> domain() {
            return domain;
        }

        /** {@code a=}, lower case ({@code rsa-sha256}, {@code ed25519-sha256}). */
        public Optional<String> algorithm() {
            return algorithm;
        }

        /** The field names of {@code h=}, lower case, each once; empty for an invalid field. */
        public Set<String> signedFields() {
            return signedFields;
        }

        /** Whether {@code d=} and {@code h=} could be read: an invalid field covers nothing, it cannot verify. */
        public boolean readable() {
            return readable;
        }

        /** Over the size read here: taken to cover every field. */
        boolean coversEverything() {
            return overLimit;
        }

        @Override
        public String toString() {
            return "d=" + domain.orElse("?") + " a=" + algorithm.orElse("?") + " h=" + String.join(":", signedFields);
        }
    }
}
