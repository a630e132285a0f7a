package org.bordertransport.core.policy;

import java.util.Objects;

/**
 * One named remote domain: a {@link DomainPattern} and the {@link RemoteDomainSettings} that apply to recipients it
 * resolves to.
 */
public final class RemoteDomain {
    /** Name of the Default remote domain ({@code *}) that is used when the configuration defines none. */
    public static final String DEFAULT_NAME = "Default";
    /** As in Exchange. */
    public static final int MAX_NAME_LENGTH = 64;

    private final String name;
    private final DomainPattern pattern;
    private final RemoteDomainSettings settings;

    private RemoteDomain(String name, DomainPattern pattern, RemoteDomainSettings settings) {
        this.name = name;
        this.pattern = pattern;
        this.settings = settings;
    }

    /**
     * @param name 1-64 characters, no control characters; surrounding blanks are removed
     * @throws IllegalArgumentException {@code invalid name 'VALUE': allowed 1-64 characters without control
     *     characters}
     */
    public static RemoteDomain of(String name, DomainPattern pattern, RemoteDomainSettings settings) {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(settings, "settings");
        String n = name == null ? "" : name.trim();
        if (n.isEmpty() || n.length() > MAX_NAME_LENGTH || n.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("invalid name '" + name + "': allowed 1-" + MAX_NAME_LENGTH
                + " characters without control characters");
        }
        return new RemoteDomain(n, pattern, settings);
    }

    /** The built-in Default: name {@value #DEFAULT_NAME}, domain {@code *}, {@link RemoteDomainSettings#defaults()}. */
    public static RemoteDomain builtInDefault() {
        return new RemoteDomain(DEFAULT_NAME, DomainPattern.matchAll(), RemoteDomainSettings.defaults());
    }

    public String name() {
        return name;
    }

    public DomainPattern pattern() {
        return pattern;
    }

    public RemoteDomainSettings settings() {
        return settings;
    }

    /** Whether this is the Default remote domain ({@code *}). */
    public boolean isDefault() {
        return pattern.isDefault();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RemoteDomain)) {
            return false;
        }
        RemoteDomain that = (RemoteDomain) o;
        return name.equals(that.name) && pattern.equals(that.pattern) && settings.equals(that.settings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, pattern, settings);
    }

    /** {@code 'NAME' (PATTERN)}, for logs. */
    @Override
    public String toString() {
        return "'" + name + "' (" + pattern + ")";
    }
}
