package org.bordertransport.james;

import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.mail.MessagingException;
import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.MailetConfig;

/**
 * The one way the mailets, the matchers and the SMTP hook read their parameters, once, at startup: unknown names are
 * rejected, booleans are {@code true} or {@code false} (any case), numbers lie in a range, choices are among named
 * values. Every failure is a {@link MessagingException} whose message starts with the component's name, then names the
 * parameter, the bad value and what is allowed, as James's mailet container reports it.
 */
public final class InitParameters {
    /** Parameters the James mailet container reads on every mailet and matcher; they are not ours to validate. */
    public static final Set<String> CONTAINER_PARAMETERS = Set.of("onMailetException", "onMatchException");

    private final String component;
    private final Map<String, String> values;

    private InitParameters(String component, Map<String, String> values) {
        this.component = component;
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * A mailet's own parameters (the container's removed), checked against {@code allowed}.
     *
     * @throws MessagingException naming the first unknown parameter and the allowed ones
     */
    public static InitParameters of(MailetConfig config, Set<String> allowed) throws MessagingException {
        Map<String, String> values = new LinkedHashMap<>();
        Iterator<String> names = config.getInitParameterNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!CONTAINER_PARAMETERS.contains(name)) {
                values.put(name, config.getInitParameter(name));
            }
        }
        return of(config.getMailetName(), values, allowed);
    }

    /**
     * Parameters read elsewhere (an SMTP hook's configuration, a matcher's condition options), checked against
     * {@code allowed}.
     */
    public static InitParameters of(String component, Map<String, String> values, Set<String> allowed)
        throws MessagingException {
        InitParameters parameters = new InitParameters(component, new LinkedHashMap<>(values));
        for (String name : values.keySet()) {
            if (!allowed.contains(name)) {
                throw parameters.failure("Unknown parameter '" + name + "': allowed parameters are "
                    + new TreeSet<>(allowed), null);
            }
        }
        return parameters;
    }

    /** The mailet, matcher or hook these parameters belong to, as messages name it. */
    public String component() {
        return component;
    }

    /** Every parameter as given (for the core settings that validate a group of parameters themselves). */
    public Map<String, String> asMap() {
        return values;
    }

    /** The trimmed value, absent when missing or blank. */
    public Optional<String> string(String name) {
        return Optional.ofNullable(values.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    public String string(String name, String defaultValue) {
        return string(name).orElse(defaultValue);
    }

    /** A value that must be given. */
    public String required(String name, String what) throws MessagingException {
        Optional<String> value = string(name);
        if (value.isEmpty()) {
            throw failure("Invalid parameter '" + name + "': missing; " + what, null);
        }
        return value.get();
    }

    /**
     * {@code true} or {@code false} in any letter case (as the parameters have always been read); anything else
     * fails, where {@code GenericMailet.getInitParameter(name, boolean)} would take it as false.
     */
    public boolean bool(String name, boolean defaultValue) throws MessagingException {
        Optional<String> value = string(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        if (value.get().equalsIgnoreCase("true")) {
            return true;
        }
        if (value.get().equalsIgnoreCase("false")) {
            return false;
        }
        throw invalid(name, "allowed values are true, false");
    }

    /** A whole number from {@code min} to {@code max}. */
    public int integer(String name, int defaultValue, int min, int max) throws MessagingException {
        Optional<String> value = string(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.get());
        } catch (NumberFormatException e) {
            throw invalid(name, "expected a whole number from " + min + " to " + max);
        }
        if (parsed < min || parsed > max) {
            throw invalid(name, "allowed: " + min + " to " + max);
        }
        return parsed;
    }

    /** An optional whole number from {@code min} to {@code max}. */
    public Optional<Integer> integer(String name, int min, int max) throws MessagingException {
        if (string(name).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(integer(name, 0, min, max));
    }

    /** One of {@code allowed} (case-insensitive); returns the canonical spelling. */
    public String oneOf(String name, String defaultValue, String... allowed) throws MessagingException {
        Optional<String> value = string(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        for (String candidate : allowed) {
            if (candidate.equalsIgnoreCase(value.get())) {
                return candidate;
            }
        }
        throw invalid(name, "allowed values are " + String.join(", ", allowed));
    }

    /** One of the {@code allowed} constants of an enum, by name (case-insensitive). */
    public <E extends Enum<E>> E choice(String name, E defaultValue, Set<E> allowed) throws MessagingException {
        Optional<String> value = string(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        for (E candidate : allowed) {
            if (candidate.name().equalsIgnoreCase(value.get())) {
                return candidate;
            }
        }
        throw invalid(name, "allowed: " + allowed.stream().map(e -> e.name().toLowerCase(Locale.ROOT)).sorted()
            .collect(Collectors.joining(", ")));
    }

    /** An e-mail address. */
    public Optional<MailAddress> address(String name) throws MessagingException {
        Optional<String> value = string(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new MailAddress(value.get()));
        } catch (AddressException e) {
            throw failure("Invalid parameter '" + name + "': '" + value.get() + "' is not an address: "
                + e.getMessage() + " (expected an e-mail address)", e);
        }
    }

    /**
     * A processor name that must be given; declare it in the mailet's {@code requiredProcessingState()} so that
     * the container checks at startup that it exists.
     */
    public String processor(String name, String why) throws MessagingException {
        return required(name, why);
    }

    /** A comma-separated list of domains, lower case. */
    public Set<String> domains(String name) {
        return Arrays.stream(values.getOrDefault(name, "").split(","))
            .map(d -> d.trim().toLowerCase(Locale.ROOT)).filter(d -> !d.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
    }

    /** Applies a parser to a value, turning its {@link IllegalArgumentException} into a message naming the parameter. */
    public <T> T parse(String name, String value, String expected, Function<String, T> parser)
        throws MessagingException {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw failure("Invalid parameter '" + name + "': " + e.getMessage() + " (expected " + expected + ")", e);
        }
    }

    /** A configuration error of this component: its name, then {@code message}. */
    public MessagingException failure(String message, Exception cause) {
        return new MessagingException(component + ": " + message, cause);
    }

    private MessagingException invalid(String name, String allowed) {
        return failure("Invalid parameter '" + name + "': '" + values.get(name) + "', " + allowed, null);
    }
}
