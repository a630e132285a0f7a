package org.bordertransport.it.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Exim 4.96 daemon ({@code exim4 -C CONF -bdf -q1s}) on {@code 127.0.0.1}, a high port, with its own
 * configuration, spool and logs in a temporary directory; {@link #close()} stops it and removes the directory.
 * <ul>
 *   <li>{@linkplain Builder#failing mail for a failing domain} is accepted at {@code RCPT} and then fails at delivery
 *   (a {@code redirect} router that returns {@code :fail:}), so Exim writes its own bounce;</li>
 *   <li>everything else, those bounces included, goes by a {@code manualroute} router to
 *   {@code 127.0.0.1:}{@linkplain Builder#relayOthersTo relay port} (typically an {@link SmtpTap} in front of
 *   James), without TLS.</li>
 * </ul>
 * Deliveries start at once after reception; a failed one is retried every second (queue runs every second, retry
 * rule {@code F,5m,1s}), so nothing waits for Exim's usual back-off. Needs root (skipped otherwise, failed in CI):
 * Exim starts as root and runs as {@code Debian-exim}, which {@code .ci/install-interop} creates.
 *
 * <pre>{@code
 * try (EximInstance exim = EximInstance.builder("mx.remote-a.test")
 *         .failing("remote-a.test", "mailbox unavailable")
 *         .relayOthersTo(tap.port())
 *         .start()) {
 *     // send to exim.port()
 * }
 * }</pre>
 */
public final class EximInstance implements AutoCloseable {
    /** The user and group Exim runs as (Debian's, compiled into its binary). */
    public static final String EXIM_USER = "Debian-exim";

    private final Path directory;
    private final int port;
    private final LabProcess process;

    private EximInstance(Path directory, int port, LabProcess process) {
        this.directory = directory;
        this.port = port;
        this.process = process;
    }

    /** An Exim that calls itself {@code hostname} (EHLO, bounces' {@code From}, {@code Message-Id}). */
    public static Builder builder(String hostname) {
        return new Builder(hostname);
    }

    public static final class Builder {
        private final String hostname;
        private final Map<String, String> failing = new LinkedHashMap<>();
        private int port;
        private int relayPort;

        private Builder(String hostname) {
            this.hostname = hostname;
        }

        /** Listen on this port (default: a free one). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Mail for {@code domain} is accepted, then fails at delivery with {@code reason}: Exim bounces it. */
        public Builder failing(String domain, String reason) {
            failing.put(domain, reason);
            return this;
        }

        /** Mail for any other domain goes to {@code 127.0.0.1:relayPort}. */
        public Builder relayOthersTo(int relayPort) {
            this.relayPort = relayPort;
            return this;
        }

        /**
         * Writes the configuration, starts the daemon and waits until it listens; skips the test (fails it with
         * {@code CI=true}) when Exim or root is missing.
         */
        public EximInstance start() throws IOException {
            if (relayPort <= 0) {
                throw new IllegalStateException("relayOthersTo(port) is required");
            }
            Path exim = Lab.require(Lab.Tool.EXIM);
            Lab.requireRoot("Exim");
            int listenPort = port > 0 ? port : Lab.freePort();
            Path directory = Files.createTempDirectory("border-exim-");
            try {
                // Exim's delivery processes run as Debian-exim: they must reach the spool and the logs
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
                Path spool = ownedByExim(Files.createDirectory(directory.resolve("spool")));
                Path log = ownedByExim(Files.createDirectory(directory.resolve("log")));
                Path conf = directory.resolve("exim.conf");
                Files.writeString(conf, configuration(exim, directory, spool, log, listenPort));
                // exim refuses a -C file that is not root's or is writable by others
                Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r--r--"));
                LabProcess process = LabProcess.start("exim", directory,
                    List.of(exim.toString(), "-C", conf.toString(), "-bdf", "-q1s"));
                EximInstance instance = new EximInstance(directory, listenPort, process);
                try {
                    process.awaitListening(listenPort);
                } catch (RuntimeException | AssertionError e) {
                    String logs = instance.logs();
                    instance.close();
                    throw new AssertionError("Exim did not start: " + e.getMessage() + "\nits logs:\n" + logs, e);
                }
                return instance;
            } catch (IOException | RuntimeException e) {
                LabFiles.deleteRecursively(directory);
                throw e;
            }
        }

        private String configuration(Path exim, Path directory, Path spool, Path log, int listenPort) {
            StringBuilder routers = new StringBuilder();
            int index = 0;
            for (Map.Entry<String, String> entry : failing.entrySet()) {
                routers.append("fail_").append(index++).append(":\n")
                    .append("  driver = redirect\n")
                    .append("  domains = ").append(entry.getKey()).append('\n')
                    .append("  allow_fail\n")
                    .append("  data = :fail: ").append(entry.getValue()).append('\n');
            }
            return """
                # written by EximInstance (Border Transport interop lab)
                exim_path = %s
                primary_hostname = %s
                exim_user = %s
                exim_group = %s
                never_users =
                spool_directory = %s
                log_file_path = %s/%%s.log
                pid_file_path = %s/exim.pid
                daemon_smtp_ports = %d
                local_interfaces = 127.0.0.1
                acl_smtp_rcpt = accept_all
                tls_advertise_hosts =
                host_lookup =
                rfc1413_hosts =
                keep_environment =
                delay_warning =
                log_selector = +all

                begin acl
                accept_all:
                  accept

                begin routers
                %s
                relay_others:
                  driver = manualroute
                  route_list = * 127.0.0.1
                  self = send
                  transport = relay_smtp

                begin transports
                relay_smtp:
                  driver = smtp
                  port = %d
                  allow_localhost
                  hosts_avoid_tls = *

                begin retry
                *  *  F,5m,1s
                """.formatted(exim, hostname, EXIM_USER, EXIM_USER, spool, log, directory, listenPort, routers,
                relayPort);
        }

        private static Path ownedByExim(Path path) throws IOException {
            UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal user = lookup.lookupPrincipalByName(EXIM_USER);
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(EXIM_USER);
            PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
            view.setOwner(user);
            view.setGroup(group);
            return path;
        }
    }

    public int port() {
        return port;
    }

    public Path directory() {
        return directory;
    }

    /** Exim's main, reject and panic logs and what the daemon printed (for failure messages). */
    public String logs() {
        List<String> parts = new ArrayList<>();
        for (String name : List.of("main", "reject", "panic")) {
            Path file = directory.resolve("log").resolve(name + ".log");
            try {
                if (Files.exists(file)) {
                    parts.add("== " + name + ".log\n" + Files.readString(file));
                }
            } catch (IOException e) {
                parts.add("== " + name + ".log unreadable: " + e);
            }
        }
        parts.add("== output\n" + process.log());
        return String.join("\n", parts);
    }

    /** Stops the daemon and removes its directory. */
    @Override
    public void close() throws IOException {
        try {
            process.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            LabFiles.deleteRecursively(directory);
        }
    }

    @Override
    public String toString() {
        return "Exim on 127.0.0.1:" + port + " in " + directory + ", " + process;
    }
}
