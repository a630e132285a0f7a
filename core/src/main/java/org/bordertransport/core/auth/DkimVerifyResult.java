package org.bordertransport.core.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The result James's {@code DKIMVerify} mailet (james-server-mailet-dkim 3.8.1) writes into its mail attribute, read
 * back: {@code neutral (no signatures)}; {@code pass (identity @example.com)}, one {@code (identity I)} per passing
 * signature, {@code I} its {@code i=} (by default {@code @} and its {@code d=}); {@code fail (reason)}, or with the
 * identity of the failing signature when jDKIM knows it, when no signature passed. Temporary and permanent failures
 * (a DNS timeout, a bad signature) both read {@code fail}: the attribute does not tell them apart.
 */
public final class DkimVerifyResult {
    /** What the verification found. */
    public enum Kind {
        PASS, FAIL, NONE;

        public String token() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Pattern PASSING = Pattern.compile("\\(identity\\s*([^()\\s]+)\\)");
    private static final Pattern FAILING = Pattern.compile("^fail \\(identity\\s*([^()\\s:]+):");

    private final Kind kind;
    private final List<String> identities;

    private DkimVerifyResult(Kind kind, List<String> identities) {
        this.kind = kind;
        this.identities = List.copyOf(identities);
    }

    /** The result in {@code attribute}; empty when it is none of the forms above. */
    public static Optional<DkimVerifyResult> parse(String attribute) {
        String value = attribute.trim();
        if (value.startsWith("neutral")) {
            return Optional.of(new DkimVerifyResult(Kind.NONE, List.of()));
        }
        if (value.startsWith("pass")) {
            List<String> identities = new ArrayList<>();
            Matcher passing = PASSING.matcher(value);
            while (passing.find()) {
                identities.add(passing.group(1));
            }
            return identities.isEmpty() ? Optional.empty()
                : Optional.of(new DkimVerifyResult(Kind.PASS, identities));
        }
        if (value.startsWith("fail")) {
            Matcher failing = FAILING.matcher(value);
            return Optional.of(new DkimVerifyResult(Kind.FAIL,
                failing.find() ? List.of(failing.group(1)) : List.of()));
        }
        return Optional.empty();
    }

    public Kind kind() {
        return kind;
    }

    /** The signing identities ({@code i=}) of the passing signatures, or of the failing one when known. */
    public List<String> identities() {
        return identities;
    }

    /** The domain of an identity, lower case: {@code user@Mail.Example.com} gives {@code mail.example.com}. */
    public static String domainOf(String identity) {
        return identity.substring(identity.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DkimVerifyResult)) {
            return false;
        }
        DkimVerifyResult other = (DkimVerifyResult) o;
        return kind == other.kind && identities.equals(other.identities);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, identities);
    }

    @Override
    public String toString() {
        return kind.token() + " " + identities;
    }
}
