package org.bordertransport.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BenchFiguresTest {
    private static MixRunner.Result paced(Map<String, List<Double>> byStream) {
        return new MixRunner.Result("blend", 4, 1.0, 1.0, 0.0, List.of(), byStream, 0, 0);
    }

    @Test
    void thePerKindLinePoolsEveryBatchOfASide() {
        Map<String, List<Double>> first = new LinkedHashMap<>();
        first.put("plain", List.of(1.0, 3.0));
        first.put("tnef", List.of(10.0));
        Map<String, List<Double>> second = new LinkedHashMap<>();
        second.put("tnef", List.of(50.0, 12.0));

        assertThat(BenchFigures.perStream(List.of(paced(first), paced(second))))
            .isEqualTo("  plain 1.0 / 3.0  tnef 12.0 / 50.0");
    }

    @Test
    void aSaturatedBatchHasNoKinds() {
        assertThat(BenchFigures.perStream(List.of(paced(Map.of())))).isEmpty();
    }
}
