package org.bordertransport.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.bordertransport.core.srs.Microsoft365Srs;
import org.bordertransport.core.srs.SrsSecrets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SrsRcptHookTest {
    private static final String SECRET = "test-secret-0123456789abcdef";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    private static final Microsoft365Srs M365 = Microsoft365Srs.builder(SrsSecrets.of(SECRET), "border.test")
        .clock(CLOCK).build();

    @TempDir
    Path conf;
    private RecordingMetricFactory metrics;
    private SrsRcptHook hook;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(conf.resolve("srs-secrets"), SECRET + "\n", StandardCharsets.UTF_8);
        metrics = new RecordingMetricFactory();
        hook = new SrsRcptHook(SrsRcptHookFixtures.files(conf), SrsRcptHookFixtures.domains(), metrics, CLOCK);
    }

    private void init(String... pairs) throws ConfigurationException {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        for (int i = 0; i < pairs.length; i += 2) {
            config.addProperty(pairs[i], pairs[i + 1]);
        }
        hook.init(config);
    }

    private HookResult rcpt(MaybeSender sender, String rcpt) throws Exception {
        return hook.doRcpt(null, sender, new MailAddress(rcpt));
    }

    @Test
    void genuineAddressesAreAcceptedForBounces() throws Exception {
        init();
        HookResult result = rcpt(MaybeSender.nullSender(), M365.forward("bob@fabrikam.com", "john@border.test")
            .address());
        assertThat(result.getResult()).isEqualTo(HookReturnCode.ok());
        assertThat(result.getSmtpRetCode()).isEqualTo("250");
        assertThat(rcpt(MaybeSender.nullSender(), M365.relay("app@onprem.example").address()).getResult())
            .isEqualTo(HookReturnCode.ok());
    }

    @Test
    void aFailingCheckIsABugThatReachesJamesNeitherAcceptedNorRefused() throws Exception {
        Clock broken = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return CLOCK.getZone();
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                throw new IllegalStateException("clock bug");
            }
        };
        hook = new SrsRcptHook(SrsRcptHookFixtures.files(conf), SrsRcptHookFixtures.domains(), metrics, broken);
        init();
        String address = M365.forward("bob@fabrikam.com", "john@border.test").address();
        assertThatThrownBy(() -> rcpt(MaybeSender.nullSender(), address))
            .isInstanceOf(IllegalStateException.class).hasMessage("clock bug");
        assertThat(metrics.countFor("border.srs.rcpt.refused")).isZero();
    }

    @Test
    void forgedExpiredAndNonBouncesAreRefused() throws Exception {
        init();
        String genuine = M365.forward("bob@fabrikam.com", "john@border.test").address();
        HookResult forged = rcpt(MaybeSender.nullSender(), genuine.replace("=bob@", "=eve@"));
        assertThat(forged.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(forged.getSmtpRetCode()).isEqualTo("550");
        assertThat(forged.getSmtpDescription()).startsWith("5.1.1 <");
        String expired = Microsoft365Srs.builder(SrsSecrets.of(SECRET), "border.test")
            .clock(Clock.offset(CLOCK, Duration.ofDays(-30))).build().forward("bob@fabrikam.com", "j@border.test")
            .address();
        assertThat(rcpt(MaybeSender.nullSender(), expired).getSmtpRetCode()).isEqualTo("550");
        HookResult spam = rcpt(MaybeSender.of(new MailAddress("spam@attacker.example")), genuine);
        assertThat(spam.getSmtpRetCode()).isEqualTo("550");
        assertThat(spam.getSmtpDescription()).startsWith("5.7.1");
        assertThat(metrics.countFor("border.srs.rcpt.refused")).isEqualTo(3);
    }

    @Test
    void otherAddressesAndOtherDomainsAreLeftToTheNextHandlers() throws Exception {
        init();
        assertThat(rcpt(MaybeSender.nullSender(), "john@border.test").getResult())
            .isEqualTo(HookReturnCode.declined());
        assertThat(rcpt(MaybeSender.nullSender(), "x+SRS=abcdefgh=JM=a.com=b@example.com").getResult())
            .isEqualTo(HookReturnCode.declined());
    }

    @Test
    void nonBouncesMayBeAccepted() throws Exception {
        init("nonBounce", "reverse");
        assertThat(rcpt(MaybeSender.of(new MailAddress("someone@example.org")),
            M365.forward("bob@fabrikam.com", "john@border.test").address()).getResult())
            .isEqualTo(HookReturnCode.ok());
    }

    @Test
    void configurationErrorsNameTheParameter() {
        assertThatThrownBy(() -> init("secretFile", "x"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("SrsRcptHook: Unknown parameter 'secretFile': allowed parameters are [maxAgeDays, nonBounce, "
                + "reloadInterval, secretsFile]");
        assertThatThrownBy(() -> init("secretsFile", "file://conf/none"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("SrsRcptHook: Invalid parameter 'secretsFile': 'file://conf/none' cannot be found; make one "
                + "with 'bin/border srs keygen > conf/srs-secrets'");
        assertThatThrownBy(() -> init("nonBounce", "maybe"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("SrsRcptHook: Invalid parameter 'nonBounce': 'maybe', allowed values are refuse, reverse");
    }
}
