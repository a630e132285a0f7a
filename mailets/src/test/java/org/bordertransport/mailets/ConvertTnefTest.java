package org.bordertransport.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.bordertransport.core.tnef.MapiTag;
import org.bordertransport.core.tnefmime.TnefFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertTnefTest {
    private static final String POLICY = "<remoteDomains>\n"
        + "  <remoteDomain name=\"Default\" domain=\"*\"/>\n"
        + "  <remoteDomain name=\"Exchange\" domain=\"keep.test\"><TNEFEnabled>true</TNEFEnabled></remoteDomain>\n"
        + "  <remoteDomain name=\"No TNEF\" domain=\"convert.test\"><TNEFEnabled>false</TNEFEnabled></remoteDomain>\n"
        + "</remoteDomains>\n";
    private static final byte[] PDF = "%PDF-1.4 not really a pdf".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path conf;
    private RecordingMetricFactory metrics;
    private ConvertTnef mailet;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(conf.resolve("remotedomains.xml"), POLICY, StandardCharsets.UTF_8);
        metrics = new RecordingMetricFactory();
        mailet = new ConvertTnef(location -> {
            if (!location.equals("file://conf/remotedomains.xml")) {
                throw new FileNotFoundException(location);
            }
            return conf.resolve("remotedomains.xml");
        }, metrics, ThirdPartySigner.keys());
    }

    private void init(String... pairs) throws MessagingException {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("ConvertTnef")
            .mailetContext(FakeMailContext.defaultContext());
        for (int i = 0; i < pairs.length; i += 2) {
            config.setProperty(pairs[i], pairs[i + 1]);
        }
        mailet.init(config.build());
    }

    static byte[] tnef() {
        return TnefFixture.tnef().codePage(1252).subject("Report", TnefFixture.CP1252)
            .messageProps(TnefFixture.Props.props().binary(MapiTag.PR_HTML,
                "<html><body><p>The <b>report</b></p></body></html>".getBytes(StandardCharsets.US_ASCII)))
            .file("report.pdf", PDF, "application/pdf", null).build();
    }

    static String winmail(byte[] tnef) {
        return "From: alice@border.test\r\nTo: x@convert.test\r\nSubject: report\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"o\"\r\n\r\n--o\r\nContent-Type: text/plain\r\n\r\nsee\r\n"
            + "--o\r\nContent-Type: application/ms-tnef; name=\"winmail.dat\"\r\nContent-Transfer-Encoding: base64\r\n"
            + "\r\n" + Base64.getMimeEncoder().encodeToString(tnef) + "\r\n--o--\r\n";
    }

    static String stnef() {
        return "From: alice@border.test\r\nTo: x@keep.test\r\nSubject: report\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: application/ms-tnef\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString(tnef()) + "\r\n";
    }

    private static Mail mail(String raw, String... recipients) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
        return FakeMail.builder().name("m1").state("relay").sender("alice@border.test").recipients(recipients)
            .mimeMessage(message).build();
    }

    private static String text(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aDomainWithTnefDisabledGetsMime() throws Exception {
        init();
        Mail mail = mail(winmail(tnef()), "x@convert.test");
        mailet.service(mail);

        String out = text(mail.getMessage());
        assertThat(out).doesNotContain("application/ms-tnef").contains("Content-Type: application/pdf")
            .contains(Base64.getEncoder().encodeToString(PDF)).contains("text/html");
        assertThat(metrics.countFor("border.tnef.converted")).isEqualTo(1);
    }

    @Test
    void aDomainWithTnefEnabledKeepsIt() throws Exception {
        init();
        String raw = winmail(tnef());
        Mail mail = mail(raw, "x@keep.test");
        mailet.service(mail);

        assertThat(text(mail.getMessage())).isEqualTo(raw);
        assertThat(metrics.countFor("border.tnef.kept")).isEqualTo(1);
    }

    @Test
    void unsetFollowsUnsetAction() throws Exception {
        init("unsetAction", "keep");
        String raw = winmail(tnef());
        Mail kept = mail(raw, "x@other.test");
        mailet.service(kept);
        assertThat(text(kept.getMessage())).isEqualTo(raw);

        setUp();
        init();
        Mail converted = mail(raw, "x@other.test");
        mailet.service(converted);
        assertThat(text(converted.getMessage())).doesNotContain("application/ms-tnef");
    }

    @Test
    void disabledActionStripRemovesTheWinmailDat() throws Exception {
        init("disabledAction", "strip");
        Mail mail = mail(winmail(tnef()), "x@convert.test");
        mailet.service(mail);

        assertThat(text(mail.getMessage())).doesNotContain("application/ms-tnef").doesNotContain("application/pdf")
            .contains("see");
        assertThat(metrics.countFor("border.tnef.stripped")).isEqualTo(1);
    }

    @Test
    void summaryTnefNeverLeavesAsItIsEvenToAKeepDomain() throws Exception {
        init();
        Mail mail = mail(stnef(), "x@keep.test");
        mailet.service(mail);

        assertThat(text(mail.getMessage())).doesNotContain("application/ms-tnef").contains("application/pdf");
        assertThat(metrics.countFor("border.tnef.converted")).isEqualTo(1);
    }

    @Test
    void localRecipientsKeepTnefByDefaultAndGetMimeWhenAsked() throws Exception {
        init();
        String raw = winmail(tnef());
        Mail local = mail(raw, "bob@localhost");
        mailet.service(local);
        assertThat(text(local.getMessage())).isEqualTo(raw);

        setUp();
        init("localAction", "convert");
        Mail converted = mail(raw, "bob@localhost");
        mailet.service(converted);
        assertThat(text(converted.getMessage())).doesNotContain("application/ms-tnef");
    }

    @Test
    void brokenTnefLeavesTheMailUnchangedCountsAndThrowsForOnMailetException() throws Exception {
        init();
        byte[] broken = java.util.Arrays.copyOf(tnef(), 40);
        String raw = winmail(broken);
        Mail mail = mail(raw, "x@convert.test");
        assertThatThrownBy(() -> mailet.service(mail))
            .isInstanceOf(MessagingException.class)
            .hasMessage("Mail m1: TNEF cannot be decoded")
            .hasCauseInstanceOf(org.bordertransport.core.tnefmime.TnefConversionException.class);

        // what the container then does (onMailetException: ignore, the shipped choice) is IT/ConverterFailureTest's
        assertThat(text(mail.getMessage())).isEqualTo(raw);
        assertThat(mail.getState()).isEqualTo("relay");
        assertThat(metrics.countFor("border.tnef.failed")).isEqualTo(1);
    }

    @Test
    void initShouldThrowWhenTheRemovedFailureProcessorIsGiven() {
        assertThatThrownBy(() -> init("failureProcessor", "tnef-error"))
            .isInstanceOf(MessagingException.class)
            .hasMessageStartingWith("ConvertTnef: parameter 'failureProcessor' was removed: set "
                + "<onMailetException>PROCESSOR</onMailetException>");
    }

    @Test
    void initShouldAcceptTheContainersOwnParameters() throws Exception {
        init("onMailetException", "ignore", "onMatchException", "noMatch");
    }

    @Test
    void badParametersFailAtStartupNamingThem() {
        assertThatThrownBy(() -> init("disabledAction", "keep"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("disabledAction").hasMessageContaining("'keep'")
            .hasMessageContaining("allowed: convert, strip");
        assertThatThrownBy(() -> init("colour", "blue"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("colour");
    }
}
