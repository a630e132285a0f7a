package org.bordertransport.core.tnef;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The name of a named MAPI property (id 0x8000 and up): a property set GUID and either a numeric id (MNID_ID) or a
 * string (MNID_STRING). Immutable.
 */
public final class MapiName {
    public static final UUID PS_PUBLIC_STRINGS = UUID.fromString("00020329-0000-0000-c000-000000000046");
    public static final UUID PS_INTERNET_HEADERS = UUID.fromString("00020386-0000-0000-c000-000000000046");
    public static final UUID PSETID_APPOINTMENT = UUID.fromString("00062002-0000-0000-c000-000000000046");
    public static final UUID PSETID_TASK = UUID.fromString("00062003-0000-0000-c000-000000000046");
    public static final UUID PSETID_ADDRESS = UUID.fromString("00062004-0000-0000-c000-000000000046");
    public static final UUID PSETID_COMMON = UUID.fromString("00062008-0000-0000-c000-000000000046");
    public static final UUID PSETID_MEETING = UUID.fromString("6ed8da90-450b-101b-98da-00aa003f1305");

    private final UUID guid;
    private final long numericId;
    private final String name;

    private MapiName(UUID guid, long numericId, String name) {
        this.guid = Objects.requireNonNull(guid, "guid");
        this.numericId = numericId;
        this.name = name;
    }

    /** MNID_ID: {@code id} is unsigned 32-bit. */
    public static MapiName ofId(UUID guid, long id) {
        if (id < 0 || id > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("named property id must be unsigned 32-bit, got " + id);
        }
        return new MapiName(guid, id, null);
    }

    /** MNID_STRING. */
    public static MapiName ofString(UUID guid, String name) {
        return new MapiName(guid, -1, Objects.requireNonNull(name, "name"));
    }

    public UUID guid() {
        return guid;
    }

    /** The MNID_ID id, empty for a string name. */
    public OptionalLong id() {
        return name == null ? OptionalLong.of(numericId) : OptionalLong.empty();
    }

    /** The MNID_STRING name, empty for a numeric id. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MapiName)) {
            return false;
        }
        MapiName other = (MapiName) o;
        return guid.equals(other.guid) && numericId == other.numericId && Objects.equals(name, other.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(guid, numericId, name);
    }

    @Override
    public String toString() {
        return "{" + guid + "}:" + (name == null ? String.format("0x%X", numericId) : "\"" + name + "\"");
    }
}
