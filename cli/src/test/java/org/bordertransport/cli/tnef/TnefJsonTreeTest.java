package org.bordertransport.cli.tnef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class TnefJsonTreeTest {
    @Test
    void nestedObjectsAndArraysOnOneAsciiLine() {
        JsonTree json = JsonTree.object()
            .put("s", "a\"b\\c\nd\té\u0001")
            .put("n", 12L)
            .put("b", true)
            .put("null", null)
            .put("list", Arrays.asList("x", 1, null, JsonTree.object().put("k", List.of())))
            .put("object", JsonTree.object().put("inner", JsonTree.object()));

        assertThat(json).hasToString("{\"s\":\"a\\\"b\\\\c\\nd\\t\\u00e9\\u0001\",\"n\":12,\"b\":true,\"null\":null,"
            + "\"list\":[\"x\",1,null,{\"k\":[]}],\"object\":{\"inner\":{}}}");
    }

    @Test
    void otherValuesAreRefused() {
        assertThatThrownBy(() -> JsonTree.object().put("x", new Object()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("not a JSON value: class java.lang.Object");
        assertThatThrownBy(() -> JsonTree.object().put("x", List.of(List.of('c'))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("not a JSON value: class java.lang.Character");
    }
}
