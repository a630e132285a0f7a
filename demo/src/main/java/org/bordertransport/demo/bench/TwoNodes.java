package org.bordertransport.demo.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bordertransport.demo.MessageHeaders;
import org.bordertransport.demo.SinkSmtpServer;
import org.bordertransport.demo.SmtpClient;
import org.bordertransport.demo.StoredMessage;

/**
 * Two James nodes with Border Transport in separate JVMs, sharing the shipped conf (so the SRS secrets and the
 * Message-ID keys) and one sink, under concurrent load:
 * <ol>
 *   <li>Outlook-style mail without Message-ID goes to both nodes at once, from several client threads: every copy at
 *   the sink must have a Message-ID, and no two the same;</li>
 *   <li>meanwhile, mail forwarded by one node gets an SRS sender, and a bounce to that address sent to the
 *   <em>other</em> node must reach the original sender, in both directions;</li>
 *   <li>a reply from outside to the public Message-ID one node made must reach a local mailbox on the other node with
 *   the internal Message-ID restored (read over IMAP), in both directions.</li>
 * </ol>
 * {@code main}: {@code bin/bench-two-nodes} (100,000 Message-IDs by default); {@code TwoNodesIT} runs it small.
 */
public final class TwoNodes {
    static final String INTERNAL_ID = "<DB9PR01MB1234.1@exch01.corp.local>";
    private static final Pattern SUBJECT_N = Pattern.compile("^Subject: id-(\\d+)$", Pattern.MULTILINE);

    /** What the run found. */
    public static final class Report {
        public long idsSent;
        public long idsArrived;
        public long idsDistinct;
        public long idsMissing;
        public final List<String> srs = new ArrayList<>();
        public final List<String> threading = new ArrayList<>();
        public final List<String> failures = new ArrayList<>();
        public double seconds;

        public boolean passed() {
            return failures.isEmpty();
        }
    }

    /** Fed by the sink's threads: id-N messages are counted, every other message is kept (few) for the checks. */
    private static final class SinkIndex {
        final Set<Integer> numbers = ConcurrentHashMap.newKeySet();
        final Set<String> messageIds = ConcurrentHashMap.newKeySet();
        final AtomicLong arrived = new AtomicLong();
        final List<String> problems = new CopyOnWriteArrayList<>();
        final List<StoredMessage> others = new CopyOnWriteArrayList<>();

        void record(StoredMessage message) {
            try {
                MessageHeaders headers = MessageHeaders.parse(message.content());
                Matcher n = SUBJECT_N.matcher("Subject: " + headers.first("Subject").orElse(""));
                if (!n.find()) {
                    others.add(message);
                    return;
                }
                arrived.incrementAndGet();
                numbers.add(Integer.parseInt(n.group(1)));
                List<String> found = headers.all("Message-ID");
                if (found.size() != 1) {
                    problems.add("id-" + n.group(1) + " arrived with " + found.size() + " Message-IDs");
                } else if (!messageIds.add(found.get(0))) {
                    problems.add("id-" + n.group(1) + " arrived with a Message-ID already seen: " + found.get(0));
                }
            } catch (IOException e) {
                problems.add(message.emlFile() + " cannot be read: " + e.getMessage());
            }
        }
    }

    private final Path repo;
    private final Path work;
    private final PrintStream out;

