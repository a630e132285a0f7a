package org.bordertransport.demo.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bordertransport.demo.StoredMessage;

/**
 * What reached the sink (the "remote MX"): a count, the time of the last arrival, the envelope sender last seen, and
 * the arrival time of each latency probe (a message carrying {@code X-Bench-Probe: N}). Fed by the sink's threads.
 */
final class Arrivals {
    private static final Pattern PROBE = Pattern.compile("(?m)^X-Bench-Probe: (\\d+)\r?$");
    private static final int HEADER_SCAN = 16 * 1024;

    private final AtomicLong count = new AtomicLong();
    private final AtomicLong lastNanos = new AtomicLong();
    private final AtomicReference<String> lastMailFrom = new AtomicReference<>("");
    private final Map<Long, Long> probes = new ConcurrentHashMap<>();

    void record(StoredMessage message) {
        long now = System.nanoTime();
        try (InputStream in = Files.newInputStream(message.emlFile())) {
            Matcher probe = PROBE.matcher(new String(in.readNBytes(HEADER_SCAN), StandardCharsets.ISO_8859_1));
            if (probe.find()) {
                probes.put(Long.parseLong(probe.group(1)), now);
            }
        } catch (IOException e) {
            // not a probe that can be read: counted all the same
        }
        lastMailFrom.set(message.mailFrom());
        lastNanos.accumulateAndGet(now, Math::max);
        count.incrementAndGet();
    }

    long count() {
        return count.get();
    }

    long lastNanos() {
        return lastNanos.get();
    }

    String lastMailFrom() {
        return lastMailFrom.get();
    }

    /** The arrival time of probe {@code n}, or null. */
    Long probe(long n) {
        return probes.get(n);
    }
}
