package org.bordertransport.it.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * A program of the lab run in the foreground as a child process, its output in a log file; {@link #close()} stops it
 * (SIGTERM, then SIGKILL after 10 s), so a test's try-with-resources or {@code @AfterEach} never leaves one running.
 */
public final class LabProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;

    private LabProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} in {@code directory}, stdout and stderr to {@code directory/NAME.log}. */
    public static LabProcess start(String name, Path directory, List<String> command) throws IOException {
        Path log = directory.resolve(name + ".log");
        Process process = new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
        return new LabProcess(name, process, log);
    }

    /** Waits (up to 30 s) until the program listens on every port, failing with its log if it dies first. */
    public LabProcess awaitListening(int... ports) {
        Awaitility.await(name + " listening on " + java.util.Arrays.toString(ports))
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError(name + " exited with " + process.exitValue() + "; its log:\n" + log());
                }
                return java.util.Arrays.stream(ports).allMatch(Lab::listening);
            });
        return this;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the program wrote so far (for failure messages). */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public String toString() {
        return name + (process.isAlive() ? " (running, pid " + process.pid() + ")" : " (stopped)");
    }
}