    public TwoNodes(Path repo, Path work, PrintStream out) {
        this.repo = repo;
        this.work = work;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Path repo = Paths.get(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int ids = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Path work = Files.createDirectories(repo.resolve("demo/target/bench-two-nodes/run-"
            + System.currentTimeMillis()));
        Report report = new TwoNodes(repo, work, System.out).run(ids, 20, 5, 8);
        System.exit(report.passed() ? 0 : 1);
    }

    /** Runs the three checks; {@code ids} messages without Message-ID over {@code clients} client threads. */
    public Report run(int ids, int srsPerDirection, int repliesPerDirection, int clients) throws Exception {
        Report report = new Report();
        SinkIndex sink = new SinkIndex();
        try (SinkSmtpServer server = SinkSmtpServer.builder(work.resolve("sink")).maxConnections(64)
            .onStored(sink::record).start();
             BenchNode a = BenchNode.start("A", repo, work.resolve("james-a"), false, server.port());
             BenchNode b = BenchNode.start("B", repo, work.resolve("james-b"), false, server.port())) {
            out.println("two nodes: A pid " + a.james.pid() + " (SMTP " + a.smtpPort + "), B pid " + b.james.pid()
                + " (SMTP " + b.smtpPort + "), one sink");
            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            AtomicLong failedSends = new AtomicLong();
            List<Future<?>> load = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                load.add(pool.submit(() -> {
                    for (int n = client; n < ids; n += clients) {
                        BenchNode node = n % 2 == 0 ? a : b;
                        String message = BenchMessages.outlookWithoutMessageId()
                            .replace("Subject: RE: budget", "Subject: id-" + n);
                        try {
                            send(node, BenchMessages.SENDER, "bob@example.com", message);
                        } catch (IOException e) {
                            failedSends.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            // while the load runs: SRS minted on one node, reversed on the other; threading across nodes
            srs(a, b, sink, srsPerDirection, report);
            srs(b, a, sink, srsPerDirection, report);
            threading(a, b, sink, repliesPerDirection, report);
            threading(b, a, sink, repliesPerDirection, report);
            for (Future<?> f : load) {
                f.get();
            }
            pool.shutdown();
            report.idsSent = ids - failedSends.get();
            if (failedSends.get() > 0) {
                report.failures.add(failedSends.get() + " messages were refused at SMTP");
            }
            checkMessageIds(sink, report);
            report.seconds = (System.nanoTime() - start) / 1e9;
            for (BenchNode node : List.of(a, b)) {
                if (!node.james.isAlive()) {
                    report.failures.add("node " + node.name + " died: " + node.james.logTail());
                }
            }
        }
        out.printf("Message-IDs: %d sent without one, %d arrived, %d distinct, %d missing, in %.0f s%n",
            report.idsSent, report.idsArrived, report.idsDistinct, report.idsMissing, report.seconds);
        report.srs.forEach(line -> out.println("SRS: " + line));
        report.threading.forEach(line -> out.println("threading: " + line));
        report.failures.forEach(line -> out.println("FAILED: " + line));
        out.println(report.passed() ? "two nodes: all checks passed" : "two nodes: " + report.failures.size()
            + " check(s) failed");
        return report;
    }

    private void srs(BenchNode minter, BenchNode reverser, SinkIndex sink, int count, Report report)
        throws Exception {
        int reversed = 0;
        for (int i = 0; i < count; i++) {
            String original = "someone-" + minter.name + i + "-" + System.nanoTime() + "@sender.example";
            send(minter, original, BenchMessages.FORWARDER, BenchMessages.toForwarder()
                .replace("someone@sender.example", original));
            StoredMessage forwarded = await(sink, m -> m.rcptTo().contains("dest@example.com")
                && header(m, "From").orElse("").contains(original), "forwarded copy of " + original);
            String srsAddress = forwarded.mailFrom();
            if (!srsAddress.contains("SRS")) {
                report.failures.add("node " + minter.name + " forwarded " + original + " with sender " + srsAddress);
                continue;
            }
            send(reverser, "", srsAddress, BenchMessages.bounce(srsAddress));
            StoredMessage bounce = await(sink, m -> m.rcptTo().contains(original), "bounce to " + original);
            if (bounce.mailFrom().isEmpty()) {
                reversed++;
            } else {
                report.failures.add("the bounce to " + original + " left with sender " + bounce.mailFrom());
            }
        }
        report.srs.add("minted by " + minter.name + ", reversed by " + reverser.name + ": " + reversed + " of "
            + count);
    }

    private void threading(BenchNode sender, BenchNode receiver, SinkIndex sink, int count, Report report)
        throws Exception {
        String token = "thread-" + sender.name + "-" + System.nanoTime();
        send(sender, BenchMessages.SENDER, "carol@example.org", BenchMessages.outlookWithoutMessageId()
            .replace("Subject: RE: budget", "Subject: " + token));
        StoredMessage sent = await(sink, m -> header(m, "Subject").orElse("").equals(token), token);
        String publicId = header(sent, "In-Reply-To").orElse("");
        if (publicId.contains("corp.local") || publicId.isEmpty()) {
            report.failures.add("node " + sender.name + " let the internal In-Reply-To out: " + publicId);
            return;
        }
        for (int i = 0; i < count; i++) {
            send(receiver, "carol@example.org", "bob@border.test", "From: carol@example.org\nTo: bob@border.test\n"
                + "Subject: RE: " + token + " " + i + "\nMessage-ID: <" + token + "." + i + "@example.org>\n"
                + "In-Reply-To: " + publicId + "\nReferences: " + publicId + "\n\nReply " + i + "\n");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        int restored = 0;
        while (System.nanoTime() < deadline) {
            String inbox;
            try {
                inbox = ImapHeaders.inbox("127.0.0.1", receiver.imapPort, "bob@border.test", BenchNode.PASSWORD,
                    Duration.ofSeconds(30));
            } catch (IOException e) {
                // James answered a FETCH 1:* with "BAD Invalid messageset" once while the first reply was being
                // delivered (SELECT had not said 0 EXISTS): look again until the deadline
                inbox = "";
            }
            restored = 0;
            for (String block : inbox.split("\\* \\d+ FETCH")) {
                if (block.contains("Subject: RE: " + token) && block.contains("In-Reply-To: " + INTERNAL_ID)) {
                    restored++;
                }
            }
            if (restored >= count) {
                break;
            }
            Thread.sleep(200);
        }
        report.threading.add("public ID made by " + sender.name + " " + publicId + ", restored by "
            + receiver.name + " in " + restored + " of " + count + " replies");
        if (restored < count) {
            report.failures.add("node " + receiver.name + " restored the internal ID in " + restored + " of " + count
                + " replies to " + sender.name + "'s public ID");
        }
    }

    private void checkMessageIds(SinkIndex sink, Report report) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (sink.numbers.size() < report.idsSent && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        report.idsArrived = sink.arrived.get();
        report.idsDistinct = sink.messageIds.size();
        report.idsMissing = report.idsSent - sink.numbers.size();
        if (report.idsMissing > 0) {
            report.failures.add(report.idsMissing + " messages never reached the sink");
        }
        report.failures.addAll(sink.problems);
    }

    private static void send(BenchNode node, String from, String to, String message) throws IOException {
        new SmtpClient("127.0.0.1", node.smtpPort, Duration.ofSeconds(60)).send(from, List.of(to),
            BenchMessages.bytes(message));
    }

    private static Optional<String> header(StoredMessage message, String name) {
        try {
            return MessageHeaders.parse(message.content()).first(name);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static StoredMessage await(SinkIndex sink, Predicate<StoredMessage> wanted, String what)
        throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            for (StoredMessage message : sink.others) {
                if (wanted.test(message)) {
                    return message;
                }
            }
            Thread.sleep(100);
        }
        throw new IOException("nothing reached the sink within 120 s: " + what);
    }
}
