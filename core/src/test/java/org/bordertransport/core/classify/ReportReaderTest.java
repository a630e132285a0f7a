package org.bordertransport.core.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bordertransport.core.classify.MessageKind.AUTO_REPLY;
import static org.bordertransport.core.classify.MessageKind.DELIVERY_REPORT;
import static org.bordertransport.core.classify.MessageKind.NON_DELIVERY_REPORT;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bordertransport.core.mail.HeaderField;
import org.bordertransport.core.ndr.NdrDetector;
import org.bordertransport.core.ndr.ReportLimits;
import org.bordertransport.core.ndr.ReportReader;
import org.bordertransport.core.ndr.ReportScan;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReportReaderTest {
    private static final String TOP = "From: MAILER-DAEMON@border.test\r\n"
        + "To: alice@remote.test\r\n"
        + "Subject: Undelivered Mail Returned to Sender\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: multipart/report; report-type=delivery-status;\r\n"
        + "\tboundary=\"b1\"\r\n"
        + "\r\n";

    private static final String HUMAN = "--b1\r\n"
        + "Content-Type: text/plain; charset=us-ascii\r\n"
        + "\r\n"
        + "Your message could not be delivered.\r\n";

    private static final String ORIGINAL = "--b1\r\n"
        + "Content-Type: message/rfc822\r\n"
        + "\r\n"
        + "From: alice@remote.test\r\n"
        + "Subject: hello\r\n"
        + "Content-Type: multipart/report; report-type=delivery-status; boundary=b2\r\n"
        + "\r\n"
        + "--b2\r\n"
        + "Content-Type: message/delivery-status\r\n"
        + "\r\n"
        + "Action: delivered\r\n"
        + "--b2--\r\n"
        + "--b1--\r\n";

    private static String statusPart(String fields) {
        return "--b1\r\n"
            + "Content-Type: message/delivery-status\r\n"
            + "\r\n"
            + fields;
    }

    private static final String FIELDS = "Reporting-MTA: dns; mx.border.test\r\n"
        + "Arrival-Date: Mon, 1 Jan 2024 10:00:00 +0000\r\n"
        + "\r\n"
        + "Final-Recipient: rfc822; bob@border.test\r\n"
        + "Action: failed\r\n"
        + "Status: 5.1.1\r\n"
        + "Diagnostic-Code: smtp; 550 5.1.1 <bob@border.test>:\r\n"
        + " Recipient address rejected\r\n"
        + "\r\n"
        + "Final-Recipient: rfc822; carol@border.test\r\n"
        + "Action: delivered\r\n"
        + "Status: 2.0.0\r\n";

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static ReportScan scan(String message) throws IOException {
        return ReportReader.scanMessage(bytes(message), ReportLimits.defaults());
    }

    /**
     * What the switches make of a message: {@link MessageKinds} over what the reader read, with {@link NdrDetector}'s
     * verdict on the same message from the null reverse-path (as bounces are sent).
     */
    private static Set<MessageKind> kinds(ReportScan scan, String message) throws IOException {
        return MessageKinds.classify(scan.header(), scan.reportFields(),
            NdrDetector.defaults().detect(bytes(message), "<>"));
    }

    private static Set<MessageKind> kinds(ReportScan scan, List<HeaderField> header, String body) throws IOException {
        return MessageKinds.classify(scan.header(), scan.reportFields(),
            NdrDetector.defaults().detect(header, bytes(body), "<>"));
    }

    @Nested
    class WholeMessages {
        @Test
        void readsTheTopHeaderAndEveryReportFieldButNotTheOriginal() throws IOException {
            String message = TOP + HUMAN + statusPart(FIELDS) + ORIGINAL;
            ReportScan scan = scan(message);

            assertThat(scan.problem()).isEmpty();
            assertThat(scan.header()).extracting(HeaderField::name)
                .containsExactly("From", "To", "Subject", "MIME-Version", "Content-Type");
            assertThat(scan.reportFields()).extracting(HeaderField::toString).containsExactly(
                "Reporting-MTA: dns; mx.border.test",
                "Arrival-Date: Mon, 1 Jan 2024 10:00:00 +0000",
                "Final-Recipient: rfc822; bob@border.test",
                "Action: failed",
                "Status: 5.1.1",
                "Diagnostic-Code: smtp; 550 5.1.1 <bob@border.test>: Recipient address rejected",
                "Final-Recipient: rfc822; carol@border.test",
                "Action: delivered",
                "Status: 2.0.0");
            assertThat(kinds(scan, message)).containsExactlyInAnyOrder(NON_DELIVERY_REPORT, DELIVERY_REPORT);
        }

        @Test
        void aSuccessReportIsADeliveryReportOnly() throws IOException {
            String message = TOP + HUMAN + statusPart("Reporting-MTA: dns; mx\r\n\r\nAction: relayed\r\n")
                + ORIGINAL;
            ReportScan scan = scan(message);
            assertThat(kinds(scan, message)).containsExactly(DELIVERY_REPORT);
        }

        @Test
        void aBase64EncodedReportPartIsDecoded() throws IOException {
            String encoded = Base64.getMimeEncoder().encodeToString(
                "Final-Recipient: rfc822; x@y\r\nAction: delivered\r\n".getBytes(StandardCharsets.US_ASCII));
            String part = "--b1\r\nContent-Type: message/global-delivery-status\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + encoded + "\r\n";
            String message = TOP.replace("report-type=delivery-status", "report-type=global-delivery-status")
                + HUMAN + part + "--b1--\r\n";
            ReportScan scan = scan(message);
            assertThat(scan.reportFields()).extracting(HeaderField::value).containsExactly("rfc822; x@y", "delivered");
            assertThat(kinds(scan, message)).containsExactly(DELIVERY_REPORT);
        }

        @Test
        void aNestedReportPartDoesNotCount() throws IOException {
            String nested = "--b1\r\nContent-Type: multipart/mixed; boundary=b3\r\n\r\n--b3\r\n"
                + "Content-Type: message/delivery-status\r\n\r\nAction: delivered\r\n--b3--\r\n";
            String message = TOP + HUMAN + nested + "--b1--\r\n";
            ReportScan scan = scan(message);
            assertThat(scan.reportFields()).isEmpty();
            assertThat(scan.problem()).contains("no message/delivery-status part");
            // was NonDeliveryReport (a DSN without a readable action); NdrDetector, the one definition of a bounce,
            // reads status parts down to depth 3, finds only "delivered" and says no bounce
            assertThat(kinds(scan, message)).isEmpty();
        }

        @Test
        void anOrdinaryMessageIsReadNoFurtherThanItsHeader() throws IOException {
            InputStream body = new InputStream() {
                @Override
                public int read() throws IOException {
                    throw new IOException("the body was read");
                }
            };
            String top = "Auto-Submitted: auto-replied\r\nSubject: x\r\n\r\n";
            InputStream message = new SequenceInputStream(bytes(top), body);
            ReportScan scan = ReportReader.scanMessage(message, ReportLimits.defaults());
            assertThat(scan.problem()).isEmpty();
            assertThat(kinds(scan, top)).containsExactly(AUTO_REPLY);
        }

        @Test
        void aReadReceiptNeedsNoBody() throws IOException {
            String message = "Content-Type: multipart/report; report-type=disposition-notification; "
                + "boundary=b1\r\n\r\n--b1\r\nContent-Type: message/disposition-notification\r\n\r\n"
                + "Disposition: manual-action/MDN-sent-manually; displayed\r\n--b1--\r\n";
            ReportScan scan = scan(message);
            assertThat(scan.reportFields()).isEmpty();
            assertThat(scan.problem()).isEmpty();
            assertThat(kinds(scan, message)).containsExactly(DELIVERY_REPORT);
        }
    }

    @Nested
    class Bodies {
        private List<HeaderField> header() {
            return List.of(new HeaderField("From", "MAILER-DAEMON@border.test"),
                new HeaderField("Content-Type", "multipart/report; report-type=delivery-status;\r\n\tboundary=\"b1\""));
        }

        @Test
        void readsTheReportOfABodyWhoseHeaderIsKnown() throws IOException {
            String body = HUMAN + statusPart(FIELDS) + ORIGINAL;
            ReportScan scan = ReportReader.scanBody(header(), bytes(body), ReportLimits.defaults());
            assertThat(scan.problem()).isEmpty();
            assertThat(scan.header()).isEqualTo(header());
            assertThat(scan.reportFields()).hasSize(9);
            assertThat(kinds(scan, header(), body)).containsExactlyInAnyOrder(NON_DELIVERY_REPORT, DELIVERY_REPORT);
        }

        @Test
        void theBodyOfAnOrdinaryMessageIsNotRead() throws IOException {
            InputStream unreadable = new InputStream() {
                @Override
                public int read() throws IOException {
                    throw new IOException("the body was read");
                }
            };
            List<HeaderField> header = List.of(new HeaderField("Content-Type", "text/plain"));
            ReportScan scan = ReportReader.scanBody(header, unreadable, ReportLimits.defaults());
            assertThat(scan).isEqualTo(ReportScan.of(header, List.of(), Optional.empty()));
        }
    }

    @Nested
    class MalformedAndLimits {
        @Test
        void aTruncatedReportIsClassifiedByItsHeader() throws IOException {
            String message = TOP + HUMAN.substring(0, 20);
            ReportScan scan = scan(message);
            assertThat(scan.reportFields()).isEmpty();
            assertThat(scan.problem()).contains("no message/delivery-status part");
            assertThat(kinds(scan, message)).containsExactly(NON_DELIVERY_REPORT);
        }

        @Test
        void garbageIsNoException() throws IOException {
            String message = TOP + "\u0000\u0001--b1\r\n\r\n\r\n:::\r\n--b1--";
            ReportScan scan = scan(message);
            assertThat(kinds(scan, message)).containsExactly(NON_DELIVERY_REPORT);
            String emptyMessage = "";
            ReportScan empty = scan(emptyMessage);
            assertThat(empty.header()).isEmpty();
            assertThat(kinds(empty, emptyMessage)).isEmpty();
        }

        @Test
        void reportLinesWithoutAColonAreSkipped() throws IOException {
            String message = TOP + statusPart("garbage line\r\n: no name\r\n continuation of nothing\r\n"
                + "Action: failed\r\n") + "--b1--\r\n";
            ReportScan scan = scan(message);
            assertThat(scan.reportFields()).extracting(HeaderField::toString).containsExactly("Action: failed");
        }

        @Test
        void tooManyTopHeaderFieldsKeepTheFirstOnes() throws IOException {
            ReportLimits limits = ReportLimits.of(3, 1000, 8, 100_000, 1000);
            String message = "Auto-Submitted: auto-replied\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\nbody\r\n";
            ReportScan scan = ReportReader.scanMessage(bytes(message), limits);
            assertThat(scan.header()).extracting(HeaderField::name).containsExactly("Auto-Submitted", "A", "B");
            assertThat(scan.problem()).hasValueSatisfying(p -> assertThat(p).startsWith("malformed MIME: ")
                .contains("Maximum header limit (3) exceeded"));
            assertThat(kinds(scan, message)).containsExactly(AUTO_REPLY);
        }

        @Test
        void theByteLimitStopsBeforeTheReportPart() throws IOException {
            String message = TOP + HUMAN + "x".repeat(5000) + "\r\n" + statusPart(FIELDS) + ORIGINAL;
            ReportScan scan = ReportReader.scanMessage(bytes(message), ReportLimits.of(1000, 100_000, 8, 4000, 1000));
            assertThat(scan.reportFields()).isEmpty();
            assertThat(scan.problem()).contains("more than 4000 octets read before the report part");
            assertThat(kinds(scan, message)).containsExactly(NON_DELIVERY_REPORT);
        }

        @Test
        void aMessageOfExactlyTheByteLimitIsRead() throws IOException {
            String message = "Auto-Submitted: auto-replied\r\n\r\nbody";
            ReportScan scan = ReportReader.scanMessage(bytes(message),
                ReportLimits.of(1000, 100_000, 8, message.length(), 1000));
            assertThat(scan.problem()).isEmpty();
            assertThat(kinds(scan, message)).containsExactly(AUTO_REPLY);
        }

        @Test
        void theReportLimitKeepsTheFirstOctets() throws IOException {
            ReportScan scan = ReportReader.scanMessage(bytes(TOP + statusPart("Action: delivered\r\nStatus: 2.0.0\r\n")
                + "--b1--\r\n"), ReportLimits.of(1000, 100_000, 8, 100_000, 19));
            assertThat(scan.reportFields()).extracting(HeaderField::toString).containsExactly("Action: delivered");
            assertThat(scan.problem()).contains("report part longer than 19 octets; the first 19 read");
        }

        @Test
        void theReportFieldLimitKeepsTheFirstFields() throws IOException {
            ReportScan scan = ReportReader.scanMessage(bytes(TOP + statusPart(FIELDS) + "--b1--\r\n"),
                ReportLimits.of(5, 100_000, 8, 100_000, 10_000));
            assertThat(scan.reportFields()).extracting(HeaderField::name)
                .containsExactly("Reporting-MTA", "Arrival-Date", "Final-Recipient", "Action", "Status");
            assertThat(scan.problem()).contains("report part has more than 5 fields; the first 5 read");
        }

        @Test
        void deepNestingStops() throws IOException {
            StringBuilder body = new StringBuilder();
            for (int i = 2; i <= 5; i++) {
                body.append("--b").append(i - 1).append("\r\nContent-Type: multipart/mixed; boundary=b").append(i)
                    .append("\r\n\r\n");
            }
            String message = TOP + body + statusPart(FIELDS);
            ReportScan scan = ReportReader.scanMessage(bytes(message),
                ReportLimits.of(1000, 100_000, 3, 100_000, 10_000));
            assertThat(scan.problem()).contains("multipart nesting deeper than 3 levels");
            assertThat(kinds(scan, message)).containsExactly(NON_DELIVERY_REPORT);
        }

        @Test
        void aFailingStreamIsTheOnlyException() {
            IOException failure = new IOException("disk gone");
            InputStream broken = new SequenceInputStream(bytes(TOP + HUMAN), new InputStream() {
                @Override
                public int read() throws IOException {
                    throw failure;
                }
            });
            assertThatThrownBy(() -> ReportReader.scanMessage(broken, ReportLimits.defaults())).isSameAs(failure);
        }

        @Test
        void limitsMustBePositive() {
            assertThatThrownBy(() -> ReportLimits.of(0, 1, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxHeaderFields must be positive, got 0");
            assertThatThrownBy(() -> ReportLimits.of(1, 1, 1, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxBytes must be positive, got 0");
            assertThatThrownBy(() -> ReportLimits.of(1, 1, 1, 1, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxReportBytes must be positive, got -1");
        }
    }
}
