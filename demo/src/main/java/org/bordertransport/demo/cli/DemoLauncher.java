package org.bordertransport.demo.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bordertransport.demo.JamesProcess;
import org.bordertransport.demo.JamesWorkDir;
import org.bordertransport.demo.MessageHeaders;
import org.bordertransport.demo.SinkSmtpServer;
import org.bordertransport.demo.StoredMessage;
import org.bordertransport.demo.WebAdminClient;

/**
 * {@code bin/demo}: a stock James 3.8.1 in its own process with the Border Transport drop-in jar and the shipped
 * conf, plus a local SMTP sink standing in for the internet. Stays in the foreground until Ctrl-C.
 *
 * <p>Steps: check the ports are free; lay out the James working directory (conf copied with ports and the
 * RemoteDelivery gateway substituted, the jar in {@code extensions-jars/}); start the sink; start James with only
 * its own libraries; wait for it; create {@code border.test}, {@code alice@border.test} and {@code bob@border.test}
 * (password {@code secret}) through WebAdmin; print where everything is. Settings: {@link DemoSettings}.</p>
 */
public final class DemoLauncher {
    static final String DOMAIN = "border.test";
    static final List<String> USERS = List.of("alice@border.test", "bob@border.test");
    static final String PASSWORD = "secret";

    private final DemoSettings settings;
    private final PrintStream console;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile SinkSmtpServer sink;
    private volatile JamesProcess james;

    private DemoLauncher(DemoSettings settings, PrintStream console) {
        this.settings = settings;
        this.console = console;
    }

    public static void main(String[] args) {
        DemoSettings settings;
        try {
            settings = DemoSettings.from(args, System.getenv());
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("demo: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(new DemoLauncher(settings, System.out).run());
    }

    private int run() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "demo-shutdown"));
        try {
            checkPortsFree();
            console.println("Preparing " + settings.work);
            JamesWorkDir work = JamesWorkDir.create(settings.work, settings.conf, settings.confSettings(),
                settings.stock ? List.of() : List.of(settings.jar));
            sink = SinkSmtpServer.builder(settings.out)
                .bindAddress(InetAddress.getByName(settings.bindHost))
                .port(settings.sinkPort)
                .onStored(this::announce)
                .start();
            console.println("Starting James 3.8.1 (its own JVM, only James's libraries; log: "
                + work.root().resolve("james.log") + ")");
            james = JamesProcess.start(settings.jamesLib, work.root(), settings.jamesJavaOptions);
            james.awaitStarted(Duration.ofSeconds(settings.startTimeoutSeconds));
            WebAdminClient webAdmin = new WebAdminClient(settings.connectHost(), settings.webAdminPort,
                Duration.ofSeconds(10));
            webAdmin.awaitReady(Duration.ofSeconds(30));
            webAdmin.ensureDomain(DOMAIN);
            for (String user : USERS) {
                webAdmin.ensureUser(user, PASSWORD);
            }
            printSummary(work);
            int exit = james.process().waitFor();
            if (stopping.get()) {
                return 0;
            }
            console.println("James stopped by itself (exit code " + exit + "). Last log lines:");
            console.println(james.logTail());
            return 1;
        } catch (JamesProcess.JamesStartupException e) {
            console.println("demo: James did not start: " + e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            console.println("demo: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } finally {
            if (!stopping.get()) {
                stop();
            }
        }
    }

    private void stop() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        JamesProcess process = james;
        if (process != null && process.isAlive()) {
            console.println();
            console.println("Stopping James (pid " + process.pid() + ") and the sink...");
            process.close();
        }
        SinkSmtpServer server = sink;
        if (server != null) {
            server.close();
        }
    }

