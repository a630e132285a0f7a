package org.bordertransport.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.apache.james.FakeSearchMailboxModule;
import org.apache.james.GuiceJamesServer;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.dnsservice.dnsjava.DNSJavaService;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.impl.DNSPublicKeyRecordRetriever;
import org.apache.james.jdkim.impl.MultiplexingPublicKeyRecordRetriever;
import org.apache.james.metrics.dropwizard.DropWizardMetricFactory;
import org.apache.james.modules.RunArgumentsModule;
import org.apache.james.modules.protocols.ImapGuiceProbe;
import org.apache.james.modules.protocols.SmtpGuiceProbe;
import org.apache.james.util.Port;
import org.apache.james.utils.DataProbeImpl;
import org.apache.james.utils.SMTPMessageSender;
import org.apache.james.utils.TestIMAPClient;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Lookup;

import com.codahale.metrics.MetricRegistry;

/**
 * A real James 3.8.1 memory server in the test JVM, built from the modules {@code MemoryJamesServerMain} uses, from the
 * shipped {@code conf/} (see {@link ShippedConf}) copied to a temporary working directory. The Border Transport
 * mailets come from the drop-in jar on the test classpath. DNS is a {@link FakeDns}, so remote domains can be routed
 * to fake MXs in the test JVM. Users {@link #ALICE} and {@link #BOB} exist, with password {@link #PASSWORD}.
 */
