package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.utils.WebAdminGuiceProbe;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A remote MX that fails while James's RemoteDelivery sends to it (drops the connection mid-DATA, answers 451 after
 * DATA, never answers after DATA) then recovers: the mail is delivered exactly once, by RemoteDelivery's retry
 * (the shipped {@code delayTime} and {@code maxRetries}: first retry after 5 s), and what Border Transport did to it
 * before it reached the outgoing queue (SRS sender, public Message-ID, conversion for the remote domain, header
 * firewall) is done once: the retry sends the same octets again, nothing runs a second time. Only the silent MX needs
 * a conf change: RemoteDelivery's read {@code timeout} (James's default 180 s) cut to 2 s.
 */
class RemoteMxFaultTest {
    /** MimeText in the shipped remotedomains.xml: the HTML below is sent as plain text. */
    private static final String PLAIN = "plaintext.example.net";
    private static final String SENDER = "app@onprem.test";
    private static final String RECIPIENT = "p@" + PLAIN;
    private static final Pattern QUEUE_SIZE = Pattern.compile("\"size\"\\s*:\\s*(\\d+)");

    static String internalHtmlMail(String subject) {
        return "From: " + SENDER + "\r\nTo: " + RECIPIENT + "\r\nSubject: " + subject + "\r\n"
            + "Date: Mon, 2 Mar 2026 10:00:00 +0000\r\n"
            + "Message-ID: <fault-1@exch01.corp.local>\r\n"
            + "X-MS-Exchange-Organization-AuthAs: Internal\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: text/html; charset=us-ascii\r\n\r\n"
            + "<html><body><p>Quarterly <b>figures</b> attached.</p></body></html>\r\n";
    }

    /** Sends the mail, waits for its one delivery, and checks that Border Transport's changes are in it once. */
    static ReceivedMail sendAndAwaitTheOneDelivery(BorderJamesExtension extension) throws Exception {
        String subject = Mails.uniqueSubject("mx fault");
        extension.james().send(SENDER, List.of(RECIPIENT), internalHtmlMail(subject));
        FakeMx mx = extension.mx(PLAIN);

        ReceivedMail delivered = mx.awaitOneMail();
        assertThat(delivered.header("Subject")).contains(subject);
        assertThat(mx.pendingFaults()).isZero();
        // nothing left to retry: the outgoing queue is empty, and the MX got the mail once
        BorderJames.await().until(() -> queueSize(extension, "outgoing") == 0 && queueSize(extension, "spool") == 0);
        assertThat(mx.mails()).hasSize(1);

        // SRS once: one bounces+SRS= address of ours, not an SRS address of an SRS address
        assertThat(delivered.envelopeSender()).startsWith("bounces+SRS=").endsWith("@" + BorderJames.DOMAIN);
        assertThat(delivered.envelopeSender().split("SRS=", -1)).hasSize(2);
        assertThat(delivered.envelopeRecipients()).containsExactly(RECIPIENT);
        // one public Message-ID, no internal host, no internal header
        assertThat(delivered.headers("Message-ID")).hasSize(1);
        assertThat(delivered.header("Message-ID").orElseThrow()).endsWith("@" + BorderJames.DOMAIN + ">");
        assertThat(delivered.headerBlock().toLowerCase(Locale.ROOT)).doesNotContain("corp.local")
            .doesNotContain("x-ms-exchange-organization");
        // converted for the MimeText domain, once
        assertThat(delivered.headers("Content-Type")).hasSize(1);
        assertThat(delivered.header("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(delivered.headers("MIME-Version")).hasSize(1);
        assertThat(delivered.raw()).contains("Quarterly").doesNotContain("<b>");
        return delivered;
    }

    static int queueSize(BorderJamesExtension extension, String queue) throws IOException, InterruptedException {
        int port = extension.james().server().getProbe(WebAdminGuiceProbe.class).getWebAdminPort().getValue();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/mailQueues/" + queue)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Matcher size = QUEUE_SIZE.matcher(response.body());
        assertThat(size.find()).as(response.body()).isTrue();
        return Integer.parseInt(size.group(1));
    }

    @Nested
    class ShippedRetrySettings {
        @RegisterExtension
        BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains(PLAIN);

        @Test
        void aConnectionDroppedMidDataIsRetriedAndTheMailDeliveredOnce() throws Exception {
            extension.mx(PLAIN).failNext(FakeMx.Fault.DROP_IN_DATA);

            sendAndAwaitTheOneDelivery(extension);
            assertThat(extension.mx(PLAIN).failedAttempts()).isEmpty();
        }

        @Test
        void aTemporaryFailureAfterDataIsRetriedWithTheSameMessage() throws Exception {
            extension.mx(PLAIN).failNext(FakeMx.Fault.TEMPORARY_FAILURE_AFTER_DATA);

            ReceivedMail delivered = sendAndAwaitTheOneDelivery(extension);
            List<ReceivedMail> refused = extension.mx(PLAIN).failedAttempts();
            assertThat(refused).hasSize(1);
            // the retry sends what the first attempt sent: envelope and octets; no mailet ran again
            assertThat(refused.get(0).envelopeSender()).isEqualTo(delivered.envelopeSender());
            assertThat(refused.get(0).raw()).isEqualTo(delivered.raw());
        }
    }

    @Nested
    class SilentMx {
        @RegisterExtension
        BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains(PLAIN).customized(builder -> builder
            .replaceInConf("mailetcontainer.xml", "<maxRetries>3</maxRetries>",
                "<maxRetries>3</maxRetries>\n                <timeout>2000</timeout>"));

        @Test
        void anMxThatNeverAnswersTimesOutAndTheMailIsDeliveredOnceItAnswers() throws Exception {
            extension.mx(PLAIN).failNext(FakeMx.Fault.SILENT_AFTER_DATA);

            ReceivedMail delivered = sendAndAwaitTheOneDelivery(extension);
            assertThat(extension.mx(PLAIN).failedAttempts()).extracting(ReceivedMail::raw)
                .containsExactly(delivered.raw());
        }
    }
}