    private void checkPortsFree() throws IOException {
        List<String> busy = new ArrayList<>();
        check(busy, "SMTP_PORT", settings.smtpPort);
        check(busy, "IMAP_PORT", settings.imapPort);
        check(busy, "WEBADMIN_PORT", settings.webAdminPort);
        check(busy, "SINK_PORT", settings.sinkPort);
        if (!busy.isEmpty()) {
            throw new IOException("Ports already in use on " + settings.bindHost + ": " + String.join(", ", busy)
                + ". Stop what uses them or choose others, e.g. SMTP_PORT=3525 IMAP_PORT=3143 bin/demo");
        }
    }

    private void check(List<String> busy, String name, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(settings.bindHost), port));
        } catch (IOException e) {
            busy.add(name + "=" + port);
        }
    }

    private void announce(StoredMessage message) {
        String messageId = "(none)";
        String subject = "";
        try {
            MessageHeaders headers = MessageHeaders.parse(message.content());
            messageId = headers.first("Message-ID").orElse("(none)");
            subject = headers.first("Subject").orElse("");
        } catch (IOException e) {
            messageId = "(unreadable: " + e.getMessage() + ")";
        }
        console.println("sink: " + message.emlFile().getFileName() + "  to " + message.rcptTo()
            + "  Message-ID: " + messageId + (subject.isEmpty() ? "" : "  Subject: " + subject));
    }

    private void printSummary(JamesWorkDir work) {
        String host = settings.bindHost;
        OptionalLong rss = james.residentKib();
        console.println();
        console.println((settings.stock ? "Stock James (--stock: no Border Transport) is running." : "Border Transport"
            + " demo is running.") + " James 3.8.1 pid " + james.pid() + ", started in "
            + james.readyAfterMillis() + " ms" + (rss.isPresent() ? ", RSS " + rss.getAsLong() / 1024 + " MB" : ""));
        console.println();
        console.println("  SMTP      " + host + ":" + settings.smtpPort
            + "   relays for 127.0.0.0/8 and for authenticated users");
        console.println("  IMAP      " + host + ":" + settings.imapPort
            + "   users alice@border.test and bob@border.test, password " + PASSWORD);
        console.println("  WebAdmin  http://" + host + ":" + settings.webAdminPort + "   (no authentication)");
        if (!settings.stock) {
            console.println("            Border routes: curl -s http://" + host + ":" + settings.webAdminPort
                + "/border/policy/domains/example.com   (all of them: docs/webadmin.md)");
        }
        console.println("  Sink      " + host + ":" + settings.sinkPort + "   the \"internet\": remote mail lands in "
            + settings.out + " as NNNN.eml + NNNN.envelope.json");
        console.println("  James     log " + work.root().resolve("james.log"));
        console.println("            working directory " + work.root() + (settings.stock ? " (no extension)"
            : " (extension: " + settings.jar.getFileName() + ")"));
        console.println("  conf      shipped " + settings.conf + (settings.stock ? ", without Border Transport" : "")
            + ", with:");
        for (String change : work.confChanges()) {
            console.println("              " + change);
        }
        console.println();
        String send = (settings.smtpPort == 2525 ? "" : "SMTP_PORT=" + settings.smtpPort + " ")
            + (settings.bindHost.equals("127.0.0.1") ? "" : "BIND_HOST=" + settings.bindHost + " ")
            + "bin/demo send --from alice@border.test --to someone@example.com";
        console.println("Try it (a mail without Message-ID, and one with an internal Message-ID):");
        console.println("  printf 'From: alice@border.test\\r\\nTo: someone@example.com\\r\\nSubject: hello\\r\\n\\r\\n"
            + "Hi\\r\\n' | " + send);
        console.println("  printf 'From: alice@border.test\\r\\nTo: someone@example.com\\r\\nMessage-ID: "
            + "<abc@exch01.corp.local>\\r\\nSubject: internal\\r\\n\\r\\nHi\\r\\n' | " + send);
        console.println("  ls " + settings.out);
        console.println();
        console.println("Ctrl-C stops James and the sink.");
    }
}
