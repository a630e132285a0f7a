package org.bordertransport.benchmarks;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import org.bordertransport.core.srs.Microsoft365Srs;
import org.bordertransport.core.srs.SrsException;
import org.bordertransport.core.srs.SrsForward;
import org.bordertransport.core.srs.SrsReverse;
import org.bordertransport.core.srs.SrsSecrets;
import org.bordertransport.core.srs.StandardSrs;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * SRS rewrites and reversals per second from one thread, with one secret and the system clock: what the SRS
 * mailets cost per forwarded mail and per bounce. Standard is SRS0 as postsrsd writes it (HMAC-SHA1, 4 characters);
 * m365 is the Microsoft 365 forward shape (HMAC-SHA256, 8 characters). A pair is a forward and the reversal of its
 * result, the whole life of one address. For comparison, postsrsd 2.4.0 answers about 32,000 socketmap queries per
 * second on one persistent connection (1.10: about 21,500).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class SrsBenchmark {
    private static final String SENDER = "bob@example.com";
    private static final String FORWARDER = "john.work@contoso.com";

    private StandardSrs standard;
    private Microsoft365Srs m365;
    private String standardAddress;
    private String m365Address;

    @Setup
    public void setUp() throws SrsException {
        SrsSecrets secrets = SrsSecrets.of(SrsSecrets.generate(new SecureRandom()));
        standard = StandardSrs.builder(secrets, "forward.example").clock(Clock.systemUTC()).build();
        m365 = Microsoft365Srs.builder(secrets, "relay.example").clock(Clock.systemUTC()).build();
        SrsForward srs0 = standard.forward(SENDER);
        SrsForward forward = m365.forward(SENDER, FORWARDER);
        if (srs0.outcome() != SrsForward.Outcome.SRS0 || forward.outcome() != SrsForward.Outcome.FORWARD
            || !SENDER.equals(standard.reverse(srs0.address()).bounceRecipient().orElse(null))
            || !SENDER.equals(m365.reverse(forward.address()).bounceRecipient().orElse(null))) {
            throw new IllegalStateException("the benchmark addresses do not exercise the engines as intended");
        }
        standardAddress = srs0.address();
        m365Address = forward.address();
    }

    @Benchmark
    public SrsForward standardForward() throws SrsException {
        return standard.forward(SENDER);
    }

    @Benchmark
    public SrsReverse standardReverse() throws SrsException {
        return standard.reverse(standardAddress);
    }

    @Benchmark
    public SrsReverse standardPair() throws SrsException {
        return standard.reverse(standard.forward(SENDER).address());
    }

    @Benchmark
    public SrsForward m365Forward() throws SrsException {
        return m365.forward(SENDER, FORWARDER);
    }

    @Benchmark
    public SrsReverse m365Reverse() throws SrsException {
        return m365.reverse(m365Address);
    }

    @Benchmark
    public SrsReverse m365Pair() throws SrsException {
        return m365.reverse(m365.forward(SENDER, FORWARDER).address());
    }
}
