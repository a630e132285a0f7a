package org.bordertransport.core.tnef;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The MAPI properties of a message or attachment, in the order read. Lookups return the last property read with the
 * given id (and type, or name), since a later property list overrides an earlier one.
 */
public final class MapiProperties {
    private final List<MapiProperty> all;

    MapiProperties(List<MapiProperty> all) {
        this.all = Collections.unmodifiableList(new ArrayList<>(all));
    }

    public List<MapiProperty> all() {
        return all;
    }

    public int size() {
        return all.size();
    }

    /** The property with this id (below 0x8000: named properties are found by {@link #get(MapiName)}). */
    public Optional<MapiProperty> get(int id) {
        for (int i = all.size() - 1; i >= 0; i--) {
            MapiProperty p = all.get(i);
            if (p.id() == id && !p.tag().named()) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The property with this id and type (without the multi-valued flag). */
    public Optional<MapiProperty> get(int id, int type) {
        for (int i = all.size() - 1; i >= 0; i--) {
            MapiProperty p = all.get(i);
            if (p.id() == id && p.type() == type && !p.tag().named()) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The named property with this name. */
    public Optional<MapiProperty> get(MapiName name) {
        for (int i = all.size() - 1; i >= 0; i--) {
            MapiProperty p = all.get(i);
            if (p.name().isPresent() && p.name().get().equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The string value of the property with this id: PT_UNICODE preferred over PT_STRING8. */
    public Optional<String> string(int id) {
        Optional<String> unicode = get(id, MapiTag.PT_UNICODE).flatMap(MapiProperty::stringValue);
        return unicode.isPresent() ? unicode : get(id).flatMap(MapiProperty::stringValue);
    }
}
