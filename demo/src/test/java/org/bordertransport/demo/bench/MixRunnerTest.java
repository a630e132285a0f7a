package org.bordertransport.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class MixRunnerTest {
    private static MixRunner.Stream stream(String name, int messages) {
        return new MixRunner.Stream(name, "Subject: " + name + "\n\nbody\n", "a@border.test", "b@example.com",
            messages, 1);
    }

    @Test
    void pacedOrderGivesEachStreamItsShare() {
        List<MixRunner.Stream> blend = List.of(stream("outlook", 300), stream("plain", 250), stream("html", 150),
            stream("tnef", 100), stream("forward", 100), stream("bounce", 100));

        List<MixRunner.Stream> order = MixRunner.interleavedByShare(blend, 600);

        Map<String, Long> counts = order.stream().collect(Collectors.groupingBy(s -> s.name, Collectors.counting()));
        assertThat(counts).containsOnly(Map.entry("outlook", 180L), Map.entry("plain", 150L), Map.entry("html", 90L),
            Map.entry("tnef", 60L), Map.entry("forward", 60L), Map.entry("bounce", 60L));
    }

    @Test
    void pacedOrderSpreadsARareStreamOverTheWholeBatch() {
        List<MixRunner.Stream> streams = List.of(stream("common", 900), stream("rare", 100));

        List<MixRunner.Stream> order = MixRunner.interleavedByShare(streams, 1000);

        // one rare message in every ten, never two within five of each other
        for (int window = 0; window < 1000; window += 10) {
            assertThat(order.subList(window, window + 10)).filteredOn(s -> s.name.equals("rare")).hasSize(1);
        }
        int last = -10;
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).name.equals("rare")) {
                assertThat(i - last).isGreaterThanOrEqualTo(5);
                last = i;
            }
        }
    }

    @Test
    void pacedOrderOfOneStreamIsThatStream() {
        MixRunner.Stream only = stream("plain", 10);

        assertThat(MixRunner.interleavedByShare(List.of(only), 7)).hasSize(7).allMatch(s -> s == only);
    }

    @Test
    void percentileIsTheNearestRank() {
        List<Double> values = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            values.add((double) i);
        }

        assertThat(MixRunner.percentile(values, 50)).isEqualTo(50.0);
        assertThat(MixRunner.percentile(values, 99)).isEqualTo(99.0);
        assertThat(MixRunner.percentile(values, 100)).isEqualTo(100.0);
        assertThat(MixRunner.percentile(List.of(), 99)).isNaN();
    }
}
