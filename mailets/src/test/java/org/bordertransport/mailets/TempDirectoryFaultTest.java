package org.bordertransport.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Collectors;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * The JVM's temporary directory cannot hold files: this class runs in its own surefire execution
 * ({@code temp-directory-fault} in this module's pom) with {@code java.io.tmpdir} under a regular file, which fails
 * whoever runs it, root included. Every spill of the real code fails: Border Transport's spools, the TNEF reader's
 * spill file, and James's own ({@code MimeMessageInputStreamSource}, behind the converted message). Mail small
 * enough for memory is converted as usual; a larger one is never lost: it keeps its message, the mailet counts it,
 * logs one WARN line (mailet's logger, mail name, cause, no stack trace) and throws for {@code onMailetException}, or
 * sends it to {@code errorProcessor} where it must not leave unconverted.
 */
class TempDirectoryFaultTest {
    /** Set by the {@code temp-directory-fault} execution to the unusable directory it gives the JVM. */
    static final String PROPERTY = "border.fault.tmpdir";
    private static final String POLICY = "<remoteDomains>\n"
        + "  <remoteDomain name=\"Default\" domain=\"*\"/>\n"
        + "  <remoteDomain name=\"Text\" domain=\"text.test\"><ContentType>MimeText</ContentType></remoteDomain>\n"
        + "  <remoteDomain name=\"7-bit\" domain=\"gateway.test\"><SevenBitOnly>true</SevenBitOnly></remoteDomain>\n"
        + "  <remoteDomain name=\"No TNEF\" domain=\"convert.test\"><TNEFEnabled>false</TNEFEnabled></remoteDomain>\n"
        + "</remoteDomains>\n";
    private static final Path CONF = Paths.get("target", "fault-conf");

    private RecordingMetricFactory metrics;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeAll
    static void theTemporaryDirectoryIsUnusable() throws IOException {
        String expected = System.getProperty(PROPERTY);
        Assumptions.assumeTrue(expected != null, "runs in the temp-directory-fault surefire execution only");
        assertThat(System.getProperty("java.io.tmpdir")).isEqualTo(expected);
        assertThat(Paths.get(expected).getParent()).isRegularFile();
        assertThatThrownBy(() -> Files.createTempFile("probe", ".tmp")).isInstanceOf(IOException.class);
        Files.createDirectories(CONF);
        Files.writeString(CONF.resolve("remotedomains.xml"), POLICY, StandardCharsets.UTF_8);
    }

    @BeforeEach
    void setUp() {
        metrics = new RecordingMetricFactory();
        log.start();
    }

    @AfterEach
    void tearDown() {
        for (String name : List.of(ConvertForRemoteDomain.class.getName(), ConvertTnef.class.getName())) {
            logger(name).detachAppender(log);
        }
    }

    private Logger logger(String name) {
        return (Logger) LoggerFactory.getLogger(name);
    }

    private void capture(Class<?> mailet) {
        logger(mailet.getName()).addAppender(log);
    }

    private static Path policy(String location) throws FileNotFoundException {
        if (!location.equals("file://conf/remotedomains.xml")) {
            throw new FileNotFoundException(location);
        }
        return CONF.resolve("remotedomains.xml");
    }

    private static FakeMailetConfig config(String name, String... pairs) {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName(name)
            .mailetContext(FakeMailContext.defaultContext());
        for (int i = 0; i < pairs.length; i += 2) {
            config.setProperty(pairs[i], pairs[i + 1]);
        }
        return config.build();
    }

    private static Mail mail(String name, String raw, String recipient) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
        return FakeMail.builder().name(name).state("relay").sender("alice@border.test").recipient(recipient)
            .mimeMessage(message).build();
    }

    private static String text(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** An HTML mail of about {@code octets}: its converted form may be larger than the 1 MiB a spool keeps in memory. */
    static String html(String to, int octets) {
        StringBuilder body = new StringBuilder("<html><body>\r\n");
        while (body.length() < octets) {
            body.append("<p>Quarterly <b>figures</b>, line ").append(body.length()).append("</p>\r\n");
        }
        return "From: alice@border.test\r\nTo: " + to + "\r\nSubject: figures\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body
            + "<p>gr\u00fc\u00dfe</p></body></html>\r\n";
    }

    /** A winmail.dat whose attachment (1.2 MB) is over the TNEF reader's memory threshold. */
    static String winmail(String to) {
        byte[] data = new byte[1_200_000];
        new Random(7).nextBytes(data);
        byte[] tnef = TnefFixture.tnef().codePage(1252).subject("Report", TnefFixture.CP1252)
            .messageProps(TnefFixture.Props.props().binary(MapiTag.PR_HTML,
                "<html><body><p>The report</p></body></html>".getBytes(StandardCharsets.US_ASCII)))
            .file("report.bin", data, "application/octet-stream", null).build();
        return "From: alice@border.test\r\nTo: " + to + "\r\nSubject: report\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"o\"\r\n\r\n--o\r\nContent-Type: text/plain\r\n\r\nsee\r\n"
            + "--o\r\nContent-Type: application/ms-tnef; name=\"winmail.dat\"\r\nContent-Transfer-Encoding: base64\r\n"
            + "\r\n" + Base64.getMimeEncoder().encodeToString(tnef) + "\r\n--o--\r\n";
    }

    /** The one WARN line of the mailet, without a stack trace, naming the mail and the cause. */
    private void assertOneWarnLine(String mailName, String... fragments) {
        List<ILoggingEvent> warnings = log.list.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
            .collect(Collectors.toList());
        assertThat(warnings).hasSize(1);
        ILoggingEvent line = warnings.get(0);
        assertThat(line.getThrowableProxy()).isNull();
        assertThat(line.getFormattedMessage()).contains("Mail " + mailName).contains(fragments)
            .contains(System.getProperty(PROPERTY));
    }

    @Nested
    class ConvertingForARemoteDomain {
        private ConvertForRemoteDomain mailet;

        @BeforeEach
        void init() throws MessagingException {
            mailet = new ConvertForRemoteDomain(TempDirectoryFaultTest::policy, metrics, ThirdPartySigner.keys());
            mailet.init(config("ConvertForRemoteDomain", "errorProcessor", "convert-error"));
            capture(ConvertForRemoteDomain.class);
        }

        @Test
        void mailThatFitsInMemoryIsConvertedAsUsual() throws Exception {
            Mail mail = mail("small", html("x@text.test", 2_000), "x@text.test");
            mailet.service(mail);

            assertThat(mail.getMessage().getContentType()).startsWith("text/plain");
            assertThat(metrics.countFor("border.convert.converted")).isEqualTo(1);
            assertThat(log.list).noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN));
        }

        @Test
        void largerMailKeepsItsMessageAndTheFailureGoesToOnMailetException() throws Exception {
            Mail mail = mail("large", html("x@text.test", 2_000_000), "x@text.test");
            String before = text(mail.getMessage());

            assertThatThrownBy(() -> mailet.service(mail)).isInstanceOf(MessagingException.class)
                .hasMessage("Mail large cannot be converted for its remote domain")
                .hasCauseInstanceOf(IOException.class);
            assertThat(text(mail.getMessage())).isEqualTo(before);
            assertThat(mail.getState()).isEqualTo("relay");
            assertThat(metrics.countFor("border.convert.unconverted")).isEqualTo(1);
            assertOneWarnLine("large", "cannot be converted");
        }

        @Test
        void largerMailForASevenBitOnlyDomainGoesToTheErrorProcessorWithItsMessage() throws Exception {
            Mail mail = mail("seven", html("x@gateway.test", 2_000_000), "x@gateway.test");
            String before = text(mail.getMessage());

            mailet.service(mail);
            assertThat(mail.getState()).isEqualTo("convert-error");
            assertThat(text(mail.getMessage())).isEqualTo(before);
            assertThat(mail.getErrorMessage()).contains(System.getProperty(PROPERTY));
            assertThat(metrics.countFor("border.convert.held")).isEqualTo(1);
            assertOneWarnLine("seven", "sent to processor convert-error");
        }
    }

    @Nested
    class DecodingTnef {
        private ConvertTnef mailet;

        @BeforeEach
        void init() throws MessagingException {
            mailet = new ConvertTnef(TempDirectoryFaultTest::policy, metrics, ThirdPartySigner.keys());
            mailet.init(config("ConvertTnef", "errorProcessor", "tnef-error"));
            capture(ConvertTnef.class);
        }

        @Test
        void tnefWhoseAttachmentCannotBeSpilledIsDeliveredAsItIsThroughOnMailetException() throws Exception {
            Mail mail = mail("tnef", winmail("x@other.test"), "x@other.test");
            String before = text(mail.getMessage());

            assertThatThrownBy(() -> mailet.service(mail)).isInstanceOf(MessagingException.class)
                .hasMessage("Mail tnef: TNEF cannot be decoded").hasCauseInstanceOf(IOException.class);
            assertThat(text(mail.getMessage())).isEqualTo(before);
            assertThat(metrics.countFor("border.tnef.failed")).isEqualTo(1);
            assertOneWarnLine("tnef", "TNEF cannot be decoded");
        }

        @Test
        void tnefThatMustNotLeaveGoesToTheErrorProcessorWithItsMessage() throws Exception {
            Mail mail = mail("held", winmail("x@convert.test"), "x@convert.test");
            String before = text(mail.getMessage());

            mailet.service(mail);
            assertThat(mail.getState()).isEqualTo("tnef-error");
            assertThat(text(mail.getMessage())).isEqualTo(before);
            assertThat(metrics.countFor("border.tnef.held")).isEqualTo(1);
            assertOneWarnLine("held", "sent to processor tnef-error");
        }
    }
}
