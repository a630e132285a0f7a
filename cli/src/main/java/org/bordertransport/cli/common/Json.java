package org.bordertransport.cli.common;

import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One JSON object on one line, fields in insertion order, written by Jackson. Values may nest objects and arrays.
 * Strings are escaped so that the line is pure ASCII: header bytes are read as ISO-8859-1, so an 8-bit byte shows
 * as a {@code \\u} escape (lower-case hex) of its ISO-8859-1 value; {@code \n}, {@code \r} and {@code \t} keep
 * their short escapes, every other control character is a {@code \\u} escape.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper(new JsonFactory().setCharacterEscapes(new AsciiOnly()));

    private final ObjectNode node = JsonNodeFactory.instance.objectNode();

    private Json() {
    }

    public static Json object() {
        return new Json();
    }

    /**
     * @param value a String (or null), a Boolean, a Number, a {@link Json} object or a List of those
     * @throws IllegalArgumentException for any other value
     */
    public Json put(String name, Object value) {
        node.set(name, node(value));
        return this;
    }

    private static JsonNode node(Object value) {
        if (value == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (value instanceof Json) {
            return ((Json) value).node.deepCopy();
        }
        if (value instanceof List) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            for (Object element : (List<?>) value) {
                array.add(node(element));
            }
            return array;
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Number) {
            return MAPPER.valueToTree(value);
        }
        throw new IllegalArgumentException("not a JSON value: " + value.getClass());
    }

    @Override
    public String toString() {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Escapes everything outside printable ASCII; {@code "} and {@code \} as usual. */
    private static final class AsciiOnly extends CharacterEscapes {
        private static final long serialVersionUID = 1L;

        private final int[] ascii = standardAsciiEscapesForJSON();

        AsciiOnly() {
            for (int c = 0; c < 0x20; c++) {
                if (c != '\n' && c != '\r' && c != '\t') {
                    ascii[c] = ESCAPE_CUSTOM;
                }
            }
            ascii[0x7f] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int c) {
            return c < 0x20 || c > 0x7e ? new SerializedString(String.format("\\u%04x", c)) : null;
        }
    }
}
