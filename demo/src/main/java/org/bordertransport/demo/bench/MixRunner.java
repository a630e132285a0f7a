package org.bordertransport.demo.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

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
        /** Of a paced batch, the latencies per stream (kind of message) in sending order; empty otherwise. */
        final Map<String, List<Double>> latenciesByStream;
        final double heapMib;
        final double rssMib;

        Result(String mix, long messages, double seconds, double cpuSeconds, double jitSeconds,
               List<Double> latenciesMillis, Map<String, List<Double>> latenciesByStream, double heapMib,
               double rssMib) {
            this.mix = mix;
            this.messages = messages;
            this.seconds = seconds;
            this.cpuSeconds = cpuSeconds;
            this.jitSeconds = jitSeconds;
            this.latenciesMillis = latenciesMillis;
            this.latenciesByStream = latenciesByStream;
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
            return percentile(latenciesMillis, p);
        }
    }

    /** The {@code p}th percentile of {@code values} (nearest rank); NaN for none. */
    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    /** Where a batch starts: the sink's count, James's CPU, the time. */
    private final class Mark {
        final long arrived = arrivals.count();
        final double cpu = james.cpuSeconds();
        final double jit = james.jitCpuSeconds();
        final long nanos = System.nanoTime();

        Mark() throws IOException {
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
        Mark mark = new Mark();
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
        return finish(mix, mark, sent + probes.size(), probes, List.of(), timeout);
    }

    /**
     * Waits until the batch's {@code messages} have all reached the sink, then measures it; {@code probes} are
     * {@code {probe number, time James accepted it}}.
     */
    private Result finish(String mix, Mark mark, long messages, List<long[]> probes, List<String> streamOfProbe,
                          Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (arrivals.count() < mark.arrived + messages) {
            if (System.nanoTime() > deadline) {
                throw new IOException(mix + ": only " + (arrivals.count() - mark.arrived) + " of " + messages
                    + " messages reached the sink within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
        double seconds = (arrivals.lastNanos() - mark.nanos) / 1e9;
        double cpu = james.cpuSeconds() - mark.cpu;
        double jit = james.jitCpuSeconds() - mark.jit;
        List<Double> latencies = new ArrayList<>();
        Map<String, List<Double>> byStream = new LinkedHashMap<>();
        for (int i = 0; i < probes.size(); i++) {
            long[] probe = probes.get(i);
            Long arrived = arrivals.probe(probe[0]);
            if (arrived != null) {
                double latency = (arrived - probe[1]) / 1e6;
                latencies.add(latency);
                if (i < streamOfProbe.size()) {
                    byStream.computeIfAbsent(streamOfProbe.get(i), k -> new ArrayList<>()).add(latency);
                }
            }
        }
        return new Result(mix, messages, seconds, cpu, jit, latencies, byStream, james.heapUsedMib(),
            james.rssMib());
    }

    /**
     * Sends {@code count} messages at a steady {@code perSecond}, each on its own SMTP connection at its own time
     * whatever James's pace (open loop: a slow James does not slow the sender), the streams' messages in proportion
     * to their shares, every one a probe; waits for all at the sink. Latency here is what a message waits at that
     * load, not the queue of a saturated James.
     */
    Result paced(String mix, List<Stream> streams, double perSecond, int count, Duration timeout)
        throws IOException, InterruptedException {
        List<Stream> order = interleavedByShare(streams, count);
        List<byte[]> bodies = new ArrayList<>();
        for (Stream stream : streams) {
            bodies.add(BenchMessages.bytes(stream.message));
        }
        List<long[]> probes = new ArrayList<>(count);
        List<String> streamOfProbe = new ArrayList<>(count);
        List<Future<?>> sends = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(32);
        long interval = (long) (1e9 / perSecond);
        Mark mark = new Mark();
        try {
            for (int i = 0; i < count; i++) {
                long wait;
                while ((wait = mark.nanos + i * interval - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                Stream stream = order.get(i);
                byte[] body = bodies.get(streams.indexOf(stream));
                long[] probe = {++nextProbe, 0};
                probes.add(probe);
                streamOfProbe.add(stream.name);
                byte[] field = ("X-Bench-Probe: " + probe[0] + "\r\n").getBytes(UTF_8);
                sends.add(senders.submit(() -> {
                    byte[] message = new byte[field.length + body.length];
                    System.arraycopy(field, 0, message, 0, field.length);
                    System.arraycopy(body, 0, message, field.length, body.length);
                    new SmtpClient("127.0.0.1", smtpPort, Duration.ofSeconds(60)).send(stream.mailFrom,
                        List.of(stream.rcptTo), message);
                    probe[1] = System.nanoTime(); // read after Future.get below
                    return null;
                }));
            }
            for (Future<?> send : sends) {
                send.get();
            }
        } catch (ExecutionException e) {
            throw new IOException(mix + ": a paced message was not accepted: " + e.getCause(), e.getCause());
        } finally {
            senders.shutdownNow();
        }
        return finish(mix, mark, count, probes, streamOfProbe, timeout);
    }

    /**
     * {@code count} streams in sending order, each as often as its share of the messages and spread evenly (smooth
     * weighted round robin): a blend's TNEF messages do not all come at the end.
     */
    static List<Stream> interleavedByShare(List<Stream> streams, int count) {
        long total = 0;
        for (Stream stream : streams) {
            total += stream.messages;
        }
        long[] credit = new long[streams.size()];
        List<Stream> order = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int best = 0;
            for (int s = 0; s < streams.size(); s++) {
                credit[s] += streams.get(s).messages;
                if (credit[s] > credit[best]) {
                    best = s;
                }
            }
            credit[best] -= total;
            order.add(streams.get(best));
        }
        return order;
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
