package org.bordertransport.james;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.mail.MessagingException;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.bordertransport.core.policy.ContentType;
import org.bordertransport.core.policy.RemoteDomainPolicy;
import org.bordertransport.core.srs.SrsSecrets;
import org.bordertransport.core.srs.StandardSrs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

class ReloadingFileTest {
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final String LOCATION = "file://conf/test.txt";

    @TempDir
    Path conf;
    private Path file;
    private final AtomicLong ticker = new AtomicLong(1_000_000_000L);
    private final AtomicInteger loads = new AtomicInteger();
    private final RecordingMetricFactory metrics = new RecordingMetricFactory();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private ReloadContext context;
    private long mtime = 1_700_000_000_000L;

    @BeforeEach
    void setUp() throws Exception {
        file = conf.resolve("test.txt");
        context = ReloadContext.of(metrics, ticker::get);
        write(file, "v1");
        log.start();
        ((Logger) LoggerFactory.getLogger(ReloadingFile.class)).addAppender(log);
        ((Logger) LoggerFactory.getLogger(SrsSecretsFile.class)).addAppender(log);
    }

    @AfterEach
    void tearDown() {
        ((Logger) LoggerFactory.getLogger(ReloadingFile.class)).detachAppender(log);
        ((Logger) LoggerFactory.getLogger(SrsSecretsFile.class)).detachAppender(log);
    }

    /** Writes and moves the modification time on by a second, as an edit a while later does. */
    private void write(Path target, String content) throws Exception {
        Files.writeString(target, content, StandardCharsets.UTF_8);
        mtime += 1000;
        Files.setLastModifiedTime(target, FileTime.fromMillis(mtime));
    }