public final class BorderJames implements AutoCloseable {
    public static final String DOMAIN = "border.test";
    public static final String PASSWORD = "secret";
    public static final String ALICE = "alice@" + DOMAIN;
    public static final String BOB = "bob@" + DOMAIN;
    public static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("border.it.timeout", 60));

    private final GuiceJamesServer server;
    private final Path workingDirectory;
    private final List<AutoCloseable> clients = new ArrayList<>();

    private BorderJames(GuiceJamesServer server, Path workingDirectory) {
        this.server = server;
        this.workingDirectory = workingDirectory;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, UnaryOperator<String>> edits = new LinkedHashMap<>();
        private DNSService dns = new FakeDns();

        private Builder() {
        }

        public Builder dns(DNSService dns) {
            this.dns = dns;
            return this;
        }

        /** Changes one shipped file for this server only; the edit must change something. */
        public Builder editConf(String fileName, UnaryOperator<String> edit) {
            UnaryOperator<String> previous = edits.getOrDefault(fileName, UnaryOperator.identity());
            edits.put(fileName, text -> {
                String before = previous.apply(text);
                String after = edit.apply(before);
                if (after.equals(before)) {
                    throw new IllegalArgumentException("Edit of " + fileName + " changed nothing");
                }
                return after;
            });
            return this;
        }

        /** Replaces the first occurrence of {@code literal}, which must be in the file. */
        public Builder replaceInConf(String fileName, String literal, String replacement) {
            return editConf(fileName, text -> {
                int at = text.indexOf(literal);
                if (at < 0) {
                    throw new IllegalArgumentException(fileName + " has no '" + literal + "'");
                }
                return text.substring(0, at) + replacement + text.substring(at + literal.length());
            });
        }

        /** Starts the server (throws what James throws when the configuration is wrong) and creates the users. */
        public BorderJames start() throws Exception {
            Path workingDirectory = Files.createTempDirectory("border-james-");
            GuiceJamesServer server = null;
            try {
                ShippedConf.copyForTest(workingDirectory.resolve("conf"), edits);
                MemoryJamesConfiguration configuration = MemoryJamesConfiguration.builder()
                    .workingDirectory(workingDirectory.toFile())
                    .build();
                DNSService fakeDns = dns;
                // the modules MemoryJamesServerMain.main() runs (the stock image's entry point), DNS replaced;
                // but not JMXServerModule: its MBeans stay registered in the JVM and a second server would clash
                server = MemoryJamesServerMain.createServer(configuration)
                    .combineWith(new FakeSearchMailboxModule())
                    .overrideWith(RunArgumentsModule.EMPTY, binder -> {
                        binder.bind(DNSService.class).toInstance(fakeDns);
                        if (fakeDns instanceof FakeDns) {
                            binder.bind(DNSJavaService.class).toInstance(new FakeDnsJava((FakeDns) fakeDns));
                            // James's DKIMMailetModule builds its key retriever on dnsjava's default resolver of the
                            // moment, before FakeDnsJava sets ours: DKIMVerify gets the fake DNS's resolver instead
                            binder.bind(PublicKeyRecordRetriever.class).toInstance(
                                new MultiplexingPublicKeyRecordRetriever("dns",
                                    new DNSPublicKeyRecordRetriever(((FakeDns) fakeDns).resolver())));
                        }
                    });
                server.start();
                DataProbeImpl data = server.getProbe(DataProbeImpl.class);
                data.addUser(ALICE, PASSWORD);
                data.addUser(BOB, PASSWORD);
                return new BorderJames(server, workingDirectory);
            } catch (Exception | Error e) {
                stopQuietly(server);
                deleteRecursively(workingDirectory);
                throw e;
            }
        }
    }

    public GuiceJamesServer server() {
        return server;
    }

    public Path workingDirectory() {
        return workingDirectory;
    }

    public int smtpPort() {
        return server.getProbe(SmtpGuiceProbe.class).getSmtpPort().getValue();
    }

    public int imapPort() {
        return server.getProbe(ImapGuiceProbe.class).getImapPort();
    }

    public void addUser(String address) throws Exception {
        server.getProbe(DataProbeImpl.class).addUser(address, PASSWORD);
    }

    /** Sends {@code rawMessage} as is over SMTP, unauthenticated from 127.0.0.1 (an authorized network). */
    public void send(String from, List<String> recipients, String rawMessage) throws IOException {
        send("client.example", from, recipients, rawMessage);
    }

    /** As {@link #send(String, List, String)}, saying {@code HELO heloName}. */
    public void send(String heloName, String from, List<String> recipients, String rawMessage) throws IOException {
        try (SMTPMessageSender sender = new SMTPMessageSender(heloName)) {
            sender.connect("127.0.0.1", Port.of(smtpPort()))
                .sendMessageWithHeaders(from, recipients, rawMessage);
        }
    }

    /** An IMAP session of {@code user} with INBOX selected; closed with this server. */
    public TestIMAPClient imap(String user) throws IOException {
        TestIMAPClient client = new TestIMAPClient();
        clients.add(client);
        return client.connect("127.0.0.1", imapPort()).login(user, PASSWORD).select(TestIMAPClient.INBOX);
    }

    /**
     * Waits until {@code user}'s INBOX holds exactly one message and returns it, fetched over IMAP in a session
     * opened after it arrived. James sends unsolicited updates between commands (the waiting session's, and a new
     * session's when more mail arrives meanwhile, a bounce say), and commons-net's client takes such a line for the
     * FETCH reply now and then (CI: "unexpected IMAP protocol response from server: ')'"): a fetch that fails so is
     * made again in a new session until the deadline.
     */
    public ImapMessage awaitSingleMessage(String user) throws IOException {
        imap(user).awaitMessageCount(await(), 1);
        return await().ignoreExceptionsInstanceOf(IOException.class)
            .until(() -> ImapMessage.parse(imap(user).readFirstMessage()), message -> true);
    }

    /** Waits until {@code user}'s INBOX holds exactly {@code count} messages and returns them, oldest first. */
    public List<ImapMessage> awaitMessages(String user, int count) throws IOException {
        imap(user).awaitMessageCount(await(), count);
        // in a session opened after they arrived, again in a new one when the client misreads a reply
        return await().ignoreExceptionsInstanceOf(IOException.class).until(() -> {
            TestIMAPClient client = imap(user);
            List<ImapMessage> messages = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                messages.add(ImapMessage.parse(client.sendCommand("FETCH " + i + " (BODY[])")));
            }
            return messages;
        }, messages -> true);
    }

    public static ConditionFactory await() {
        return Awaitility.await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100));
    }

    @Override
    public void close() throws IOException {
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception e) {
                // the server goes away next anyway
            }
        }
        stopQuietly(server);
        deleteRecursively(workingDirectory);
    }

    private static void stopQuietly(GuiceJamesServer server) {
        if (server != null) {
            try {
                server.stop();
            } catch (RuntimeException e) {
                // a server that failed to start may not stop cleanly: nothing is left to release
            }
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * James's dnsjava service still starts when {@link DNSService} is replaced, and sets dnsjava's default resolver
     * and cache, which James's SPF mailet (jSPF on dnsjava) then uses. This one sets the fake DNS's resolver and an
     * empty cache instead, so SPF checks see the test's records and nothing a previous server cached.
     */
    private static final class FakeDnsJava extends DNSJavaService {
        private final FakeDns dns;

        FakeDnsJava(FakeDns dns) {
            super(new DropWizardMetricFactory(new MetricRegistry()));
            this.dns = dns;
        }

        @Override
        public void init() {
            Lookup.setDefaultResolver(dns.resolver());
            Lookup.setDefaultCache(new Cache(DClass.IN), DClass.IN);
        }
    }
}
