package org.bordertransport.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void shouldWriteFieldsInOrder() {
        assertThat(Json.object().put("file", "a.eml").put("messageId", null).put("internal", true).put("n", 3))
            .hasToString("{\"file\":\"a.eml\",\"messageId\":null,\"internal\":true,\"n\":3}");
    }

    @Test
    void shouldEscapeToPureAscii() {
        assertThat(Json.object().put("s", "a\"b\\c\r\n\t\u0001\u00e9\u20ac").toString())
            .isEqualTo("{\"s\":\"a\\\"b\\\\c\\r\\n\\t\\u0001\\u00e9\\u20ac\"}");
    }

    @Test
    void shouldRefuseOtherTypes() {
        assertThatThrownBy(() -> Json.object().put("x", new Object())).isInstanceOf(IllegalArgumentException.class);
    }
}