    /** The text, refused when it starts with "bad", as a loader refuses an invalid file. */
    private ReloadingFile.Loaded<String> load() throws MessagingException {
        loads.incrementAndGet();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new MessagingException("Test: '" + LOCATION + "' cannot be read: " + e, e);
        }
        if (text.startsWith("bad")) {
            throw new MessagingException("Test: '" + LOCATION + "': not valid (" + text + ")");
        }
        return ReloadingFile.Loaded.of(text, text.length() + " characters");
    }

    private ReloadingFile<String> open(Duration interval) throws MessagingException {
        return context.open("Test", LOCATION, file, interval, this::load);
    }

    private void tick() {
        ticker.addAndGet(INTERVAL.toNanos());
    }

    private List<String> lines(Level level) {
        return log.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage)
            .collect(Collectors.toList());
    }

    private long applied() {
        return metrics.countFor(ReloadContext.APPLIED_METRIC);
    }

    private long rejected() {
        return metrics.countFor(ReloadContext.REJECTED_METRIC);
    }

    @Test
    void aChangeIsSeenAfterTheIntervalOnly() throws Exception {
        ReloadingFile<String> holder = open(INTERVAL);
        write(file, "v2");

        ticker.addAndGet(INTERVAL.toNanos() - 1);
        assertThat(holder.current()).isEqualTo("v1");
        ticker.incrementAndGet();
        assertThat(holder.current()).isEqualTo("v2");

        assertThat(applied()).isEqualTo(1);
        assertThat(rejected()).isZero();
        assertThat(lines(Level.INFO)).containsExactly("Test: reloaded '" + LOCATION + "' (2 characters): in use from "
            + "now on");
    }

    @Test
    void theFileIsNotLookedAtBeforeTheInterval() throws Exception {
        ReloadingFile<String> holder = open(INTERVAL);
        Files.delete(file);

        for (int i = 0; i < 1000; i++) {
            assertThat(holder.current()).isEqualTo("v1");
        }
        assertThat(rejected()).isZero();
        tick();
        assertThat(holder.current()).isEqualTo("v1");
        assertThat(rejected()).isEqualTo(1);
    }

    @Test
    void theNextCheckIsOneIntervalAfterTheLast() throws Exception {
        ReloadingFile<String> holder = open(INTERVAL);
        tick();
        assertThat(holder.current()).isEqualTo("v1");
        write(file, "v2");
        ticker.addAndGet(INTERVAL.toNanos() - 1);
        assertThat(holder.current()).isEqualTo("v1");
        ticker.incrementAndGet();
        assertThat(holder.current()).isEqualTo("v2");
    }

    @Test
    void anUnchangedContentIsNotLoadedAgain() throws Exception {
        ReloadingFile<String> holder = open(INTERVAL);
        write(file, "v1"); // touched: a new modification time, the same bytes
        tick();

        assertThat(holder.current()).isEqualTo("v1");
        assertThat(loads).hasValue(1);
        assertThat(applied()).isZero();
        assertThat(log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))).isEmpty();
    }

    @Test
    void aChangeOfTheSameSizeIsSeen() throws Exception {
        ReloadingFile<String> holder = open(INTERVAL);
        write(file, "v9");
        tick();

        assertThat(holder.current()).isEqualTo("v9");
    }

    @Test
    void aBadFileIsRejectedOnceAndTheOldValueStays() throws Exception {
        ReloadingFile<String> holder = open(INTERVAL);
        write(file, "bad one");
        for (int i = 0; i < 5; i++) {
            tick();
            assertThat(holder.current()).isEqualTo("v1");
        }
        write(file, "bad one"); // touched again: still the same bad version
        tick();
        assertThat(holder.current()).isEqualTo("v1");

        assertThat(rejected()).isEqualTo(1);
        assertThat(loads).hasValue(2);
        assertThat(lines(Level.WARN)).containsExactly("Test: changed '" + LOCATION + "' rejected, the one loaded "
            + "before stays in use: Test: '" + LOCATION + "': not valid (bad one)");

        write(file, "bad two");
        tick();
        assertThat(holder.current()).isEqualTo("v1");
        assertThat(rejected()).isEqualTo(2);

        write(file, "v3");
        tick();
        assertThat(holder.current()).isEqualTo("v3");
        assertThat(applied()).isEqualTo(1);
    }

    @Test
    void aDeletedFileIsRejectedOnceAndTheOldValueStays() throws Exception {
        ReloadingFile<String> holder = open(INTERVAL);
        Files.delete(file);
        for (int i = 0; i < 3; i++) {
            tick();
            assertThat(holder.current()).isEqualTo("v1");
        }
        assertThat(rejected()).isEqualTo(1);
        assertThat(lines(Level.WARN)).singleElement().asString()
            .startsWith("Test: changed '" + LOCATION + "' rejected, the one loaded before stays in use: the file is "
                + "gone");

        write(file, "v1"); // back as it was: nothing to load
        tick();
        assertThat(holder.current()).isEqualTo("v1");
        assertThat(loads).hasValue(1);

        write(file, "v2");
        tick();
        assertThat(holder.current()).isEqualTo("v2");
        assertThat(applied()).isEqualTo(1);
    }

    @Test
    void aDirectoryInPlaceOfTheFileIsRejected() throws Exception {
        ReloadingFile<String> holder = open(INTERVAL);
        Files.delete(file);
        Files.createDirectory(file);
        tick();

        assertThat(holder.current()).isEqualTo("v1");
        assertThat(rejected()).isEqualTo(1);
        assertThat(lines(Level.WARN)).singleElement().asString().endsWith("it is not a regular file");
    }

    @Test
    void aFileReplacedByRenameIsSeen() throws Exception {
        ReloadingFile<String> holder = open(INTERVAL);
        Path next = conf.resolve("test.txt.new");
        write(next, "v2");
        Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        tick();

        assertThat(holder.current()).isEqualTo("v2");
    }

    @Test
    void anIntervalOfZeroNeverLooksAgain() throws Exception {
        ReloadingFile<String> holder = open(Duration.ZERO);
        write(file, "v2");
        ticker.addAndGet(Duration.ofDays(400).toNanos());

        assertThat(holder.current()).isEqualTo("v1");
        assertThat(loads).hasValue(1);
    }

    @Test
    void startupFailsWithTheLoadersMessage() throws Exception {
        write(file, "bad start");

        assertThatThrownBy(() -> open(INTERVAL)).isInstanceOf(MessagingException.class)
            .hasMessage("Test: '" + LOCATION + "': not valid (bad start)");
        assertThat(rejected()).isZero();
    }

    @Test
    void readersDoNotWaitForAReloadAndOneThreadLoads() throws Exception {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger opened = new AtomicInteger();
        ReloadingFile<String> holder = context.open("Test", LOCATION, file, INTERVAL, () -> {
            if (opened.getAndIncrement() > 0) {
                loading.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new MessagingException("interrupted", e);
                }
            }
            return load();
        });
        write(file, "v2");
        tick();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Future<String> reloading = pool.submit(holder::current);
            assertThat(loading.await(30, TimeUnit.SECONDS)).isTrue();
            // the reload is under way, blocked in the loader: everybody else still gets the old value at once
            List<Future<String>> readers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                readers.add(pool.submit(holder::current));
            }
            for (Future<String> reader : readers) {
                assertThat(reader.get(30, TimeUnit.SECONDS)).isEqualTo("v1");
            }
            assertThat(reloading).isNotDone();
            release.countDown();
            assertThat(reloading.get(30, TimeUnit.SECONDS)).isEqualTo("v2");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(holder.current()).isEqualTo("v2");
        assertThat(opened).hasValue(2);
        assertThat(applied()).isEqualTo(1);
    }

    @Test
    void manyThreadsSeeEitherTheOldOrTheNewValue() throws Exception {
        ReloadingFile<String> holder = open(INTERVAL);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Set<String>>> readers = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            for (int t = 0; t < 8; t++) {
                readers.add(pool.submit(() -> {
                    start.await();
                    Set<String> seen = new java.util.HashSet<>();
                    for (int i = 0; i < 20_000; i++) {
                        seen.add(holder.current());
                    }
                    return seen;
                }));
            }
            write(file, "v2");
            tick();
            start.countDown();
            for (Future<Set<String>> reader : readers) {
                assertThat(reader.get(60, TimeUnit.SECONDS)).isSubsetOf("v1", "v2");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(holder.current()).isEqualTo("v2");
        assertThat(loads).hasValue(2);
        assertThat(applied()).isEqualTo(1);
    }

    @Nested
    class PolicyFile {
        private static final String POLICY = "<remoteDomains>\n  <remoteDomain name=\"Default\" domain=\"*\"/>\n"
            + "</remoteDomains>\n";
        private static final String TWO = "<remoteDomains>\n  <remoteDomain name=\"Default\" domain=\"*\"/>\n"
            + "  <remoteDomain name=\"Text\" domain=\"text.test\"><ContentType>MimeText</ContentType></remoteDomain>\n"
            + "</remoteDomains>\n";
        private Path policyFile;
        private FileResolver resolver;

        @BeforeEach
        void writePolicy() throws Exception {
            policyFile = conf.resolve("remotedomains.xml");
            write(policyFile, POLICY);
            resolver = location -> {
                if (location.equals(RemoteDomainPolicyFile.DEFAULT_LOCATION)) {
                    return policyFile;
                }
                throw new FileNotFoundException(location);
            };
        }

        private ReloadingFile<RemoteDomainPolicy> openPolicy() throws MessagingException {
            return RemoteDomainPolicyFile.open("ConvertForRemoteDomain", resolver,
                RemoteDomainPolicyFile.DEFAULT_LOCATION, context, INTERVAL);
        }

        @Test
        void aNewPolicyIsUsedAfterTheInterval() throws Exception {
            ReloadingFile<RemoteDomainPolicy> policy = openPolicy();
            assertThat(policy.current().settingsFor("text.test").contentType()).isEqualTo(ContentType.MIME_HTML_TEXT);
            write(policyFile, TWO);
            tick();

            assertThat(policy.current().settingsFor("text.test").contentType()).isEqualTo(ContentType.MIME_TEXT);
            assertThat(lines(Level.INFO)).containsExactly("ConvertForRemoteDomain: reloaded '"
                + RemoteDomainPolicyFile.DEFAULT_LOCATION + "' (2 remote domains, 0 per-recipient entries): in use "
                + "from now on");
        }

        @Test
        void anInvalidPolicyIsRejectedWithTheStartupReason() throws Exception {
            ReloadingFile<RemoteDomainPolicy> policy = openPolicy();
            RemoteDomainPolicy before = policy.current();
            write(policyFile, "<remoteDomains><remoteDomain name=\"x\" domain=\"*\"><Nonsense/></remoteDomain>"
                + "</remoteDomains>");
            tick();

            assertThat(policy.current()).isSameAs(before);
            String reason = messageOf(() -> RemoteDomainPolicyFile.load("ConvertForRemoteDomain", resolver,
                RemoteDomainPolicyFile.DEFAULT_LOCATION));
            assertThat(lines(Level.WARN)).containsExactly("ConvertForRemoteDomain: changed '"
                + RemoteDomainPolicyFile.DEFAULT_LOCATION + "' rejected, the one loaded before stays in use: " + reason);
            assertThat(reason).startsWith("ConvertForRemoteDomain: Invalid parameter 'policyFile': ");
        }

        @Test
        void startupFailsAsWithoutReloading() throws Exception {
            write(policyFile, "<remoteDomains><oops/></remoteDomains>");
            String expected = messageOf(() -> RemoteDomainPolicyFile.load("ConvertForRemoteDomain", resolver,
                RemoteDomainPolicyFile.DEFAULT_LOCATION));

            assertThatThrownBy(this::openPolicy).isInstanceOf(MessagingException.class).hasMessage(expected);
            assertThatThrownBy(() -> RemoteDomainPolicyFile.open("ConvertForRemoteDomain", resolver,
                "file://conf/missing.xml", context, INTERVAL)).hasMessage(messageOf(() ->
                RemoteDomainPolicyFile.load("ConvertForRemoteDomain", resolver, "file://conf/missing.xml")));
        }
    }

    @Nested
    class SecretsFile {
        private static final String OLD = "old-secret-0123456789abcdefghijkl";
        private static final String NEW = "new-secret-0123456789abcdefghijkl";
        private Path secretsFile;
        private FileResolver resolver;

        @BeforeEach
        void writeSecrets() throws Exception {
            secretsFile = conf.resolve("srs-secrets");
            write(secretsFile, OLD + "\n");
            resolver = location -> secretsFile;
        }

        private ReloadingFile<SrsSecrets> openSecrets() throws MessagingException {
            return SrsSecretsFile.open("ReverseSrs", resolver, SrsSecretsFile.DEFAULT_LOCATION,
                metrics.generate(SrsSecretsFile.SHORT_SECRET_METRIC), context, INTERVAL, secrets -> secrets);
        }

        @Test
        void aNewFirstSecretSignsAndTheOldOneStillVerifies() throws Exception {
            ReloadingFile<SrsSecrets> secrets = openSecrets();
            write(secretsFile, NEW + "\n" + OLD + "\n");
            tick();

            assertThat(secrets.current().count()).isEqualTo(2);
            String signedNow = srs(secrets.current()).forward("bob@fabrikam.test").address();
            assertThat(srs(SrsSecrets.of(NEW)).reverse(signedNow).bounceRecipient()).contains("bob@fabrikam.test");
            String signedBefore = srs(SrsSecrets.of(OLD)).forward("bob@fabrikam.test").address();
            assertThat(srs(secrets.current()).reverse(signedBefore).bounceRecipient()).contains("bob@fabrikam.test");
            assertThat(lines(Level.INFO)).containsExactly("ReverseSrs: reloaded '" + SrsSecretsFile.DEFAULT_LOCATION
                + "' (2 secret(s)): in use from now on");
            assertThat(log.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(NEW, OLD));
        }

        private StandardSrs srs(SrsSecrets secrets) {
            return StandardSrs.builder(secrets, "border.test").build();
        }

        @Test
        void aFileWithoutAValidSecretIsRejected() throws Exception {
            ReloadingFile<SrsSecrets> secrets = openSecrets();
            SrsSecrets before = secrets.current();
            write(secretsFile, "\n\n");
            tick();

            assertThat(secrets.current()).isSameAs(before);
            assertThat(rejected()).isEqualTo(1);
            assertThat(lines(Level.WARN)).singleElement().asString().startsWith("ReverseSrs: changed '"
                + SrsSecretsFile.DEFAULT_LOCATION + "' rejected, the one loaded before stays in use: ReverseSrs: "
                + "Invalid parameter 'secretsFile'");
        }

        @Test
        void theSampleAndShortSecretWarningsComeAtAReloadToo() throws Exception {
            ReloadingFile<SrsSecrets> secrets = openSecrets();
            write(secretsFile, SrsSecretsFile.SAMPLE_SECRET + "\nshort\n");
            tick();

            assertThat(secrets.current().count()).isEqualTo(2);
            assertThat(lines(Level.WARN)).hasSize(2).anySatisfy(line -> assertThat(line).contains("PUBLIC SAMPLE SECRET"))
                .anySatisfy(line -> assertThat(line).contains("1 secret(s) shorter than"));
            assertThat(metrics.countFor(SrsSecretsFile.SHORT_SECRET_METRIC)).isEqualTo(1);
        }
    }

    @Nested
    class Interval {
        @ParameterizedTest
        @ValueSource(strings = {"0", "1s", "10s", "90s", "5m", "24h", "1440m", " 10S "})
        void acceptsDurations(String value) {
            assertThat(ReloadContext.parseInterval(value)).isLessThanOrEqualTo(Duration.ofDays(1));
        }

        @Test
        void readsTheUnits() {
            assertThat(ReloadContext.parseInterval("0")).isZero();
            assertThat(ReloadContext.parseInterval("15s")).isEqualTo(Duration.ofSeconds(15));
            assertThat(ReloadContext.parseInterval("2m")).isEqualTo(Duration.ofMinutes(2));
            assertThat(ReloadContext.parseInterval("3h")).isEqualTo(Duration.ofHours(3));
        }

        @ParameterizedTest
        @ValueSource(strings = {"10", "-1s", "0s", "25h", "1d", "1.5s", "10 s", "ten", "", "500ms"})
        void refusesOthers(String value) {
            assertThatThrownBy(() -> ReloadContext.parseInterval(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + value + "'").hasMessageEndingWith("allowed: " + ReloadContext.ALLOWED);
        }

        @Test
        void aBadParameterNamesTheParameterTheValueAndWhatIsAllowed() throws Exception {
            InitParameters parameters = InitParameters.of("SplitByRemoteDomain", Map.of("reloadInterval", "10"),
                Set.of("reloadInterval"));

            assertThatThrownBy(() -> ReloadContext.interval(parameters)).isInstanceOf(MessagingException.class)
                .hasMessage("SplitByRemoteDomain: Invalid parameter 'reloadInterval': '10' is not a duration; allowed: "
                    + "0 (never reload) or a whole number of seconds, minutes or hours from 1s to 24h, e.g. 10s, 5m, 1h");
        }

        @Test
        void theDefaultIsTenSeconds() throws Exception {
            assertThat(ReloadContext.interval(InitParameters.of("X", Map.of(), Set.of("reloadInterval"))))
                .isEqualTo(Duration.ofSeconds(10));
        }
    }

    private static String messageOf(ThrowingCall call) {
        try {
            call.run();
        } catch (MessagingException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a failure");
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws MessagingException;
    }
}
