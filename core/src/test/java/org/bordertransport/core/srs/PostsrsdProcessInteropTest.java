package org.bordertransport.core.srs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real postsrsd (Debian's 1.10) as a process on loopback high ports, sharing one secrets file with our engine:
 * postsrsd reverses what we write and we reverse what it writes (SRS0 and SRS1), both write the same forward
 * address, and both refuse forged and expired addresses. Skipped, with the reason, where postsrsd is not installed
 * ({@code apt-get install postsrsd}); {@code .ci/run} installs it, and with {@code CI=true} a missing postsrsd fails.
 */
class PostsrsdProcessInteropTest {
    private static final String DOMAIN = "fwd.example";
    private static final List<String> SENDERS = List.of("bob@example.com", "Alice.Smith@Sub.Example.ORG",
        "x+tag@example.net", "o'neil@example.com", "user=with=equals@example.com");
    private static final Path DEBIAN_SECRET = Paths.get("/etc/postsrsd.secret");

    @TempDir
    Path dir;
    private Process postsrsd;
    private int forwardPort;
    private int reversePort;

    @AfterEach
    void stopPostsrsd() throws InterruptedException {
        if (postsrsd != null) {
            postsrsd.destroy();
            if (!postsrsd.waitFor(10, TimeUnit.SECONDS)) {
                postsrsd.destroyForcibly();
            }
        }
    }

    /** The secrets file Debian's package generates, and a short hand-written one (accepted, as postsrsd does). */
    @ParameterizedTest
    @ValueSource(strings = {"debian", "short"})
    void jamesAndPostsrsdShareOneSecretsFile(String kind) throws Exception {
        Path secrets = secretsFile(kind);
        start(secrets);
        SrsSecrets ours = SrsSecrets.load(secrets);
        StandardSrs srs = StandardSrs.builder(ours, DOMAIN).alphabet(HashAlphabet.STANDARD).build();

        for (String sender : SENDERS) {
            String theirs = query(forwardPort, sender);
            assertThat(srs.forward(sender).address()).as("forward of %s", sender).isEqualTo(theirs);
            assertThat(srs.reverse(theirs).bounceRecipient()).as("we reverse postsrsd's %s", theirs).contains(sender);
            assertThat(query(reversePort, srs.forward(sender).address())).as("postsrsd reverses ours").isEqualTo(sender);
        }

        String srs1Theirs = query(forwardPort, "SRS0=abcd=JM=example.com=bob@first.example");
        assertThat(srs1Theirs).startsWith("SRS1=");
        assertThat(srs.reverse(srs1Theirs).bounceRecipient()).contains("SRS0=abcd=JM=example.com=bob@first.example");
        String srs1Ours = srs.forward("SRS0=wxyz=JM=example.net=carol@first.example").address();
        assertThat(query(reversePort, srs1Ours)).isEqualTo("SRS0=wxyz=JM=example.net=carol@first.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"debian"})
    void forgedAndExpiredAddressesAreRefusedByBoth(String kind) throws Exception {
        Path secrets = secretsFile(kind);
        start(secrets);
        SrsSecrets ours = SrsSecrets.load(secrets);
        StandardSrs srs = StandardSrs.builder(ours, DOMAIN).alphabet(HashAlphabet.STANDARD).build();

        String good = srs.forward("bob@example.com").address();
        String forged = good.substring(0, 5) + (good.charAt(5) == 'A' ? 'B' : 'A') + good.substring(6);
        assertThat(refusal(reversePort, forged)).as("postsrsd refuses the forged %s", forged).isNotNull();
        assertThatThrownBy(() -> srs.reverse(forged)).isInstanceOf(SrsException.class)
            .extracting(e -> ((SrsException) e).reason()).isEqualTo(SrsException.Reason.BAD_HASH);

        Clock monthAgo = Clock.fixed(Instant.now().minus(Duration.ofDays(40)), ZoneOffset.UTC);
        String old = StandardSrs.builder(ours, DOMAIN).alphabet(HashAlphabet.STANDARD).clock(monthAgo).build()
            .forward("bob@example.com").address();
        assertThat(refusal(reversePort, old)).as("postsrsd refuses the expired %s", old).isNotNull();
        assertThatThrownBy(() -> srs.reverse(old)).isInstanceOf(SrsException.class)
            .extracting(e -> ((SrsException) e).reason()).isEqualTo(SrsException.Reason.EXPIRED);
    }

    private Path secretsFile(String kind) throws IOException {
        Path file = dir.resolve(kind + ".secret");
        if (kind.equals("short")) {
            Files.write(file, "s3cr3t\n".getBytes(StandardCharsets.US_ASCII));
        } else if (Files.isReadable(DEBIAN_SECRET)) {
            Files.copy(DEBIAN_SECRET, file);
        } else {
            // what Debian's postinst writes when the package's own file is not readable here
            byte[] random = new byte[24];
            new java.security.SecureRandom().nextBytes(random);
            Files.write(file, java.util.Base64.getEncoder().encode(random));
        }
        return file;
    }

    private void start(Path secrets) throws IOException {
        Path binary = postsrsdBinary();
        forwardPort = freePort();
        reversePort = freePort();
        postsrsd = new ProcessBuilder(binary.toString(), "-s" + secrets, "-d" + DOMAIN, "-l127.0.0.1",
            "-f" + forwardPort, "-r" + reversePort, "-4")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("postsrsd.log").toFile())
            .start();
        Awaitility.await("postsrsd listening on both ports").atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(50))
            .untilAsserted(() -> {
                assertThat(postsrsd.isAlive()).as("postsrsd running (log: %s)", log()).isTrue();
                assertThat(listening(forwardPort) && listening(reversePort)).isTrue();
            });
    }

    private static Path postsrsdBinary() {
        for (String candidate : List.of("/usr/sbin/postsrsd", "/usr/local/sbin/postsrsd")) {
            Path path = Paths.get(candidate);
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("postsrsd is not installed, and CI must run this test: .ci/run installs it");
        }
        Assumptions.abort("postsrsd is not installed here (apt-get install postsrsd): interop test skipped");
        throw new IllegalStateException("unreachable");
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("postsrsd.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Postfix's tcp_table request: {@code get ADDRESS}; {@code 200 VALUE} or {@code 500 REASON}. */
    private static String ask(int port, String address) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("get " + address + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.US_ASCII));
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String query(int port, String address) {
        String reply = ask(port, address);
        assertThat(reply).as("postsrsd's answer for %s", address).startsWith("200 ");
        return decode(reply.substring(4));
    }

    /** The reason of a {@code 500} answer, or null when postsrsd answered {@code 200}. */
    private static String refusal(int port, String address) {
        String reply = ask(port, address);
        return reply.startsWith("200 ") ? null : reply;
    }

    /** tcp_table values are %XX-encoded for space, '%' and control characters. */
    private static String decode(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length()) {
                out.append((char) Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
