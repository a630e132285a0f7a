package org.bordertransport.demo.soak;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.bordertransport.demo.SinkSmtpServer;
import org.bordertransport.demo.StoredMessage;

/**
 * The soak with accounting: N messages (the realistic blend and hostile input) through a real James 3.8.1 with the
 * drop-in jar and the shipped conf, then every recipient accepted with 250 accounted for: delivered to the remote MX
 * (the sink) or a local mailbox exactly once, or stored in a named mail repository with its reason; heap, open file
 * descriptors, threads and temp files of the James process sampled at start, middle and end. {@code bin/soak} runs
 * it with 100,000 messages; {@code SoakIT} with a few thousand.
 */
public final class Soak {
    /** What to run. */
    public static final class Config {
        public Path repo;
        public Path work;
        public int messages = 100_000;
        public int clients = 8;
        public int seedForwards = 30;
        /** The MIME corpus directory, or null for the built-in hostile inputs only. */
        public Path corpus;
        public int minimumEach = 3;
        public int bigBytes = 20 * 1024 * 1024;
        public int overLimitBytes = 50 * 1024 * 1024;
        public int bigTnefBytes = 8 * 1024 * 1024;
        public List<String> expiredSrs = List.of();
        public List<String> jvm = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:-UseCodeCacheFlushing");
        public long seed = 20261207L;
        /** No new message while James's spool and outgoing queues hold more than this (offered load James can take). */
        public long maxQueued = 1000;
        /** Stop offering new messages after this long (null: send all); what was sent is accounted for. */
        public Duration maxSending;
        /** Also sample the James process this often while sending (null: only start, middle, end). */
        public Duration sampleEvery;
        /** Stock James (bin/demo --stock: no jar, Border's mailets, matchers and hook taken out), for comparison. */
        public boolean stock;
    }

    /** What the run found. */
    public static final class Report {
        public SoakLedger.Result accounting;
        public final List<ProcessSample> samples = new ArrayList<>();
        public final List<String> failures = new ArrayList<>();
        public double sendSeconds;
        public double totalSeconds;
        public long notifications;
        public long unattributed;
        /** James's "Exception calling X" log lines per X (the mail then went to the error processor or on). */
        public final Map<String, Long> mailetExceptions = new TreeMap<>();
        public String markdown = "";

        public boolean passed() {
            return failures.isEmpty();
        }

        public long lost() {
            return accounting.lost;
        }

        public long duplicated() {
            return accounting.duplicated;
        }

