package org.bordertransport.demo.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bordertransport.core.srs.Microsoft365Srs;
import org.bordertransport.core.srs.SrsSecrets;
import org.junit.jupiter.api.Test;

/**
 * The soak with accounting, CI-sized ({@code bin/soak} runs 100,000): 1,500 messages, the realistic blend and every
 * hostile kind at least three times (broken MIME and bad header fields built here, plus the shared MIME corpus when
 * {@code border.corpus.dir} names it), big messages of a few MB and one over James's 25 MB limit, through a real
 * James 3.8.1 with the drop-in jar and the shipped conf. Fails on any accepted recipient lost or duplicated, on any
 * copy found where it should not be, on any message without its token, and on any message in James's error repository
 * whose error names a Border Transport class.
 */
class SoakIT {
    @Test
    void everyAcceptedMessageIsDeliveredOnceOrStoredWithItsReason() throws Exception {
        Path repo = Paths.get(System.getProperty("border.repo.root", "..")).toAbsolutePath().normalize();
        Soak.Config config = new Soak.Config();
        config.repo = repo;
        config.work = Files.createDirectories(Paths.get(System.getProperty("border.test.work", "target/it-work"))
            .resolve("soak-" + System.nanoTime()));
        config.messages = 1500;
        config.clients = 6;
        config.minimumEach = 3;
        config.bigBytes = 3 * 1024 * 1024;
        config.bigTnefBytes = 2 * 1024 * 1024;
        config.overLimitBytes = 26 * 1024 * 1024;
        config.jvm = List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC");
        String corpus = System.getProperty("border.corpus.dir");
        config.corpus = corpus == null || corpus.isBlank() ? null : Paths.get(corpus).resolve("mime");
        config.expiredSrs = expiredSrs(repo.resolve("conf/srs-secrets"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        Soak.Report report = new Soak(config, new PrintStream(log, true, StandardCharsets.UTF_8)).run();

        String output = log.toString(StandardCharsets.UTF_8);
        assertThat(report.failures).as(output).isEmpty();
        assertThat(report.lost()).as(output).isZero();
        assertThat(report.duplicated()).as(output).isZero();
        assertThat(report.accounting.borderErrors).as(output).isZero();
        Map<String, Long> sent = report.sentPerKind();
        for (String kind : SoakKinds.WEIGHTS.keySet()) {
            if (kind.equals("corpus-mime") && config.corpus == null) {
                continue;
            }
            assertThat(sent.getOrDefault(kind, 0L)).as(kind + " sent\n" + output).isGreaterThanOrEqualTo(3);
        }
        // the accounting found something in every place it looks: it can fail
        assertThat(report.accounting.outcomes).as(output).containsKeys("remote MX", "mailbox bob@border.test",
            "repository var/mail/tnef-error", "repository var/mail/relay-limit-exceeded");
        assertThat(report.accounting.refusedAtRcpt).as(output).isPositive();
        assertThat(report.samples).hasSize(4);
    }

    /** Genuine SRS addresses of the shipped secrets, minted 30 days ago: refused at RCPT as expired. */
    private static List<String> expiredSrs(Path secrets) throws Exception {
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofDays(30)), ZoneOffset.UTC);
        Microsoft365Srs srs = Microsoft365Srs.builder(SrsSecrets.load(secrets), "border.test").clock(past).build();
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            addresses.add(srs.forward("old-" + i + "@sender.example", "fwd@border.test").address());
        }
        return addresses;
    }
}
