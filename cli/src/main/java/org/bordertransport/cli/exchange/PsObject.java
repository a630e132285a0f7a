package org.bordertransport.cli.exchange;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One object of a PowerShell export, as {@code Import-Clixml} or {@code Import-Csv} would give it back, reduced to what
 * the import needs: its type names and its properties as text. A complex value (an enum, {@code Unlimited<int>}, a
 * domain) is its {@code ToString()}, as both export formats write it; {@code $null} is {@code null}; a collection is
 * its elements joined as {@code {a, b}}.
 */
final class PsObject {
    private final int position;
    private final List<String> typeNames;
    private final Map<String, String> properties;

    PsObject(int position, List<String> typeNames, Map<String, String> properties) {
        this.position = position;
        this.typeNames = List.copyOf(typeNames);
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** 1-based position of the object in its file. */
    int position() {
        return position;
    }

    /** The type names, most derived first ({@code Deserialized.Microsoft.Exchange...}); may be empty. */
    List<String> typeNames() {
        return typeNames;
    }

    /** Property names in file order, with their text; a value may be null ({@code $null}, an empty CSV field). */
    Map<String, String> properties() {
        return properties;
    }

    boolean has(String property) {
        return properties.containsKey(property);
    }

    /** The text of a property, null when absent, {@code $null} or blank; surrounding blanks removed. */
    String text(String property) {
        String value = properties.get(property);
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.trim();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PsObject)) {
            return false;
        }
        PsObject that = (PsObject) o;
        return position == that.position && typeNames.equals(that.typeNames) && properties.equals(that.properties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(position, typeNames, properties);
    }

    @Override
    public String toString() {
        return "object " + position + " " + typeNames + " " + properties;
    }
}
