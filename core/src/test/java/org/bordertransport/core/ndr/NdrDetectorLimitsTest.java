package org.bordertransport.core.ndr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.core.ndr.NdrVerdict.ACTION_FAILED;
import static org.bordertransport.core.ndr.NdrVerdict.BOUNCE_TEXT;
import static org.bordertransport.core.ndr.NdrVerdict.REPORT_DELIVERY_STATUS;
import static org.bordertransport.core.ndr.NdrVerdict.UNREADABLE;
import static org.bordertransport.core.ndr.NdrVerdict.X_FAILED_RECIPIENTS;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Malformed and huge bounces (issue 11, item 5): a clear verdict, never an exception, and never more read than the
 * limits allow. Messages are read without an envelope, as {@code bin/border ndr classify FILE} does.
 */
class NdrDetectorLimitsTest {
    private static final long FIFTY_MB = 50L * 1024 * 1024;

    private static NdrVerdict detect(InputStream message) throws IOException {
        return NdrDetector.defaults().detect(message, null);
    }

    private static InputStream ascii(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Nested
    class Malformed {
        @Test
        void boundaryThatNeverAppearsShouldBeUnreadableNotAnException() throws IOException {
            NdrVerdict verdict = detect(ascii("From: Mail Delivery System <MAILER-DAEMON@mx.example>\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"declared\"\r\n\r\n"
                + "--other\r\nContent-Type: message/delivery-status\r\n\r\n"
                + "Final-Recipient: rfc822; x@example.net\r\nAction: failed\r\n--other--\r\n"));

            assertThat(verdict.problem()).contains(
                "malformed MIME: a multipart without any body part (its boundary never appears)");
            assertThat(verdict.signals()).contains(REPORT_DELIVERY_STATUS, UNREADABLE)
                .doesNotContain(ACTION_FAILED);
            // what was read, a delivery-status report from a daemon, still decides
            assertThat(verdict.isNdr()).isTrue();
        }

        @Test
        void garbageStatusPartShouldBeUnreadableNotAnException() throws IOException {
            byte[] garbage = new byte[4000];
            new Random(11).nextBytes(garbage);
            for (int i = 0; i < garbage.length; i++) {
                // no line may look like a boundary or a field
                garbage[i] = garbage[i] == ':' || garbage[i] == '-' ? (byte) 'x' : garbage[i];
            }
            byte[] head = ("Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: message/delivery-status\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] tail = "\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII);
            byte[] message = new byte[head.length + garbage.length + tail.length];
            System.arraycopy(head, 0, message, 0, head.length);
            System.arraycopy(garbage, 0, message, head.length, garbage.length);
            System.arraycopy(tail, 0, message, head.length + garbage.length, tail.length);

            NdrVerdict verdict = detect(new ByteArrayInputStream(message));

            assertThat(verdict.problem().orElseThrow()).startsWith("malformed report part: not a single field in ");
            assertThat(verdict.signals()).contains(UNREADABLE);
            assertThat(verdict.failedRecipients()).isEmpty();
        }

        @Test
        void garbageAfterTheHeaderShouldNeverThrow() throws IOException {
            Random random = new Random(5);
            for (int i = 0; i < 200; i++) {
                byte[] body = new byte[random.nextInt(3000)];
                random.nextBytes(body);
                String head = "Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\n";
                byte[] message = new byte[head.length() + body.length];
                System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, message, 0, head.length());
                System.arraycopy(body, 0, message, head.length(), body.length);

                assertThat(detect(new ByteArrayInputStream(message))).isNotNull();
            }
        }
    }

    @Nested
    class Huge {
        @Test
        void fiftyMegabyteTextBounceShouldStopAtTheOctetLimit() throws IOException {
            String head = "From: Mail Delivery System <Mailer-Daemon@mx.example>\r\n"
                + "Subject: Mail delivery failed: returning message to sender\r\n"
                + "X-Failed-Recipients: gone@example.net\r\n"
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\n"
                + "This message was created automatically by mail delivery software.\r\n\r\n"
                + "--b\r\nContent-Type: text/plain; name=attachment.txt\r\n\r\n";
            Generated message = new Generated(head, FIFTY_MB, "\r\n--b--\r\n");

            NdrVerdict verdict = detect(message);

            long limit = ReportLimits.DEFAULT_MAX_BYTES;
            assertThat(verdict.problem()).contains("more than " + limit + " octets read");
            assertThat(message.served()).as("octets read of 50 MB").isLessThanOrEqualTo(limit + 1);
            assertThat(verdict.signals()).contains(X_FAILED_RECIPIENTS, BOUNCE_TEXT, UNREADABLE);
            assertThat(verdict.isNdr()).isTrue();
            assertThat(verdict.failedRecipients()).containsExactly("gone@example.net");
        }

