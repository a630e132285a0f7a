package org.bordertransport.demo;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stock James 3.8.1 memory server in its own JVM, started the way the Docker image starts it
 * ({@code java -Dworking.directory=DIR/ -cp LIB/* org.apache.james.MemoryJamesServerMain}), with only James's own
 * libraries on the classpath: Border Transport reaches it only through {@code DIR/extensions-jars/}.
 *
 * <p>Its console output goes to {@code DIR/james.log}. {@link #awaitStarted} returns once James logs that it has
 * started, and fails as soon as the process dies or logs a fatal startup error (for instance a
 * {@code ClassNotFoundException} from an extension jar), with the log in the exception message.</p>
 */
public final class JamesProcess implements AutoCloseable {
    public static final String MAIN_CLASS = "org.apache.james.MemoryJamesServerMain";
    public static final String STARTED = "JAMES server started";
    /** Lines that mean James will not start, even if its JVM lingers for a while. */
    private static final List<String> FATAL = List.of("Fatal error while starting James",
        "Exception in thread \"main\"", "Error: Could not find or load main class");
    private static final Pattern VM_RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+)\\s+kB");
    private static final int LOG_TAIL_CHARS = 30_000;
    private static final Logger LOGGER = LoggerFactory.getLogger(JamesProcess.class);

    private final Process process;
    private final Path logFile;
    private final long startedAtNanos;
    private volatile long readyAfterMillis = -1;

    private JamesProcess(Process process, Path logFile) {
        this.process = process;
        this.logFile = logFile;
        this.startedAtNanos = System.nanoTime();
    }

    /**
     * Starts James.
     *
     * @param libDir     the directory holding James's runtime jars (and nothing of ours)
     * @param workDir    the working directory: {@code conf/}, {@code extensions-jars/}
     * @param jvmOptions extra JVM options (heap size and the like)
     */
    public static JamesProcess start(Path libDir, Path workDir, List<String> jvmOptions) throws IOException {
        Path lib = libDir.toAbsolutePath().normalize();
        Path work = workDir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(lib.resolve("james-server-memory-app-3.8.1.jar"))) {
            throw new IOException("James's runtime libraries are missing from " + lib
                + " (build the demo module: mvn -B -DskipTests install -pl demo -am)");
        }
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        Path logback = work.resolve("conf").resolve("logback.xml");
        if (Files.isRegularFile(logback)) {
            command.add("-Dlogback.configurationFile=" + logback);
        }
        command.add("-Dworking.directory=" + work + "/");
        command.add("-Djdk.tls.ephemeralDHKeySize=2048");
        command.add("-cp");
        command.add(lib + "/*");
        command.add(MAIN_CLASS);
        Path log = work.resolve("james.log");
        Files.deleteIfExists(log);
        ProcessBuilder builder = new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("_JAVA_OPTIONS");
        LOGGER.debug("Starting James: {}", command);
        return new JamesProcess(builder.start(), log);
    }

    /**
     * Waits until James has logged {@value #STARTED}.
     *
     * @throws JamesStartupException as soon as the process exits, logs a fatal startup error, or the timeout passes;
     *                               the process is then stopped and the message carries the log
     */
    public void awaitStarted(Duration timeout) throws JamesStartupException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String log = log();
            if (log.contains(STARTED)) {
                readyAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAtNanos);
                return;
            }
            Optional<String> fatal = FATAL.stream().filter(log::contains).findFirst();
            if (!process.isAlive() || fatal.isPresent()) {
                String why = process.isAlive() ? "James logged \"" + fatal.get() + "\""
                    : "James exited with code " + exitCode();
                close();
                throw new JamesStartupException(why + " after " + elapsed() + " ms, before \"" + STARTED + "\"."
                    + "\n--- " + logFile + " ---\n" + tail(log()));
            }
            if (System.nanoTime() - deadline > 0) {
                close();
                throw new JamesStartupException("James did not log \"" + STARTED + "\" within " + timeout.toSeconds()
                    + " s.\n--- " + logFile + " ---\n" + tail(log()));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new JamesStartupException("Interrupted while waiting for James to start");
            }
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    public Path logFile() {
        return logFile;
    }

    /** Milliseconds from launch to {@value #STARTED}, or -1 before that. */
    public long readyAfterMillis() {
        return readyAfterMillis;
    }

    /** Everything James has written so far. */
    public String log() {
        try {
            return Files.exists(logFile) ? new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    /** The last part of the log, for failure messages. */
    public String logTail() {
        return tail(log());
    }

    /** Resident memory of the James JVM, where /proc tells it (Linux). */
    public OptionalLong residentKib() {
        Path status = Paths.get("/proc", Long.toString(process.pid()), "status");
        try (RandomAccessFile file = new RandomAccessFile(status.toFile(), "r")) {
            byte[] bytes = new byte[8192];
            int length = file.read(bytes);
            Matcher m = VM_RSS.matcher(new String(bytes, 0, Math.max(length, 0), StandardCharsets.US_ASCII));
            return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** Stops James: SIGTERM (James's shutdown hook runs), then a kill after 20 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                LOGGER.warn("James (pid {}) did not stop within 20 s; killing it", process.pid());
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private String exitCode() {
        try {
            return Integer.toString(process.exitValue());
        } catch (IllegalThreadStateException e) {
            return "(still running)";
        }
    }

    private long elapsed() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAtNanos);
    }

    private static String tail(String log) {
        return log.length() <= LOG_TAIL_CHARS ? log : "[...]\n" + log.substring(log.length() - LOG_TAIL_CHARS);
    }

    private static String javaExecutable() {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString() : "java";
    }

    /** James did not start. */
    public static final class JamesStartupException extends Exception {
        private static final long serialVersionUID = 1L;

        JamesStartupException(String message) {
            super(Objects.requireNonNull(message));
        }
    }
}
