package org.bordertransport.core.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.core.classify.MessageKind.AUTO_FORWARD;
import static org.bordertransport.core.classify.MessageKind.AUTO_REPLY;
import static org.bordertransport.core.classify.MessageKind.DELIVERY_REPORT;
import static org.bordertransport.core.classify.MessageKind.NON_DELIVERY_REPORT;
import static org.bordertransport.core.classify.MessageKind.OUT_OF_OFFICE;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.bordertransport.core.mail.HeaderField;
import org.bordertransport.core.ndr.NdrDetector;
import org.bordertransport.core.ndr.NdrVerdict;
import org.bordertransport.core.ndr.ReportLimits;
import org.bordertransport.core.ndr.ReportReader;
import org.bordertransport.core.ndr.ReportScan;
import org.bordertransport.core.policy.AllowedOOFType;
import org.bordertransport.core.policy.AllowedOOFType.Designation;
import org.bordertransport.core.policy.RemoteDomainSettings;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageKindsTest {
    /** "Name: value" lines, the last ones a plain From/Subject unless given. */
    static List<HeaderField> header(String... lines) {
        List<HeaderField> fields = new ArrayList<>();
        fields.add(new HeaderField("From", "alice@border.test"));
        for (String line : lines) {
            int colon = line.indexOf(':');
            fields.add(new HeaderField(line.substring(0, colon), line.substring(colon + 1).trim()));
        }
        return fields;
    }

    private static Set<MessageKind> kinds(String... lines) {
        return classify(header(lines));
    }

    /** By the header alone (an empty body), sender unknown: what the switches make of it. */
    static Set<MessageKind> classify(List<HeaderField> header) {
        return classify(header, List.of(), "", null);
    }

    /**
     * {@link MessageKinds} with {@link NdrDetector}'s verdict on the header and {@code body}.
     *
     * @param sender the envelope sender, {@code "<>"} for the null sender, null when unknown
     */
    static Set<MessageKind> classify(List<HeaderField> header, List<HeaderField> reportFields, String body,
                                     String sender) {
        try {
            NdrVerdict ndr = NdrDetector.defaults().detect(header,
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), sender);
            return MessageKinds.classify(header, reportFields, ndr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Nested
    class AutoReplies {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "Auto-Submitted: auto-replied",
            "auto-submitted: Auto-Replied",
            "Auto-Submitted: auto-replied; owner-email=\"bob@border.test\"",
            "Auto-Submitted: auto-replied (ticket acknowledgement)",
            "X-Autoreply: yes",
            "X-Autoreply: YES (responder)",
            "X-Autorespond: Thanks for your mail",
            "X-Autorespond:",
            "Precedence: auto_reply",
        })
        void markersMakeAnAutoReply(String field) {
            assertThat(kinds(field, "Subject: Re: hello")).containsExactly(AUTO_REPLY);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "Auto-Submitted: no",
            "Auto-Submitted: auto-generated",
            "Auto-Submitted: auto-notified",
            "Auto-Submitted: (auto-replied) no",
            "Auto-Submitted: auto-repliedx",
            "X-Autoreply: no",
            "X-Auto-Response-Suppress: All",
            "Precedence: bulk",
            "Precedence: list",
            "X-Autoreply-Count: 1",
        })
        void otherValuesAreNoAutoReply(String field) {
            assertThat(kinds(field, "Subject: Re: hello")).isEmpty();
        }

        @Test
        void foldedValuesAreUnfolded() {
            assertThat(classify(List.of(new HeaderField("Auto-Submitted", "\r\n auto-replied\r\n\t(x)"))))
                .containsExactly(AUTO_REPLY);
        }

        @Test
        void anOrdinaryMessageIsNothing() {
            assertThat(kinds("Subject: Automatic reply: a human typed this", "To: bob@remote.test")).isEmpty();
            assertThat(classify(List.of())).isEmpty();
        }
    }

    @Nested
    class OutOfOffice {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "Auto-Submitted: auto-replied (vacation)|Subject: Re: hello",
            "Auto-Submitted: auto-replied (zimbra; vacation)|Subject: Re: hello",
            "Auto-Submitted: auto-replied (Vacation)|Subject: Re: hello",
            "Auto-Submitted: auto-generated|Subject: Automatic reply: hello",
            "Auto-Submitted: auto-replied|Subject: automatic REPLY: hello",
            "Auto-Submitted: auto-replied|Subject: Out of Office: hello",
            "Auto-Submitted: auto-replied|Subject: Out of Office AutoReply: hello",
            "X-Autoreply: yes|Subject: Out of Office: hello",
            "Precedence: auto_reply|Subject:   Automatic reply: hello",
            "Auto-Submitted: auto-generated|Subject: =?UTF-8?Q?Automatic_reply:_caf=C3=A9?=",
        })
        void anAutomaticReplyWithAnAbsenceMarkerIsOutOfOfficeAndAutoReply(String marker, String subject) {
            assertThat(kinds(marker, subject)).containsExactlyInAnyOrder(AUTO_REPLY, OUT_OF_OFFICE);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "Auto-Submitted: no|Subject: Automatic reply: hello",
            "Auto-Submitted: auto-forwarded|Subject: Automatic reply: hello",
            "X-Auto-Response-Suppress: All|Subject: Automatic reply: hello",
            "Auto-Submitted: auto-generated (vacation)|Subject: hello",
            "Auto-Submitted: auto-generated|Subject: Re: Automatic reply: hello",
            "Auto-Submitted: auto-generated|Subject: Réponse automatique : hello",
        })
        void withoutBothAnAutomaticSubmissionAndAnAbsenceMarkerItIsNot(String marker, String subject) {
            assertThat(kinds(marker, subject)).doesNotContain(OUT_OF_OFFICE);
        }

        @Test
        void onlyTheFirstSubjectCounts() {
            assertThat(kinds("Auto-Submitted: auto-generated", "Subject: hello", "Subject: Automatic reply: x"))
                .isEmpty();
        }

        @Test
        void theDesignationIsAlwaysUndesignated() {
            assertThat(MessageKinds.oofDesignation(header("Auto-Submitted: auto-replied (vacation)")))
                .isEqualTo(Designation.UNDESIGNATED);
        }
    }

    @Nested
    class AutoForwards {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "X-MS-Exchange-Organization-AutoForwarded: true",
            "x-ms-exchange-organization-autoforwarded: TRUE",
            "Auto-Submitted: auto-forwarded",
        })
        void markersMakeAnAutoForward(String field) {
            assertThat(kinds(field, "Subject: FW: hello")).containsExactly(AUTO_FORWARD);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "X-MS-Exchange-Organization-AutoForwarded: false",
            "X-Forwarded-For: alice@border.test bob@remote.test",
            "X-Forwarded-To: bob@remote.test",
            "Resent-From: alice@border.test",
            "X-MS-Exchange-Inbox-Rules-Loop: alice@border.test",
        })
        void otherForwardingTracesAreNot(String field) {
            assertThat(kinds(field, "Subject: FW: hello")).isEmpty();
        }

        @Test
        void anAutoForwardedAutoReplyIsBoth() {
            assertThat(kinds("X-MS-Exchange-Organization-AutoForwarded: true", "Auto-Submitted: auto-replied"))
                .containsExactlyInAnyOrder(AUTO_FORWARD, AUTO_REPLY);
        }
    }

    @Nested
    class Reports {
        private static final String DSN = "Content-Type: multipart/report; report-type=delivery-status;\r\n"
            + "\tboundary=\"b1\"";

        private List<HeaderField> fields(String... actions) {
            List<HeaderField> fields = new ArrayList<>();
            fields.add(new HeaderField("Reporting-MTA", "dns; mx.border.test"));
            for (String action : actions) {
                fields.add(new HeaderField("Final-Recipient", "rfc822; x@remote.test"));
                fields.add(new HeaderField("Action", action));
                fields.add(new HeaderField("Status", "5.1.1"));
            }
            return fields;
        }

        /** A report of this type whose status part holds these actions, sender unknown. */
        private Set<MessageKind> report(String contentType, String... actions) {
            return reportFrom(null, contentType, actions);
        }

        private Set<MessageKind> reportFrom(String sender, String contentType, String... actions) {
            List<HeaderField> fields = fields(actions);
            StringBuilder part = new StringBuilder("--b1\r\nContent-Type: message/delivery-status\r\n\r\n");
            for (HeaderField field : fields) {
                part.append(field).append("\r\n");
            }
            String boundary = contentType.contains("boundary=b;") || contentType.endsWith("boundary=b") ? "b" : "b1";
            String body = part.toString().replace("--b1", "--" + boundary) + "--" + boundary + "--\r\n";
            return classify(header(contentType), fields, body, sender);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "failed|NON_DELIVERY_REPORT",
            "FAILED (mailbox unknown)|NON_DELIVERY_REPORT",
            "delivered|DELIVERY_REPORT",
            "relayed|DELIVERY_REPORT",
            "expanded|DELIVERY_REPORT",
        })
        void theActionsDecide(String action, MessageKind kind) {
            assertThat(report(DSN, action)).containsExactly(kind);
            assertThat(report("Content-Type: multipart/report; report-type=global-delivery-status; boundary=b", action))
                .containsExactly(kind);
        }

        @Test
        void aDelayNoticeIsNeitherKind() {
            // delayed only: not a bounce (NdrDetector's delay-only), and not a delivery report either
            assertThat(report(DSN, "delayed")).isEmpty();
        }

        @Test
        void mixedActionsAreBoth() {
            assertThat(report(DSN, "delivered", "failed")).containsExactlyInAnyOrder(DELIVERY_REPORT, NON_DELIVERY_REPORT);
        }

        @Test
        void aDeliveryStatusReportWithoutAReadableActionIsTakenForANonDeliveryReportFromTheNullSender() {
            assertThat(reportFrom("<>", DSN)).containsExactly(NON_DELIVERY_REPORT);
            assertThat(reportFrom("<>", DSN, "unknown-action")).containsExactly(NON_DELIVERY_REPORT);
            assertThat(classify(header(DSN), List.of(), "", "<>")).containsExactly(NON_DELIVERY_REPORT);
        }

        @Test
        void aDeliveryStatusReportWithoutAReadableActionFromAnotherSenderIsNoBounce() {
            // NdrDetector rule 5: bounce evidence, but not from the null reverse-path
            assertThat(reportFrom("alice@remote.test", DSN)).isEmpty();
            assertThat(classify(header(DSN), List.of(), "", "alice@remote.test")).isEmpty();
            assertThat(classify(header(DSN))).as("envelope unknown: the content decides")
                .containsExactly(MessageKind.NON_DELIVERY_REPORT);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "Content-Type: multipart/report; report-type=disposition-notification; boundary=b",
            "Content-Type: Multipart/Report; Report-Type=\"Disposition-Notification\"; boundary=b",
            "Content-Type: multipart/report; boundary=b; report-type=global-disposition-notification",
        })
        void aReadReceiptIsADeliveryReport(String contentType) {
            assertThat(report(contentType)).containsExactly(DELIVERY_REPORT);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "Content-Type: multipart/mixed; report-type=delivery-status; boundary=b",
            "Content-Type: multipart/report; report-type=spam-report; boundary=b",
            "Content-Type: multipart/report; boundary=b",
            "Content-Type: message/delivery-status",
            "Content-Type: ;;;",
        })
        void otherContentTypesAreNoReport(String contentType) {
            assertThat(classify(header(contentType), fields("failed"), "", "alice@remote.test")).isEmpty();
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "Content-Type: multipart/mixed; report-type=delivery-status; boundary=b",
            "Content-Type: multipart/report; boundary=b",
        })
        void aFailedStatusPartInAnyMultipartIsANonDeliveryReport(String contentType) {
            // NdrDetector rule 2: the status part decides, whatever the report type says
            assertThat(report(contentType, "failed")).containsExactly(NON_DELIVERY_REPORT);
        }

        @Test
        void onlyTheFirstContentTypeCounts() {
            assertThat(classify(header("Content-Type: text/plain", DSN))).isEmpty();
        }

        @Test
        void anEximTextBounceIsANonDeliveryReportAsForTheNdrDetector() throws IOException {
            byte[] eml;
            String sample = "/org/bordertransport/core/ndr/exim-bounce.eml";
            try (InputStream in = MessageKindsTest.class.getResourceAsStream(sample)) {
                eml = in.readAllBytes();
            }
            NdrVerdict verdict = NdrDetector.defaults().detect(new ByteArrayInputStream(eml), "<>");
            ReportScan scan = ReportReader.scanMessage(new ByteArrayInputStream(eml), ReportLimits.defaults());
            assertThat(verdict.isNdr()).isTrue();
            // not multipart/report: before one definition, MessageKinds said AutoReply only
            assertThat(MessageKinds.classify(scan.header(), scan.reportFields(), verdict))
                .containsExactlyInAnyOrder(NON_DELIVERY_REPORT, AUTO_REPLY);
            assertThat(classify(scan.header(), List.of(), "", "<>")).contains(NON_DELIVERY_REPORT);
            assertThat(classify(scan.header(), List.of(), "", "alice@remote.test")).doesNotContain(NON_DELIVERY_REPORT);
        }

        @Test
        void theNullSenderAloneIsNothing() {
            assertThat(kinds("Return-Path: <>", "From: MAILER-DAEMON@border.test", "Subject: Undelivered Mail"))
                .isEmpty();
        }
    }

    @Nested
    class Disallowed {
        private final Set<MessageKind> everything = EnumSet.allOf(MessageKind.class);

        @Test
        void theDefaultsDisallowOnlyUndesignatedOutOfOffice() {
            assertThat(MessageKinds.disallowed(everything, Designation.UNDESIGNATED, RemoteDomainSettings.defaults()))
                .containsExactly(OUT_OF_OFFICE);
            assertThat(MessageKinds.disallowed(everything, Designation.EXTERNAL, RemoteDomainSettings.defaults()))
                .isEmpty();
        }

        @Test
        void eachSwitchDisallowsItsKind() {
            RemoteDomainSettings none = RemoteDomainSettings.builder().autoReplyEnabled(false)
                .autoForwardEnabled(false).deliveryReportEnabled(false).ndrEnabled(false)
                .allowedOOFType(AllowedOOFType.NONE).build();
            assertThat(MessageKinds.disallowed(EnumSet.of(AUTO_REPLY), Designation.UNDESIGNATED, none))
                .containsExactly(AUTO_REPLY);
            assertThat(MessageKinds.disallowed(EnumSet.of(AUTO_FORWARD), Designation.UNDESIGNATED, none))
                .containsExactly(AUTO_FORWARD);
            assertThat(MessageKinds.disallowed(EnumSet.of(DELIVERY_REPORT), Designation.UNDESIGNATED, none))
                .containsExactly(DELIVERY_REPORT);
            assertThat(MessageKinds.disallowed(EnumSet.of(NON_DELIVERY_REPORT), Designation.UNDESIGNATED, none))
                .containsExactly(NON_DELIVERY_REPORT);
            assertThat(MessageKinds.disallowed(EnumSet.noneOf(MessageKind.class), Designation.UNDESIGNATED, none))
                .isEmpty();
        }

        @Test
        void outOfOfficeFollowsAllowedOofTypeOnlyAsInExchange() {
            Set<MessageKind> oof = EnumSet.of(AUTO_REPLY, OUT_OF_OFFICE);
            RemoteDomainSettings noAutoReplies = RemoteDomainSettings.builder().autoReplyEnabled(false)
                .allowedOOFType(AllowedOOFType.EXTERNAL_LEGACY).build();
            assertThat(MessageKinds.disallowed(oof, Designation.UNDESIGNATED, noAutoReplies)).isEmpty();
            RemoteDomainSettings internalLegacy = RemoteDomainSettings.builder()
                .allowedOOFType(AllowedOOFType.INTERNAL_LEGACY).build();
            assertThat(MessageKinds.disallowed(oof, Designation.UNDESIGNATED, internalLegacy)).isEmpty();
            assertThat(MessageKinds.disallowed(oof, Designation.EXTERNAL, internalLegacy)).containsExactly(OUT_OF_OFFICE);
        }
    }
}
