package org.bordertransport.demo.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.bordertransport.demo.bench.BenchFigures.listed;
import static org.bordertransport.demo.bench.BenchFigures.mean;
import static org.bordertransport.demo.bench.BenchFigures.median;
import static org.bordertransport.demo.bench.BenchFigures.perStream;
import static org.bordertransport.demo.bench.BenchFigures.pooled;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bordertransport.demo.SinkSmtpServer;

/**
 * {@code bin/bench-e2e}: what Border Transport costs inside a real James. Runs the demo's James 3.8.1 twice on this
 * machine, one after the other, stock ({@code bin/demo --stock}) and with Border Transport (the drop-in jar and the
 * shipped conf), drives each with Postfix's {@code smtp-source} over several sessions, mix by mix, and prints for each
 * mix messages/s, James CPU seconds per 1,000 messages, p50/p99 latency from SMTP accept to the remote MX (a local
 * sink), heap and RSS, and the ratio Border/stock. Never part of {@code mvn verify}.
 */
public final class EndToEndBench {

    /** Compiler-thread CPU seconds per 1,000 messages under which a James's JIT is taken as settled. */
    static final double SETTLED_JIT = 0.1;
    /** The options, each given as {@code --name value}. */
    static final List<String> OPTIONS = List.of("repo", "messages", "sessions", "warmup", "variants", "rounds",
        "interleave", "launches", "settle", "paced", "paced-rate", "mixes", "smtp-source", "james-opts", "control");

    private final Map<String, String> options;
    private final PrintStream out;
    /** Per mix measured, the paced batches of each variant ({@link #pacedPairs}), in the order they ran. */
    private final Map<String, Map<String, List<MixRunner.Result>>> paced = new LinkedHashMap<>();
    private final Map<String, Double> pacedRates = new LinkedHashMap<>();

