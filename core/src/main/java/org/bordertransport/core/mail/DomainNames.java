package org.bordertransport.core.mail;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Validation of DNS domain names as they appear on the right-hand side of addresses and Message-IDs.
 */
public final class DomainNames {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final int MAX_LENGTH = 253;

    private DomainNames() {
    }

    /**
     * Returns the name in lower case without a trailing dot.
     *
     * @throws IllegalArgumentException naming the value and what a domain name must look like
     */
    public static String parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a domain name is required, got an empty value");
        }
        String name = value.trim().toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("'" + value + "' is not a domain name: longer than " + MAX_LENGTH + " characters");
        }
        String[] labels = name.split("\\.", -1);
        if (labels.length < 2) {
            throw new IllegalArgumentException("'" + value + "' is not a fully qualified domain name: expected at least two labels such as example.com");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("'" + value + "' is not a domain name: label '" + label
                    + "' must be 1-63 letters, digits or inner hyphens");
            }
        }
        return name;
    }
}
