package org.bordertransport.benchmarks;

import java.util.concurrent.TimeUnit;

import org.bordertransport.core.messageid.MessageIdGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/** New Message-IDs per second from one thread: what {@code AddMessageId} costs per mail. Target: 1e6/s. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class MessageIdGeneratorBenchmark {
    private MessageIdGenerator generator;

    @Setup
    public void setUp() {
        generator = MessageIdGenerator.forDomain("border.test");
    }

    @Benchmark
    public String next() {
        return generator.next();
    }
}
