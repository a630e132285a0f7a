package org.bordertransport.demo;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The sink's envelope file: {@code {"mailFrom":"...","rcptTo":["..."],"receivedAt":"..."}}, UTF-8, one line; and
 * the one-field bodies of WebAdmin requests. Written by Jackson (RFC 8259): quotes, backslash and control characters
 * escaped ({@code \\u} escapes in lower-case hex), as are DEL, U+2028 and U+2029; other characters as they are.
 */
final class EnvelopeJson {
    private static final ObjectMapper MAPPER = new ObjectMapper(new JsonFactory().setCharacterEscapes(new Escapes()));

    private EnvelopeJson() {
    }

    static String write(String mailFrom, List<String> rcptTo, Instant receivedAt) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("mailFrom", mailFrom);
        ArrayNode recipients = json.putArray("rcptTo");
        rcptTo.forEach(recipients::add);
        json.put("receivedAt", receivedAt.toString());
        return text(json) + "\n";
    }

    /** {@code {"name":"value"}}, for a WebAdmin request body. */
    static String object(String name, String value) {
        return text(MAPPER.createObjectNode().put(name, value));
    }

    private static String text(JsonNode json) {
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Jackson's standard escapes, with lower-case hex, DEL and the two JavaScript line separators added. */
    private static final class Escapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;

        private final int[] ascii = standardAsciiEscapesForJSON();

        Escapes() {
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
            if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                return new SerializedString(String.format("\\u%04x", c));
            }
            return null;
        }
    }
}
