package org.bordertransport.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minimal SMTP server that accepts every message and writes it to a directory: the local stand-in for "the
 * internet" that James's {@code RemoteDelivery} hands outgoing mail to in the demo and the process tests.
 *
 * <p>Each message becomes {@code NNNN.eml} (the exact bytes received, dot-unstuffed) and
 * {@code NNNN.envelope.json} ({@code {"mailFrom":"...","rcptTo":["..."],"receivedAt":"..."}}). Numbering continues
 * after the highest number already in the directory. Speaks EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, VRFY, HELP and
 * QUIT; advertises 8BITMIME, SMTPUTF8 and SIZE; no TLS, no AUTH.</p>
 *
 * <p>Bounded: message size, recipients per message, concurrent connections, command line length, idle read time and
 * session length are all limited (see {@link Builder}).</p>
 */
public final class SinkSmtpServer implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(SinkSmtpServer.class);

    private final Limits limits;
    private final SinkStore store;
    private final ServerSocket serverSocket;
    private final ExecutorService workers;
    private final ScheduledThreadPoolExecutor watchdog;
    private final Semaphore connectionSlots;
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private SinkSmtpServer(Builder builder) throws IOException {
        this.limits = new Limits(builder);
        this.store = new SinkStore(builder.outputDirectory, builder.clock, builder.listener);
        this.connectionSlots = new Semaphore(builder.maxConnections);
        this.watchdog = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "sink-smtp-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        this.watchdog.setRemoveOnCancelPolicy(true);
        this.workers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "sink-smtp-session");
            thread.setDaemon(true);
            return thread;
        });
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(builder.bindAddress, builder.port), 50);
        } catch (IOException e) {
            socket.close();
            workers.shutdownNow();
            watchdog.shutdownNow();
            throw new IOException("Cannot bind the SMTP sink to " + builder.bindAddress.getHostAddress() + ":"
                + builder.port + ": " + e.getMessage(), e);
        }
        this.serverSocket = socket;
        this.acceptor = new Thread(this::acceptLoop, "sink-smtp-acceptor");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
        LOGGER.info("SMTP sink listening on {}:{}, writing to {}", builder.bindAddress.getHostAddress(), port(),
            store.directory());
    }

    public static Builder builder(Path outputDirectory) {
        return new Builder(outputDirectory);
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return serverSocket.getLocalPort();
    }

    public InetAddress address() {
        return serverSocket.getInetAddress();
    }

    public Path outputDirectory() {
        return store.directory();
    }

    /** The messages this instance has stored so far, in order. */
    public List<StoredMessage> storedMessages() {
        return store.stored();
    }

    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException e) {
            LOGGER.debug("Closing the sink's server socket", e);
        }
        for (Socket socket : openSockets) {
            closeQuietly(socket);
        }
        workers.shutdownNow();
        watchdog.shutdownNow();
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOGGER.warn("SMTP sink stopped accepting connections", e);
                }
                return;
            }
            if (!connectionSlots.tryAcquire()) {
                refuse(socket);
                continue;
            }
            openSockets.add(socket);
            try {
                workers.execute(() -> serve(socket));
            } catch (RuntimeException e) {
                openSockets.remove(socket);
                connectionSlots.release();
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket) {
        // the read timeout bounds silence; this bounds a client that keeps trickling bytes
        ScheduledFuture<?> deadline;
        try {
            deadline = watchdog.schedule(() -> closeQuietly(socket), limits.maxSessionDuration.toMillis() + 1000,
                TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            openSockets.remove(socket);
            connectionSlots.release();
            closeQuietly(socket);
            return;
        }
        try {
            socket.setSoTimeout(Math.toIntExact(limits.readTimeout.toMillis()));
            new SinkSession(socket, limits, store).run();
        } catch (SocketException e) {
            LOGGER.debug("SMTP sink connection ended: {}", e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            LOGGER.info("SMTP sink connection ended with an error: {}", e.toString());
        } finally {
            deadline.cancel(false);
            openSockets.remove(socket);
            connectionSlots.release();
            closeQuietly(socket);
        }
    }

    private static void refuse(Socket socket) {
        try {
            socket.setSoTimeout(1000);
            socket.getOutputStream().write(SinkSession.ascii("421 4.3.2 Too many connections, try again later\r\n"));
            socket.getOutputStream().flush();
        } catch (IOException e) {
            LOGGER.debug("Refusing a connection", e);
        } finally {
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOGGER.debug("Closing a sink connection", e);
        }
    }

    /** The limits and names a session works with; immutable. */
    static final class Limits {
        final String hostname;
        final long maxMessageBytes;
        final int maxRecipients;
        final int maxCommandLineBytes;
        final int maxBadCommands;
        final Duration readTimeout;
        final Duration maxSessionDuration;

        Limits(Builder builder) {
            this.hostname = builder.hostname;
            this.maxMessageBytes = builder.maxMessageBytes;
            this.maxRecipients = builder.maxRecipients;
            this.maxCommandLineBytes = builder.maxCommandLineBytes;
            this.maxBadCommands = builder.maxBadCommands;
            this.readTimeout = builder.readTimeout;
            this.maxSessionDuration = builder.maxSessionDuration;
        }
    }

    /** Settings for a sink; every limit has a safe default. */
    public static final class Builder {
        private final Path outputDirectory;
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port;
        private String hostname = "sink.border.invalid";
        private long maxMessageBytes = 25L * 1024 * 1024;
        private int maxRecipients = 100;
        private int maxConnections = 16;
        private int maxCommandLineBytes = 2048;
        private int maxBadCommands = 20;
        private Duration readTimeout = Duration.ofSeconds(60);
        private Duration maxSessionDuration = Duration.ofMinutes(10);
        private Clock clock = Clock.systemUTC();
        private Consumer<StoredMessage> listener = message -> { };

        private Builder(Path outputDirectory) {
            this.outputDirectory = Objects.requireNonNull(outputDirectory, "outputDirectory");
        }

        public Builder bindAddress(InetAddress address) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /** 0 (the default) picks a free port; read it with {@link SinkSmtpServer#port()}. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        public Builder hostname(String hostname) {
            this.hostname = Objects.requireNonNull(hostname, "hostname");
            return this;
        }

        public Builder maxMessageBytes(long bytes) {
            this.maxMessageBytes = positive(bytes, "maxMessageBytes");
            return this;
        }

        public Builder maxRecipients(int recipients) {
            this.maxRecipients = (int) positive(recipients, "maxRecipients");
            return this;
        }

        public Builder maxConnections(int connections) {
            this.maxConnections = (int) positive(connections, "maxConnections");
            return this;
        }

        public Builder maxCommandLineBytes(int bytes) {
            if (bytes < 512) {
                throw new IllegalArgumentException("maxCommandLineBytes must be at least 512 (RFC 5321), got "
                    + bytes);
            }
            this.maxCommandLineBytes = bytes;
            return this;
        }

        public Builder maxBadCommands(int commands) {
            this.maxBadCommands = (int) positive(commands, "maxBadCommands");
            return this;
        }

        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout, "readTimeout");
            return this;
        }

        public Builder maxSessionDuration(Duration duration) {
            this.maxSessionDuration = positive(duration, "maxSessionDuration");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Called (on the session's thread) after each message is stored; exceptions are logged and ignored. */
        public Builder onStored(Consumer<StoredMessage> listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Binds and starts accepting; the output directory is created if missing. */
        public SinkSmtpServer start() throws IOException {
            Files.createDirectories(outputDirectory);
            return new SinkSmtpServer(this);
        }

        private static long positive(long value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.isZero() || value.isNegative() || value.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
            }
            return value;
        }
    }
}
