package org.bordertransport.demo.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures the benchmark's tables show, computed from the batches' results: medians, means, pooled latencies. */
final class BenchFigures {
    private BenchFigures() {
    }

    /** " kind p50 / p99" for every stream of the batches, their latencies pooled (where a message's time goes). */
    static String perStream(List<MixRunner.Result> results) {
        Map<String, List<Double>> pooled = new LinkedHashMap<>();
        for (MixRunner.Result result : results) {
            result.latenciesByStream.forEach((stream, latencies) ->
                pooled.computeIfAbsent(stream, k -> new ArrayList<>()).addAll(latencies));
        }
        StringBuilder line = new StringBuilder();
        pooled.forEach((stream, latencies) -> line.append(String.format(Locale.ROOT, "  %s %.1f / %.1f", stream,
            MixRunner.percentile(latencies, 50), MixRunner.percentile(latencies, 99))));
        return line.toString();
    }

    /** The latencies of all the batches as one list. */
    static List<Double> pooled(List<MixRunner.Result> results) {
        List<Double> latencies = new ArrayList<>();
        for (MixRunner.Result result : results) {
            latencies.addAll(result.latenciesMillis);
        }
        return latencies;
    }

    static double mean(List<Double> values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.size();
    }

    /** The values as a table cell lists them: two decimals, comma-separated. */
    static String listed(List<Double> values) {
        List<String> shown = new ArrayList<>();
        for (double value : values) {
            shown.add(String.format(Locale.ROOT, "%.2f", value));
        }
        return String.join(", ", shown);
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
