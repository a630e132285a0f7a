package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.it.BorderJames.ALICE;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.utils.MailRepositoryProbeImpl;
import org.apache.mailet.Mail;
import org.bordertransport.core.tnef.MapiTag;
import org.bordertransport.core.tnefmime.TnefFixture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Converter failures the James way, in a real James: ConvertForRemoteDomain and ConvertTnef count, log and throw; the
 * shipped conf ({@code onMailetException=ignore}) delivers the mail unchanged, and a conf that names a processor
 * instead gets the mail there, with the failure in {@link Mail#MAILET_ERROR}. Never lost. (TNEF that must not leave —
 * summary TNEF, TNEF to a {@code TNEFEnabled=false} domain — goes to ConvertTnef's {@code errorProcessor} instead:
 * {@link TnefGuardTest}.)
 */
class ConverterFailureTest {
    /** MimeText in the shipped remotedomains.xml: HTML would be converted to text. */
    private static final String PLAIN = "plaintext.example.net";
    /** TNEFEnabled unset in the shipped remotedomains.xml: TNEF would be decoded (unsetAction=convert). */
    private static final String UNSET_TNEF = "partner.example";
    private static final String MAILETS = "mailetcontainer.xml";

    /** An HTML mail nested deeper than the converter's limit (32 levels): refused with a ConversionException. */
    static String tooDeep(String to, String subject) {
        StringBuilder head = new StringBuilder();
        StringBuilder tail = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            head.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\r\n\r\n--b").append(i)
                .append("\r\n");
            tail.insert(0, "\r\n--b" + i + "--\r\n");
        }
        return "From: " + ALICE + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: <deep-1@border.test>\r\n"
            + "MIME-Version: 1.0\r\n" + head + "Content-Type: text/html; charset=us-ascii\r\n\r\n<p>deep <b>HTML</b></p>"
            + tail;
    }

    /** A winmail.dat cut off after 40 octets: the TNEF reader refuses it with a TnefConversionException. */
    static String brokenTnef(String to, String subject) {
        byte[] tnef = TnefFixture.tnef().codePage(1252).subject("Report", TnefFixture.CP1252)
            .messageProps(TnefFixture.Props.props().binary(MapiTag.PR_HTML,
                "<html><body><p>The report</p></body></html>".getBytes(StandardCharsets.US_ASCII)))
            .build();
        return "From: " + ALICE + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: <tnef-2@border.test>\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"o\"\r\n\r\n--o\r\n"
            + "Content-Type: text/plain\r\n\r\nsee\r\n--o\r\nContent-Type: application/ms-tnef; name=\"winmail.dat\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString(Arrays.copyOf(tnef, 40)) + "\r\n--o--\r\n";
    }

    @Nested
    class ShippedConf {
        @RegisterExtension
        BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains(PLAIN, UNSET_TNEF);

        @Test
        void aMessageTheConverterRefusesIsDeliveredUnchanged() throws Exception {
            String to = "p@" + PLAIN;
            String subject = Mails.uniqueSubject("too deep");
            extension.james().send(ALICE, List.of(to), tooDeep(to, subject));

            ReceivedMail received = extension.mx(PLAIN).awaitOneMail();
            assertThat(received.header("Subject")).contains(subject);
            assertThat(received.header("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("multipart/mixed"));
            assertThat(received.raw()).contains("boundary=\"b39\"").contains("<p>deep <b>HTML</b></p>");
        }

        @Test
        void undecodableTnefIsDeliveredUnchanged() throws Exception {
            String to = "c@" + UNSET_TNEF;
            String subject = Mails.uniqueSubject("broken tnef");
            String raw = brokenTnef(to, subject);
            extension.james().send(ALICE, List.of(to), raw);

            ReceivedMail received = extension.mx(UNSET_TNEF).awaitOneMail();
            assertThat(received.header("Subject")).contains(subject);
            assertThat(received.raw()).contains("application/ms-tnef")
                .contains(raw.substring(raw.indexOf("base64\r\n\r\n") + 10, raw.indexOf("\r\n--o--")));
        }
    }

    @Nested
    class ConfNamingARepositoryProcessor {
        private final MailRepositoryUrl repository = MailRepositoryUrl.from("memory://var/mail/conversion-failed/");

        @RegisterExtension
        BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains(PLAIN).customized(builder -> builder
            .editConf(MAILETS, text -> {
                String convert = "<errorProcessor>convert-error</errorProcessor>\n"
                    + "                <onMailetException>ignore</onMailetException>";
                assertThat(text).contains(convert);
                return text.replace(convert, convert.replace("ignore", "conversion-failed"))
                    .replace("</processors>", "<processor state=\"conversion-failed\" enableJmx=\"false\">"
                        + "<mailet match=\"All\" class=\"ToRepository\"><repositoryPath>" + repository.asString()
                        + "</repositoryPath></mailet></processor></processors>");
            }));

        @Test
        void aMessageTheConverterRefusesIsStoredWithTheFailure() throws Exception {
            String to = "p@" + PLAIN;
            extension.james().send(ALICE, List.of(to), tooDeep(to, Mails.uniqueSubject("too deep")));

            MailRepositoryProbeImpl probe = extension.james().server().getProbe(MailRepositoryProbeImpl.class);
            BorderJames.await().until(() -> probe.getRepositoryMailCount(repository) == 1);
            MailKey key = probe.listMailKeys(repository).get(0);
            Mail stored = probe.getMail(repository, key);
            try {
                assertThat(stored.getAttribute(Mail.MAILET_ERROR)).isPresent();
                assertThat(stored.getRecipients()).extracting(Object::toString).containsExactly(to);
                assertThat(new String(stored.getMessage().getRawInputStream().readAllBytes(),
                    StandardCharsets.US_ASCII)).contains("<p>deep <b>HTML</b></p>");
            } finally {
                LifecycleUtil.dispose(stored);
            }
            assertThat(extension.mx(PLAIN).mails()).isEmpty();
        }
    }
}
