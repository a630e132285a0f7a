package org.bordertransport.demo.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.bordertransport.demo.SmtpClient;

/**
 * Runs one mix against one James: smtp-source sessions send the mix's messages while a probe sends one more message
 * at a time and notes when James accepted it; the run ends when every message has reached the sink. Measures the rate,
 * James's CPU per 1,000 messages, probe latency from SMTP accept to the sink, heap and RSS.
 */
final class MixRunner {
    /** One smtp-source run: its message, envelope, share of the messages and sessions. */
    static final class Stream {
        final String name;
        final String message;
        final String mailFrom;
        final String rcptTo;
        final int messages;
        final int sessions;

        Stream(String name, String message, String mailFrom, String rcptTo, int messages, int sessions) {
            this.name = name;
            this.message = message;
            this.mailFrom = mailFrom;
            this.rcptTo = rcptTo;
            this.messages = messages;
            this.sessions = sessions;
        }
    }

    /** What one mix measured. */
    static final class Result {
        final String mix;
        final long messages;
        final double seconds;
        final double cpuSeconds;
        /** Of {@link #cpuSeconds}, what the JIT compiler threads used. */
        final double jitSeconds;
        final List<Double> latenciesMillis;
        final double heapMib;
        final double rssMib;

        Result(String mix, long messages, double seconds, double cpuSeconds, double jitSeconds,
               List<Double> latenciesMillis, double heapMib, double rssMib) {
            this.mix = mix;
            this.messages = messages;
            this.seconds = seconds;
            this.cpuSeconds = cpuSeconds;
            this.jitSeconds = jitSeconds;
            this.latenciesMillis = latenciesMillis;
            this.heapMib = heapMib;
            this.rssMib = rssMib;
        }

        double perSecond() {
            return messages / seconds;
        }

        double cpuPerThousand() {
            return cpuSeconds / messages * 1000;
        }

        /** CPU seconds per 1,000 messages without the JIT compiler threads': the steady-state cost per message. */
        double cpuPerThousandWithoutJit() {
            return (cpuSeconds - jitSeconds) / messages * 1000;
        }

        double latencyPercentile(double p) {
            if (latenciesMillis.isEmpty()) {
                return Double.NaN;
            }
            List<Double> sorted = new ArrayList<>(latenciesMillis);
            sorted.sort(null);
            int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
        }
    }

    private final String smtpSource;
    private final int smtpPort;
    private final Arrivals arrivals;
    private final ProcessStats james;
    private final Path scratch;
    private long nextProbe;

    Arrivals arrivals() {
        return arrivals;
    }

    MixRunner(String smtpSource, int smtpPort, Arrivals arrivals, ProcessStats james, Path scratch) {
        this.smtpSource = smtpSource;
        this.smtpPort = smtpPort;
        this.arrivals = arrivals;
        this.james = james;
        this.scratch = scratch;
    }

    /**
     * Sends the streams at once (each its own smtp-source), with a probe every {@code probeEvery} on the side using
     * the first stream's message, and waits for every message at the sink.
     */
    Result run(String mix, List<Stream> streams, Duration probeEvery, Duration timeout)
        throws IOException, InterruptedException {
        long before = arrivals.count();
        double cpu0 = james.cpuSeconds();
        double jit0 = james.jitCpuSeconds();
        long start = System.nanoTime();
        List<Process> sources = new ArrayList<>();
        long sent = 0;
        for (Stream stream : streams) {
            sources.add(start(stream));
            sent += stream.messages;
        }
        Stream probeStream = streams.get(0);
        List<long[]> probes = new ArrayList<>();
        while (sources.stream().anyMatch(Process::isAlive)) {
            long n = ++nextProbe;
            String message = "X-Bench-Probe: " + n + "\n" + probeStream.message;
            new SmtpClient("127.0.0.1", smtpPort, Duration.ofSeconds(60)).send(probeStream.mailFrom,
                List.of(probeStream.rcptTo), BenchMessages.bytes(message));
            probes.add(new long[] {n, System.nanoTime()});
            Thread.sleep(probeEvery.toMillis());
        }
        for (Process source : sources) {
            if (source.exitValue() != 0) {
                throw new IOException("smtp-source failed (exit " + source.exitValue() + "): "
                    + new String(source.getInputStream().readAllBytes(), UTF_8));
            }
        }
        long expected = before + sent + probes.size();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (arrivals.count() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IOException(mix + ": only " + (arrivals.count() - before) + " of " + (expected - before)
                    + " messages reached the sink within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
        double seconds = (arrivals.lastNanos() - start) / 1e9;
        double cpu = james.cpuSeconds() - cpu0;
        double jit = james.jitCpuSeconds() - jit0;
        List<Double> latencies = new ArrayList<>();
        for (long[] probe : probes) {
            Long arrived = arrivals.probe(probe[0]);
            if (arrived != null) {
                latencies.add((arrived - probe[1]) / 1e6);
            }
        }
        return new Result(mix, expected - before, seconds, cpu, jit, latencies, james.heapUsedMib(), james.rssMib());
    }

    private Process start(Stream stream) throws IOException {
        Path file = scratch.resolve(stream.name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".eml");
        Files.writeString(file, stream.message, UTF_8);
        List<String> command = new ArrayList<>(Arrays.asList(smtpSource, "-s", Integer.toString(stream.sessions),
            "-m", Integer.toString(stream.messages), "-F", file.toString(), "-M", "client.bench.test",
            "-f", stream.mailFrom, "-t", stream.rcptTo,
            "127.0.0.1:" + smtpPort));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
