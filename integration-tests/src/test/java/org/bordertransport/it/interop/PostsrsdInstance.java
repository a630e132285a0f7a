package org.bordertransport.it.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's postsrsd (1.10) as a process of the test, on loopback high ports: {@code postsrsd -s SECRETS -d DOMAIN
 * -l 127.0.0.1 -f FORWARD -r REVERSE}, in the foreground, always stopped by {@link #close()}. Both ports speak
 * Postfix's {@code tcp_table} protocol: a Postfix instance uses them as {@code sender_canonical_maps} and
 * {@code recipient_canonical_maps} ({@link #forwardTable()}, {@link #reverseTable()}), and
 * {@link PostfixInstance#postmapQuery} asks them the way Postfix does.
 */
public final class PostsrsdInstance implements AutoCloseable {
    private final LabProcess process;
    private final int forwardPort;
    private final int reversePort;

    private PostsrsdInstance(LabProcess process, int forwardPort, int reversePort) {
        this.process = process;
        this.forwardPort = forwardPort;
        this.reversePort = reversePort;
    }

    /**
     * Starts postsrsd writing SRS addresses {@code @domain} keyed with {@code secrets}, its log in {@code directory};
     * skipped (failed with {@code CI=true}) where postsrsd is not installed.
     */
    public static PostsrsdInstance start(Path secrets, String domain, Path directory) throws IOException {
        Path binary = Lab.require(Lab.Tool.POSTSRSD);
        int forward = Lab.freePort();
        int reverse = Lab.freePort();
        LabProcess process = LabProcess.start("postsrsd", directory, List.of(binary.toString(), "-s" + secrets,
            "-d" + domain, "-l127.0.0.1", "-f" + forward, "-r" + reverse, "-4"));
        try {
            process.awaitListening(forward, reverse);
        } catch (RuntimeException | AssertionError e) {
            try {
                process.close();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            throw e;
        }
        return new PostsrsdInstance(process, forward, reverse);
    }

    /** Postfix's name of the forward (sender rewriting) table: {@code tcp:127.0.0.1:PORT}. */
    public String forwardTable() {
        return "tcp:127.0.0.1:" + forwardPort;
    }

    /** Postfix's name of the reverse (bounce recipient) table. */
    public String reverseTable() {
        return "tcp:127.0.0.1:" + reversePort;
    }

    public String log() {
        return process.log();
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }

    @Override
    public String toString() {
        return "postsrsd on " + forwardTable() + " and " + reverseTable() + " (" + process + ")";
    }
}
