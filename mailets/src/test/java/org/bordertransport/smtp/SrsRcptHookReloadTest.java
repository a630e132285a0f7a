package org.bordertransport.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.bordertransport.core.srs.Microsoft365Srs;
import org.bordertransport.core.srs.SrsSecrets;
import org.bordertransport.james.ReloadContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SrsRcptHook accepts addresses signed with a new secret after {@code reloadInterval}, and the old ones still. */
class SrsRcptHookReloadTest {
    private static final String OLD = "old-secret-0123456789abcdefghij";
    private static final String NEW = "new-secret-0123456789abcdefghij";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path conf;
    private final AtomicLong ticker = new AtomicLong();
    private final RecordingMetricFactory metrics = new RecordingMetricFactory();
    private SrsRcptHook hook;
    private long mtime = 1_700_000_000_000L;

    @BeforeEach
    void setUp() throws Exception {
        write(OLD + "\n");
        hook = new SrsRcptHook(SrsRcptHookFixtures.files(conf), SrsRcptHookFixtures.domains(), metrics, CLOCK,
            ReloadContext.of(metrics, ticker::get));
    }

    private void write(String content) throws Exception {
        Path file = conf.resolve("srs-secrets");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        mtime += 1000;
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtime));
    }

    private void init(String... pairs) throws ConfigurationException {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        for (int i = 0; i < pairs.length; i += 2) {
            config.addProperty(pairs[i], pairs[i + 1]);
        }
        hook.init(config);
    }

    private HookReturnCode bounceTo(String secret) throws Exception {
        String address = Microsoft365Srs.builder(SrsSecrets.of(secret), "border.test").clock(CLOCK).build()
            .forward("bob@fabrikam.com", "john@border.test").address();
        return hook.doRcpt(null, MaybeSender.nullSender(), new MailAddress(address)).getResult();
    }

    @Test
    void aNewSecretIsAcceptedAfterTheIntervalAndTheOldOneStill() throws Exception {
        init("reloadInterval", "1m");
        write(NEW + "\n" + OLD + "\n");

        assertThat(bounceTo(NEW)).isEqualTo(HookReturnCode.deny());
        ticker.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(bounceTo(NEW)).isEqualTo(HookReturnCode.ok());
        assertThat(bounceTo(OLD)).isEqualTo(HookReturnCode.ok());
        assertThat(metrics.countFor(ReloadContext.APPLIED_METRIC)).isEqualTo(1);
    }

    @Test
    void aFileWithoutSecretsLeavesTheOnesInUse() throws Exception {
        init();
        write("\n");
        ticker.addAndGet(ReloadContext.DEFAULT_INTERVAL.toNanos());

        assertThat(bounceTo(OLD)).isEqualTo(HookReturnCode.ok());
        assertThat(metrics.countFor(ReloadContext.REJECTED_METRIC)).isEqualTo(1);
    }

    @Test
    void initShouldThrowWhenReloadIntervalIsInvalid() {
        assertThatThrownBy(() -> init("reloadInterval", "2d")).isInstanceOf(ConfigurationException.class)
            .hasMessage("SrsRcptHook: Invalid parameter 'reloadInterval': '2d' is not a duration; allowed: "
                + ReloadContext.ALLOWED);
    }
}
