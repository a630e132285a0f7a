package org.bordertransport.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkSmtpServerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T10:15:30Z"), ZoneOffset.UTC);

    @TempDir
    Path out;

    private final List<SinkSmtpServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(SinkSmtpServer::close);
    }

    private SinkSmtpServer start(SinkSmtpServer.Builder builder) throws IOException {
        SinkSmtpServer server = builder.clock(CLOCK).start();
        servers.add(server);
        return server;
    }

    private SinkSmtpServer start() throws IOException {
        return start(SinkSmtpServer.builder(out));
    }

    /** Connects and says EHLO. */
    private static RawSmtpConnection greeted(SinkSmtpServer server) throws IOException {
        RawSmtpConnection smtp = new RawSmtpConnection(server.port());
        assertThat(smtp.reply()).startsWith("220 ");
        assertThat(smtp.command("EHLO test.example")).startsWith("250-").endsWith("250 HELP");
        return smtp;
    }

    @Nested
    class Storing {
        @Test
        void storesExactBytesDotUnstuffedAndTheEnvelope() throws IOException {
            SinkSmtpServer server = start();
            try (RawSmtpConnection smtp = greeted(server)) {
                assertThat(smtp.command("MAIL FROM:<alice@border.test> BODY=8BITMIME SMTPUTF8")).startsWith("250");
                assertThat(smtp.command("RCPT TO:<bob@example.com>")).startsWith("250");
                assertThat(smtp.command("RCPT TO:<carol@example.org>")).startsWith("250");
                assertThat(smtp.command("DATA")).startsWith("354");
                smtp.write("Subject: caf\u00e9\r\n\r\n..leading dot\r\n..\r\nline with bare LF\nlast\r\n.\r\n");
                assertThat(smtp.reply()).isEqualTo("250 2.0.0 Ok: queued as 0001");
            }

            assertThat(Files.readString(out.resolve("0001.eml"), UTF_8))
                .isEqualTo("Subject: caf\u00e9\r\n\r\n.leading dot\r\n.\r\nline with bare LF\nlast\r\n");
            assertThat(Files.readString(out.resolve("0001.envelope.json"), UTF_8)).isEqualTo(
                "{\"mailFrom\":\"alice@border.test\",\"rcptTo\":[\"bob@example.com\",\"carol@example.org\"],"
                    + "\"receivedAt\":\"2024-05-01T10:15:30Z\"}\n");
            assertThat(server.storedMessages()).singleElement().satisfies(message -> {
                assertThat(message.number()).isEqualTo(1);
                assertThat(message.mailFrom()).isEqualTo("alice@border.test");
                assertThat(message.rcptTo()).containsExactly("bob@example.com", "carol@example.org");
                assertThat(message.size()).isEqualTo(Files.size(out.resolve("0001.eml")));
            });
        }

        @Test
        void storesWhatSmtpClientSendsByteForByte() throws IOException {
            SinkSmtpServer server = start();
            byte[] message = ("From: a@b.test\r\nTo: c@d.test\r\n\r\n.\r\n..\r\n.x\r\nend").getBytes(UTF_8);

            String reply = new SmtpClient("127.0.0.1", server.port(), Duration.ofSeconds(5))
                .send("a@b.test", List.of("c@d.test"), message);

            assertThat(reply).startsWith("250");
            // the client adds the final CRLF a message needs before the terminating dot
            assertThat(server.storedMessages().get(0).content())
                .isEqualTo(("From: a@b.test\r\nTo: c@d.test\r\n\r\n.\r\n..\r\n.x\r\nend\r\n").getBytes(UTF_8));
        }

        @Test
        void numbersMessagesInOneSessionAndAfterFilesAlreadyThere() throws IOException {
            Files.writeString(out.resolve("0041.eml"), "old");
            Files.writeString(out.resolve("notes.eml"), "not numbered");
            SinkSmtpServer server = start();
            SmtpClient client = new SmtpClient("127.0.0.1", server.port(), Duration.ofSeconds(5));

            client.send("", List.of("x@example.com"), "Subject: one\r\n\r\n1\r\n".getBytes(UTF_8));
            try (RawSmtpConnection smtp = greeted(server)) {
                for (int i = 0; i < 2; i++) {
                    smtp.command("MAIL FROM:<a@example.com>");
                    smtp.command("RCPT TO:<b@example.com>");
                    smtp.command("DATA");
                    smtp.write("Subject: again\r\n\r\nx\r\n.\r\n");
                    assertThat(smtp.reply()).isEqualTo("250 2.0.0 Ok: queued as 00" + (43 + i));
                }
            }

            assertThat(server.storedMessages()).extracting(StoredMessage::number).containsExactly(42, 43, 44);
            assertThat(Files.readString(out.resolve("0042.envelope.json"))).startsWith("{\"mailFrom\":\"\",");
            assertThat(Files.readString(out.resolve("0041.eml"))).isEqualTo("old");
        }

        @Test
        void escapesTheEnvelopeAsJson() throws IOException {
            SinkSmtpServer server = start();
            try (RawSmtpConnection smtp = greeted(server)) {
                assertThat(smtp.command("MAIL FROM:<\"odd\\\"one>\\\\\"@example.com>")).startsWith("250");
                assertThat(smtp.command("RCPT TO:<@relay.example:j\u00f6rg@example.com>")).startsWith("250");
                smtp.command("DATA");
                smtp.write("x\r\n.\r\n");
                assertThat(smtp.reply()).startsWith("250");
            }

            assertThat(Files.readString(out.resolve("0001.envelope.json"), UTF_8)).startsWith(
                "{\"mailFrom\":\"\\\"odd\\\\\\\"one>\\\\\\\\\\\"@example.com\",\"rcptTo\":[\"j\u00f6rg@example.com\"]");
        }

        @Test
        void tellsTheListenerAfterBothFilesAreInPlace() throws IOException {
            List<Boolean> filesPresent = new CopyOnWriteArrayList<>();
            SinkSmtpServer server = start(SinkSmtpServer.builder(out).onStored(message -> filesPresent.add(
                Files.exists(message.emlFile()) && Files.exists(message.envelopeFile()))));

            new SmtpClient("127.0.0.1", server.port(), Duration.ofSeconds(5))
                .send("a@example.com", List.of("b@example.com"), "x\r\n".getBytes(UTF_8));

            assertThat(filesPresent).containsExactly(true);
            try (Stream<Path> files = Files.list(out)) {
                assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder("0001.eml", "0001.envelope.json");
            }
        }

        @Test
        void rsetForgetsTheTransaction() throws IOException {
            SinkSmtpServer server = start();
            try (RawSmtpConnection smtp = greeted(server)) {
                smtp.command("MAIL FROM:<a@example.com>");
                smtp.command("RCPT TO:<first@example.com>");
                assertThat(smtp.command("RSET")).startsWith("250");
                assertThat(smtp.command("RCPT TO:<b@example.com>")).startsWith("503");
                smtp.command("MAIL FROM:<a@example.com>");
                smtp.command("RCPT TO:<second@example.com>");
                smtp.command("DATA");
                smtp.write("x\r\n.\r\n");
                assertThat(smtp.reply()).startsWith("250");
                assertThat(smtp.command("NOOP")).startsWith("250");
                assertThat(smtp.command("QUIT")).startsWith("221");
                assertThat(smtp.closedByServer()).isTrue();
            }

            assertThat(server.storedMessages()).singleElement()
                .satisfies(message -> assertThat(message.rcptTo()).containsExactly("second@example.com"));
        }
    }

    @Nested
    class Protocol {
        @Test
        void advertisesEightBitSmtpUtf8AndSize() throws IOException {
            SinkSmtpServer server = start(SinkSmtpServer.builder(out).maxMessageBytes(1000));
            try (RawSmtpConnection smtp = new RawSmtpConnection(server.port())) {
                smtp.reply();
                assertThat(smtp.command("EHLO me").split("\n"))
                    .contains("250-8BITMIME", "250-SMTPUTF8", "250-SIZE 1000");
            }
        }

        @Test
        void refusesCommandsOutOfSequence() throws IOException {
            SinkSmtpServer server = start();
            try (RawSmtpConnection smtp = new RawSmtpConnection(server.port())) {
                smtp.reply();
                assertThat(smtp.command("MAIL FROM:<a@example.com>")).startsWith("503");
                assertThat(smtp.command("HELO me")).startsWith("250");
                assertThat(smtp.command("RCPT TO:<b@example.com>")).startsWith("503");
                assertThat(smtp.command("DATA")).startsWith("503");
                assertThat(smtp.command("MAIL FROM:<a@example.com>")).startsWith("250");
                assertThat(smtp.command("MAIL FROM:<a@example.com>")).startsWith("503");
                assertThat(smtp.command("DATA")).startsWith("554");
                assertThat(smtp.command("RCPT TO:<>")).startsWith("501");
                assertThat(smtp.command("RCPT TO:b@example.com")).startsWith("501");
                assertThat(smtp.command("STARTTLS")).startsWith("502");
                assertThat(smtp.command("FOO")).startsWith("500");
                assertThat(smtp.command("VRFY x")).startsWith("252");
            }
            assertThat(server.storedMessages()).isEmpty();
        }

        @Test
        void rejectsUnknownParameters() throws IOException {
            SinkSmtpServer server = start();
            try (RawSmtpConnection smtp = greeted(server)) {
                assertThat(smtp.command("MAIL FROM:<a@example.com> XYZ=1")).startsWith("555");
                assertThat(smtp.command("MAIL FROM:<a@example.com> SIZE=abc")).startsWith("501");
                assertThat(smtp.command("MAIL FROM:<a@example.com> SIZE=10")).startsWith("250");
                assertThat(smtp.command("RCPT TO:<b@example.com> XYZ")).startsWith("555");
                assertThat(smtp.command("RCPT TO:<b@example.com> NOTIFY=NEVER")).startsWith("250");
            }
        }

        @Test
        void closesAfterTooManyBadCommands() throws IOException {
            SinkSmtpServer server = start(SinkSmtpServer.builder(out).maxBadCommands(3));
            try (RawSmtpConnection smtp = new RawSmtpConnection(server.port())) {
                smtp.reply();
                assertThat(smtp.command("BAD")).startsWith("500");
                assertThat(smtp.command("BAD")).startsWith("500");
                assertThat(smtp.command("BAD")).startsWith("421");
                assertThat(smtp.closedByServer()).isTrue();
            }
        }
    }

    @Nested
    class Limits {
        @Test
        void refusesAnAnnouncedSizeOverTheLimit() throws IOException {
            SinkSmtpServer server = start(SinkSmtpServer.builder(out).maxMessageBytes(100));
            try (RawSmtpConnection smtp = greeted(server)) {
                assertThat(smtp.command("MAIL FROM:<a@example.com> SIZE=101")).startsWith("552 5.3.4");
                assertThat(smtp.command("MAIL FROM:<a@example.com> SIZE=100")).startsWith("250");
            }
        }

        @Test
        void refusesAndDropsAMessageOverTheLimitButKeepsTheSession() throws IOException {
            SinkSmtpServer server = start(SinkSmtpServer.builder(out).maxMessageBytes(100));
            try (RawSmtpConnection smtp = greeted(server)) {
                smtp.command("MAIL FROM:<a@example.com>");
                smtp.command("RCPT TO:<b@example.com>");
                smtp.command("DATA");
                smtp.write("x".repeat(60) + "\r\n" + "y".repeat(60) + "\r\n" + "z".repeat(5000) + "\r\n.\r\n");
                assertThat(smtp.reply()).startsWith("552 5.3.4");

                smtp.command("MAIL FROM:<a@example.com>");
                smtp.command("RCPT TO:<b@example.com>");
                smtp.command("DATA");
                smtp.write("x".repeat(98) + "\r\n.\r\n");
                assertThat(smtp.reply()).startsWith("250");
            }
            assertThat(server.storedMessages()).singleElement()
                .satisfies(message -> assertThat(message.size()).isEqualTo(100));
        }

        @Test
        void refusesRecipientsOverTheLimit() throws IOException {
            SinkSmtpServer server = start(SinkSmtpServer.builder(out).maxRecipients(2));
            try (RawSmtpConnection smtp = greeted(server)) {
                smtp.command("MAIL FROM:<a@example.com>");
                assertThat(smtp.command("RCPT TO:<1@example.com>")).startsWith("250");
                assertThat(smtp.command("RCPT TO:<2@example.com>")).startsWith("250");
                assertThat(smtp.command("RCPT TO:<3@example.com>")).startsWith("452 4.5.3");
                smtp.command("DATA");
                smtp.write("x\r\n.\r\n");
                assertThat(smtp.reply()).startsWith("250");
            }
            assertThat(server.storedMessages().get(0).rcptTo()).containsExactly("1@example.com", "2@example.com");
        }

        @Test
        void refusesTooLongCommandLines() throws IOException {
            SinkSmtpServer server = start(SinkSmtpServer.builder(out).maxCommandLineBytes(512));
            try (RawSmtpConnection smtp = greeted(server)) {
                assertThat(smtp.command("NOOP " + "x".repeat(600))).startsWith("500 5.5.2");
                assertThat(smtp.command("NOOP")).startsWith("250");
            }
        }

        @Test
        void refusesConnectionsOverTheLimit() throws IOException {
            SinkSmtpServer server = start(SinkSmtpServer.builder(out).maxConnections(1));
            try (RawSmtpConnection first = new RawSmtpConnection(server.port());
                 RawSmtpConnection second = new RawSmtpConnection(server.port())) {
                assertThat(first.reply()).startsWith("220");
                assertThat(second.reply()).startsWith("421 4.3.2");
                assertThat(second.closedByServer()).isTrue();
            }
            // the slot is given back when the first connection ends
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (RawSmtpConnection third = new RawSmtpConnection(server.port())) {
                    assertThat(third.reply()).startsWith("220");
                }
            });
        }

        @Test
        void dropsIdleConnections() throws IOException {
            SinkSmtpServer server = start(SinkSmtpServer.builder(out).readTimeout(Duration.ofMillis(300)));
            try (RawSmtpConnection smtp = greeted(server)) {
                long start = System.nanoTime();
                assertThat(smtp.closedByServer()).isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            }
        }

        @Test
        void endsSessionsThatLastTooLongEvenWhenTheClientIsNotSilent() throws IOException {
            SinkSmtpServer server = start(SinkSmtpServer.builder(out).readTimeout(Duration.ofSeconds(30))
                .maxSessionDuration(Duration.ofMillis(200)));
            try (RawSmtpConnection smtp = greeted(server)) {
                smtp.command("MAIL FROM:<a@example.com>");
                smtp.command("RCPT TO:<b@example.com>");
                smtp.command("DATA");
                long start = System.nanoTime();
                assertThat(smtp.closedByServer()).isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            }
            assertThat(server.storedMessages()).isEmpty();
        }

        @Test
        void saysGoodbyeToACommandAfterTheSessionLimit() throws IOException {
            SinkSmtpServer server = start(SinkSmtpServer.builder(out).maxSessionDuration(Duration.ofMillis(50)));
            try (RawSmtpConnection smtp = greeted(server)) {
                await().pollDelay(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5)).until(() -> true);
                assertThat(smtp.command("NOOP")).startsWith("421 4.4.2");
            }
        }

        @Test
        void dropsAMessageCutOffInTheMiddle() throws IOException {
            SinkSmtpServer server = start();
            try (RawSmtpConnection smtp = greeted(server)) {
                smtp.command("MAIL FROM:<a@example.com>");
                smtp.command("RCPT TO:<b@example.com>");
                smtp.command("DATA");
                smtp.write("Subject: cut\r\n\r\nno end");
            }
            // the session notices the closed connection; nothing is stored, not even partly
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> server.storedMessages().isEmpty());
            try (Stream<Path> files = Files.list(out)) {
                assertThat(files).isEmpty();
            }
        }

        @Test
        void rejectsBadSettings() {
            SinkSmtpServer.Builder builder = SinkSmtpServer.builder(out);
            assertThatThrownBy(() -> builder.maxMessageBytes(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxMessageBytes");
            assertThatThrownBy(() -> builder.port(70000)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> builder.readTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> builder.maxCommandLineBytes(100)).hasMessageContaining("RFC 5321");
        }

        @Test
        void failsToStartOnABusyPortNamingIt() throws IOException {
            try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                assertThatThrownBy(() -> start(SinkSmtpServer.builder(out).port(busy.getLocalPort())))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(":" + busy.getLocalPort());
            }
        }
    }

    @Test
    void handlesConcurrentSendersWithoutMixingMessages() throws Exception {
        SinkSmtpServer server = start();
        List<Thread> senders = IntStream.range(0, 8).mapToObj(i -> new Thread(() -> {
            try {
                new SmtpClient("127.0.0.1", server.port(), Duration.ofSeconds(10))
                    .send("s" + i + "@example.com", List.of("r" + i + "@example.com"),
                        ("Subject: " + i + "\r\n\r\n" + ("body " + i + "\r\n").repeat(200)).getBytes(UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        })).collect(Collectors.toList());
        senders.forEach(Thread::start);
        for (Thread sender : senders) {
            sender.join(20_000);
        }

        assertThat(server.storedMessages()).hasSize(8);
        for (StoredMessage message : server.storedMessages()) {
            String sender = message.mailFrom();
            String i = sender.substring(1, sender.indexOf('@'));
            assertThat(message.rcptTo()).containsExactly("r" + i + "@example.com");
            assertThat(new String(message.content(), UTF_8))
                .isEqualTo("Subject: " + i + "\r\n\r\n" + ("body " + i + "\r\n").repeat(200));
        }
        assertThat(server.storedMessages()).extracting(StoredMessage::number)
            .containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
    }
}
