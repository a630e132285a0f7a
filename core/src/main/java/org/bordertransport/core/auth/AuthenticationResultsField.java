package org.bordertransport.core.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@code Authentication-Results} field of RFC 8601: reads the authserv-id of an existing one (to remove those
 * claiming ours, §5) and writes ours, one method per line:
 * <pre>
 * Authentication-Results: border.test;
 *         spf=pass smtp.mailfrom=example.com;
 *         dkim=none;
 *         dmarc=pass header.from=example.com
 * </pre>
 */
public final class AuthenticationResultsField {
    public static final String NAME = "Authentication-Results";

    private final String authservId;
    private final List<String> results;

    private AuthenticationResultsField(String authservId, List<String> results) {
        this.authservId = authservId;
        this.results = List.copyOf(results);
    }

    /** A field of {@code authservId} without results yet ({@code none}, RFC 8601 §2.2, until one is added). */
    public static AuthenticationResultsField of(String authservId) {
        if (authservId.isEmpty() || !authservId.chars().allMatch(AuthenticationResultsField::isValueChar)) {
            throw new IllegalArgumentException("not an authserv-id (a domain name): '" + authservId + "'");
        }
        return new AuthenticationResultsField(authservId, List.of());
    }

    /**
     * Adds a method's result, e.g. {@code with("spf", "pass", "smtp.mailfrom", "example.com")}; a property whose
     * value is empty is left out.
     */
    public AuthenticationResultsField with(String method, String result, String property, Optional<String> value) {
        StringBuilder entry = new StringBuilder(method).append('=').append(result);
        value.filter(v -> !v.isEmpty()).ifPresent(v -> entry.append(' ').append(property).append('=').append(quoted(v)));
        List<String> more = new ArrayList<>(results);
        more.add(entry.toString());
        return new AuthenticationResultsField(authservId, more);
    }

    /** The field's value, folded one result a line. */
    public String value() {
        if (results.isEmpty()) {
            return authservId + "; none";
        }
        return authservId + ";\r\n\t" + String.join(";\r\n\t", results);
    }

    /** The field as a header line (folded, no final CRLF). */
    public String headerLine() {
        return NAME + ": " + value();
    }

    /**
     * The authserv-id of an existing field's value: its first token, comments ({@code (...)}) and folding white
     * space skipped. Empty when the value has none.
     */
    public static Optional<String> authservIdOf(String fieldValue) {
        String value = fieldValue;
        int i = 0;
        int depth = 0;
        StringBuilder id = new StringBuilder();
        while (i < value.length()) {
            char c = value.charAt(i++);
            if (depth > 0) {
                if (c == '\\' && i < value.length()) {
                    i++;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
            } else if (c == '(') {
                depth = 1;
                if (id.length() > 0) {
                    break;
                }
            } else if (c == ';' || Character.isWhitespace(c)) {
                if (id.length() > 0) {
                    break;
                }
            } else {
                id.append(c);
            }
        }
        return id.length() == 0 ? Optional.empty() : Optional.of(id.toString());
    }

    /** Whether an existing field's value claims {@code authservId} (case-insensitive, RFC 8601 §2.5). */
    public static boolean claims(String fieldValue, String authservId) {
        return authservIdOf(fieldValue).map(id -> id.toLowerCase(Locale.ROOT)
            .equals(authservId.toLowerCase(Locale.ROOT))).orElse(false);
    }

    private static String quoted(String value) {
        return value.chars().allMatch(AuthenticationResultsField::isValueChar) ? value
            : '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static boolean isValueChar(int c) {
        return c == '@' || (c > 32 && c < 127 && "()<>,;:\\\"/[]?=".indexOf(c) < 0);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AuthenticationResultsField)) {
            return false;
        }
        AuthenticationResultsField other = (AuthenticationResultsField) o;
        return Objects.equals(authservId, other.authservId) && Objects.equals(results, other.results);
    }

    @Override
    public int hashCode() {
        return Objects.hash(authservId, results);
    }

    @Override
    public String toString() {
        return headerLine();
    }
}
