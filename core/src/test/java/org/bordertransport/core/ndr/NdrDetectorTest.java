package org.bordertransport.core.ndr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bordertransport.core.ndr.NdrVerdict.ACTION_DELAYED;
import static org.bordertransport.core.ndr.NdrVerdict.ACTION_FAILED;
import static org.bordertransport.core.ndr.NdrVerdict.ARF_FEEDBACK_REPORT;
import static org.bordertransport.core.ndr.NdrVerdict.AUTO_GENERATED;
import static org.bordertransport.core.ndr.NdrVerdict.AUTO_REPLIED;
import static org.bordertransport.core.ndr.NdrVerdict.BOUNCE_TEXT;
import static org.bordertransport.core.ndr.NdrVerdict.DAEMON_SENDER;
import static org.bordertransport.core.ndr.NdrVerdict.DELAY_NOTICE;
import static org.bordertransport.core.ndr.NdrVerdict.DELAY_ONLY;
import static org.bordertransport.core.ndr.NdrVerdict.DELIVERY_REPORT;
import static org.bordertransport.core.ndr.NdrVerdict.DELIVERY_STATUS_PART;
import static org.bordertransport.core.ndr.NdrVerdict.DISPOSITION_NOTIFICATION;
import static org.bordertransport.core.ndr.NdrVerdict.FAILURE_TEXT;
import static org.bordertransport.core.ndr.NdrVerdict.GLOBAL_DELIVERY_STATUS_PART;
import static org.bordertransport.core.ndr.NdrVerdict.INSUFFICIENT_EVIDENCE;
import static org.bordertransport.core.ndr.NdrVerdict.NO_NDR_SIGNAL;
import static org.bordertransport.core.ndr.NdrVerdict.NULL_SENDER;
import static org.bordertransport.core.ndr.NdrVerdict.REPORT_DELIVERY_STATUS;
import static org.bordertransport.core.ndr.NdrVerdict.REPORT_GLOBAL_DELIVERY_STATUS;
import static org.bordertransport.core.ndr.NdrVerdict.REPORT_WITHOUT_TYPE;
import static org.bordertransport.core.ndr.NdrVerdict.SENDER_NOT_NULL;
import static org.bordertransport.core.ndr.NdrVerdict.SUBJECT;
import static org.bordertransport.core.ndr.NdrVerdict.UNREADABLE;
import static org.bordertransport.core.ndr.NdrVerdict.X_FAILED_RECIPIENTS;
import static org.bordertransport.core.ndr.NdrVerdict.X_MS_EXCHANGE_MESSAGE_IS_NDR;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.bordertransport.core.mail.HeaderField;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NdrDetectorTest {
    private static final String DIR = "/org/bordertransport/core/ndr/";
    /** Sender unknown: Return-Path decides. */
    private static final String UNKNOWN = null;

    static byte[] sample(String name) {
        try (InputStream in = NdrDetectorTest.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + DIR + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static NdrVerdict detect(byte[] message, String sender) throws IOException {
        return NdrDetector.defaults().detect(new ByteArrayInputStream(message), sender);
    }

    static NdrVerdict detect(String message, String sender) throws IOException {
        return detect(message.getBytes(StandardCharsets.UTF_8), sender);
    }

    private static Arguments ndr(String file, String sender, List<String> signals, List<String> failed) {
        return Arguments.of(file, sender, true, signals, failed, List.of());
    }

    private static Arguments notNdr(String file, String sender, List<String> signals, List<String> failed,
                                    List<String> negative) {
        return Arguments.of(file, sender, false, signals, failed, negative);
    }

    static Stream<Arguments> corpus() {
        return Stream.of(
            ndr("postfix-bounce.eml", UNKNOWN,
                List.of(NULL_SENDER, REPORT_DELIVERY_STATUS, DELIVERY_STATUS_PART, ACTION_FAILED, DAEMON_SENDER, SUBJECT,
                    BOUNCE_TEXT, FAILURE_TEXT),
                List.of("jdoe@example.net", "john.doe@example.net")),
            ndr("exchange-online-ndr.eml", "",
                List.of(NULL_SENDER, REPORT_DELIVERY_STATUS, DELIVERY_STATUS_PART, ACTION_FAILED,
                    X_MS_EXCHANGE_MESSAGE_IS_NDR, DAEMON_SENDER, SUBJECT, FAILURE_TEXT),
                List.of("someone@fabrikam.com")),
            // no Return-Path and no envelope: a DSN with a failed action is an NDR whatever the sender
            ndr("exchange-online-ndr.eml", UNKNOWN,
                List.of(REPORT_DELIVERY_STATUS, DELIVERY_STATUS_PART, ACTION_FAILED, X_MS_EXCHANGE_MESSAGE_IS_NDR,
                    DAEMON_SENDER, SUBJECT, FAILURE_TEXT),
                List.of("someone@fabrikam.com")),
            ndr("gmail-dsn.eml", "<>",
                List.of(NULL_SENDER, REPORT_DELIVERY_STATUS, DELIVERY_STATUS_PART, ACTION_FAILED, DAEMON_SENDER, SUBJECT,
                    FAILURE_TEXT),
                List.of("nosuchuser@example.org")),
            ndr("exim-bounce.eml", UNKNOWN,
                List.of(NULL_SENDER, X_FAILED_RECIPIENTS, DAEMON_SENDER, SUBJECT, BOUNCE_TEXT, FAILURE_TEXT),
                List.of("old.colleague@example.net", "typo@exmaple.com")),
            ndr("qmail-failure-notice.eml", "",
                List.of(NULL_SENDER, DAEMON_SENDER, SUBJECT, BOUNCE_TEXT, FAILURE_TEXT),
                List.of()),
            ndr("james-dsnbounce.eml", "",
                List.of(NULL_SENDER, REPORT_DELIVERY_STATUS, DELIVERY_STATUS_PART, ACTION_FAILED, DAEMON_SENDER,
                    BOUNCE_TEXT, FAILURE_TEXT),
                List.of("ghost@remote.example")),
            ndr("uppercase-types.eml", UNKNOWN,
                List.of(NULL_SENDER, REPORT_DELIVERY_STATUS, DELIVERY_STATUS_PART, ACTION_FAILED, AUTO_GENERATED,
                    DAEMON_SENDER, SUBJECT, BOUNCE_TEXT, FAILURE_TEXT),
                List.of("User@Example.COM")),
            ndr("no-report-type.eml", UNKNOWN,
                List.of(NULL_SENDER, REPORT_WITHOUT_TYPE, DELIVERY_STATUS_PART, ACTION_FAILED, DAEMON_SENDER,
                    FAILURE_TEXT),
                List.of("sales-team@lists.example.net", "sales@example.net")),
            ndr("nested-in-mixed.eml", UNKNOWN,
                List.of(NULL_SENDER, DELIVERY_STATUS_PART, ACTION_FAILED, DAEMON_SENDER, FAILURE_TEXT),
                List.of("nobody@example.org")),

            ndr("global-dsn.eml", UNKNOWN,
                List.of(NULL_SENDER, REPORT_GLOBAL_DELIVERY_STATUS, GLOBAL_DELIVERY_STATUS_PART, ACTION_FAILED,
                    DAEMON_SENDER, SUBJECT, FAILURE_TEXT),
                List.of("山田@例え.jp")),

            // a delay notice is not a bounce: the DSN has only Action: delayed
            notNdr("delayed-dsn.eml", UNKNOWN,
                List.of(NULL_SENDER, REPORT_DELIVERY_STATUS, DELIVERY_STATUS_PART, ACTION_DELAYED, DAEMON_SENDER,
                    BOUNCE_TEXT, DELAY_NOTICE),
                List.of(), List.of(DELAY_ONLY)),
            notNdr("exim-bounce.eml", "dave@example.com",
                List.of(X_FAILED_RECIPIENTS, DAEMON_SENDER, SUBJECT, BOUNCE_TEXT, FAILURE_TEXT),
                List.of("old.colleague@example.net", "typo@exmaple.com"), List.of(SENDER_NOT_NULL)),
            notNdr("qmail-failure-notice.eml", "mallory@example.org",
                List.of(DAEMON_SENDER, SUBJECT, BOUNCE_TEXT, FAILURE_TEXT), List.of(), List.of(SENDER_NOT_NULL)),
            notNdr("vacation-auto-reply.eml", UNKNOWN, List.of(NULL_SENDER), List.of(), List.of(AUTO_REPLIED)),
            notNdr("vacation-auto-reply.eml", "laura@example.net", List.of(), List.of(), List.of(AUTO_REPLIED)),
            notNdr("arf-abuse-report.eml", UNKNOWN, List.of(NULL_SENDER), List.of(), List.of(ARF_FEEDBACK_REPORT)),
            notNdr("success-dsn.eml", UNKNOWN,
                List.of(NULL_SENDER, REPORT_DELIVERY_STATUS, DELIVERY_STATUS_PART, DAEMON_SENDER), List.of(),
                List.of(DELIVERY_REPORT)),
            notNdr("read-receipt.eml", UNKNOWN, List.of(NULL_SENDER), List.of(), List.of(DISPOSITION_NOTIFICATION)),
            notNdr("normal-mail.eml", UNKNOWN, List.of(), List.of(), List.of(NO_NDR_SIGNAL)),
            notNdr("postmaster-not-bounce.eml", UNKNOWN, List.of(DAEMON_SENDER), List.of(),
                List.of(INSUFFICIENT_EVIDENCE)),
            notNdr("forwarded-bounce.eml", UNKNOWN, List.of(), List.of(), List.of(NO_NDR_SIGNAL)));
    }

    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("corpus")
    void corpusSampleShouldGiveTheExactVerdict(String file, String sender, boolean ndr, List<String> signals,
                                               List<String> failed, List<String> negative) throws IOException {
        NdrVerdict verdict = detect(sample(file), sender);

        assertThat(verdict.isNdr()).as("ndr").isEqualTo(ndr);
        assertThat(verdict.signals()).as("signals").containsExactlyElementsOf(signals);
        assertThat(verdict.failedRecipients()).as("failed recipients").containsExactlyElementsOf(failed);
        assertThat(verdict.negativeSignals()).as("negative signals").containsExactlyElementsOf(negative);
        assertThat(verdict.problem()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void headerAndBodyShouldGiveTheSameVerdictAsTheWholeMessage(String file, String sender) throws IOException {
        byte[] message = sample(file);
        String text = new String(message, StandardCharsets.UTF_8);
        int blank = text.indexOf("\n\n");
        List<HeaderField> header = Headers.parse(text.substring(0, blank + 1));
        byte[] body = text.substring(blank + 2).getBytes(StandardCharsets.UTF_8);

        NdrVerdict verdict = NdrDetector.defaults().detect(header, new ByteArrayInputStream(body), sender);

        assertThat(verdict).isEqualTo(detect(message, sender));
    }

    @Test
    void receivedFieldsShouldBeCounted() throws IOException {
        assertThat(detect(sample("postfix-bounce.eml"), UNKNOWN).receivedCount()).isEqualTo(2);
        assertThat(detect(sample("forwarded-bounce.eml"), UNKNOWN).receivedCount()).isZero();
    }

    @Nested
    class EnvelopeSender {
        private static final String TEXT_BOUNCE = "From: MAILER-DAEMON@mx.example.com\nSubject: failure notice\n\nx\n";

        @ParameterizedTest
        @ValueSource(strings = {"", "<>", " < > ", "\t"})
        void nullReversePathFormsShouldCount(String sender) throws IOException {
            assertThat(detect(TEXT_BOUNCE, sender).signals()).containsExactly(NULL_SENDER, DAEMON_SENDER, SUBJECT);
        }

        @Test
        void unknownSenderShouldTakeTheNullSenderFromReturnPath() throws IOException {
            assertThat(detect("Return-Path: <> (bounce)\n" + TEXT_BOUNCE, UNKNOWN).signals())
                .containsExactly(NULL_SENDER, DAEMON_SENDER, SUBJECT);
        }

        @Test
        void otherReturnPathShouldLeaveTheEnvelopeUnknown() throws IOException {
            // written by the delivering server, but no envelope: the content decides (Sendmail writes
            // <MAILER-DAEMON>, Amazon SES and mailing-list managers send notices with a sender of their own)
            NdrVerdict verdict = detect("Return-Path: <x@example.com>\n" + TEXT_BOUNCE, UNKNOWN);

            assertThat(verdict.isNdr()).isTrue();
            assertThat(verdict.signals()).containsExactly(DAEMON_SENDER, SUBJECT, NdrVerdict.SENDER_UNKNOWN);
        }

        @Test
        void noSenderAndNoReturnPathShouldLetTheContentDecide() throws IOException {
            NdrVerdict verdict = detect(TEXT_BOUNCE, UNKNOWN);
            assertThat(verdict.isNdr()).isTrue();
            assertThat(verdict.signals()).contains(NdrVerdict.SENDER_UNKNOWN).doesNotContain(NdrVerdict.NULL_SENDER);
            assertThat(detect(TEXT_BOUNCE, "").signals()).doesNotContain(NdrVerdict.SENDER_UNKNOWN);
            assertThat(detect("From: alice@example.com\nSubject: hello\n\nhi\n", UNKNOWN).isNdr())
                .as("no bounce evidence: still no bounce").isFalse();
        }

        @Test
        void givenSenderShouldWinOverReturnPath() throws IOException {
            assertThat(detect("Return-Path: <>\n" + TEXT_BOUNCE, "x@example.com").negativeSignals())
                .containsExactly(SENDER_NOT_NULL);
        }

        @Test
        void nullSenderAloneShouldBeInsufficient() throws IOException {
            NdrVerdict verdict = detect("From: a@example.com\nSubject: hi\n\nx\n", "");

            assertThat(verdict.signals()).containsExactly(NULL_SENDER);
            assertThat(verdict.negativeSignals()).containsExactly(INSUFFICIENT_EVIDENCE);
        }
    }

    @Nested
    class TextBounces {
        @Test
        void autoGeneratedWithBounceSubjectShouldBeAnNdr() throws IOException {
            NdrVerdict verdict = detect("From: Robot <robot@example.com>\nAuto-Submitted: auto-generated; type=dsn\n"
                + "Subject: =?UTF-8?Q?Undeliverable:_Hello?=\n\nx\n", "");

            assertThat(verdict.isNdr()).isTrue();
            assertThat(verdict.signals()).containsExactly(NULL_SENDER, AUTO_GENERATED, SUBJECT);
        }

        @Test
        void autoGeneratedWithoutBounceSubjectShouldNotBe() throws IOException {
            NdrVerdict verdict = detect("From: Robot <robot@example.com>\nAuto-Submitted: auto-generated\n"
                + "Subject: Your weekly digest\n\nx\n", "");

            assertThat(verdict.signals()).containsExactly(NULL_SENDER, AUTO_GENERATED);
            assertThat(verdict.negativeSignals()).containsExactly(INSUFFICIENT_EVIDENCE);
        }

        @Test
        void bounceSubjectFromAPersonShouldNotBe() throws IOException {
            NdrVerdict verdict = detect("From: Eve <eve@example.com>\nSubject: Undeliverable: Hello\n\nx\n", "");

            assertThat(verdict.signals()).containsExactly(NULL_SENDER, SUBJECT);
            assertThat(verdict.negativeSignals()).containsExactly(INSUFFICIENT_EVIDENCE);
        }

        @Test
        void exchangeMarkerAloneWithNullSenderShouldBeAnNdr() throws IOException {
            NdrVerdict verdict = detect("X-MS-Exchange-Message-Is-Ndr: \nFrom: a@example.com\nSubject: x\n\nx\n", "");

            assertThat(verdict.isNdr()).isTrue();
            assertThat(verdict.signals()).containsExactly(NULL_SENDER, X_MS_EXCHANGE_MESSAGE_IS_NDR);
        }

        @Test
        void dsnWithoutStatusPartShouldNeedTheNullSender() throws IOException {
            String message = "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n"
                + "--b\nContent-Type: text/plain\n\nfailed\n--b--\n";

            assertThat(detect(message, "").signals()).containsExactly(NULL_SENDER, REPORT_DELIVERY_STATUS);
            assertThat(detect(message, "").isNdr()).isTrue();
            assertThat(detect(message, "").problem()).isEmpty();
            assertThat(detect(message, "a@example.com").negativeSignals()).containsExactly(SENDER_NOT_NULL);
        }
    }

    @Nested
    class ContentAlone {
        @Test
        void bounceTemplateSentenceShouldBeEnoughWithoutEnvelope() throws IOException {
            NdrVerdict verdict = detect("From: mx@example.org\nSubject: hi\n\n"
                + "This message was created automatically by mail delivery software.\n", UNKNOWN);

            assertThat(verdict.isNdr()).isTrue();
            assertThat(verdict.signals()).containsExactly(BOUNCE_TEXT, NdrVerdict.SENDER_UNKNOWN);
            assertThat(detect("From: mx@example.org\nSubject: hi\n\n"
                + "This message was created automatically by mail delivery software.\n", "a@example.org")
                .negativeSignals()).containsExactly(SENDER_NOT_NULL);
        }

        @Test
        void failureSentenceShouldNeedADaemon() throws IOException {
            String text = "\n\nYour message could not be delivered.\n";

            assertThat(detect("From: MAILER-DAEMON@x.example\nSubject: notice" + text, UNKNOWN).isNdr()).isTrue();
            assertThat(detect("From: robot@x.example\nAuto-Submitted: auto-generated\nSubject: notice" + text,
                UNKNOWN).negativeSignals()).containsExactly(INSUFFICIENT_EVIDENCE);
            assertThat(detect("From: bob@x.example\nSubject: notice" + text, UNKNOWN).negativeSignals())
                .containsExactly(INSUFFICIENT_EVIDENCE);
        }

        @Test
        void personForwardingABounceInlineShouldNotBeABounce() throws IOException {
            NdrVerdict verdict = detect("From: Bob <bob@example.com>\nSubject: Fwd: Mail delivery failed\n\n"
                + "Why does this bounce?\n\n---------- Forwarded message ---------\n"
                + "From: Mail Delivery System <Mailer-Daemon@mx.example>\n"
                + "This message was created automatically by mail delivery software.\n", UNKNOWN);

            assertThat(verdict.isNdr()).isFalse();
        }

        @Test
        void autoReplyShouldStayAnAutoReplyWhateverItsWords() throws IOException {
            NdrVerdict verdict = detect("From: Carol <carol@example.com>\nAuto-Submitted: auto-replied\n"
                + "Subject: Out of office\n\nI am away; mail to this address could not be delivered to me.\n", UNKNOWN);

            assertThat(verdict.negativeSignals()).containsExactly(AUTO_REPLIED);
        }

        @Test
        void japaneseBounceShouldBeReadFromIso2022Jp() throws IOException {
            byte[] head = ("From: Postmaster@ezweb.ne.jp\nSubject: notice\nContent-Type: text/plain;"
                + " charset=\"ISO-2022-JP\"\n\n").getBytes(StandardCharsets.US_ASCII);
            // 送信できませんでした (could not be sent)
            byte[] body = "送信できませんでした\n".getBytes(Charset.forName("ISO-2022-JP"));
            byte[] message = new byte[head.length + body.length];
            System.arraycopy(head, 0, message, 0, head.length);
            System.arraycopy(body, 0, message, head.length, body.length);

            NdrVerdict verdict = detect(message, UNKNOWN);

            assertThat(verdict.signals()).containsExactly(DAEMON_SENDER, FAILURE_TEXT, NdrVerdict.SENDER_UNKNOWN);
            assertThat(verdict.isNdr()).isTrue();
        }

        @Test
        void textAfterTheReportPartAndInsideTheOriginalShouldNotBeRead() throws IOException {
            String message = "From: a@example.org\nContent-Type: multipart/mixed; boundary=b\n\n"
                + "--b\nContent-Type: message/rfc822\n\nSubject: x\n\n"
                + "This message was created automatically by mail delivery software.\n--b--\n";

            assertThat(detect(message, UNKNOWN).negativeSignals()).containsExactly(NO_NDR_SIGNAL);
        }

        @Test
        void attachedTextShouldNotBeRead() throws IOException {
            String message = "From: a@example.org\nContent-Type: multipart/mixed; boundary=b\n\n"
                + "--b\nContent-Type: text/plain\n\nsee the log\n"
                + "--b\nContent-Type: text/plain\nContent-Disposition: attachment; filename=log.txt\n\n"
                + "Hi. This is the qmail-send program at x.example.\n--b--\n";

            assertThat(detect(message, UNKNOWN).isNdr()).isFalse();
        }
    }

    @Nested
    class Delays {
        @Test
        void eximDelayWarningShouldBeDelayOnly() throws IOException {
            NdrVerdict verdict = detect("From: Mail Delivery System <Mailer-Daemon@mx.example>\n"
                + "Subject: Warning: message 1abc-000 delayed 24 hours\nAuto-Submitted: auto-replied\n\n"
                + "This message was created automatically by mail delivery software.\n"
                + "A message that you sent has not yet been delivered to one or more of its\nrecipients after more"
                + " than 24 hours on the queue on mx.example.\n", "");

            assertThat(verdict.signals()).contains(BOUNCE_TEXT, DELAY_NOTICE);
            assertThat(verdict.negativeSignals()).containsExactly(DELAY_ONLY);
        }

        @Test
        void failedRecipientOutweighsADelay() throws IOException {
            String message = "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n"
                + "--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; m.example\n\n"
                + "Final-Recipient: rfc822; late@example.net\nAction: delayed\nStatus: 4.4.1\n\n"
                + "Final-Recipient: rfc822; gone@example.net\nAction: failed\nStatus: 5.1.1\n--b--\n";

            NdrVerdict verdict = detect(message, UNKNOWN);

            assertThat(verdict.isNdr()).isTrue();
            assertThat(verdict.failedRecipients()).containsExactly("gone@example.net");
        }

        @Test
        void statusWithoutActionShouldDecide() throws IOException {
            String dsn = "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n"
                + "--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; m.example\nAction: failed\n\n"
                + "Final-Recipient: rfc822; x@example.net\nAction: ACTION\nSTATUS\n--b--\n";

            NdrVerdict permanent = detect(dsn.replace("ACTION", "failure").replace("STATUS", "Status: 5.1.1"), "x@y");
            NdrVerdict bySmtpCode = detect(dsn.replace("Action: ACTION\n", "")
                .replace("STATUS", "Diagnostic-Code: smtp; 550 no such user"), "x@y");
            NdrVerdict temporary = detect(dsn.replace("Action: ACTION\n", "").replace("STATUS", "Status: 4.7.0"), "");

            assertThat(permanent.signals()).contains(NdrVerdict.STATUS_PERMANENT).doesNotContain(ACTION_FAILED);
            assertThat(permanent.isNdr()).isTrue();
            assertThat(permanent.failedRecipients()).containsExactly("x@example.net");
            assertThat(bySmtpCode.isNdr()).isTrue();
            // the per-message "Action: failed" is not a recipient's
            assertThat(temporary.signals()).contains(NdrVerdict.STATUS_TRANSIENT).doesNotContain(ACTION_FAILED);
            assertThat(temporary.negativeSignals()).containsExactly(DELAY_ONLY);
        }
    }

    @Nested
    class Reports {
        @Test
        void mixedDeliveredAndFailedShouldBeAnNdrListingOnlyTheFailed() throws IOException {
            String message = "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n"
                + "--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; m.example\n\n"
                + "Final-Recipient: rfc822; ok@example.net\nAction: delivered\nStatus: 2.0.0\n\n"
                + "Final-Recipient: rfc822;<bad@example.net>\nAction: failed (bad)\nStatus: 5.0.0\n\n"
                + "Final-Recipient: rfc822; BAD@example.net\nAction: failed\nStatus: 5.0.0\n--b--\n";

            NdrVerdict verdict = detect(message, "a@example.com");

            assertThat(verdict.isNdr()).isTrue();
            assertThat(verdict.signals()).containsExactly(REPORT_DELIVERY_STATUS, DELIVERY_STATUS_PART, ACTION_FAILED);
            assertThat(verdict.failedRecipients()).containsExactly("bad@example.net");
        }

        @Test
        void statusPartDeeperThanThreeShouldBeIgnored() throws IOException {
            String message = "Content-Type: multipart/mixed; boundary=a\n\n--a\n"
                + "Content-Type: multipart/mixed; boundary=b\n\n--b\n"
                + "Content-Type: multipart/mixed; boundary=c\n\n--c\n"
                + "Content-Type: multipart/mixed; boundary=d\n\n--d\n"
                + "Content-Type: message/delivery-status\n\nFinal-Recipient: rfc822; x@example.net\nAction: failed\n"
                + "--d--\n--c--\n--b--\n--a--\n";

            NdrVerdict verdict = detect(message, "");

            assertThat(verdict.signals()).containsExactly(NULL_SENDER);
            assertThat(verdict.isNdr()).isFalse();
        }

        @Test
        void statusPartAtDepthThreeShouldCount() throws IOException {
            String message = "Content-Type: multipart/mixed; boundary=a\n\n--a\n"
                + "Content-Type: multipart/mixed; boundary=b\n\n--b\n"
                + "Content-Type: multipart/report; boundary=c\n\n--c\n"
                + "Content-Type: message/delivery-status\n\nFinal-Recipient: rfc822; x@example.net\nAction: failed\n"
                + "--c--\n--b--\n--a--\n";

            NdrVerdict verdict = detect(message, "");

            assertThat(verdict.signals()).containsExactly(NULL_SENDER, DELIVERY_STATUS_PART, ACTION_FAILED);
            assertThat(verdict.failedRecipients()).containsExactly("x@example.net");
        }

        @Test
        void feedbackPartWithoutReportTypeShouldBeArf() throws IOException {
            String message = "Content-Type: multipart/report; boundary=b\n\n"
                + "--b\nContent-Type: message/feedback-report\n\nFeedback-Type: abuse\n--b--\n";

            NdrVerdict verdict = detect(message, "");

            assertThat(verdict.signals()).containsExactly(NULL_SENDER, REPORT_WITHOUT_TYPE);
            assertThat(verdict.negativeSignals()).containsExactly(ARF_FEEDBACK_REPORT);
        }

        @Test
        void untypedReportFromADaemonShouldBeAnNdrFromTheNullSenderOnly() throws IOException {
            String report = "Content-Type: multipart/report; boundary=b\n\n"
                + "--b\nContent-Type: text/plain\n\nDelivery to kijitora@example.jp was aborted.\n"
                + "--b\nContent-Type: message/rfc822\n\nSubject: hi\n\nhi\n--b--\n";

            NdrVerdict fromDaemon = detect("From: Mail Delivery System <Mail.Delivery.System@mx.example>\n" + report,
                "");
            NdrVerdict fromSomeone = detect("From: Mail Delivery System <Mail.Delivery.System@mx.example>\n" + report,
                "someone@example.org");
            NdrVerdict notFromADaemon = detect("From: bob@example.org\n" + report, "");

            assertThat(fromDaemon.isNdr()).as("%s", fromDaemon).isTrue();
            assertThat(fromDaemon.signals()).containsExactly(NULL_SENDER, REPORT_WITHOUT_TYPE, DAEMON_SENDER);
            assertThat(fromSomeone.negativeSignals()).containsExactly(SENDER_NOT_NULL);
            assertThat(notFromADaemon.negativeSignals()).containsExactly(INSUFFICIENT_EVIDENCE);
        }

        @Test
        void statusPartWithoutActionShouldBeAnNdrFromTheNullSenderOnly() throws IOException {
            String message = "Content-Type: multipart/report; boundary=b\n\n"
                + "--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; m.example\n--b--\n";

            assertThat(detect(message, "").isNdr()).isTrue();
            assertThat(detect(message, "x@example.com").negativeSignals()).containsExactly(SENDER_NOT_NULL);
        }

        @Test
        void quotedPrintableStatusPartShouldBeDecoded() throws IOException {
            String message = "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n"
                + "--b\nContent-Type: message/delivery-status\nContent-Transfer-Encoding: quoted-printable\n\n"
                + "Final-Recipient: rfc822; very-long-local-part-that-is-soft-wrapped@exam=\nple.net\n"
                + "Action: fail=\ned\n--b--\n";

            NdrVerdict verdict = detect(message, "");

            assertThat(verdict.failedRecipients()).containsExactly("very-long-local-part-that-is-soft-wrapped@example.net");
        }
    }

    @Nested
    class Limits {
        @Test
        void octetLimitShouldEndReadingWithAProblem() throws IOException {
            NdrDetector small = NdrDetector.of(ReportLimits.of(1000, 1000, 8, 300, 1000), 10);

            NdrVerdict verdict = small.detect(new ByteArrayInputStream(sample("postfix-bounce.eml")), "");

            assertThat(verdict.problem()).contains("more than 300 octets read");
            assertThat(verdict.signals()).contains(UNREADABLE);
        }

        @Test
        void partLimitShouldEndReadingWithAProblem() throws IOException {
            NdrDetector small = NdrDetector.of(ReportLimits.defaults(), 2);

            NdrVerdict verdict = small.detect(new ByteArrayInputStream(sample("exchange-online-ndr.eml")), "");

            assertThat(verdict.problem()).contains("more than 2 body parts");
            assertThat(verdict.signals()).containsExactly(NULL_SENDER, REPORT_DELIVERY_STATUS,
                X_MS_EXCHANGE_MESSAGE_IS_NDR, DAEMON_SENDER, SUBJECT, FAILURE_TEXT, UNREADABLE);
            assertThat(verdict.isNdr()).isTrue();
        }

        @Test
        void depthLimitShouldEndReadingWithAProblem() throws IOException {
            NdrDetector shallow = NdrDetector.of(ReportLimits.of(1000, 1000, 1, 100_000, 1000), 10);

            NdrVerdict verdict = shallow.detect(new ByteArrayInputStream(sample("nested-in-mixed.eml")), "");

            assertThat(verdict.problem()).contains("multipart nesting deeper than 1 levels");
            assertThat(verdict.signals()).containsExactly(NULL_SENDER, DAEMON_SENDER, UNREADABLE);
            assertThat(verdict.negativeSignals()).containsExactly(INSUFFICIENT_EVIDENCE);
        }

        @Test
        void headerFieldLimitShouldEndReadingWithAProblem() throws IOException {
            NdrDetector few = NdrDetector.of(ReportLimits.of(3, 1000, 8, 100_000, 1000), 10);

            NdrVerdict verdict = few.detect(new ByteArrayInputStream(sample("exim-bounce.eml")), UNKNOWN);

            assertThat(verdict.problem()).contains("Maximum header limit (3) exceeded");
            assertThat(verdict.signals()).containsExactly(NULL_SENDER, UNREADABLE);
        }

        @Test
        void statusPartLimitShouldKeepWhatWasRead() throws IOException {
            NdrDetector small = NdrDetector.of(ReportLimits.of(1000, 1000, 8, 100_000, 200), 10);

            NdrVerdict verdict = small.detect(new ByteArrayInputStream(sample("postfix-bounce.eml")), UNKNOWN);

            assertThat(verdict.problem()).contains("report part longer than 200 octets; the first 200 read");
            assertThat(verdict.signals()).containsExactly(NULL_SENDER, REPORT_DELIVERY_STATUS, DELIVERY_STATUS_PART,
                DAEMON_SENDER, SUBJECT, BOUNCE_TEXT, FAILURE_TEXT, UNREADABLE);
            assertThat(verdict.isNdr()).isTrue();
        }

        @Test
        void largeOriginalAfterTheStatusPartShouldNotBeRead() throws IOException {
            NdrDetector small = NdrDetector.of(ReportLimits.of(1000, 1000, 8, 20_000, 1000), 10);
            String big = new String(sample("james-dsnbounce.eml"), StandardCharsets.UTF_8)
                .replace("See you.", "x".repeat(50).concat("\n").repeat(2000));

            NdrVerdict verdict = small.detect(new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)), "");

            assertThat(verdict.problem()).isEmpty();
            assertThat(verdict.isNdr()).isTrue();
        }

        @Test
        void nonPositivePartLimitShouldBeRejected() {
            assertThatThrownBy(() -> NdrDetector.of(ReportLimits.defaults(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxParts must be positive, got 0");
        }
    }

    @Nested
    class BadInput {
        @Test
        void multipartWithoutBoundaryShouldNotThrow() throws IOException {
            NdrVerdict verdict = detect("Content-Type: multipart/report; report-type=delivery-status\n\n"
                + "--b\nContent-Type: message/delivery-status\n\nAction: failed\n", "");

            assertThat(verdict.signals()).startsWith(NULL_SENDER, REPORT_DELIVERY_STATUS);
            assertThat(verdict.isNdr()).isTrue();
        }

        @Test
        void unterminatedMultipartShouldStillBeRead() throws IOException {
            NdrVerdict verdict = detect("Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n"
                + "--b\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; x@example.net\n"
                + "Action: failed\n", "");

            assertThat(verdict.failedRecipients()).containsExactly("x@example.net");
        }

        @Test
        void emptyInputShouldBeNoNdr() throws IOException {
            NdrVerdict verdict = detect(new byte[0], UNKNOWN);

            assertThat(verdict.negativeSignals()).containsExactly(NO_NDR_SIGNAL);
        }

        @Test
        void failingStreamShouldThrowItsIOException() {
            IOException failure = new IOException("disk gone");
            InputStream broken = new InputStream() {
                @Override
                public int read() throws IOException {
                    throw failure;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    throw failure;
                }
            };

            assertThatThrownBy(() -> NdrDetector.defaults().detect(broken, "")).isSameAs(failure);
        }

        @Test
        void mutatedSamplesShouldNeverThrow() throws IOException {
            Random random = new Random(20261123);
            List<String> files = List.of("postfix-bounce.eml", "exchange-online-ndr.eml", "uppercase-types.eml",
                "nested-in-mixed.eml", "global-dsn.eml");
            int verdicts = 0;
            for (String file : files) {
                byte[] original = sample(file);
                for (int i = 0; i < 200; i++) {
                    byte[] mutated = original.clone();
                    for (int j = 0; j < 1 + random.nextInt(20); j++) {
                        mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
                    }
                    byte[] cut = java.util.Arrays.copyOf(mutated, random.nextInt(mutated.length + 1));
                    assertThat(detect(cut, null)).isNotNull();
                    verdicts++;
                }
            }
            assertThat(verdicts).isEqualTo(1000);
        }
    }

    /** Splits a header block into fields (continuation lines kept, as mime4j gives them). */
    static final class Headers {
        static List<HeaderField> parse(String block) {
            List<HeaderField> out = new ArrayList<>();
            String name = null;
            StringBuilder value = new StringBuilder();
            for (String line : block.split("\n")) {
                if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                    value.append("\r\n").append(line);
                    continue;
                }
                if (name != null) {
                    out.add(new HeaderField(name, value.toString()));
                }
                int colon = line.indexOf(':');
                name = line.substring(0, colon);
                value.setLength(0);
                value.append(line.substring(colon + 1).stripLeading());
            }
            if (name != null) {
                out.add(new HeaderField(name, value.toString()));
            }
            return out;
        }
    }

    @Test
    void verdictToStringShouldSummarise() throws IOException {
        assertThat(detect(sample("qmail-failure-notice.eml"), "").toString()).isEqualTo("NdrVerdict[ndr, signals="
            + "[null-sender, daemon-sender, subject, bounce-text, failure-text], failedRecipients=[], negativeSignals=[], problem=none, received=1]");
    }
}