        @Test
        void fiftyMegabyteOriginalAfterTheStatusPartShouldNotBeRead() throws IOException {
            String head = "From: MAILER-DAEMON@mx.example (Mail Delivery System)\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example\r\n\r\n"
                + "Final-Recipient: rfc822; gone@example.net\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n"
                + "--b\r\nContent-Type: message/rfc822\r\n\r\nSubject: big\r\n\r\n";
            Generated message = new Generated(head, FIFTY_MB, "\r\n--b--\r\n");

            NdrVerdict verdict = detect(message);

            assertThat(verdict.problem()).isEmpty();
            assertThat(message.served()).as("octets read of 50 MB").isLessThan(1024 * 1024);
            assertThat(verdict.isNdr()).isTrue();
        }

        @Test
        void tenThousandFailedRecipientsShouldBeReadUpToTheFieldLimit() throws IOException {
            StringBuilder status = new StringBuilder("Reporting-MTA: dns; mx.example\r\n\r\n");
            for (int i = 0; i < 10_000; i++) {
                status.append("Final-Recipient: rfc822; user").append(i).append("@example.net\r\n")
                    .append("Action: failed\r\nStatus: 5.1.1\r\n\r\n");
            }
            String message = "From: MAILER-DAEMON@mx.example\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: message/delivery-status\r\n\r\n" + status + "--b--\r\n";

            NdrVerdict verdict = detect(ascii(message));

            assertThat(verdict.isNdr()).isTrue();
            assertThat(verdict.problem()).contains("report part has more than 1000 fields; the first 1000 read");
            // Reporting-MTA and 333 groups of three fields
            assertThat(verdict.failedRecipients()).hasSize(333).startsWith("user0@example.net")
                .endsWith("user332@example.net");
        }

        @Test
        void failedRecipientsShouldNeverExceedTheFieldLimit() throws IOException {
            StringBuilder list = new StringBuilder();
            for (int i = 0; i < 4000; i++) {
                list.append(i == 0 ? "" : ",").append('u').append(i).append("@x.example");
            }
            NdrVerdict verdict = detect(ascii("From: MAILER-DAEMON@mx.example\r\nX-Failed-Recipients: " + list
                + "\r\nSubject: Mail delivery failed\r\n\r\nx\r\n"));

            assertThat(list.length()).isLessThan(ReportLimits.DEFAULT_MAX_FIELD_OCTETS);
            assertThat(verdict.isNdr()).isTrue();
            assertThat(verdict.failedRecipients()).hasSize(ReportLimits.DEFAULT_MAX_HEADER_FIELDS);
        }
    }

    /** A message of {@code head}, {@code size} octets of filler lines and {@code tail}, made while it is read. */
    static final class Generated extends InputStream {
        private static final byte[] LINE = ("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAx"
            + "\r\n").getBytes(StandardCharsets.US_ASCII);
        private final byte[] head;
        private final byte[] tail;
        private final long total;
        private long position;

        Generated(String head, long size, String tail) {
            this.head = head.getBytes(StandardCharsets.US_ASCII);
            this.tail = tail.getBytes(StandardCharsets.US_ASCII);
            this.total = this.head.length + size + this.tail.length;
        }

        long served() {
            return position;
        }

        @Override
        public int read() {
            if (position >= total) {
                return -1;
            }
            long p = position++;
            if (p < head.length) {
                return head[(int) p] & 0xff;
            }
            long fillerEnd = total - tail.length;
            if (p >= fillerEnd) {
                return tail[(int) (p - fillerEnd)] & 0xff;
            }
            return LINE[(int) ((p - head.length) % LINE.length)] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int n = 0;
            while (n < len) {
                int c = read();
                if (c < 0) {
                    break;
                }
                b[off + n++] = (byte) c;
            }
            return n == 0 ? -1 : n;
        }
    }
}
