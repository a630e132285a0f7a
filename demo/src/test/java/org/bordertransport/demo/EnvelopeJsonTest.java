package org.bordertransport.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class EnvelopeJsonTest {
    @Test
    void envelopeShouldBeOneLineInFieldOrder() {
        assertThat(EnvelopeJson.write("", List.of(), Instant.parse("2026-01-26T10:00:00Z")))
            .isEqualTo("{\"mailFrom\":\"\",\"rcptTo\":[],\"receivedAt\":\"2026-01-26T10:00:00Z\"}\n");
    }

    @Test
    void stringsShouldEscapeControlsDelAndLineSeparatorsButKeepOtherCharacters() {
        assertThat(EnvelopeJson.write("a\"b\\c\n\r\t\b\u0001\u001b\u007f\u2028\u2029j\u00f6rg\u20ac@x", List.of("r"),
            Instant.EPOCH))
            .isEqualTo("{\"mailFrom\":\"a\\\"b\\\\c\\n\\r\\t\\u0008\\u0001\\u001b\\u007f\\u2028\\u2029"
                + "j\u00f6rg\u20ac@x\","
                + "\"rcptTo\":[\"r\"],\"receivedAt\":\"1970-01-01T00:00:00Z\"}\n");
    }

    @Test
    void requestBodyShouldBeOneField() {
        assertThat(EnvelopeJson.object("password", "p\"w")).isEqualTo("{\"password\":\"p\\\"w\"}");
    }
}
