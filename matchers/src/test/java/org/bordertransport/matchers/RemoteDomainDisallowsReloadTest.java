package org.bordertransport.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.bordertransport.core.ndr.ReportLimits;
import org.bordertransport.james.ReloadContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RemoteDomainDisallows follows a changed policy file after {@code ;reloadInterval=} (the ticker moved by hand). */
class RemoteDomainDisallowsReloadTest {
    private static final String OPEN = "<remoteDomains>\n  <remoteDomain name=\"Default\" domain=\"*\"/>\n"
        + "</remoteDomains>\n";
    private static final String CLOSED = "<remoteDomains>\n  <remoteDomain name=\"Default\" domain=\"*\"/>\n"
        + "  <remoteDomain name=\"No auto-replies\" domain=\"partner.test\"><AutoReplyEnabled>false</AutoReplyEnabled>"
        + "</remoteDomain>\n</remoteDomains>\n";
    private static final String AUTO_REPLY = "Auto-Submitted: auto-replied\r\nSubject: Re: hello\r\n\r\nThanks.\r\n";

    @TempDir
    Path conf;
    private final AtomicLong ticker = new AtomicLong();
    private final RecordingMetricFactory metrics = new RecordingMetricFactory();
    private RemoteDomainDisallows matcher;
    private long mtime = 1_700_000_000_000L;

    @BeforeEach
    void setUp() throws Exception {
        write(OPEN);
        matcher = new RemoteDomainDisallows(location -> {
            if (!location.equals("file://conf/remotedomains.xml")) {
                throw new FileNotFoundException(location);
            }
            return conf.resolve("remotedomains.xml");
        }, metrics, ReportLimits.defaults(), ReloadContext.of(metrics, ticker::get));
    }

    private void write(String content) throws Exception {
        Path file = conf.resolve("remotedomains.xml");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        mtime += 1000;
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtime));
    }

    private void init(String condition) throws MessagingException {
        matcher.init(FakeMatcherConfig.builder().matcherName("RemoteDomainDisallows").condition(condition).build());
    }

    private static Mail autoReply() throws MessagingException {
        String message = "From: alice@border.test\r\nTo: x@partner.test\r\nMessage-ID: <1@border.test>\r\n" + AUTO_REPLY;
        return FakeMail.builder().name("m1").sender("alice@border.test").recipients("x@partner.test")
            .mimeMessage(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)))).build();
    }

    @Test
    void aChangedPolicyIsUsedAfterTheInterval() throws Exception {
        init("AutoReply;reloadInterval=30s");
        write(CLOSED);

        assertThat(matcher.match(autoReply())).isEmpty();
        ticker.addAndGet(Duration.ofSeconds(30).toNanos() - 1);
        assertThat(matcher.match(autoReply())).isEmpty();
        ticker.incrementAndGet();
        assertThat(matcher.match(autoReply())).hasSize(1);

        write(OPEN);
        ticker.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThat(matcher.match(autoReply())).isEmpty();
        assertThat(metrics.countFor(ReloadContext.APPLIED_METRIC)).isEqualTo(2);
    }

    @Test
    void theDefaultIntervalIsTenSeconds() throws Exception {
        init("AutoReply");
        write(CLOSED);
        ticker.addAndGet(Duration.ofSeconds(10).toNanos());

        assertThat(matcher.match(autoReply())).hasSize(1);
    }

    @Test
    void zeroNeverReloads() throws Exception {
        init("AutoReply;reloadInterval=0");
        write(CLOSED);
        ticker.addAndGet(Duration.ofDays(10).toNanos());

        assertThat(matcher.match(autoReply())).isEmpty();
    }

    @Test
    void anInvalidPolicyLeavesTheOneInUse() throws Exception {
        init("AutoReply;reloadInterval=5s");
        write(CLOSED);
        ticker.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(matcher.match(autoReply())).hasSize(1);

        write("<remoteDomains>");
        ticker.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(matcher.match(autoReply())).hasSize(1);
        assertThat(metrics.countFor(ReloadContext.REJECTED_METRIC)).isEqualTo(1);
    }

    @Test
    void initShouldThrowWhenReloadIntervalIsInvalid() {
        assertThatThrownBy(() -> init("AutoReply;reloadInterval=soon")).isInstanceOf(MessagingException.class)
            .hasMessage("RemoteDomainDisallows: invalid condition 'AutoReply;reloadInterval=soon': option "
                + "'reloadInterval': 'soon' is not a duration; allowed: " + ReloadContext.ALLOWED);
        assertThatThrownBy(() -> init("AutoReply;reloadInterval=1s;reloadInterval=2s"))
            .isInstanceOf(MessagingException.class).hasMessageEndingWith("option 'reloadInterval' is given twice");
    }
}
