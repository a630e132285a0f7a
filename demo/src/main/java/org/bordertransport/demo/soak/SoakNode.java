package org.bordertransport.demo.soak;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.bordertransport.demo.ConfPreparer;
import org.bordertransport.demo.JamesProcess;
import org.bordertransport.demo.JamesWorkDir;
import org.bordertransport.demo.WebAdminClient;

/**
 * The James 3.8.1 under soak: the demo's (its own JVM, James's libraries only, the drop-in jar, the shipped conf with
 * free ports and the sink as gateway), with its temporary directory inside the work directory so its temp files can
 * be counted; domain border.test, users alice, bob, postmaster, bounces, fwd (RRT forward to dest@example.com) and a
 * chain of RRT forwards longer than the shipped {@code mappingLimit}.
 */
final class SoakNode implements AutoCloseable {
    static final String PASSWORD = "secret";
    static final List<String> MAILBOX_USERS = List.of(SoakKinds.SENDER, SoakKinds.LOCAL, "postmaster@border.test",
        "bounces@border.test");

    final JamesProcess james;
    final int smtpPort;
    final int imapPort;
    final int webAdminPort;
    final Path tempDir;
    /** False when James refused to create the forward chain (the rrt-chain kind is then not sent). */
    final boolean chainCreated;

    private SoakNode(JamesProcess james, int smtpPort, int imapPort, int webAdminPort, Path tempDir,
                     boolean chainCreated) {
        this.james = james;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
        this.webAdminPort = webAdminPort;
        this.tempDir = tempDir;
        this.chainCreated = chainCreated;
    }

    static SoakNode start(Path repo, Path dir, int sinkPort, List<String> jvm, boolean stock) throws Exception {
        int smtpPort = freePort();
        int imapPort = freePort();
        int webAdminPort = freePort();
        ConfPreparer.Settings settings = ConfPreparer.Settings.builder().smtpPort(smtpPort).imapPort(imapPort)
            .webAdminPort(webAdminPort).gateway("127.0.0.1", sinkPort).otherPorts(port -> freePort()).stock(stock)
            .build();
        JamesWorkDir work = JamesWorkDir.create(dir, repo.resolve("conf"), settings,
            stock ? List.of() : List.of(dropInJar(repo)));
        Path temp = Files.createDirectories(work.root().resolve("tmp"));
        List<String> options = new ArrayList<>(jvm);
        options.add("-Djava.io.tmpdir=" + temp);
        JamesProcess james = JamesProcess.start(repo.resolve("demo/target/james-lib"), work.root(), options);
        boolean chain;
        try {
            james.awaitStarted(Duration.ofSeconds(300));
            WebAdminClient webAdmin = new WebAdminClient("127.0.0.1", webAdminPort, Duration.ofSeconds(30));
            webAdmin.awaitReady(Duration.ofSeconds(60));
            webAdmin.ensureDomain("border.test");
            for (String user : MAILBOX_USERS) {
                webAdmin.ensureUser(user, PASSWORD);
            }
            webAdmin.ensureUser(SoakKinds.FORWARDER, PASSWORD);
            webAdmin.addForward(SoakKinds.FORWARDER, SoakKinds.FORWARD_TARGET);
            chain = chain(webAdmin);
        } catch (Exception | Error e) {
            james.close();
            throw e;
        }
        return new SoakNode(james, smtpPort, imapPort, webAdminPort, temp, chain);
    }

    private static boolean chain(WebAdminClient webAdmin) {
        try {
            for (int i = 0; i < SoakKinds.CHAIN_LENGTH; i++) {
                webAdmin.ensureUser(SoakKinds.CHAIN + i + "@border.test", PASSWORD);
            }
            for (int i = 0; i < SoakKinds.CHAIN_LENGTH; i++) {
                webAdmin.addForward(SoakKinds.CHAIN + i + "@border.test", SoakKinds.CHAIN + (i + 1) + "@border.test");
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        james.close();
    }

    private static Path dropInJar(Path repo) throws IOException {
        try (var files = Files.list(repo.resolve("demo/target/dropin"))) {
            return files.filter(f -> f.getFileName().toString().matches("border-transport-.*\\.jar")).findFirst()
                .orElseThrow(() -> new IOException("no drop-in jar in demo/target/dropin: build the demo first"));
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
