package org.bordertransport.cli.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

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

    // from TnefJsonTreeTest: the tnef commands' nested writer is this one now

    @Test
    void nestedObjectsAndArraysOnOneAsciiLine() {
        Json json = Json.object()
            .put("s", "a\"b\\c\nd\té\u0001")
            .put("n", 12L)
            .put("b", true)
            .put("null", null)
            .put("list", Arrays.asList("x", 1, null, Json.object().put("k", List.of())))
            .put("object", Json.object().put("inner", Json.object()));

        assertThat(json).hasToString("{\"s\":\"a\\\"b\\\\c\\nd\\t\\u00e9\\u0001\",\"n\":12,\"b\":true,\"null\":null,"
            + "\"list\":[\"x\",1,null,{\"k\":[]}],\"object\":{\"inner\":{}}}");
    }

    @Test
    void otherValuesAreRefused() {
        assertThatThrownBy(() -> Json.object().put("x", new Object()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("not a JSON value: class java.lang.Object");
        assertThatThrownBy(() -> Json.object().put("x", List.of(List.of('c'))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("not a JSON value: class java.lang.Character");
    }
}
