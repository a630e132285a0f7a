package org.bordertransport.it.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * A private Postfix for one test: its {@code main.cf}, {@code master.cf}, lookup tables, queue, data directory and
 * log in a directory of the test's, its SMTP server on {@code 127.0.0.1} at a free high port, started by the test and
 * always stopped by {@link #close()}. Never the system instance, never port 25.
 *
 * <pre>{@code
 * try (PostfixInstance postfix = PostfixInstance.builder(tempDir)
 *         .hostname("mx.remote-a.test")
 *         .mainCf("mydestination", "remote-a.test")          // local(8) delivery there: unknown users bounce
 *         .smtpTo("border.test", james.smtpPort())             // everything for border.test to that port
 *         .virtualAlias("full@remote-a.test", "full@closed.test")  // accepted, then...
 *         .transport("closed.test", "error:5.2.2 mailbox full")      // ...bounced by Postfix itself
 *         .start()) {
 *     ... deliver to 127.0.0.1:postfix.port() ...
 * }
 * }</pre>
 *
 * <p><b>How it runs without touching {@code /etc/postfix}.</b> {@code postfix -c DIR start} refuses a configuration
 * directory that the default instance's {@code /etc/postfix/main.cf} does not list in
 * {@code alternate_config_directories} — a check made by the {@code postfix} command, not by {@code master} and
 * the daemons. Rather than have tests or {@code .ci/install-interop}
 * edit a system file, the instance does what {@code postfix start} does after its checks: it creates the queue
 * directories with the owners and modes of Postfix's {@code postfix-files} ({@code create-missing}) and runs
 * Postfix's {@code master} itself, {@code setsid master -c DIR -d}: in the foreground, as a child of the JVM
 * ({@link LabProcess}), a session leader so that the SIGTERM {@link #close()} sends is passed by master to all its
 * daemons (master signals its own process group). Hence no {@code postfix}, {@code postqueue} or {@code sendmail}
 * command works on an instance; mail goes in over SMTP.</p>
 *
 * <p><b>Configuration</b> ({@code main.cf}, see {@link Builder#mainCf}): no DNS ({@code disable_dns_lookups}), no
 * TLS, no aliases, {@code local_recipient_maps} empty (so {@code mydestination} accepts any local part and an
 * unknown user bounces after acceptance, with Postfix's own DSN), {@code mynetworks = 127.0.0.0/8} (loopback clients
 * may relay); {@code transport_maps} and {@code virtual_alias_maps} are {@code texthash:} files (no {@code postmap}
 * needed); there is no syslog here, so the log is {@code maillog_file} ({@link #log()}). Every daemon runs
 * unchrooted. {@code postconf -c DIR -n} checks the files first: an unknown parameter fails the start. Postfix
 * still reads {@code /etc/postfix/dynamicmaps.cf} (its {@code meta_directory}) and the users {@code postfix} and
 * group {@code postdrop} of Debian's package.</p>
 *
 * <p>Needs root (master starts as root and drops privileges) and the directory's path traversable by the
 * {@code postfix} user: the instance makes the directory {@code 0755} and its parents under {@code java.io.tmpdir}
 * traversable (JUnit's {@code @TempDir} is {@code 0700}), and fails if another parent is not.</p>
 */
public final class PostfixInstance implements AutoCloseable {
    /** The user the daemons run as, and the group of the maildrop and public directories (Debian's package). */
    public static final String MAIL_OWNER = "postfix";
    public static final String SETGID_GROUP = "postdrop";
    private static final List<String> OWNER_QUEUES = List.of("active", "bounce", "corrupt", "defer", "deferred",
        "flush", "hold", "incoming", "private", "saved", "trace");
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final Path directory;
    private final int port;
    private final LabProcess master;

    private PostfixInstance(Path directory, int port, LabProcess master) {
        this.directory = directory;
        this.port = port;
        this.master = master;
    }

    /**
     * Skips the test (fails it with {@code CI=true}) unless an instance can run here: Postfix's {@code master},
     * {@code postconf} and {@code setsid} installed, and root. Call it first to skip before starting anything else.
     *
     * @return master, postconf and setsid
     */
    public static List<Path> requireAvailable() {
        List<Path> tools = Lab.require(Lab.Tool.POSTFIX_MASTER, Lab.Tool.POSTCONF, Lab.Tool.SETSID);
        Lab.requireRoot("A private Postfix");
        return tools;
    }

    /** An instance whose files go to {@code directory} (existing, e.g. a JUnit {@code @TempDir}). */
    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    /** What to run. */
    public static final class Builder {
        private final Path directory;
        private final Map<String, String> mainCf = new LinkedHashMap<>();
        private final Map<String, String> transports = new LinkedHashMap<>();
        private final Map<String, String> virtualAliases = new LinkedHashMap<>();
        private String hostname = "mx.lab.test";

        private Builder(Path directory) {
            this.directory = directory.toAbsolutePath();
        }

        /** {@code myhostname} (and {@code mydomain}, its parent): the name in Postfix's banner, DSNs and Message-IDs. */
        public Builder hostname(String hostname) {
            this.hostname = hostname;
            return this;
        }

        /** A {@code main.cf} parameter, set or replacing the instance's default. */
        public Builder mainCf(String name, String value) {
            mainCf.put(name, value);
            return this;
        }

        /**
         * A {@code transport_maps} entry: {@code pattern} a domain or {@code user@domain}, {@code nexthop} a Postfix
         * transport such as {@code smtp:[127.0.0.1]:2525}, {@code error:5.2.2 mailbox full} or {@code local}.
         * Postfix's SMTP server refuses at {@code RCPT TO} an address whose own transport is {@code error}: to have
         * Postfix accept a mail and then bounce it, put the {@code error} transport behind a {@link #virtualAlias}.
         */
        public Builder transport(String pattern, String nexthop) {
            transports.put(pattern, nexthop);
            return this;
        }

        /** Mail for {@code pattern} (domain or address) goes over SMTP to {@code 127.0.0.1:port}, no MX lookup. */
        public Builder smtpTo(String pattern, int port) {
            return transport(pattern, "smtp:[127.0.0.1]:" + port);
        }

        /**
         * A {@code virtual_alias_maps} entry (any domain: Postfix expands virtual aliases for every recipient, after
         * accepting it). To make a domain a virtual alias domain, set {@code virtual_alias_domains} too.
         */
        public Builder virtualAlias(String address, String target) {
            virtualAliases.put(address, target);
            return this;
        }

        /**
         * Writes the configuration, checks it with {@code postconf}, starts master and waits until the SMTP port
         * listens. Skipped (failed with {@code CI=true}) without Postfix or root.
         */
        public PostfixInstance start() throws IOException, InterruptedException {
            List<Path> tools = requireAvailable();
            prepareDirectory();
            Path etc = Files.createDirectories(directory.resolve("etc"));
            Path queue = createQueue(directory.resolve("queue"));
            Path data = Files.createDirectories(directory.resolve("data"));
            owned(data, MAIL_OWNER, null, "rwx------");
            int port = Lab.freePort();
            Files.writeString(etc.resolve("main.cf"), mainCf(etc, queue, data), StandardCharsets.US_ASCII);
            Files.writeString(etc.resolve("master.cf"), masterCf(port), StandardCharsets.US_ASCII);
            Files.writeString(etc.resolve("transport"), table(transports), StandardCharsets.US_ASCII);
            Files.writeString(etc.resolve("virtual"), table(virtualAliases), StandardCharsets.US_ASCII);
            check(tools.get(1), etc);
            LabProcess master = LabProcess.start("postfix-master", directory,
                List.of(tools.get(2).toString(), tools.get(0).toString(), "-c", etc.toString(), "-d"));
            PostfixInstance instance = new PostfixInstance(directory, port, master);
            try {
                master.awaitListening(port);
            } catch (RuntimeException | AssertionError e) {
                instance.close();
                throw new AssertionError("Postfix did not start; its log:\n" + instance.log(), e);
            }
            return instance;
        }

        /**
         * The directory {@code 0755}, and its parents inside the temporary directory ({@code java.io.tmpdir}: JUnit
         * makes {@code @TempDir} {@code 0700}) traversable by others; a parent elsewhere that is not is an error.
         */
        private void prepareDirectory() throws IOException {
            if (!Files.isDirectory(directory)) {
                throw new IllegalArgumentException("No directory " + directory + " for the Postfix instance");
            }
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path temp = Paths.get(System.getProperty("java.io.tmpdir")).toRealPath();
            for (Path parent = directory.getParent(); parent != null; parent = parent.getParent()) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(parent);
                if (permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    continue;
                }
                if (!parent.toRealPath().startsWith(temp) || parent.toRealPath().equals(temp)) {
                    throw new IllegalArgumentException("Postfix's daemons (user " + MAIL_OWNER + ") cannot reach "
                        + directory + ": " + parent + " is not traversable by others (chmod o+x it)");
                }
                permissions.add(PosixFilePermission.OTHERS_EXECUTE);
                Files.setPosixFilePermissions(parent, permissions);
            }
        }

        /** The queue as {@code postfix-files} makes it: root's top and pid, the rest the mail owner's. */
        private static Path createQueue(Path queue) throws IOException {
            Files.createDirectories(queue);
            Files.createDirectories(queue.resolve("pid"));
            for (String name : OWNER_QUEUES) {
                owned(Files.createDirectories(queue.resolve(name)), MAIL_OWNER, null, "rwx------");
            }
            owned(Files.createDirectories(queue.resolve("maildrop")), MAIL_OWNER, SETGID_GROUP, "rwx-wx---");
            owned(Files.createDirectories(queue.resolve("public")), MAIL_OWNER, SETGID_GROUP, "rwx--x---");
            return queue;
        }

        private static void owned(Path path, String user, String group, String permissions) throws IOException {
            UserPrincipalLookupService users = FileSystems.getDefault().getUserPrincipalLookupService();
            PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
            UserPrincipal owner = users.lookupPrincipalByName(user);
            view.setOwner(owner);
            if (group != null) {
                GroupPrincipal groupPrincipal = users.lookupPrincipalByGroupName(group);
                view.setGroup(groupPrincipal);
            }
            view.setPermissions(PosixFilePermissions.fromString(permissions));
        }

        private String mainCf(Path etc, Path queue, Path data) {
            int dot = hostname.indexOf('.');
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("compatibility_level", "3.6");
            parameters.put("queue_directory", queue.toString());
            parameters.put("data_directory", data.toString());
            parameters.put("mail_owner", MAIL_OWNER);
            parameters.put("setgid_group", SETGID_GROUP);
            parameters.put("myhostname", hostname);
            parameters.put("mydomain", dot > 0 ? hostname.substring(dot + 1) : hostname);
            parameters.put("myorigin", "$myhostname");
            parameters.put("mydestination", "");
            parameters.put("inet_interfaces", "127.0.0.1");
            parameters.put("inet_protocols", "ipv4");
            parameters.put("mynetworks", "127.0.0.0/8");
            parameters.put("disable_dns_lookups", "yes");
            parameters.put("relayhost", "");
            parameters.put("maillog_file", directory.resolve("maillog").toString());
            parameters.put("maillog_file_prefixes", directory.toString());
            parameters.put("alias_maps", "");
            parameters.put("alias_database", "");
            parameters.put("local_recipient_maps", "");
            parameters.put("smtp_tls_security_level", "none");
            parameters.put("smtpd_tls_security_level", "none");
            parameters.put("biff", "no");
            parameters.put("append_dot_mydomain", "no");
            parameters.put("smtpd_banner", "$myhostname ESMTP");
            parameters.put("transport_maps", "texthash:" + etc.resolve("transport"));
            parameters.put("virtual_alias_maps", "texthash:" + etc.resolve("virtual"));
            parameters.put("virtual_alias_domains", "");
            parameters.putAll(mainCf);
            StringBuilder text = new StringBuilder("# written by PostfixInstance (Border Transport interop lab)\n");
            parameters.forEach((name, value) -> text.append(name).append(" = ").append(value).append('\n'));
            return text.toString();
        }

        /** Every daemon unchrooted; the SMTP server on the loopback port only. */
        private static String masterCf(int port) {
            return "# written by PostfixInstance: service type private unpriv chroot wakeup maxproc command\n"
                + "127.0.0.1:" + port + " inet n - n - - smtpd\n"
                + "pickup    unix  n - n 60    1 pickup\n"
                + "cleanup   unix  n - n -     0 cleanup\n"
                + "qmgr      unix  n - n 300   1 qmgr\n"
                + "rewrite   unix  - - n -     - trivial-rewrite\n"
                + "bounce    unix  - - n -     0 bounce\n"
                + "defer     unix  - - n -     0 bounce\n"
                + "trace     unix  - - n -     0 bounce\n"
                + "verify    unix  - - n -     1 verify\n"
                + "flush     unix  n - n 1000? 0 flush\n"
                + "proxymap  unix  - - n -     - proxymap\n"
                + "smtp      unix  - - n -     - smtp\n"
                + "relay     unix  - - n -     - smtp\n"
                + "showq     unix  n - n -     - showq\n"
                + "error     unix  - - n -     - error\n"
                + "retry     unix  - - n -     - error\n"
                + "discard   unix  - - n -     - discard\n"
                + "local     unix  - n n -     - local\n"
                + "anvil     unix  - - n -     1 anvil\n"
                + "scache    unix  - - n -     1 scache\n"
                + "postlog   unix-dgram n - n - 1 postlogd\n";
        }

        private static String table(Map<String, String> entries) {
            StringBuilder text = new StringBuilder();
            entries.forEach((key, value) -> text.append(key).append(' ').append(value).append('\n'));
            return text.toString();
        }

        /** {@code postconf -c DIR -n}: anything on its standard error (an unknown parameter, say) fails the start. */
        private void check(Path postconf, Path etc) throws IOException, InterruptedException {
            Process process = new ProcessBuilder(postconf.toString(), "-c", etc.toString(), "-n")
                .directory(directory.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("postconf -c " + etc + " -n did not finish");
            }
            if (process.exitValue() != 0 || !errors.isBlank()) {
                throw new IllegalStateException("postconf finds fault with the instance's main.cf (exit "
                    + process.exitValue() + "):\n" + errors);
            }
        }
    }

    /** The SMTP port on {@code 127.0.0.1}. */
    public int port() {
        return port;
    }

    public Path directory() {
        return directory;
    }

    /** The instance's {@code maillog_file} so far (for failure messages and log assertions). */
    public String log() {
        Path log = directory.resolve("maillog");
        try {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "(no maillog yet)";
            return text + "\n--- master's output ---\n" + master.log();
        } catch (IOException e) {
            return "(maillog unreadable: " + e + ")";
        }
    }

    /**
     * {@code postmap -q KEY TABLE}, Postfix's own table client (e.g. {@code tcp:127.0.0.1:PORT}): the value, or
     * empty when the table has none (exit status 1, nothing said). Any other outcome fails: a table that cannot be
     * asked (postmap also exits 1, with warnings) is not "no result".
     */
    public static Optional<String> postmapQuery(String key, String table) throws IOException, InterruptedException {
        Path postmap = Lab.require(Lab.Tool.POSTMAP);
        Process process = new ProcessBuilder(postmap.toString(), "-q", key, table).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("postmap -q " + key + " " + table + " did not finish");
        }
        if (process.exitValue() == 0) {
            return Optional.of(output.strip());
        }
        if (process.exitValue() == 1 && output.isBlank() && errors.isBlank()) {
            return Optional.empty();
        }
        throw new IllegalStateException("postmap -q " + key + " " + table + " exited with " + process.exitValue()
            + ": " + output + errors);
    }

    /**
     * Stops master (SIGTERM: it stops its daemons; SIGKILL after 10 s, and the daemons leave when they see master
     * gone) and waits until the SMTP port is closed.
     */
    @Override
    public void close() throws InterruptedException {
        master.close();
        Awaitility.await("Postfix's port " + port + " closed").atMost(STOP_TIMEOUT)
            .pollInterval(Duration.ofMillis(100)).until(() -> !Lab.listening(port));
    }

    @Override
    public String toString() {
        return "Postfix on 127.0.0.1:" + port + " in " + directory + " (" + master + ")";
    }
}
