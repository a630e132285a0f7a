package org.bordertransport.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.awaitility.core.ConditionTimeoutException;
import org.bordertransport.core.messageid.MessageIdKeys;
import org.bordertransport.core.messageid.PublicMessageIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.Testcontainers;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The Docker path of docker-compose.yml: the stock {@code apache/james:memory-3.8.1} image, the drop-in jar in
 * {@code /root/extensions-jars/}, the shipped conf mounted and copied to {@code /root/conf} by
 * {@code docker/james-entrypoint.sh}, which points RemoteDelivery at a sink in this JVM. Skipped (reported as such)
 * where no Docker engine is reachable.
 */
@org.testcontainers.junit.jupiter.Testcontainers(disabledWithoutDocker = true)
class DockerImageIT {
    private static final String IMAGE = "apache/james:memory-3.8.1";
    private static final String SENDER = "alice@border.test";

    private static SinkSmtpServer sink;
    private static GenericContainer<?> james;

    @BeforeAll
    static void startImage() throws IOException {
        Path work = ProcessTestSupport.freshDirectory("docker");
        sink = SinkSmtpServer.builder(work.resolve("sink")).start();
        Testcontainers.exposeHostPorts(sink.port());
        Path demo = ProcessTestSupport.property("border.demo.dir");
        james = new GenericContainer<>(DockerImageName.parse(IMAGE))
            .withCopyFileToContainer(MountableFile.forHostPath(ProcessTestSupport.dropInJar()),
                "/root/extensions-jars/border-transport.jar")
            .withCopyFileToContainer(MountableFile.forHostPath(ProcessTestSupport.shippedConf()),
                "/opt/border-transport/conf")
            .withCopyFileToContainer(MountableFile.forHostPath(demo.resolve("docker/james-entrypoint.sh"), 0755),
                "/opt/border-transport/entrypoint.sh")
            .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("sh", "/opt/border-transport/entrypoint.sh"))
            .withEnv("GATEWAY_HOST", "host.testcontainers.internal")
            .withEnv("GATEWAY_PORT", String.valueOf(sink.port()))
            .withEnv("WEBADMIN_HOST", "0.0.0.0")
            .withExposedPorts(25, 8000)
            .waitingFor(Wait.forLogMessage(".*JAMES server started.*", 1)
                .withStartupTimeout(Duration.ofMinutes(3)));
        james.start();
        // from the host, connections come through Docker's network, not 127.0.0.0/8: relaying needs SMTP AUTH
        WebAdminClient webAdmin = new WebAdminClient(james.getHost(), james.getMappedPort(8000),
            Duration.ofSeconds(10));
        webAdmin.awaitReady(Duration.ofSeconds(60));
        webAdmin.ensureDomain("border.test");
        webAdmin.ensureUser(SENDER, "secret");
    }

    @AfterAll
    static void stopImage() {
        if (james != null) {
            james.stop();
        }
        if (sink != null) {
            sink.close();
        }
    }

    @Test
    void mailLeavesTheImageWithOurMessageIds() throws IOException {
        String noId = "no-id-" + UUID.randomUUID() + "@example.com";
        String internal = "internal-" + UUID.randomUUID() + "@example.com";

        send(noId, "From: " + SENDER + "\r\nTo: " + noId + "\r\nSubject: no Message-ID\r\n\r\nHello\r\n");
        send(internal, "From: " + SENDER + "\r\nTo: " + internal + "\r\nSubject: internal\r\n"
            + "Message-ID: <abc@exch01.corp.local>\r\n\r\nHello\r\n");

        assertThat(MessageHeaders.parse(awaitDelivery(noId).content()).all("Message-ID"))
            .singleElement().asString().endsWith("@border.test>").doesNotContain("JavaMail");
        StoredMessage leaked = awaitDelivery(internal);
        String messageId = MessageHeaders.parse(leaked.content()).first("Message-ID").orElseThrow();
        assertThat(new String(leaked.content(), UTF_8)).doesNotContain("corp.local");
        assertThat(new PublicMessageIds(MessageIdKeys.parse(ProcessTestSupport.SAMPLE_KEYS), "border.test")
            .toInternal(messageId.substring(1, messageId.length() - 1))).contains("abc@exch01.corp.local");
    }

    private static void send(String recipient, String message) throws IOException {
        new SmtpClient(james.getHost(), james.getMappedPort(25), Duration.ofSeconds(30))
            .withPlainAuth(SENDER, "secret")
            .send(SENDER, List.of(recipient), message.getBytes(UTF_8));
    }

    private static StoredMessage awaitDelivery(String recipient) {
        try {
            return await().atMost(Duration.ofSeconds(60))
                .until(() -> sink.storedMessages().stream()
                    .filter(message -> message.rcptTo().contains(recipient)).findFirst(), Optional::isPresent)
                .orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Nothing reached the sink for " + recipient + " within 60 s. James log:\n"
                + james.getLogs(), e);
        }
    }
}