        /** How many messages of each kind were sent. */
        public Map<String, Long> sentPerKind() {
            return accounting.perKind.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue()[0]));
        }
    }

    private final Config config;
    private final PrintStream out;
    private final SoakLedger ledger = new SoakLedger();
    private final SrsPool srs = new SrsPool();
    private final AtomicLong sinkCount = new AtomicLong();

    public Soak(Config config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    public Report run() throws Exception {
        Report report = new Report();
        HostileInputs inputs = HostileInputs.load(config.repo.resolve("core/src/test/resources/samples/tnef/"
            + "winmail-sample1.dat"), config.corpus);
        SoakKinds kinds = new SoakKinds(inputs, srs, config.expiredSrs, config.bigBytes, config.overLimitBytes,
            config.bigTnefBytes);
        long start = System.nanoTime();
        try (SinkSmtpServer sink = SinkSmtpServer.builder(config.work.resolve("sink")).maxConnections(64)
            .maxMessageBytes(256L * 1024 * 1024).maxRecipients(1000).onStored(this::atSink).start();
             SoakNode node = SoakNode.start(config.repo, config.work.resolve("james"), sink.port(), config.jvm,
                 config.stock)) {
            long pid = node.james.pid();
            out.println("soak: James pid " + pid + " (SMTP " + node.smtpPort + ", WebAdmin " + node.webAdminPort
                + "), JVM " + config.jvm + ", " + config.messages + " messages over " + config.clients
                + " connections, corpus " + (config.corpus == null ? "none (built-in hostile inputs)"
                : config.corpus + " (" + inputs.corpusSize() + " messages)") + ", " + config.expiredSrs.size()
                + " expired SRS addresses");
            List<String> schedule = new ArrayList<>(SoakKinds.schedule(config.messages - config.seedForwards,
                config.minimumEach, config.seed, config.corpus != null));
            if (!node.chainCreated) {
                report.failures.add("James refused the RRT forward chain: rrt-chain messages were sent as forwards");
                schedule.replaceAll(k -> k.equals("rrt-chain") ? "forward" : k);
            }
            seed(node, kinds);
            report.samples.add(ProcessSample.take("start", 0, pid, node.tempDir));
            out.println(ProcessSample.header());
            out.println(report.samples.get(0).row());
            long loadStart = System.nanoTime();
            load(node, kinds, schedule, report);
            report.sendSeconds = (System.nanoTime() - loadStart) / 1e9;
            drain(node);
            report.samples.add(ProcessSample.take("end (queues drained)", ledger.sent.size(), pid, node.tempDir));
            out.println(report.samples.get(report.samples.size() - 1).row());
            account(node, report);
            cleanup(node);
            report.samples.add(ProcessSample.take("after deleting stored mail", ledger.sent.size(), pid,
                node.tempDir));
            out.println(report.samples.get(report.samples.size() - 1).row());
            histogram(pid, config.work.resolve("heap-histogram-after-deleting.txt"));
            report.mailetExceptions.putAll(mailetExceptions(node.james.logFile()));
            if (!node.james.isAlive()) {
                report.failures.add("James died: " + node.james.logTail());
            }
        }
        report.totalSeconds = (System.nanoTime() - start) / 1e9;
        report.markdown = SoakReport.markdown(config, report);
        out.println(report.markdown);
        Files.writeString(config.work.resolve("result.md"), report.markdown, StandardCharsets.UTF_8);
        out.println(report.passed() ? "soak: every accepted message accounted for"
            : "soak: FAILED: " + String.join("; ", report.failures));
        return report;
    }

    /** Forwards first, so bounces have genuine SRS addresses to go to. */
    private void seed(SoakNode node, SoakKinds kinds) throws Exception {
        try (SoakSmtp smtp = new SoakSmtp("127.0.0.1", node.smtpPort, 120_000)) {
            for (int token = 0; token < config.seedForwards; token++) {
                SoakMessage message = kinds.make(token, "forward");
                ledger.sent(message, smtp.send(message));
            }
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!config.stock && srs.size() < Math.min(10, config.seedForwards) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (srs.size() == 0 && !config.stock) {
            throw new IOException("no forwarded copy with an SRS sender reached the sink within 3 minutes");
        }
    }

    private void load(SoakNode node, SoakKinds kinds, List<String> schedule, Report report) throws Exception {
        int first = config.seedForwards;
        int total = first + schedule.size();
        AtomicInteger next = new AtomicInteger(first);
        AtomicLong done = new AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
        int middle = first + schedule.size() / 2;
        long step = Math.max(total / 20, 1);
        long start = System.nanoTime();
        long stopAt = config.maxSending == null ? Long.MAX_VALUE : start + config.maxSending.toNanos();
        java.util.concurrent.ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        if (config.sampleEvery != null) {
            long every = config.sampleEvery.toSeconds();
            sampler.scheduleAtFixedRate(() -> {
                ProcessSample sample = ProcessSample.take(String.format(Locale.ROOT, "after %.0f min",
                    (System.nanoTime() - start) / 6e10), first + done.get(), node.james.pid(), node.tempDir);
                synchronized (report.samples) {
                    report.samples.add(sample);
                }
                out.println(sample.row());
            }, every, every, java.util.concurrent.TimeUnit.SECONDS);
        }
        AtomicLong queued = new AtomicLong();
        SoakWebAdmin queues = new SoakWebAdmin(node.webAdminPort);
        sampler.scheduleWithFixedDelay(() -> {
            try {
                queued.set(Math.max(queues.queueSize("spool"), 0) + Math.max(queues.queueSize("outgoing"), 0));
            } catch (IOException e) {
                queued.set(0);
            }
        }, 0, 500, java.util.concurrent.TimeUnit.MILLISECONDS);
        ExecutorService pool = Executors.newFixedThreadPool(config.clients);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < config.clients; c++) {
            clients.add(pool.submit(() -> {
                try (SoakSmtp smtp = new SoakSmtp("127.0.0.1", node.smtpPort, 300_000)) {
                    for (int token = next.getAndIncrement(); token < total; token = next.getAndIncrement()) {
                        if (System.nanoTime() - stopAt > 0) {
                            stopped.set(true);
                            break;
                        }
                        while (queued.get() > config.maxQueued && System.nanoTime() - stopAt < 0) {
                            Thread.sleep(50);
                        }
                        SoakMessage message = kinds.make(token, schedule.get(token - first));
                        ledger.sent(message, smtp.send(message));
                        long n = done.incrementAndGet();
                        if (token == middle) {
                            ProcessSample sample = ProcessSample.take("middle", first + n, node.james.pid(),
                                node.tempDir);
                            synchronized (report.samples) {
                                report.samples.add(sample);
                            }
                            out.println(sample.row());
                        }
                        if (n % step == 0) {
                            double seconds = (System.nanoTime() - start) / 1e9;
                            out.printf(Locale.ROOT, "soak: %,d of %,d sent in %.0f s (%.0f msg/s), %,d at the sink, %,d"
                                + " queued in James%n", first + n, total, seconds, n / seconds, sinkCount.get(),
                                queued.get());
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : clients) {
            client.get();
        }
        pool.shutdown();
        sampler.shutdownNow();
        if (stopped.get()) {
            out.printf(Locale.ROOT, "soak: stopped offering messages after %d minutes, %,d sent%n",
                config.maxSending.toMinutes(), first + done.get());
        }
    }

    /** Waits until James's spool and outgoing queues are empty and the sink has been quiet for 5 s. */
    private void drain(SoakNode node) throws Exception {
        SoakWebAdmin webAdmin = new SoakWebAdmin(node.webAdminPort);
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        long lastCount = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long queued = Math.max(webAdmin.queueSize("spool"), 0) + Math.max(webAdmin.queueSize("outgoing"), 0);
            long count = sinkCount.get();
            if (count != lastCount || queued > 0) {
                lastCount = count;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > Duration.ofSeconds(5).toNanos()) {
                return;
            }
            Thread.sleep(500);
        }
        out.println("soak: James's queues did not drain within 20 minutes");
    }

    private void atSink(StoredMessage message) {
        sinkCount.incrementAndGet();
        try {
            byte[] head;
            try (InputStream in = Files.newInputStream(message.emlFile())) {
                head = in.readNBytes(256 * 1024);
            }
            SoakTokens tokens = SoakTokens.find(head, head.length);
            if (tokens.own >= 0) {
                ledger.found(tokens.own, new SoakLedger.Location("remote MX", message.rcptTo(), null));
                if (message.rcptTo().contains(SoakKinds.FORWARD_TARGET)) {
                    srs.add(message.mailFrom(), "someone-" + Math.floorMod(tokens.own, 997) + "@sender.example");
                }
            } else if (tokens.quoted >= 0) {
                ledger.notification("remote MX");
            } else {
                ledger.unattributed.incrementAndGet();
            }
            if (message.size() > 1024 * 1024) {
                Files.deleteIfExists(message.emlFile());
            }
        } catch (IOException e) {
            ledger.unattributed.incrementAndGet();
        }
    }

    private void account(SoakNode node, Report report) throws IOException {
        for (String user : SoakNode.MAILBOX_USERS) {
            for (byte[] message : SoakImap.inbox(node.imapPort, user, SoakNode.PASSWORD)) {
                SoakTokens tokens = SoakTokens.find(message, message.length);
                if (tokens.own >= 0) {
                    ledger.found(tokens.own, new SoakLedger.Location("mailbox " + user, List.of(user), null));
                } else if (tokens.quoted >= 0) {
                    ledger.notification("mailbox " + user);
                } else {
                    ledger.unattributed.incrementAndGet();
                }
            }
        }
        SoakWebAdmin webAdmin = new SoakWebAdmin(node.webAdminPort);
        for (String path : webAdmin.repositories()) {
            for (SoakWebAdmin.RepositoryMail mail : webAdmin.mails(path)) {
                SoakTokens tokens = SoakTokens.find(mail.content, mail.content.length);
                String place = "repository " + mail.repository;
                if (tokens.own >= 0) {
                    ledger.found(tokens.own, new SoakLedger.Location(place, mail.recipients, reason(mail.error)));
                } else if (tokens.quoted >= 0) {
                    ledger.notification(place);
                } else {
                    ledger.unattributed.incrementAndGet();
                }
            }
        }
        report.accounting = ledger.account();
        report.notifications = ledger.notifications.values().stream().mapToLong(AtomicLong::get).sum();
        report.unattributed = ledger.unattributed.get();
        SoakLedger.Result r = report.accounting;
        if (r.lost > 0) {
            report.failures.add(r.lost + " recipient(s) lost");
        }
        if (r.duplicated > 0) {
            report.failures.add(r.duplicated + " recipient(s) duplicated");
        }
        if (r.unexpected > 0) {
            report.failures.add(r.unexpected + " message(s) found where they should not be");
        }
        if (r.borderErrors > 0) {
            report.failures.add(r.borderErrors + " message(s) in the error repository because Border Transport threw");
        }
        if (report.unattributed > 0) {
            report.failures.add(report.unattributed + " message(s) at the sink, in mailboxes or repositories carry no"
                + " soak token");
        }
    }

    /** The first line of a repository mail's error message, marked when a Border Transport class is named. */
    static String reason(String error) {
        if (error == null || error.isBlank()) {
            return "(no error message)";
        }
        String first = error.strip().lines().findFirst().orElse("").strip();
        if (first.length() > 160) {
            first = first.substring(0, 160) + "...";
        }
        // thrown by Border Transport code: one of its frames in the stack trace James put in the error message (a
        // Border mailet that inherits James code, as SignDkim inherits DKIMSign, is named but not in the trace)
        boolean trace = error.contains("\tat ");
        boolean border = trace ? error.contains("at org.bordertransport.") : first.contains("org.bordertransport");
        return (border ? SoakLedger.BORDER_MARK : "") + first;
    }

    private void cleanup(SoakNode node) throws IOException {
        SoakWebAdmin webAdmin = new SoakWebAdmin(node.webAdminPort);
        for (String path : webAdmin.repositories()) {
            webAdmin.clear(path);
        }
        for (String user : SoakNode.MAILBOX_USERS) {
            webAdmin.deleteMailboxes(user);
        }
    }

    /** {@code jcmd PID GC.class_histogram} into a file of the run directory: what the heap holds at the end. */
    private static void histogram(long pid, Path file) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                .redirectErrorStream(true).redirectOutput(file.toFile()).start();
            if (!process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            // the histogram is an aid, not a figure
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** James's "Exception calling MAILET" log lines, per mailet or matcher named. */
    private static Map<String, Long> mailetExceptions(Path log) throws IOException {
        Map<String, Long> calls = new TreeMap<>();
        if (!Files.exists(log)) {
            return calls;
        }
        Matcher name = Pattern.compile("Exception calling ([^:]+):").matcher("");
        try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (name.reset(line).find()) {
                    calls.merge(name.group(1).trim(), 1L, Long::sum);
                }
            }
        }
        return calls;
    }
}
