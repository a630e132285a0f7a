package org.bordertransport.core.mail;

import java.util.Objects;

/** One header field as read from a message: its name and raw value (folding kept). */
public final class HeaderField {
    private final String name;
    private final String value;

    public HeaderField(String name, String value) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
    }

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    public boolean hasName(String other) {
        return name.equalsIgnoreCase(other);
    }

    public HeaderField withValue(String newValue) {
        return new HeaderField(name, newValue);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof HeaderField)) {
            return false;
        }
        HeaderField other = (HeaderField) o;
        return name.equals(other.name) && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, value);
    }

    @Override
    public String toString() {
        return name + ": " + value;
    }
}
