package org.bordertransport.core.policy;

import java.util.Objects;

/**
 * One per-recipient entry of the remote-domain file, Exchange's mail contact (or mail user) with its own conversion
 * settings: an exact address and the {@link RecipientSettings} laid over the settings of the remote domain that the
 * address's domain resolves to.
 */
public final class RecipientEntry {
    private final String name;
    private final String address;
    private final String key;
    private final RecipientSettings settings;

    private RecipientEntry(String name, String address, String key, RecipientSettings settings) {
        this.name = name;
        this.address = address;
        this.key = key;
        this.settings = settings;
    }

    /**
     * @param name 1-64 characters without control characters, or null for the address
     * @param address one address, see {@link RecipientAddresses}
     * @throws IllegalArgumentException {@code invalid address 'VALUE': REASON; allowed ...} or {@code invalid name
     *     'VALUE': allowed 1-64 characters without control characters}
     */
    public static RecipientEntry of(String name, String address, RecipientSettings settings) {
        Objects.requireNonNull(settings, "settings");
        String key = RecipientAddresses.parse(address);
        String trimmed = address.trim();
        String n = name == null ? trimmed : name.trim();
        if (n.isEmpty() || n.length() > RemoteDomain.MAX_NAME_LENGTH || n.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("invalid name '" + n + "': allowed 1-" + RemoteDomain.MAX_NAME_LENGTH
                + " characters without control characters" + (name == null ? " (without a name the address is the "
                + "name: give one)" : ""));
        }
        return new RecipientEntry(n, trimmed, key, settings);
    }

    /** The entry's name: the {@code name} given, else its address as written. */
    public String name() {
        return name;
    }

    /** The address as written (surrounding blanks removed). */
    public String address() {
        return address;
    }

    /** The address in the form recipients are looked up by (lower case). */
    String key() {
        return key;
    }

    public RecipientSettings settings() {
        return settings;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RecipientEntry)) {
            return false;
        }
        RecipientEntry that = (RecipientEntry) o;
        return name.equals(that.name) && address.equals(that.address) && key.equals(that.key)
            && settings.equals(that.settings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, address, key, settings);
    }

    /** {@code 'NAME' <ADDRESS>}, for logs (not at INFO: it holds an address). */
    @Override
    public String toString() {
        return "'" + name + "' <" + address + ">";
    }
}
