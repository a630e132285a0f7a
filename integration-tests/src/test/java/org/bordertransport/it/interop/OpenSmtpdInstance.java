package org.bordertransport.it.interop;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real OpenSMTPD 6.8 ({@code smtpd -d -f CONF}, in the foreground) on {@code 127.0.0.1}, a high port, relaying each
 * {@linkplain Builder#relay domain} to a chosen loopback port without TLS. To make it write its own bounce, relay a
 * domain to a {@code FakeMx} that refuses the recipient with a 5xx: OpenSMTPD then bounces to the sender, through the
 * relay of the sender's domain.
 *
 * <p>OpenSMTPD's queue ({@value #SPOOL_PATH}) and control socket ({@value #SOCKET_PATH}) are compiled in: one
 * instance per machine. So an instance holds the lock file {@value #LOCK_PATH} while it lives (a second one, from
 * this JVM or another, waits for it), refuses to start while another OpenSMTPD answers on the control socket, and
 * empties the queue before it starts and after it stops, so nothing left over is delivered in a later test. Needs
 * root (skipped otherwise, failed in CI) and the users and chroot directory {@code .ci/install-interop} creates.</p>
 *
 * <pre>{@code
 * try (OpenSmtpdInstance smtpd = OpenSmtpdInstance.builder("mx.remote-a.test")
 *         .relay("remote-a.test", refusingMx.port())
 *         .relay("border.test", tap.port())
 *         .start()) {
 *     // send to smtpd.port()
 * }
 * }</pre>
 */
public final class OpenSmtpdInstance implements AutoCloseable {
    static final String SPOOL_PATH = "/var/spool/smtpd";
    static final String SOCKET_PATH = "/var/run/smtpd.sock";
    static final String LOCK_PATH = "/var/lock/border-lab-opensmtpd.lock";
    private static final Path SPOOL = Paths.get(SPOOL_PATH);
    private static final Path SOCKET = Paths.get(SOCKET_PATH);
    private static final Duration LOCK_WAIT = Duration.ofSeconds(90);

    private final Path directory;
    private final int port;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private LabProcess process;

    private OpenSmtpdInstance(Path directory, int port, FileChannel lockChannel, FileLock lock) {
        this.directory = directory;
        this.port = port;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** An OpenSMTPD that calls itself {@code hostname} (banner, EHLO, its bounces' {@code From}). */
    public static Builder builder(String hostname) {
        return new Builder(hostname);
    }

    public static final class Builder {
        private final String hostname;
        private final Map<String, Integer> relays = new LinkedHashMap<>();
        private int port;

        private Builder(String hostname) {
            this.hostname = hostname;
        }

        /** Listen on this port (default: a free one). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Mail for {@code domain} goes to {@code 127.0.0.1:relayPort}; mail for other domains is refused. */
        public Builder relay(String domain, int relayPort) {
            relays.put(domain, relayPort);
            return this;
        }

        /**
         * Takes the machine's OpenSMTPD lock, empties the queue, writes the configuration, starts the daemon and waits
         * until it listens; skips the test (fails it with {@code CI=true}) when OpenSMTPD or root is missing.
         */
        public OpenSmtpdInstance start() throws IOException {
            if (relays.isEmpty()) {
                throw new IllegalStateException("relay(domain, port) at least once");
            }
            Path smtpd = Lab.require(Lab.Tool.OPENSMTPD);
            Lab.requireRoot("OpenSMTPD");
            int listenPort = port > 0 ? port : Lab.freePort();
            FileChannel channel = FileChannel.open(Paths.get(LOCK_PATH), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
            FileLock lock = awaitLock(channel);
            OpenSmtpdInstance instance = null;
            try {
                if (controlSocketAnswers()) {
                    throw new IllegalStateException("another OpenSMTPD runs on this machine (it answers on "
                        + SOCKET_PATH + "); its queue and socket are fixed: stop it first");
                }
                LabFiles.deleteRecursively(SPOOL);
                Path directory = Files.createTempDirectory("border-opensmtpd-");
                instance = new OpenSmtpdInstance(directory, listenPort, channel, lock);
                Path conf = directory.resolve("smtpd.conf");
                Files.writeString(conf, configuration(listenPort));
                instance.process = LabProcess.start("smtpd", directory,
                    List.of(smtpd.toString(), "-d", "-f", conf.toString()));
                try {
                    instance.process.awaitListening(listenPort);
                } catch (RuntimeException | AssertionError e) {
                    throw new AssertionError("OpenSMTPD did not start: " + e.getMessage() + "\nits output:\n"
                        + instance.process.log(), e);
                }
                return instance;
            } catch (IOException | RuntimeException | Error e) {
                if (instance != null) {
                    instance.close();
                } else {
                    lock.release();
                    channel.close();
                }
                throw e;
            }
        }

        private String configuration(int listenPort) {
            StringBuilder conf = new StringBuilder("# written by OpenSmtpdInstance (Border Transport interop lab)\n")
                .append("listen on 127.0.0.1 port ").append(listenPort).append(" hostname ").append(hostname)
                .append('\n');
            int index = 0;
            for (Map.Entry<String, Integer> relay : relays.entrySet()) {
                String action = "relay_" + index++;
                conf.append("action \"").append(action).append("\" relay host smtp+notls://127.0.0.1:")
                    .append(relay.getValue()).append(" helo ").append(hostname).append('\n')
                    .append("match from any for domain \"").append(relay.getKey()).append("\" action \"")
                    .append(action).append("\"\n");
            }
            return conf.toString();
        }

        private static FileLock awaitLock(FileChannel channel) throws IOException {
            AtomicReference<FileLock> lock = new AtomicReference<>();
            try {
                Awaitility.await("the OpenSMTPD lab lock " + LOCK_PATH).atMost(LOCK_WAIT)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        lock.set(channel.tryLock());
                        return lock.get() != null;
                    });
            } catch (ConditionTimeoutException e) {
                channel.close();
                throw new IllegalStateException("another OpenSMTPD lab instance held " + LOCK_PATH + " for "
                    + LOCK_WAIT.toSeconds() + " s", e);
            }
            return lock.get();
        }
    }

    private static boolean controlSocketAnswers() {
        if (!Files.exists(SOCKET)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return channel.connect(UnixDomainSocketAddress.of(SOCKET));
        } catch (IOException e) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    /** What OpenSMTPD printed so far (its log, in the foreground). */
    public String log() {
        return process == null ? "(not started)" : process.log();
    }

    /** Stops the daemon (its parent waits for all its processes), empties the queue, releases the lock. */
    @Override
    public void close() throws IOException {
        try {
            if (process != null) {
                process.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                LabFiles.deleteRecursively(SPOOL);
                LabFiles.deleteRecursively(directory);
            } finally {
                lock.release();
                lockChannel.close();
            }
        }
    }

    @Override
    public String toString() {
        return "OpenSMTPD on 127.0.0.1:" + port + ", " + process;
    }
}
