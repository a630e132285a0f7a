package org.bordertransport.core.config;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Strict reading of configuration parameters (mailet init parameters, CLI options). Every failure is an
 * {@link IllegalArgumentException} whose message names the parameter, the value and what is allowed.
 */
public final class Parameters {
    private Parameters() {
    }

    /** Fails on any parameter name not in {@code allowed}. */
    public static void rejectUnknown(Map<String, String> parameters, Set<String> allowed) {
        for (String name : parameters.keySet()) {
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("Unknown parameter '" + name + "': allowed parameters are "
                    + new TreeSet<>(allowed));
            }
        }
    }

    /** Exactly {@code true} or {@code false} (any case); anything else fails. */
    public static boolean bool(Map<String, String> parameters, String name, boolean defaultValue) {
        String value = parameters.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        String v = value.trim();
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("Invalid parameter '" + name + "': '" + value + "', allowed values are true, false");
    }

    /** One of {@code allowed} (case-insensitive); returns the canonical spelling. */
    public static String oneOf(Map<String, String> parameters, String name, String defaultValue, String... allowed) {
        String value = parameters.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        for (String candidate : allowed) {
            if (candidate.equalsIgnoreCase(value.trim())) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("Invalid parameter '" + name + "': '" + value + "', allowed values are "
            + String.join(", ", allowed));
    }

    /** Applies a parser, turning its failure into a message naming the parameter and what is expected. */
    public static <T> T parse(String name, String value, String expected, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid parameter '" + name + "': " + e.getMessage()
                + " (expected " + expected + ")", e);
        }
    }
}
