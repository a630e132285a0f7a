package org.bordertransport.demo.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.bordertransport.demo.ConfPreparer;
import org.bordertransport.demo.JamesProcess;
import org.bordertransport.demo.JamesWorkDir;
import org.bordertransport.demo.WebAdminClient;

/**
 * One James 3.8.1 of the demo in its own JVM, stock or with Border Transport, on free ports, delivering remote mail to
 * a sink; with {@code border.test}, alice, bob and fwd (password {@code secret}) and the RRT forward
 * {@code fwd@border.test} → {@code dest@example.com}. Nodes made from the same repository share the shipped conf, so
 * the same SRS secrets and Message-ID keys, and nothing else: each has its own memory storage.
 */
final class BenchNode implements AutoCloseable {
    /**
     * Both sides' JVM options. {@code -XX:-UseCodeCacheFlushing}, as docs/scaling.md recommends for James on Java 11 and
     * 17: with the code-cache sweeper a loaded James throws compiled code away and compiles it again without end (runs
     * 17, 71 and 72 of docs/development.md).
     */
    static final List<String> JVM = List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC", "-XX:-UseCodeCacheFlushing");
    static final String PASSWORD = "secret";

    final String name;
    final int smtpPort;
    final int imapPort;
    final JamesProcess james;

    private BenchNode(String name, int smtpPort, int imapPort, JamesProcess james) {
        this.name = name;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
        this.james = james;
    }

    static BenchNode start(String name, Path repo, Path dir, boolean stock, int sinkPort) throws Exception {
        return start(name, repo, dir, stock, !stock, sinkPort, List.of());
    }

    /**
     * With JVM options added after {@link #JVM} (a profiler, say); {@code jar}: the drop-in jar in
     * {@code extensions-jars/} (a stock pipeline with it loaded is the benchmark's control).
     */
    static BenchNode start(String name, Path repo, Path dir, boolean stock, boolean jar, int sinkPort,
                           List<String> extraJvm) throws Exception {
        int smtpPort = freePort();
        int imapPort = freePort();
        int webAdminPort = freePort();
        ConfPreparer.Settings settings = ConfPreparer.Settings.builder().smtpPort(smtpPort).imapPort(imapPort)
            .webAdminPort(webAdminPort).gateway("127.0.0.1", sinkPort).otherPorts(port -> freePort())
            .stock(stock).build();
        List<Path> jars = jar ? List.of(dropInJar(repo)) : List.of();
        JamesWorkDir work = JamesWorkDir.create(dir, repo.resolve("conf"), settings, jars);
        List<String> jvm = new java.util.ArrayList<>(JVM);
        jvm.addAll(extraJvm);
        JamesProcess james = JamesProcess.start(repo.resolve("demo/target/james-lib"), work.root(), jvm);
        try {
            james.awaitStarted(Duration.ofSeconds(180));
            WebAdminClient webAdmin = new WebAdminClient("127.0.0.1", webAdminPort, Duration.ofSeconds(10));
            webAdmin.awaitReady(Duration.ofSeconds(30));
            webAdmin.ensureDomain("border.test");
            for (String user : List.of(BenchMessages.SENDER, "bob@border.test", BenchMessages.FORWARDER)) {
                webAdmin.ensureUser(user, PASSWORD);
            }
            webAdmin.addForward(BenchMessages.FORWARDER, "dest@example.com");
        } catch (Exception | Error e) {
            james.close();
            throw e;
        }
        return new BenchNode(name, smtpPort, imapPort, james);
    }

    @Override
    public void close() {
        james.close();
    }

    static Path dropInJar(Path repo) throws IOException {
        try (var files = Files.list(repo.resolve("demo/target/dropin"))) {
            return files.filter(f -> f.getFileName().toString().matches("border-transport-.*\\.jar")).findFirst()
                .orElseThrow(() -> new IOException("no drop-in jar in demo/target/dropin: build the demo first"));
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
