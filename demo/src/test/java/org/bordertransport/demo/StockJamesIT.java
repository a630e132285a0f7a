package org.bordertransport.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/demo --stock}: the same James 3.8.1 process, ports and sink as the demo, with the shipped conf taken
 * through {@link StockPipeline} and no jar in {@code extensions-jars/}. It must start (no class of ours is named
 * anywhere) and carry mail as James alone does: an internal Message-ID leaves as it came, the sender is not rewritten.
 */
class StockJamesIT {
    private static final String SENDER = "alice@border.test";

    private static SinkSmtpServer sink;
    private static JamesProcess james;
    private static JamesWorkDir dir;
    private static int smtpPort;
    private static Thread killOnExit;

    @BeforeAll
    static void startJames() throws Exception {
        Path work = ProcessTestSupport.freshDirectory("stock");
        sink = SinkSmtpServer.builder(work.resolve("sink")).start();
        smtpPort = ProcessTestSupport.freePort();
        int webAdminPort = ProcessTestSupport.freePort();
        ConfPreparer.Settings settings = ConfPreparer.Settings.builder()
            .smtpPort(smtpPort)
            .imapPort(ProcessTestSupport.freePort())
            .webAdminPort(webAdminPort)
            .gateway("127.0.0.1", sink.port())
            .otherPorts(port -> ProcessTestSupport.freePort())
            .stock(true)
            .build();
        dir = JamesWorkDir.create(work.resolve("james"), ProcessTestSupport.shippedConf(), settings, List.of());
        james = JamesProcess.start(ProcessTestSupport.jamesLib(), dir.root(), ProcessTestSupport.JAMES_JVM);
        killOnExit = new Thread(() -> james.process().destroyForcibly());
        Runtime.getRuntime().addShutdownHook(killOnExit);
        james.awaitStarted(Duration.ofSeconds(90));
        // as bin/demo does: alice is a local user, so her mail is "own mail" that DKIMSign signs
        WebAdminClient webAdmin = new WebAdminClient("127.0.0.1", webAdminPort, Duration.ofSeconds(10));
        webAdmin.awaitReady(Duration.ofSeconds(30));
        webAdmin.ensureDomain("border.test");
        webAdmin.ensureUser(SENDER, "secret");
    }

    @AfterAll
    static void stopJames() {
        if (james != null) {
            james.close();
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        }
        if (sink != null) {
            sink.close();
        }
    }

    @Test
    void jamesStartsWithoutTheJarAndWithoutAnyClassOfOurs() throws IOException {
        assertThat(dir.extensionsJars()).isEmptyDirectory();
        // comments may still name our classes (the shipped conf's commented examples); elements may not
        assertThat(Files.readString(dir.conf().resolve("mailetcontainer.xml"), UTF_8).replaceAll("(?s)<!--.*?-->", ""))
            .doesNotContain("org.bordertransport.mailets").doesNotContain("org.bordertransport.matchers")
            .contains("org.apache.james.jdkim.mailets.DKIMSign");
        assertThat(Files.readString(dir.conf().resolve("smtpserver.xml"), UTF_8)).doesNotContain("bordertransport");
        assertThat(james.log()).contains("JAMES server started").doesNotContain("ClassNotFoundException");
    }

    @Test
    void mailLeavesAsJamesAloneSendsIt() throws IOException {
        String recipient = "stock-" + UUID.randomUUID() + "@example.com";

        String reply = new SmtpClient("127.0.0.1", smtpPort, Duration.ofSeconds(30)).send(SENDER, List.of(recipient),
            ("From: " + SENDER + "\r\nTo: " + recipient + "\r\nSubject: stock\r\n"
                + "Message-ID: <abc@exch01.corp.local>\r\n\r\nHello\r\n").getBytes(UTF_8));

        assertThat(reply).startsWith("250");
        StoredMessage delivered = awaitDelivery(recipient);
        assertThat(MessageHeaders.parse(delivered.content()).all("Message-ID"))
            .containsExactly("<abc@exch01.corp.local>");
        assertThat(MessageHeaders.parse(delivered.content()).first("DKIM-Signature")).isPresent();
        assertThat(delivered.mailFrom()).isEqualTo(SENDER);
    }

    private static StoredMessage awaitDelivery(String recipient) {
        try {
            return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> sink.storedMessages().stream()
                    .filter(message -> message.rcptTo().contains(recipient)).findFirst(), Optional::isPresent)
                .orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Nothing reached the sink for " + recipient + " within 60 s. James log:\n"
                + james.logTail(), e);
        }
    }
}
