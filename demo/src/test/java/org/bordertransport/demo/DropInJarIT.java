package org.bordertransport.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;
import org.bordertransport.core.messageid.MessageIdKeys;
import org.bordertransport.core.messageid.MessageIdSyntax;
import org.bordertransport.core.messageid.PublicMessageIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The drop-in jar in a stock James 3.8.1 running as its own process: only James's runtime libraries on its
 * classpath, the shaded jar in {@code extensions-jars/}, the shipped conf (ports and RemoteDelivery gateway
 * substituted). Remote mail goes to a {@link SinkSmtpServer} in this JVM.
 *
 * <p>If the jar needed a class James does not ship, James would exit at startup with a ClassNotFoundException and
 * {@link #startJames} would fail at once with James's log ({@link BrokenDropInJarIT} shows that it does).</p>
 */
class DropInJarIT {
    private static final String SENDER = "alice@border.test";

    private static SinkSmtpServer sink;
    private static JamesProcess james;
    private static int smtpPort;
    private static int webAdminPort;
    private static Thread killOnExit;

    @BeforeAll
    static void startJames() throws Exception {
        Path work = ProcessTestSupport.freshDirectory("dropin");
        sink = SinkSmtpServer.builder(work.resolve("sink")).start();
        smtpPort = ProcessTestSupport.freePort();
        webAdminPort = ProcessTestSupport.freePort();
        JamesWorkDir dir = JamesWorkDir.create(work.resolve("james"), ProcessTestSupport.shippedConf(),
            ProcessTestSupport.localSettings(smtpPort, ProcessTestSupport.freePort(), webAdminPort, sink.port()),
            List.of(ProcessTestSupport.dropInJar()));
        james = JamesProcess.start(ProcessTestSupport.jamesLib(), dir.root(), ProcessTestSupport.JAMES_JVM);
        killOnExit = new Thread(() -> james.process().destroyForcibly());
        Runtime.getRuntime().addShutdownHook(killOnExit);
        james.awaitStarted(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stopJames() {
        if (james != null) {
            System.out.println("DropInJarIT: James started in " + james.readyAfterMillis() + " ms, RSS "
                + james.residentKib().orElse(-1) / 1024 + " MB");
            james.close();
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        }
        if (sink != null) {
            sink.close();
        }
    }

    @Test
    void jamesRunsWithOnlyItsOwnLibrariesAndTheJarInExtensionsJars() throws IOException {
        try (Stream<Path> jars = Files.list(ProcessTestSupport.jamesLib())) {
            assertThat(jars.map(jar -> jar.getFileName().toString()))
                .contains("james-server-memory-app-3.8.1.jar")
                .noneMatch(name -> name.startsWith("border-transport"));
        }
        List<String> arguments = List.of(james.process().info().arguments().orElse(new String[0]));
        assertThat(arguments).contains(ProcessTestSupport.jamesLib() + "/*", JamesProcess.MAIN_CLASS)
            .noneMatch(argument -> argument.contains("border-transport"));
        assertThat(james.log()).contains("JAMES server started").doesNotContain("ClassNotFoundException");
    }

    @Test
    void theWebAdminRoutesAreLoadedFromTheJarInExtensionsJars() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
            "http://127.0.0.1:" + webAdminPort + "/border/policy/domains/plaintext.example.net")).GET().build(),
            HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"name\":\"Plain-text partner\"", "\"decidedBy\":\"EXACT_DOMAIN\"");
        assertThat(james.log()).contains("Loading WebAdmin route extension org.bordertransport.webadmin.PolicyRoutes",
            "Loading WebAdmin route extension org.bordertransport.webadmin.ConvertRoutes");
    }

    @Test
    void mailWithoutMessageIdLeavesWithOneOnTheDefaultDomain() throws IOException {
        String recipient = "no-id-" + UUID.randomUUID() + "@example.com";

        send(recipient, "From: " + SENDER + "\r\nTo: " + recipient + "\r\nSubject: no Message-ID\r\n\r\nHello\r\n");

        MessageHeaders headers = MessageHeaders.parse(awaitDelivery(recipient).content());
        assertThat(headers.all("Message-ID")).singleElement().satisfies(id -> {
            assertThat(id).endsWith("@border.test>").doesNotContain("JavaMail");
            assertThat(MessageIdSyntax.check(id)).isEqualTo(MessageIdSyntax.Status.VALID);
        });
    }

    @Test
    void internalMessageIdsLeaveAsPublicOnesThatDecryptBack() throws IOException {
        String recipient = "internal-" + UUID.randomUUID() + "@example.com";

        send(recipient, "From: " + SENDER + "\r\nTo: " + recipient + "\r\nSubject: internal IDs\r\n"
            + "Message-ID: <abc@exch01.corp.local>\r\n"
            + "References: <first@exch01.corp.local> <thread@lists.example.org>\r\n"
            + "In-Reply-To: <first@exch01.corp.local>\r\n\r\nHello\r\n");

        StoredMessage delivered = awaitDelivery(recipient);
        String text = new String(delivered.content(), UTF_8);
        MessageHeaders headers = MessageHeaders.parse(delivered.content());
        PublicMessageIds codec = new PublicMessageIds(MessageIdKeys.parse(ProcessTestSupport.SAMPLE_KEYS),
            "border.test");
        String messageId = headers.first("Message-ID").orElseThrow();
        String inReplyTo = headers.first("In-Reply-To").orElseThrow();
        assertThat(text).doesNotContain("corp.local");
        assertThat(messageId).startsWith("<sample.").endsWith("@border.test>");
        assertThat(codec.toInternal(strip(messageId))).contains("abc@exch01.corp.local");
        assertThat(codec.toInternal(strip(inReplyTo))).contains("first@exch01.corp.local");
        assertThat(headers.first("References").orElseThrow())
            .isEqualTo(inReplyTo + " <thread@lists.example.org>");
    }

    @Test
    void publicMessageIdsLeaveUnchanged() throws IOException {
        String recipient = "public-" + UUID.randomUUID() + "@example.com";
        String messageId = "<" + UUID.randomUUID() + "@mail.example.org>";

        send(recipient, "From: " + SENDER + "\r\nTo: " + recipient + "\r\nSubject: public ID\r\n"
            + "Message-ID: " + messageId + "\r\n\r\nHello\r\n");

        assertThat(MessageHeaders.parse(awaitDelivery(recipient).content()).all("Message-ID"))
            .containsExactly(messageId);
    }

    private static void send(String recipient, String message) throws IOException {
        String reply = new SmtpClient("127.0.0.1", smtpPort, Duration.ofSeconds(30))
            .send(SENDER, List.of(recipient), message.getBytes(UTF_8));
        assertThat(reply).startsWith("250");
    }

    /** The message for {@code recipient} in the sink, waiting for RemoteDelivery; fails with James's log. */
    private static StoredMessage awaitDelivery(String recipient) {
        try {
            return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> find(recipient), Optional::isPresent)
                .orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Nothing reached the sink for " + recipient + " within 60 s. James log:\n"
                + james.logTail(), e);
        }
    }

    private static Optional<StoredMessage> find(String recipient) {
        if (!james.isAlive()) {
            throw new AssertionError("James died:\n" + james.logTail());
        }
        return sink.storedMessages().stream().filter(message -> message.rcptTo().contains(recipient)).findFirst();
    }

    private static String strip(String id) {
        return id.substring(1, id.length() - 1);
    }
}
