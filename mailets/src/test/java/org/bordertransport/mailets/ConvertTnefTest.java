package org.bordertransport.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.bordertransport.core.tnef.MapiTag;
import org.bordertransport.core.tnefmime.TnefFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertTnefTest {
    private static final String POLICY = "<remoteDomains>\n"
        + "  <remoteDomain name=\"Default\" domain=\"*\"/>\n"
        + "  <remoteDomain name=\"Exchange\" domain=\"keep.test\"><TNEFEnabled>true</TNEFEnabled></remoteDomain>\n"
        + "  <remoteDomain name=\"No TNEF\" domain=\"convert.test\"><TNEFEnabled>false</TNEFEnabled></remoteDomain>\n"
        + "  <recipient address=\"never@other.test\"><UseMapiRichTextFormat>Never</UseMapiRichTextFormat></recipient>\n"
        + "  <recipient address=\"always@other.test\"><UseMapiRichTextFormat>Always</UseMapiRichTextFormat></recipient>\n"
        + "  <recipient address=\"never@keep.test\"><UseMapiRichTextFormat>Never</UseMapiRichTextFormat></recipient>\n"
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
    void useMapiRichTextFormatOfARecipientCountsWhereItsRemoteDomainLeavesTnefUnset() throws Exception {
        init("unsetAction", "keep", "disabledAction", "strip");
        String raw = winmail(tnef());
        Mail never = mail(raw, "Never@other.test");
        mailet.service(never);
        assertThat(text(never.getMessage())).doesNotContain("application/ms-tnef").doesNotContain("application/pdf");
        Mail domainWins = mail(raw, "never@keep.test");
        mailet.service(domainWins);
        assertThat(text(domainWins.getMessage())).isEqualTo(raw);

        setUp();
        init();
        Mail always = mail(raw, "always@other.test");
        mailet.service(always);
        assertThat(text(always.getMessage())).isEqualTo(raw);
        Mail unset = mail(raw, "x@other.test");
        mailet.service(unset);
        assertThat(text(unset.getMessage())).doesNotContain("application/ms-tnef");
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
    void aUuencodedWinmailDatInAPlainTextMailBecomesMime() throws Exception {
        init();
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        org.bordertransport.core.encoding.UuEncoder.encode(new ByteArrayInputStream(tnef()), "WINMAIL.DAT",
            StandardCharsets.US_ASCII, block);
        String raw = "From: alice@border.test\r\nTo: x@convert.test\r\nSubject: report\r\n\r\nSee below.\r\n"
            + block.toString(StandardCharsets.US_ASCII);
        Mail mail = mail(raw, "x@convert.test");
        mailet.service(mail);

        assertThat(text(mail.getMessage())).doesNotContain("begin 644").contains("Content-Type: application/pdf")
            .contains("See below.");
        assertThat(metrics.countFor("border.tnef.converted")).isEqualTo(1);
    }

    @Test
    void aPartLabelledTnefWithoutTheSignatureIsKeptCountedAndLogged() throws Exception {
        init();
        String raw = winmail("not TNEF at all".getBytes(StandardCharsets.US_ASCII));
        Mail mail = mail(raw, "x@convert.test");
        mailet.service(mail);

        assertThat(text(mail.getMessage())).isEqualTo(raw);
        assertThat(mail.getState()).isEqualTo("relay");
        assertThat(metrics.countFor("border.tnef.mislabelled")).isEqualTo(1);
        assertThat(metrics.countFor("border.tnef.failed")).isZero();
        assertThat(metrics.countFor("border.tnef.converted")).isZero();

        Mail kept = mail(raw, "x@keep.test");
        mailet.service(kept);
        assertThat(text(kept.getMessage())).isEqualTo(raw);
        assertThat(metrics.countFor("border.tnef.mislabelled")).isEqualTo(2);
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

    /** Undecodable TNEF that must not leave (summary TNEF, TNEFEnabled=false) goes to {@code errorProcessor}. */
    @Nested
    class ErrorProcessor {
        private final byte[] broken = Arrays.copyOf(tnef(), 40);

        private String brokenStnef() {
            return stnef().replace(Base64.getMimeEncoder().encodeToString(tnef()),
                Base64.getMimeEncoder().encodeToString(broken));
        }

        private void assertHeld(Mail mail, String raw, String what) throws Exception {
            assertThat(mail.getState()).isEqualTo("tnef-error");
            assertThat(text(mail.getMessage())).isEqualTo(raw);
            assertThat(mail.getAttribute(AttributeName.of(ConvertTnef.HELD_ATTRIBUTE)))
                .hasValueSatisfying(attribute -> assertThat(attribute.getValue().value()).asString()
                    .startsWith(what + " cannot be decoded (").endsWith("); it must not leave as TNEF"));
            assertThat(mail.getErrorMessage()).isEqualTo(
                mail.getAttribute(AttributeName.of(ConvertTnef.HELD_ATTRIBUTE)).get().getValue().value());
            assertThat(metrics.countFor("border.tnef.held")).isEqualTo(1);
            assertThat(metrics.countFor("border.tnef.failed")).isEqualTo(1);
        }

        @Test
        void serviceShouldHoldUndecodableSummaryTnefEvenToAKeepDomain() throws Exception {
            init("errorProcessor", "tnef-error");
            String raw = brokenStnef();
            Mail mail = mail(raw, "x@keep.test");
            mailet.service(mail);

            assertHeld(mail, raw, "summary TNEF to a remote domain");
        }

        @Test
        void aReprocessedMailHeldAgainIsRenamedSoThatJamesDoesNotDeleteIt() throws Exception {
            init("errorProcessor", "tnef-error");
            String raw = brokenStnef();
            Mail first = mail(raw, "x@keep.test");
            mailet.service(first);
            assertThat(first.getName()).as("held the first time: its own name").isEqualTo("m1");

            Mail reprocessed = mail(raw, "x@keep.test");
            reprocessed.setAttribute(new Attribute(HeldMail.REPROCESSING, AttributeValue.of(1)));
            mailet.service(reprocessed);
            assertThat(reprocessed.getState()).isEqualTo("tnef-error");
            assertThat(reprocessed.getName()).startsWith("m1-held-");
        }

        @Test
        void serviceShouldHoldUndecodableSummaryTnefToAnUnsetDomain() throws Exception {
            init("errorProcessor", "tnef-error", "unsetAction", "keep");
            String raw = brokenStnef();
            Mail mail = mail(raw, "x@other.test");
            mailet.service(mail);

            assertHeld(mail, raw, "summary TNEF to a remote domain");
        }

        @Test
        void serviceShouldHoldUndecodableTnefToADomainWithTnefDisabled() throws Exception {
            init("errorProcessor", "tnef-error");
            String raw = winmail(broken);
            Mail mail = mail(raw, "x@convert.test");
            mailet.service(mail);

            assertHeld(mail, raw, "TNEF to a remote domain with TNEFEnabled=false");
        }

        @Test
        void serviceShouldHoldSignedUndecodableSummaryTnef() throws Exception {
            init("errorProcessor", "tnef-error");
            String raw = ThirdPartySigner.sign(brokenStnef().replace("From: alice@border.test",
                "From: someone@sender.example").replace("To: x@keep.test", "To: x@other.test"));
            Mail mail = mail(raw, "x@other.test");
            mailet.service(mail);

            assertHeld(mail, raw, "summary TNEF to a remote domain");
        }

        @Test
        void serviceShouldThrowAsBeforeForUndecodableTnefToAnUnsetDomain() throws Exception {
            init("errorProcessor", "tnef-error");
            String raw = winmail(broken);
            Mail mail = mail(raw, "x@other.test");
            assertThatThrownBy(() -> mailet.service(mail))
                .isInstanceOf(MessagingException.class)
                .hasMessage("Mail m1: TNEF cannot be decoded");

            assertThat(mail.getState()).isEqualTo("relay");
            assertThat(mail.getAttribute(AttributeName.of(ConvertTnef.HELD_ATTRIBUTE))).isEmpty();
            assertThat(text(mail.getMessage())).isEqualTo(raw);
            assertThat(metrics.countFor("border.tnef.failed")).isEqualTo(1);
            assertThat(metrics.countFor("border.tnef.held")).isZero();
        }

        @Test
        void serviceShouldKeepUndecodableTnefPartsForAKeepDomainWithoutDecodingThem() throws Exception {
            init("errorProcessor", "tnef-error");
            String raw = winmail(broken);
            Mail mail = mail(raw, "x@keep.test");
            mailet.service(mail);

            assertThat(mail.getState()).isEqualTo("relay");
            assertThat(text(mail.getMessage())).isEqualTo(raw);
            assertThat(metrics.countFor("border.tnef.kept")).isEqualTo(1);
        }

        @Test
        void serviceShouldThrowAsBeforeForUndecodableSummaryTnefToLocalRecipients() throws Exception {
            init("errorProcessor", "tnef-error", "localAction", "convert");
            Mail mail = mail(brokenStnef(), "bob@localhost");
            assertThatThrownBy(() -> mailet.service(mail)).isInstanceOf(MessagingException.class);

            assertThat(mail.getState()).isEqualTo("relay");
            assertThat(metrics.countFor("border.tnef.held")).isZero();
        }

        @Test
        void serviceShouldThrowAsBeforeWithoutErrorProcessor() throws Exception {
            init();
            Mail summary = mail(brokenStnef(), "x@keep.test");
            assertThatThrownBy(() -> mailet.service(summary)).isInstanceOf(MessagingException.class)
                .hasMessage("Mail m1: TNEF cannot be decoded");
            Mail disabled = mail(winmail(broken), "x@convert.test");
            assertThatThrownBy(() -> mailet.service(disabled)).isInstanceOf(MessagingException.class);

            assertThat(summary.getState()).isEqualTo("relay");
            assertThat(disabled.getState()).isEqualTo("relay");
            assertThat(metrics.countFor("border.tnef.failed")).isEqualTo(2);
            assertThat(metrics.countFor("border.tnef.held")).isZero();
        }

        @Test
        void serviceShouldLeaveDecodableTnefToTheConversion() throws Exception {
            init("errorProcessor", "tnef-error");
            Mail mail = mail(stnef(), "x@keep.test");
            mailet.service(mail);

            assertThat(mail.getState()).isEqualTo("relay");
            assertThat(text(mail.getMessage())).doesNotContain("application/ms-tnef");
            assertThat(metrics.countFor("border.tnef.held")).isZero();
        }

        @Test
        void serviceShouldLeaveTnefInsideSignedContentAsItIs() throws Exception {
            init("errorProcessor", "tnef-error");
            String winmail = winmail(broken);
            String raw = "From: alice@border.test\r\nTo: x@convert.test\r\nSubject: signed\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256; "
                + "boundary=\"s\"\r\n\r\n--s\r\n" + winmail.substring(winmail.indexOf("Content-Type: multipart/mixed"))
                + "--s\r\nContent-Type: application/pkcs7-signature; name=smime.p7s\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\nAAAA\r\n--s--\r\n";
            Mail mail = mail(raw, "x@convert.test");
            mailet.service(mail);

            // documented limit (docs/tnef.md): signed or encrypted content is never modified, not even held
            assertThat(mail.getState()).isEqualTo("relay");
            assertThat(text(mail.getMessage())).isEqualTo(raw);
            assertThat(metrics.countFor("border.tnef.held")).isZero();
            assertThat(metrics.countFor("border.tnef.failed")).isZero();
        }

        @Test
        void requiredProcessingStateShouldNameTheErrorProcessor() throws Exception {
            init("errorProcessor", "tnef-error");
            assertThat(mailet.requiredProcessingState()).extracting(state -> state.getValue())
                .containsExactly("tnef-error");
        }

        @Test
        void requiredProcessingStateShouldBeEmptyWithoutErrorProcessor() throws Exception {
            init();
            assertThat(mailet.requiredProcessingState()).isEmpty();
        }

        @Test
        void initShouldThrowWhenErrorProcessorIsGhost() {
            assertThatThrownBy(() -> init("errorProcessor", "ghost"))
                .isInstanceOf(MessagingException.class)
                .hasMessage("ConvertTnef: Invalid parameter 'errorProcessor': 'ghost' would delete the mail; "
                    + "allowed: the name of a processor that keeps it");
        }
    }
}
