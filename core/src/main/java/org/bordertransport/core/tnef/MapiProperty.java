package org.bordertransport.core.tnef;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * One MAPI property read from a TNEF property list: its tag, its name when it is a named property, and its values
 * (one unless multi-valued). Java types of the values by MAPI type:
 *
 * <table>
 *   <caption>Value types</caption>
 *   <tr><th>MAPI type</th><th>Java type</th></tr>
 *   <tr><td>PT_SHORT</td><td>{@link Short}</td></tr>
 *   <tr><td>PT_LONG, PT_ERROR</td><td>{@link Integer}</td></tr>
 *   <tr><td>PT_BOOLEAN</td><td>{@link Boolean}</td></tr>
 *   <tr><td>PT_FLOAT</td><td>{@link Float}</td></tr>
 *   <tr><td>PT_DOUBLE, PT_APPTIME</td><td>{@link Double}</td></tr>
 *   <tr><td>PT_CURRENCY, PT_I8</td><td>{@link Long} (currency in 1/10000 units)</td></tr>
 *   <tr><td>PT_SYSTIME</td><td>{@link Instant}</td></tr>
 *   <tr><td>PT_CLSID</td><td>{@link UUID}</td></tr>
 *   <tr><td>PT_STRING8, PT_UNICODE</td><td>{@link String} (8-bit strings decoded with the message code page,
 *       trailing NULs dropped)</td></tr>
 *   <tr><td>PT_BINARY, PT_OBJECT</td><td>{@link TnefContent} (a PT_OBJECT value still starts with its 16-byte
 *       interface id)</td></tr>
 *   <tr><td>PT_OBJECT holding an embedded message</td><td>{@link TnefMessage}</td></tr>
 * </table>
 */
public final class MapiProperty {
    private final MapiTag tag;
    private final Optional<MapiName> name;
    private final List<Object> values;

    MapiProperty(MapiTag tag, Optional<MapiName> name, List<Object> values) {
        this.tag = tag;
        this.name = name;
        this.values = values;
    }

    public MapiTag tag() {
        return tag;
    }

    public int id() {
        return tag.id();
    }

    /** The type without the multi-valued flag. */
    public int type() {
        return tag.baseType();
    }

    public boolean multiValued() {
        return tag.multiValued();
    }

    /** For named properties (id 0x8000 and up). */
    public Optional<MapiName> name() {
        return name;
    }

    /** All values, in order; never empty for a single-valued property. */
    public List<Object> values() {
        return Collections.unmodifiableList(values);
    }

    /** The first value. */
    public Optional<Object> value() {
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The first value when it is a string. */
    public Optional<String> stringValue() {
        return first(String.class);
    }

    /** The first value when it is a PT_SHORT, PT_LONG, PT_ERROR or PT_BOOLEAN (1 or 0). */
    public OptionalInt intValue() {
        Optional<Object> v = value();
        if (v.isPresent() && (v.get() instanceof Integer || v.get() instanceof Short)) {
            return OptionalInt.of(((Number) v.get()).intValue());
        }
        if (v.isPresent() && v.get() instanceof Boolean) {
            return OptionalInt.of((Boolean) v.get() ? 1 : 0);
        }
        return OptionalInt.empty();
    }

    /** The first value when it is a PT_I8, PT_CURRENCY or an integer type. */
    public OptionalLong longValue() {
        Optional<Object> v = value();
        if (v.isPresent() && v.get() instanceof Long) {
            return OptionalLong.of((Long) v.get());
        }
        OptionalInt i = intValue();
        return i.isPresent() ? OptionalLong.of(i.getAsInt()) : OptionalLong.empty();
    }

    public Optional<Instant> timeValue() {
        return first(Instant.class);
    }

    /** The first value when it is binary (PT_BINARY, PT_OBJECT). */
    public Optional<TnefContent> contentValue() {
        return first(TnefContent.class);
    }

    /** The first value when it is an embedded message. */
    public Optional<TnefMessage> messageValue() {
        return first(TnefMessage.class);
    }

    private <T> Optional<T> first(Class<T> type) {
        return value().filter(type::isInstance).map(type::cast);
    }

    /** Turns the raw string values into strings, once the message code page is known. */
    void decodeStrings(Charset eightBit) throws IOException {
        int base = tag.baseType();
        if (base != MapiTag.PT_STRING8 && base != MapiTag.PT_UNICODE) {
            return;
        }
        Charset charset = base == MapiTag.PT_UNICODE ? StandardCharsets.UTF_16LE : eightBit;
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (v instanceof TnefContent) {
                values.set(i, Strings.decode((TnefContent) v, charset));
            }
        }
    }

    static List<Object> newValues(int count) {
        return new ArrayList<>(Math.min(count, 16));
    }

    @Override
    public String toString() {
        return "MapiProperty{" + tag + name.map(n -> " " + n).orElse("") + " " + values + "}";
    }
}
