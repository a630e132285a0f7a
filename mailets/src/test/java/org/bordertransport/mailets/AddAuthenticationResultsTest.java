package org.bordertransport.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AddAuthenticationResultsTest {
    private static final String SPF_RESULT = "org.apache.james.transport.mailets.spf.result";
    private static final String DKIM_RESULT = "jDKIM.AUTHRESULT";

    private final TxtDns dns = new TxtDns();
    private final RecordingMetricFactory metrics = new RecordingMetricFactory();
    private AddAuthenticationResults mailet;

    /** TXT records only: all this mailet asks. */
    private static final class TxtDns implements DNSService {
        final Map<String, List<String>> txt = new HashMap<>();
        final List<String> asked = new ArrayList<>();

        @Override
        public Collection<String> findMXRecords(String hostname) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Collection<String> findTXTRecords(String hostname) {
            asked.add(hostname);
            return txt.getOrDefault(hostname, List.of());
        }

        @Override
        public Collection<InetAddress> getAllByName(String host) {
            throw new UnsupportedOperationException();
        }

        @Override
        public InetAddress getByName(String host) {
            throw new UnsupportedOperationException();
        }

        @Override
        public InetAddress getLocalHost() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getHostName(InetAddress addr) {
            throw new UnsupportedOperationException();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        mailet = new AddAuthenticationResults(Fixtures.BORDER_TEST, dns, metrics);
        mailet.init(FakeMailetConfig.builder().mailetName("AddAuthenticationResults").build());
        dns.txt.put("_dmarc.example.com", List.of("v=spf1 -all", "v=DMARC1; p=reject"));
    }

    private static Mail mail(String sender, String spfResult, String... headers) throws MessagingException {
        StringBuilder text = new StringBuilder();
        for (String header : headers) {
            text.append(header).append("\r\n");
        }
        text.append("To: someone@border.test\r\nSubject: hello\r\n\r\nbody line\r\n");
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
        FakeMail.Builder builder = FakeMail.builder().name("mail1").recipient("someone@border.test")
            .mimeMessage(message);
        if (sender != null) {
            builder.sender(sender);
        }
        Mail mail = builder.build();
        if (spfResult != null) {
            mail.setAttribute(new Attribute(org.apache.mailet.AttributeName.of(SPF_RESULT),
                AttributeValue.of(spfResult)));
        }
        return mail;
    }

    private static String written(Mail mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Nested
    class Init {
        @Test
        void initShouldThrowWhenUnknownParameter() {
            assertThatThrownBy(() -> mailet.init(FakeMailetConfig.builder().mailetName("AddAuthenticationResults")
                .setProperty("authServId", "x.test").build()))
                .isInstanceOf(MessagingException.class)
                .hasMessage("AddAuthenticationResults: Unknown parameter 'authServId': allowed parameters are"
                    + " [authservId]");
        }

        @Test
        void initShouldThrowWhenTheAuthservIdIsNotADomainName() {
            assertThatThrownBy(() -> mailet.init(FakeMailetConfig.builder().mailetName("AddAuthenticationResults")
                .setProperty("authservId", "mx example").build()))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("authservId").hasMessageContaining("mx example")
                .hasMessageContaining("a domain name such as mx.example.com");
        }

        @Test
        void initShouldThrowWhenNoAuthservIdAndNoDefaultDomain() {
            AddAuthenticationResults withoutDefault = new AddAuthenticationResults(Fixtures.NO_DEFAULT, dns, metrics);
            assertThatThrownBy(() -> withoutDefault.init(FakeMailetConfig.builder()
                .mailetName("AddAuthenticationResults").build()))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("Missing parameter 'authservId': James has no default domain");
        }

        @Test
        void serviceShouldUseTheConfiguredAuthservId() throws Exception {
            mailet.init(FakeMailetConfig.builder().mailetName("AddAuthenticationResults")
                .setProperty("authservId", "mx.example.net").build());
            Mail mail = mail("bob@example.com", "pass", "From: bob@example.com");

            mailet.service(mail);

            assertThat(mail.getMessage().getHeader("Authentication-Results")[0]).startsWith("mx.example.net;");
        }
    }

    /** A body that cannot be read fails the mail (onMailetException decides), never a message without its body. */
    @Test
    void aSignatureCoveringAuthenticationResultsIsBrokenAndCounted() throws Exception {
        Mail covered = mail("bob@example.com", "pass", "DKIM-Signature: v=1; d=example.com; s=s; "
            + "h=from:authentication-results; bh=x; b=y", "From: bob@example.com");
        mailet.service(covered);
        assertThat(covered.getMessage().getHeader("Authentication-Results")).hasSize(1);
        assertThat(metrics.countFor("border.dkim.broken")).isEqualTo(1);

        Mail notCovered = mail("bob@example.com", "pass", "DKIM-Signature: v=1; d=example.com; s=s; h=from; bh=x; b=y",
            "From: bob@example.com");
        mailet.service(notCovered);
        assertThat(metrics.countFor("border.dkim.broken")).isEqualTo(1);
    }

    @Test
    void aBodyThatCannotBeReadShouldFailTheMailAndLeaveItAsItIs() throws Exception {
        MimeMessage unreadable = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream("From: bob@example.com\r\nSubject: hello\r\n\r\nbody line\r\n"
                .getBytes(StandardCharsets.US_ASCII))) {
            @Override
            public java.io.InputStream getRawInputStream() throws MessagingException {
                throw new MessagingException("the store lost the body");
            }
        };
        Mail mail = FakeMail.builder().name("mail1").recipient("someone@border.test").sender("bob@example.com")
            .mimeMessage(unreadable).build();

        assertThatThrownBy(() -> mailet.service(mail)).isInstanceOf(MessagingException.class);
        assertThat(mail.getMessage()).isSameAs(unreadable);
        assertThat(mail.getMessage().getHeader("Authentication-Results")).isNull();
    }

    @Nested
    class Results {
        @Test
        void serviceShouldWriteSpfDkimAndDmarcOnTop() throws Exception {
            Mail mail = mail("bob@example.com", "pass", "Received: from mx.outside.test", "From: Bob <bob@example.com>");

            mailet.service(mail);

            assertThat(written(mail)).startsWith("Authentication-Results: border.test;\r\n"
                + "\tspf=pass smtp.mailfrom=example.com;\r\n\tdkim=none;\r\n\tdmarc=pass header.from=example.com\r\n"
                + "Received: from mx.outside.test\r\nFrom: Bob <bob@example.com>\r\nTo: someone@border.test\r\n")
                .endsWith("\r\n\r\nbody line\r\n");
            assertThat(metrics.countFor("border.authresults.added")).isEqualTo(1);
            assertThat(metrics.countFor("border.authresults.removed")).isZero();
        }

        @Test
        void dmarcShouldPassWhenSpfPassesForASubdomainOfTheFromDomain() throws Exception {
            Mail mail = mail("bounces@mail.example.com", "pass", "From: bob@example.com");

            mailet.service(mail);

            assertThat(mail.getMessage().getHeader("Authentication-Results")[0])
                .contains("spf=pass smtp.mailfrom=mail.example.com;").contains("dmarc=pass header.from=example.com");
        }

        @Test
        void dmarcShouldFailWhenSpfPassesForAnotherDomain() throws Exception {
            Mail mail = mail("bob@mailer.test", "pass", "From: bob@example.com");

            mailet.service(mail);

            assertThat(mail.getMessage().getHeader("Authentication-Results")[0])
                .contains("spf=pass smtp.mailfrom=mailer.test;").contains("dmarc=fail header.from=example.com");
        }

        @Test
        void dmarcShouldFailWhenSpfFails() throws Exception {
            Mail mail = mail("bob@example.com", "fail", "From: bob@example.com");

            mailet.service(mail);

            assertThat(mail.getMessage().getHeader("Authentication-Results")[0])
                .contains("spf=fail smtp.mailfrom=example.com;").contains("dmarc=fail header.from=example.com");
        }

        @Test
        void dmarcShouldBeNoneWithoutARecordAndLookAtTheOrganizationalDomain() throws Exception {
            Mail mail = mail("bob@news.other.test", "pass", "From: bob@news.other.test");

            mailet.service(mail);

            assertThat(mail.getMessage().getHeader("Authentication-Results")[0])
                .contains("dmarc=none header.from=news.other.test");
            assertThat(dns.asked).containsExactly("_dmarc.news.other.test", "_dmarc.other.test");
        }

        @Test
        void dmarcShouldUseTheOrganizationalDomainsRecord() throws Exception {
            Mail mail = mail("bob@news.example.com", "pass", "From: bob@news.example.com");

            mailet.service(mail);

            assertThat(mail.getMessage().getHeader("Authentication-Results")[0])
                .contains("dmarc=pass header.from=news.example.com");
        }

        @Test
        void spfShouldBeLeftOutWhenTheMailWasNotChecked() throws Exception {
            Mail mail = mail("bob@example.com", null, "From: bob@example.com");

            mailet.service(mail);

            assertThat(mail.getMessage().getHeader("Authentication-Results")[0]).doesNotContain("spf=")
                .contains("dkim=none").contains("dmarc=fail header.from=example.com");
        }

        @Test
        void theNullSenderShouldHaveNoMailFromDomain() throws Exception {
            Mail mail = mail(null, "none", "From: mailer-daemon@example.com");

            mailet.service(mail);

            assertThat(mail.getMessage().getHeader("Authentication-Results")[0]).contains("spf=none;")
                .contains("dmarc=fail");
        }

        @Test
        void aSignedMailWithoutDkimVerifyResultShouldHaveNoDkimResultAndNoDmarcFail() throws Exception {
            Mail mail = mail("bob@mailer.test", "pass", "DKIM-Signature: v=1; d=example.com; s=s1; b=abc",
                "From: bob@example.com");

            mailet.service(mail);

            assertThat(mail.getMessage().getHeader("Authentication-Results")[0])
                .isEqualTo("border.test;\r\n\tspf=pass smtp.mailfrom=mailer.test");
        }

        @Test
        void aSignedMailWithoutDkimVerifyResultPassingDmarcBySpfShouldSaySo() throws Exception {
            Mail mail = mail("bob@example.com", "pass", "DKIM-Signature: v=1; d=example.com; s=s1; b=abc",
                "From: bob@example.com");

            mailet.service(mail);

            assertThat(mail.getMessage().getHeader("Authentication-Results")[0]).doesNotContain("dkim=")
                .contains("dmarc=pass header.from=example.com");
        }

        @Test
        void dmarcShouldBeLeftOutWithoutASingleFromAddress() throws Exception {
            Mail mail = mail("bob@example.com", "pass", "From: bob@example.com, carol@example.com");

            mailet.service(mail);

            assertThat(mail.getMessage().getHeader("Authentication-Results")[0]).doesNotContain("dmarc=");
        }
    }

    @Nested
    class Dkim {
        private static final String SIGNATURE = "DKIM-Signature: v=1; d=example.com; s=s1; b=abc";

        private Mail verified(String sender, String spfResult, String dkimResult, String... headers)
            throws MessagingException {
            Mail mail = mail(sender, spfResult, headers);
            mail.setAttribute(new Attribute(org.apache.mailet.AttributeName.of(DKIM_RESULT),
                AttributeValue.of(dkimResult)));
            return mail;
        }

        @Test
        void aPassingSignatureAlignedWithTheFromDomainShouldPassDmarcWhenSpfFails() throws Exception {
            Mail mail = verified("bob@mailer.test", "fail", "pass (identity @example.com)", SIGNATURE,
                "From: bob@example.com");

            mailet.service(mail);

            assertThat(mail.getMessage().getHeader("Authentication-Results")[0]).isEqualTo("border.test;\r\n"
                + "\tspf=fail smtp.mailfrom=mailer.test;\r\n\tdkim=pass header.i=@example.com;\r\n"
                + "\tdmarc=pass header.from=example.com");
        }

        @Test
        void everyPassingSignatureShouldBeReported() throws Exception {
            Mail mail = verified("bob@mailer.test", "fail", "pass (identity @mailer.test) (identity user@example.com)",
                SIGNATURE, "From: bob@example.com");

            mailet.service(mail);

            assertThat(mail.getMessage().getHeader("Authentication-Results")[0])
                .contains("dkim=pass header.i=@mailer.test;\r\n\tdkim=pass header.i=user@example.com;")
                .contains("dmarc=pass header.from=example.com");
        }

        @Test
        void aPassingSignatureOfAnotherDomainShouldNotPassDmarc() throws Exception {
            Mail mail = verified("bob@mailer.test", "fail", "pass (identity @mailer.test)", SIGNATURE,
                "From: bob@example.com");

            mailet.service(mail);

            assertThat(mail.getMessage().getHeader("Authentication-Results")[0])
                .contains("dkim=pass header.i=@mailer.test;").contains("dmarc=fail header.from=example.com");
        }

        @Test
        void aFailingSignatureShouldFailDkimAndDmarc() throws Exception {
            Mail mail = verified("bob@mailer.test", "fail",
                "fail (identity @example.com:Computed bodyhash is different)", SIGNATURE, "From: bob@example.com");

            mailet.service(mail);

            assertThat(mail.getMessage().getHeader("Authentication-Results")[0])
                .contains("dkim=fail header.i=@example.com;").contains("dmarc=fail header.from=example.com");
        }

        @Test
        void aFailureWithoutIdentityShouldBeAPlainFail() throws Exception {
            Mail mail = verified("bob@mailer.test", "pass", "fail (Computed bodyhash is different from the expected one)", SIGNATURE,
                "From: bob@example.com");

            mailet.service(mail);

            assertThat(mail.getMessage().getHeader("Authentication-Results")[0]).contains("dkim=fail;");
        }

        @Test
        void noSignaturesShouldBeNone() throws Exception {
            Mail mail = verified("bob@example.com", "pass", "neutral (no signatures)", "From: bob@example.com");

            mailet.service(mail);

            assertThat(mail.getMessage().getHeader("Authentication-Results")[0])
                .contains("dkim=none;").contains("dmarc=pass header.from=example.com");
        }

        @Test
        void anUnreadableResultOfASignedMailShouldBeLeftOut() throws Exception {
            Mail mail = verified("bob@mailer.test", "pass", "something else", SIGNATURE, "From: bob@example.com");

            mailet.service(mail);

            assertThat(mail.getMessage().getHeader("Authentication-Results")[0])
                .isEqualTo("border.test;\r\n\tspf=pass smtp.mailfrom=mailer.test");
        }
    }

    @Test
    void organizationalDomainShouldFollowThePublicSuffixList() {
        assertThat(AddAuthenticationResults.organizationalDomain("mail.example.co.uk")).isEqualTo("example.co.uk");
        assertThat(AddAuthenticationResults.organizationalDomain("a.b.example.com")).isEqualTo("example.com");
        assertThat(AddAuthenticationResults.organizationalDomain("news.other.test")).isEqualTo("other.test");
        assertThat(AddAuthenticationResults.organizationalDomain("co.uk")).isEqualTo("co.uk");
    }

    @Nested
    class ForgedFields {
        @Test
        void serviceShouldRemoveFieldsClaimingOurAuthservIdAndKeepOthersInPlace() throws Exception {
            Mail mail = mail("bob@example.com", "fail",
                "Received: from mx.outside.test",
                "Authentication-Results: BORDER.TEST; spf=pass smtp.mailfrom=example.com",
                "Authentication-Results: mx.google.com; spf=pass",
                "Authentication-Results: (forged)\r\n border.test;\r\n dmarc=pass",
                "From: bob@example.com");

            mailet.service(mail);

            String[] fields = mail.getMessage().getHeader("Authentication-Results");
            assertThat(fields).hasSize(2);
            assertThat(fields[0]).startsWith("border.test;").contains("spf=fail");
            assertThat(written(mail)).contains("Received: from mx.outside.test\r\n"
                + "Authentication-Results: mx.google.com; spf=pass\r\nFrom: bob@example.com\r\n");
            assertThat(metrics.countFor("border.authresults.removed")).isEqualTo(2);
            assertThat(metrics.countFor("border.authresults.added")).isEqualTo(1);
        }
    }
}
