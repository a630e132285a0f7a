package org.bordertransport.cli.common;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;

/** What a command runs with: its streams, the configuration directory, a clock and a random source. */
public final class Context {
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Path confDir;
    private final Clock clock;
    private final SecureRandom random;

    public Context(InputStream in, PrintStream out, PrintStream err, Path confDir, Clock clock, SecureRandom random) {
        this.in = Objects.requireNonNull(in, "in");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.confDir = Objects.requireNonNull(confDir, "confDir");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    public InputStream in() {
        return in;
    }

    /** Standard output: JSON lines, help, and the bytes of rewritten messages. */
    public PrintStream out() {
        return out;
    }

    /** Standard error: diagnostics and summaries. */
    public PrintStream err() {
        return err;
    }

    /** The James configuration directory ({@code --conf}, default {@code ./conf}). */
    public Path confDir() {
        return confDir;
    }

    public Clock clock() {
        return clock;
    }

    public SecureRandom random() {
        return random;
    }

    public Context withConfDir(Path dir) {
        return new Context(in, out, err, dir, clock, random);
    }
}
