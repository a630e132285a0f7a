package org.bordertransport.it.interop;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Assumptions;

/**
 * The interop lab's rules for finding real mail software: Debian's packages where {@code .ci/install-interop}
 * installs them, Exim and OpenSMTPD extracted under {@code $BORDER_LAB_DIR} (default {@code /opt/border-lab}).
 * A test that needs a missing program (or root, which the MTAs need to start) is aborted — JUnit reports it as
 * skipped, with the reason — except with {@code CI=true}, where it fails: CI installs everything, so there every
 * interop test runs.
 */
public final class Lab {
    /** Where {@code .ci/install-interop} extracts the MTAs that cannot be installed beside Postfix. */
    public static final Path LAB_DIR = Paths.get(System.getenv().getOrDefault("BORDER_LAB_DIR", "/opt/border-lab"));

    /** The programs of the lab, each with where it is looked for. */
    public enum Tool {
        POSTFIX("/usr/sbin/postfix"),
        /** Postfix's master daemon, run directly by {@link PostfixInstance} (Debian's {@code daemon_directory}). */
        POSTFIX_MASTER("/usr/lib/postfix/sbin/master", "/usr/libexec/postfix/master"),
        POSTCONF("/usr/sbin/postconf"),
        POSTMAP("/usr/sbin/postmap"),
        POSTSRSD("/usr/sbin/postsrsd"),
        SWAKS("/usr/bin/swaks"),
        EXIM(LAB_DIR.resolve("exim4/usr/sbin/exim4").toString(), "/usr/sbin/exim4"),
        OPENSMTPD(LAB_DIR.resolve("opensmtpd/usr/sbin/smtpd").toString(), "/usr/sbin/smtpd"),
        PYTHON3("/usr/bin/python3"),
        /** dkimpy's command-line verifier, from Debian's {@code python3-dkim}: there, {@code import dkim} works. */
        DKIMVERIFY("/usr/bin/dkimverify"),
        /** The docs' {@code curl} lines, run as they are written (Debian's {@code curl}). */
        CURL("/usr/bin/curl"),
        /** util-linux {@code setsid}: runs a program as the leader of a new session and process group. */
        SETSID("/usr/bin/setsid", "/bin/setsid");

        private final List<String> candidates;

        Tool(String... candidates) {
            this.candidates = List.of(candidates);
        }

        public String programName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private Lab() {
    }

    /** The program, or the test is skipped (failed with {@code CI=true}) with the reason. */
    public static Path require(Tool tool) {
        for (String candidate : tool.candidates) {
            Path path = Paths.get(candidate);
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        unavailable(tool.programName() + " is not installed here (looked at " + tool.candidates
            + "; run `sudo bash .ci/install-interop`)");
        throw new IllegalStateException("unreachable");
    }

    /** Every program named, in order; skipped (or failed in CI) naming all that are missing. */
    public static List<Path> require(Tool... tools) {
        List<Path> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Tool tool : tools) {
            Path path = tool.candidates.stream().map(Paths::get).filter(Files::isExecutable).findFirst().orElse(null);
            if (path == null) {
                missing.add(tool.programName());
            } else {
                found.add(path);
            }
        }
        if (!missing.isEmpty()) {
            unavailable(String.join(", ", missing) + " not installed here (run `sudo bash .ci/install-interop`)");
        }
        return found;
    }

    /** Real MTAs start as root and drop their privileges; a test that starts one calls this first. */
    public static void requireRoot(String why) {
        if (!"root".equals(System.getProperty("user.name"))) {
            unavailable(why + " needs root (the MTA starts as root and drops privileges), this JVM runs as "
                + System.getProperty("user.name"));
        }
    }

    private static void unavailable(String reason) {
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("interop test cannot run in CI: " + reason);
        }
        Assumptions.abort("interop test skipped: " + reason);
    }

    /**
     * Keeps a message a real program produced (a bounce, say) as {@code NAME.eml} in the samples directory:
     * {@code $BORDER_LAB_SAMPLES} if set, else {@code target/lab-samples} of the module, so what the lab captured
     * can be added to the project's sample sets. Returns the file written (replaced if it existed).
     */
    public static Path saveSample(String name, byte[] message) throws IOException {
        if (!name.matches("[a-z0-9][a-z0-9.-]*")) {
            throw new IllegalArgumentException("Sample name '" + name + "': lower-case letters, digits, '.' and '-'");
        }
        Path directory = Paths.get(System.getenv().getOrDefault("BORDER_LAB_SAMPLES", "target/lab-samples"));
        Files.createDirectories(directory);
        return Files.write(directory.resolve(name + ".eml"), message);
    }

    /** A loopback port free now (the usual race applies: use it at once). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** True when something accepts connections on {@code 127.0.0.1:port}. */
    public static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