    private EndToEndBench(Map<String, String> options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("every option takes a value: " + String.join(" ", args));
        }
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("usage: EndToEndBench --repo DIR [--messages N] [--sessions S]"
                    + " [--warmup N] [--variants stock,border] [--rounds R] [--interleave P [--paced N]"
                    + " [--paced-rate R] [--launches L]] [--settle N] [--mixes a,b]"
                    + " [--smtp-source PATH] [--james-opts 'JVM OPTIONS'] [--control stock|jar];"
                    + " unexpected "
                    + args[i]);
            }
            if (!OPTIONS.contains(args[i].substring(2))) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; the options are " + OPTIONS);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        new EndToEndBench(options, System.out).run();
    }

    private void run() throws Exception {
        Path repo = Paths.get(options.getOrDefault("repo", ".")).toAbsolutePath().normalize();
        int messages = Integer.parseInt(options.getOrDefault("messages", "2000"));
        int sessions = Integer.parseInt(options.getOrDefault("sessions", "8"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "5000"));
        String smtpSource = options.getOrDefault("smtp-source", "/usr/sbin/smtp-source");
        if (!Files.isExecutable(Paths.get(smtpSource))) {
            throw new IOException(smtpSource + " not found: install Debian's postfix package (smtp-source is in it)");
        }
        Path work = Files.createDirectories(repo.resolve("demo/target/bench-e2e/run-" + System.currentTimeMillis()));
        out.println("== machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, " + cpuModel() + ", Java "
            + System.getProperty("java.version") + "; James JVM " + BenchNode.JVM + "; " + messages
            + " messages per mix over "
            + sessions + " smtp-source sessions; " + Instant.now());
        if (options.containsKey("interleave")) {
            int pairs = Integer.parseInt(options.get("interleave"));
            if (pairs < 1) {
                throw new IllegalArgumentException("--interleave " + pairs + ": at least 1 pair of batches per mix");
            }
            int launches = Integer.parseInt(options.getOrDefault("launches", "1"));
            if (launches < 1) {
                throw new IllegalArgumentException("--launches " + launches + ": at least 1 launch");
            }
            // each launch is a fresh pair of JVMs: the ratio moves more from one launch to the next than within one
            List<List<Map<String, List<MixRunner.Result>>>> all = new ArrayList<>();
            List<Map<String, Map<String, List<MixRunner.Result>>>> allPaced = new ArrayList<>();
            for (int launch = 1; launch <= launches; launch++) {
                paced.clear();
                pacedRates.clear();
                Path dir = launches == 1 ? work : work.resolve("launch-" + launch);
                List<Map<String, List<MixRunner.Result>>> rounds = interleaved(repo, dir, pairs, messages, sessions,
                    warmup, smtpSource);
                reportMedians(rounds, "Medians of " + pairs + " interleaved pairs of batches per mix (both James"
                    + " running, loaded in turn)" + (launches == 1 ? "" : ", launch " + launch + " of " + launches),
                    launches == 1 ? "result-medians.md" : "result-medians-launch-" + launch + ".md");
                all.add(rounds);
                allPaced.add(new LinkedHashMap<>(paced));
            }
            if (launches > 1) {
                reportLaunches(all, allPaced);
            }
            return;
        }
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "1"));
        List<Map<String, List<MixRunner.Result>>> all = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            // rounds alternate the variants, so that a machine that slows down or speeds up hits both alike
            Path dir = rounds == 1 ? work : work.resolve("round-" + round);
            Map<String, List<MixRunner.Result>> results = new LinkedHashMap<>();
            for (String variant : options.getOrDefault("variants", "stock,border").split(",")) {
                results.put(variant, runVariant(repo, dir, variant.trim(), messages, sessions, warmup, smtpSource));
            }
            report(results);
            all.add(results);
        }
        if (rounds > 1) {
            reportMedians(all, "Medians of " + rounds + " alternated rounds", "result-medians.md");
        }
    }

    /** The mixes measured ({@code --mixes a,b}; every one by default); the warm-up always runs them all. */
    private List<String> measuredMixes() {
        if (!options.containsKey("mixes")) {
            return Mixes.NAMES;
        }
        List<String> mixes = new ArrayList<>();
        for (String mix : options.get("mixes").split(",")) {
            if (!Mixes.NAMES.contains(mix.trim())) {
                throw new IllegalArgumentException("--mixes: no mix " + mix + "; the mixes are " + Mixes.NAMES);
            }
            mixes.add(mix.trim());
        }
        return mixes;
    }

    /** One James of an interleaved run, with its sink, load and mixes. */
    private static final class Side implements AutoCloseable {
        final String variant;
        final SinkSmtpServer sink;
        final BenchNode node;
        final MixRunner runner;
        final Mixes mixes;

        Side(String variant, SinkSmtpServer sink, BenchNode node, MixRunner runner, Mixes mixes) {
            this.variant = variant;
            this.sink = sink;
            this.node = node;
            this.runner = runner;
            this.mixes = mixes;
        }

        void checkAlive() throws IOException {
            if (!node.james.isAlive()) {
                throw new IOException(variant + ": James died:\n" + node.james.logTail());
            }
        }

        @Override
        public void close() throws Exception {
            try (sink) {
                node.close();
            }
        }
    }

    private Side startSide(Path repo, Path work, String variant, int sessions, String smtpSource) throws Exception {
        // --control: the "border" side is a control, to measure the benchmark itself: stock (a second stock James:
        // what two identical James differ by) or jar (stock James's pipeline with the drop-in jar loaded, unused)
        String control = options.get("control");
        if (control != null && !control.equals("stock") && !control.equals("jar")) {
            throw new IllegalArgumentException("--control " + control + ": stock or jar");
        }
        boolean stock = variant.equals("stock") || control != null;
        boolean jar = variant.equals("border") && (control == null || control.equals("jar"));
        Arrivals arrivals = new Arrivals();
        Path dir = work.resolve(variant);
        List<String> extraJvm = options.containsKey("james-opts")
            ? List.of(options.get("james-opts").trim().split("\\s+")) : List.of();
        SinkSmtpServer sink = SinkSmtpServer.builder(dir.resolve("sink")).maxConnections(64)
            .onStored(arrivals::record).start();
        try {
            BenchNode node = BenchNode.start(variant, repo, dir.resolve("james"), stock, jar, sink.port(), extraJvm);
            out.println("== " + variant + ": James pid " + node.james.pid() + " started in "
                + node.james.readyAfterMillis() + " ms" + (stock ? " (stock pipeline" + (jar ? ", drop-in jar loaded)"
                : ": no Border Transport)") : "") + (control != null && variant.equals("border")
                ? " CONTROL: not Border Transport" : ""));
            MixRunner runner = new MixRunner(smtpSource, node.smtpPort, arrivals, new ProcessStats(node.james.pid()),
                Files.createDirectories(dir.resolve("messages")));
            return new Side(variant, sink, node, runner, new Mixes(repo, sessions));
        } catch (Exception e) {
            sink.close();
            throw e;
        }
    }

    /**
     * Stock and Border James running side by side, loaded in turn: per mix, {@code pairs} pairs of batches, stock first
     * in even pairs and Border first in odd ones, so that whatever slows the machine for a minute hits both alike (the
     * idle James waits while the other works; each batch counts only its own James's CPU). Returned in the shape of
     * alternated rounds: pair k of every mix is round k.
     */
    private List<Map<String, List<MixRunner.Result>>> interleaved(Path repo, Path work, int pairs, int messages,
                                                                  int sessions, int warmup, String smtpSource)
        throws Exception {
        List<Map<String, List<MixRunner.Result>>> rounds = new ArrayList<>();
        for (int k = 0; k < pairs; k++) {
            Map<String, List<MixRunner.Result>> round = new LinkedHashMap<>();
            round.put("stock", new ArrayList<>());
            round.put("border", new ArrayList<>());
            rounds.add(round);
        }
        try (Side stock = startSide(repo, work, "stock", sessions, smtpSource);
             Side border = startSide(repo, work, "border", sessions, smtpSource)) {
            warmUp(stock, warmup);
            warmUp(border, warmup);
            settle(stock);
            settle(border);
            for (String mix : measuredMixes()) {
                for (int k = 0; k < pairs; k++) {
                    for (Side side : k % 2 == 0 ? List.of(stock, border) : List.of(border, stock)) {
                        MixRunner.Result result = side.runner.run(mix, side.mixes.streams(mix, messages,
                            side.runner.arrivals()), Duration.ofMillis(40), Duration.ofMinutes(10));
                        out.printf(Locale.ROOT, "%-8s %-12s pair %d %6d msgs %7.1f msg/s  cpu %6.2f s/1000 (without"
                                + " JIT %6.2f)  p50 %6.0f ms  p99 %6.0f ms  heap %5.0f MiB  RSS %5.0f MiB%n",
                            side.variant, mix, k + 1, result.messages, result.perSecond(), result.cpuPerThousand(),
                            result.cpuPerThousandWithoutJit(), result.latencyPercentile(50),
                            result.latencyPercentile(99), result.heapMib, result.rssMib);
                        rounds.get(k).get(side.variant).add(result);
                    }
                }
                pacedPairs(mix, stock, border, pairs, rounds);
            }
            stock.checkAlive();
            border.checkAlive();
        }
        return rounds;
    }

    /**
     * After a mix's saturated batches, {@code pairs} pairs of paced batches of the same mix ({@code --paced N}
     * messages each, 600 by default; 0: none) at one steady rate for both James ({@code --paced-rate R} messages/s; by
     * default half of what stock James managed saturated in this run): latency at a load James keeps up with.
     */
    private void pacedPairs(String mix, Side stock, Side border, int pairs,
                            List<Map<String, List<MixRunner.Result>>> rounds) throws Exception {
        int count = Integer.parseInt(options.getOrDefault("paced", "600"));
        if (count <= 0) {
            return;
        }
        double rate;
        if (options.containsKey("paced-rate")) {
            rate = Double.parseDouble(options.get("paced-rate"));
        } else {
            List<Double> stockRates = new ArrayList<>();
            for (Map<String, List<MixRunner.Result>> round : rounds) {
                List<MixRunner.Result> results = round.get("stock");
                stockRates.add(results.get(results.size() - 1).perSecond());
            }
            rate = Math.floor(median(stockRates) / 2);
        }
        if (!(rate > 0)) {
            throw new IllegalArgumentException("--paced-rate " + rate + ": a rate above 0 messages/s is needed");
        }
        Map<String, List<MixRunner.Result>> byVariant = new LinkedHashMap<>();
        byVariant.put("stock", new ArrayList<>());
        byVariant.put("border", new ArrayList<>());
        for (int k = 0; k < pairs; k++) {
            for (Side side : k % 2 == 0 ? List.of(stock, border) : List.of(border, stock)) {
                MixRunner.Result result = side.runner.paced(mix, side.mixes.streams(mix, count,
                    side.runner.arrivals()), rate, count, Duration.ofMinutes(10));
                out.printf(Locale.ROOT, "%-8s %-12s paced %d %6d msgs at %5.0f msg/s  cpu %6.2f s/1000 (without JIT"
                        + " %6.2f)  p50 %6.0f ms  p99 %6.0f ms%n", side.variant, mix, k + 1, result.messages, rate,
                    result.cpuPerThousand(), result.cpuPerThousandWithoutJit(), result.latencyPercentile(50),
                    result.latencyPercentile(99));
                byVariant.get(side.variant).add(result);
            }
        }
        for (Map.Entry<String, List<MixRunner.Result>> side : byVariant.entrySet()) {
            out.printf(Locale.ROOT, "%-8s %-12s paced p50 / p99 ms per kind of message, all batches:%s%n",
                side.getKey(), mix, perStream(side.getValue()));
        }
        paced.put(mix, byVariant);
        pacedRates.put(mix, rate);
    }

    /**
     * Per mix, the medians over the rounds: of each variant's figures, and of each round's Border/stock ratio; written
     * to {@code demo/target/bench-e2e/FILE} (one file per launch with {@code --launches}).
     */
    private void reportMedians(List<Map<String, List<MixRunner.Result>>> rounds, String caption, String file)
        throws IOException {
        StringBuilder table = new StringBuilder(caption + controlNote() + ":\n\n"
            + "| mix | msg/s stock / Border | CPU s per 1,000 stock / Border | CPU ratio per round (median) "
            + "| CPU s per 1,000 without JIT stock / Border | ratio without JIT per round (median) "
            + "| p50 ms stock / Border (all batches) | p99 ms stock / Border (all batches) | p99 ratio |\n"
            + "|---|---|---|---|---|---|---|---|---|\n");
        List<MixRunner.Result> first = rounds.get(0).get("stock");
        if (first == null || rounds.get(0).get("border") == null) {
            return;
        }
        for (int i = 0; i < first.size(); i++) {
            List<Double> stockRate = new ArrayList<>();
            List<Double> borderRate = new ArrayList<>();
            List<Double> stockCpu = new ArrayList<>();
            List<Double> borderCpu = new ArrayList<>();
            List<Double> cpuRatios = new ArrayList<>();
            List<Double> stockSteady = new ArrayList<>();
            List<Double> borderSteady = new ArrayList<>();
            List<Double> steadyRatios = new ArrayList<>();
            List<MixRunner.Result> stockBatches = new ArrayList<>();
            List<MixRunner.Result> borderBatches = new ArrayList<>();
            for (Map<String, List<MixRunner.Result>> round : rounds) {
                MixRunner.Result s = round.get("stock").get(i);
                MixRunner.Result b = round.get("border").get(i);
                stockRate.add(s.perSecond());
                borderRate.add(b.perSecond());
                stockCpu.add(s.cpuPerThousand());
                borderCpu.add(b.cpuPerThousand());
                cpuRatios.add(b.cpuPerThousand() / s.cpuPerThousand());
                stockSteady.add(s.cpuPerThousandWithoutJit());
                borderSteady.add(b.cpuPerThousandWithoutJit());
                steadyRatios.add(b.cpuPerThousandWithoutJit() / s.cpuPerThousandWithoutJit());
                stockBatches.add(s);
                borderBatches.add(b);
            }
            List<Double> stockLatency = pooled(stockBatches);
            List<Double> borderLatency = pooled(borderBatches);
            table.append(String.format(Locale.ROOT, "| %s | %.0f / %.0f | %.2f / %.2f | %s (**%.2f**) | %.2f / %.2f "
                    + "| %s (**%.2f**) | %.0f / %.0f | %.0f / %.0f | %.2f |%n", first.get(i).mix, median(stockRate),
                median(borderRate), median(stockCpu), median(borderCpu), listed(cpuRatios), median(cpuRatios),
                median(stockSteady), median(borderSteady), listed(steadyRatios), median(steadyRatios),
                MixRunner.percentile(stockLatency, 50), MixRunner.percentile(borderLatency, 50),
                MixRunner.percentile(stockLatency, 99), MixRunner.percentile(borderLatency, 99),
                MixRunner.percentile(borderLatency, 99) / MixRunner.percentile(stockLatency, 99)));
        }
        if (!paced.isEmpty()) {
            table.append("\nPaced: both James at one steady rate, every message timed from SMTP accept to the sink (all"
                + " batches of a side as one):\n\n| mix | rate msg/s | messages per side | p50 ms stock / Border "
                + "| p99 ms stock / Border | p99 ratio | CPU s per 1,000 stock / Border "
                + "| CPU ratio per pair (median) |\n"
                + "|---|---|---|---|---|---|---|---|\n");
            for (Map.Entry<String, Map<String, List<MixRunner.Result>>> mix : paced.entrySet()) {
                List<MixRunner.Result> s = mix.getValue().get("stock");
                List<MixRunner.Result> b = mix.getValue().get("border");
                List<Double> stockCpu = new ArrayList<>();
                List<Double> borderCpu = new ArrayList<>();
                List<Double> cpuRatios = new ArrayList<>();
                for (int k = 0; k < s.size(); k++) {
                    stockCpu.add(s.get(k).cpuPerThousand());
                    borderCpu.add(b.get(k).cpuPerThousand());
                    cpuRatios.add(b.get(k).cpuPerThousand() / s.get(k).cpuPerThousand());
                }
                List<Double> stockAll = pooled(s);
                List<Double> borderAll = pooled(b);
                table.append(String.format(Locale.ROOT, "| %s | %.0f | %d | %.1f / %.1f | %.1f / %.1f | %.2f "
                        + "| %.2f / %.2f | %s (**%.2f**) |%n", mix.getKey(), pacedRates.get(mix.getKey()),
                    borderAll.size(), MixRunner.percentile(stockAll, 50), MixRunner.percentile(borderAll, 50),
                    MixRunner.percentile(stockAll, 99), MixRunner.percentile(borderAll, 99),
                    MixRunner.percentile(borderAll, 99) / MixRunner.percentile(stockAll, 99), median(stockCpu),
                    median(borderCpu), listed(cpuRatios), median(cpuRatios)));
            }
        }
        publish(table, file);
    }

    /**
     * Per mix, over {@code --launches} fresh pairs of JVMs: each launch's median ratio, and the median and mean of every
     * pair of every launch as one sample; the paced p99 with every paced message of a side as one list.
     */
    private void reportLaunches(List<List<Map<String, List<MixRunner.Result>>>> launches,
                                List<Map<String, Map<String, List<MixRunner.Result>>>> pacedByLaunch)
        throws IOException {
        StringBuilder table = new StringBuilder("Over " + launches.size() + " launches (a fresh pair of JVMs each)"
            + controlNote() + ":\n\n"
            + "| mix | CPU ratio, median per launch | pooled median (mean) of all pairs "
            + "| without JIT, median per launch | pooled median without JIT | msg/s stock / Border (median) "
            + "| paced CPU ratio, pooled median (mean) of all pairs | paced p99 ms stock / Border (ratio) |\n"
            + "|---|---|---|---|---|---|---|---|\n");
        List<MixRunner.Result> first = launches.get(0).get(0).get("stock");
        for (int i = 0; i < first.size(); i++) {
            String mix = first.get(i).mix;
            List<Double> launchMedians = new ArrayList<>();
            List<Double> launchSteady = new ArrayList<>();
            List<Double> allRatios = new ArrayList<>();
            List<Double> allSteady = new ArrayList<>();
            List<Double> stockRate = new ArrayList<>();
            List<Double> borderRate = new ArrayList<>();
            for (List<Map<String, List<MixRunner.Result>>> rounds : launches) {
                List<Double> ratios = new ArrayList<>();
                List<Double> steady = new ArrayList<>();
                for (Map<String, List<MixRunner.Result>> round : rounds) {
                    MixRunner.Result s = round.get("stock").get(i);
                    MixRunner.Result b = round.get("border").get(i);
                    ratios.add(b.cpuPerThousand() / s.cpuPerThousand());
                    steady.add(b.cpuPerThousandWithoutJit() / s.cpuPerThousandWithoutJit());
                    stockRate.add(s.perSecond());
                    borderRate.add(b.perSecond());
                }
                launchMedians.add(median(ratios));
                launchSteady.add(median(steady));
                allRatios.addAll(ratios);
                allSteady.addAll(steady);
            }
            List<MixRunner.Result> stockPaced = new ArrayList<>();
            List<MixRunner.Result> borderPaced = new ArrayList<>();
            for (Map<String, Map<String, List<MixRunner.Result>>> launchPaced : pacedByLaunch) {
                Map<String, List<MixRunner.Result>> byVariant = launchPaced.get(mix);
                if (byVariant != null) {
                    stockPaced.addAll(byVariant.get("stock"));
                    borderPaced.addAll(byVariant.get("border"));
                }
            }
            List<Double> pacedRatios = new ArrayList<>();
            for (int k = 0; k < stockPaced.size() && k < borderPaced.size(); k++) {
                pacedRatios.add(borderPaced.get(k).cpuPerThousand() / stockPaced.get(k).cpuPerThousand());
            }
            String pacedCpuCell = pacedRatios.isEmpty() ? "-"
                : String.format(Locale.ROOT, "**%.2f** (%.2f)", median(pacedRatios), mean(pacedRatios));
            String pacedCell = "-";
            if (!stockPaced.isEmpty()) {
                double stockP99 = MixRunner.percentile(pooled(stockPaced), 99);
                double borderP99 = MixRunner.percentile(pooled(borderPaced), 99);
                pacedCell = String.format(Locale.ROOT, "%.1f / %.1f (%.2f)", stockP99, borderP99,
                    borderP99 / stockP99);
            }
            table.append(String.format(Locale.ROOT, "| %s | %s | **%.2f** (%.2f) | %s | **%.2f** | %.0f / %.0f | %s "
                    + "| %s |%n", mix, listed(launchMedians), median(allRatios), mean(allRatios), listed(launchSteady),
                median(allSteady), median(stockRate), median(borderRate), pacedCpuCell, pacedCell));
        }
        publish(table, "result-launches.md");
    }

    /** Prints a result table and writes it to {@code demo/target/bench-e2e/NAME}. */
    private void publish(CharSequence table, String name) throws IOException {
        out.println();
        out.print(table);
        Path file = Paths.get(options.getOrDefault("repo", ".")).toAbsolutePath()
            .resolve("demo/target/bench-e2e/" + name);
        Files.writeString(file, table.toString(), UTF_8);
        out.println("(also in " + file + ")");
    }

    private List<MixRunner.Result> runVariant(Path repo, Path work, String variant, int messages, int sessions,
                                              int warmup, String smtpSource) throws Exception {
        if (!variant.equals("stock") && !variant.equals("border")) {
            throw new IllegalArgumentException("variants are stock and border, not " + variant);
        }
        List<MixRunner.Result> results = new ArrayList<>();
        try (Side side = startSide(repo, work, variant, sessions, smtpSource)) {
            warmUp(side, warmup);
            settle(side);
            out.println("   forwarded mail reached the sink from " + side.mixes.bounceTo() + " (bounces go there)");
            for (String mix : measuredMixes()) {
                MixRunner.Result result = side.runner.run(mix, side.mixes.streams(mix, messages,
                    side.runner.arrivals()), Duration.ofMillis(40), Duration.ofMinutes(10));
                out.printf(Locale.ROOT, "%-8s %-12s %6d msgs %7.1f msg/s  cpu %6.2f s/1000 (without JIT %6.2f)  p50"
                    + " %6.0f ms  p99 %6.0f ms (%d probes)  heap %5.0f MiB  RSS %5.0f MiB%n", variant, mix,
                    result.messages, result.perSecond(), result.cpuPerThousand(), result.cpuPerThousandWithoutJit(),
                    result.latencyPercentile(50),
                    result.latencyPercentile(99), result.latenciesMillis.size(), result.heapMib, result.rssMib);
                results.add(result);
            }
            side.checkAlive();
        }
        return results;
    }

    /**
     * After the warm-up, blend batches of 1,000 messages until two in a row took the JIT compiler threads less than
     * {@value #SETTLED_JIT} s per 1,000 messages ({@code --settle N}: at most N batches, 60 by default; 0: none): the
     * batches then measure what a long-running James pays per message, not a compiler still at work. Border brings
     * more code than stock James, and on 2 CPUs under saturation its compiler needs tens of thousands of messages
     * more (runs 72 and 73 of docs/development.md). Not reported.
     */
    private void settle(Side side) throws Exception {
        int max = Integer.parseInt(options.getOrDefault("settle", "60"));
        int quiet = 0;
        for (int batch = 1; batch <= max; batch++) {
            MixRunner.Result result = side.runner.run("settle", side.mixes.streams("blend", 1000,
                side.runner.arrivals()), Duration.ofMillis(200), Duration.ofMinutes(10));
            double jit = result.cpuPerThousand() - result.cpuPerThousandWithoutJit();
            quiet = jit < SETTLED_JIT ? quiet + 1 : 0;
            if (quiet == 2) {
                out.printf(Locale.ROOT, "== %s: JIT settled after %d blend batches of 1,000 (compiler threads %.2f s"
                    + " per 1,000 messages)%n", side.variant, batch, jit);
                return;
            }
        }
        if (max > 0) {
            out.printf(Locale.ROOT, "== %s: JIT NOT settled after %d blend batches of 1,000%n", side.variant, max);
        }
    }

    /** Every mix once at a fifth of the warm-up size, then plain mail; not reported. */
    private static void warmUp(Side side, int warmup) throws Exception {
        for (String mix : Mixes.NAMES) {
            side.runner.run("warm-up " + mix, side.mixes.streams(mix, Math.max(warmup / 5, 50), side.runner.arrivals()),
                Duration.ofMillis(200), Duration.ofMinutes(10));
        }
        side.runner.run("warm-up", side.mixes.streams("plain", warmup, side.runner.arrivals()), Duration.ofMillis(200),
            Duration.ofMinutes(10));
    }

    private void report(Map<String, List<MixRunner.Result>> results) throws IOException {
        StringBuilder table = new StringBuilder();
        if (options.containsKey("control")) {
            table.append(controlNote().trim()).append("\n\n");
        }
        table.append("| mix | msg/s stock / Border | James CPU s per 1,000 msgs stock / Border (ratio) "
            + "| without JIT (ratio) | p50 ms stock / Border | p99 ms stock / Border (ratio) | heap MiB | RSS MiB |\n"
            + "|---|---|---|---|---|---|---|---|\n");
        List<MixRunner.Result> stock = results.get("stock");
        List<MixRunner.Result> border = results.get("border");
        if (stock != null && border != null) {
            for (int i = 0; i < stock.size(); i++) {
                MixRunner.Result s = stock.get(i);
                MixRunner.Result b = border.get(i);
                table.append(String.format(Locale.ROOT, "| %s | %.0f / %.0f | %.2f / %.2f (%.2f) | %.2f / %.2f (%.2f) "
                        + "| %.0f / %.0f | %.0f / %.0f (%.2f) | %.0f / %.0f | %.0f / %.0f |%n", s.mix, s.perSecond(),
                    b.perSecond(), s.cpuPerThousand(), b.cpuPerThousand(), b.cpuPerThousand() / s.cpuPerThousand(),
                    s.cpuPerThousandWithoutJit(), b.cpuPerThousandWithoutJit(),
                    b.cpuPerThousandWithoutJit() / s.cpuPerThousandWithoutJit(),
                    s.latencyPercentile(50), b.latencyPercentile(50), s.latencyPercentile(99),
                    b.latencyPercentile(99), b.latencyPercentile(99) / s.latencyPercentile(99), s.heapMib, b.heapMib,
                    s.rssMib, b.rssMib));
            }
        }
        publish(table, "result.md");
    }

    /** Says, with {@code --control}, that the column named Border is not Border Transport. */
    private String controlNote() {
        String control = options.get("control");
        if (control == null) {
            return "";
        }
        return " (CONTROL, --control " + control + ": the column named Border is "
            + (control.equals("jar") ? "stock James with the drop-in jar loaded" : "a second stock James") + ")";
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/cpuinfo"), UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
        return System.getProperty("os.arch");
    }
}
