package org.bordertransport.core.classify;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.bordertransport.core.mail.HeaderField;
import org.bordertransport.core.ndr.NdrDetector;
import org.bordertransport.core.ndr.NdrVerdict;
import org.bordertransport.core.ndr.ReportReader;
import org.bordertransport.core.ndr.ReportScan;
import org.bordertransport.core.ndr.ReportType;
import org.bordertransport.core.policy.AllowedOOFType;
import org.bordertransport.core.policy.RemoteDomainSettings;

/**
 * Classifies a message into the {@link MessageKind}s the remote-domain switches act on, from its top header fields,
 * for a {@code multipart/report} the fields of its machine-readable part (read by {@link ReportReader}), and the
 * verdict of {@link NdrDetector}, the one definition of a bounce, which the {@code IsNonDeliveryReport} matcher uses
 * too.
 * Header names are case-insensitive; values are unfolded, comments in parentheses are ignored where the field has a
 * keyword syntax, and keywords are compared case-insensitively.
 *
 * <table>
 *   <caption>Detection rules</caption>
 *   <tr><th>kind</th><th>detected when</th></tr>
 *   <tr><td>AutoReply</td><td>{@code Auto-Submitted: auto-replied} (with any parameters or comments), or
 *       {@code X-Autoreply: yes}, or an {@code X-Autorespond} field (any value), or {@code Precedence: auto_reply};
 *       every OutOfOffice message is also AutoReply. {@code X-Auto-Response-Suppress} is not a marker (it asks others
 *       not to reply).</td></tr>
 *   <tr><td>OutOfOffice</td><td>an automatic submission ({@code Auto-Submitted} other than {@code no} or
 *       {@code auto-forwarded}, or one of the AutoReply markers above) that is either an {@code auto-replied} with a
 *       comment containing {@code vacation} (Sieve vacation in Dovecot Pigeonhole, Zimbra), or has a {@code Subject}
 *       starting with {@code Automatic reply:}, {@code Out of Office:} or {@code Out of Office AutoReply:}
 *       (Outlook/Exchange, English). Its designation ({@link #oofDesignation(List)}) is always
 *       {@code UNDESIGNATED}: no MIME header carries Exchange's internal/external designation.</td></tr>
 *   <tr><td>AutoForward</td><td>{@code X-MS-Exchange-Organization-AutoForwarded: true} ([MS-OXCMAIL] 2.1.3.2.21),
 *       or the non-standard {@code Auto-Submitted: auto-forwarded}.</td></tr>
 *   <tr><td>DeliveryReport</td><td>{@code Content-Type: multipart/report} with {@code report-type}
 *       {@code disposition-notification} or {@code global-disposition-notification} (read receipts, RFC 8098/6533);
 *       or {@code delivery-status} / {@code global-delivery-status} with at least one {@code Action: delivered},
 *       {@code relayed} or {@code expanded} (RFC 3464).</td></tr>
 *   <tr><td>NonDeliveryReport</td><td>{@link NdrVerdict#isNdr()} of {@link NdrDetector}: an RFC 3464 DSN with a
 *       failed action, or, from the null reverse-path, other bounce evidence (a DSN without a readable action, Exim's
 *       {@code X-Failed-Recipients}, Exchange's {@code X-MS-Exchange-Message-Is-Ndr}, a bounce template sentence in
 *       the text, a daemon sender or {@code Auto-Submitted: auto-generated} with a bounce subject, a daemon sender
 *       with a failure sentence). The null reverse-path alone is not a marker. A delay notice (a DSN whose actions are only
 *       {@code delayed}) is neither NonDeliveryReport nor DeliveryReport.</td></tr>
 * </table>
 *
 * <p>Not detected: forwards made by James itself (RecipientRewriteTable, Sieve {@code redirect}, the Forward and
 * Redirect mailets add no header), {@code Resent-*} and {@code X-Forwarded-For}/{@code X-Forwarded-To} (added by manual
 * redirects and other hops too), localised out-of-office subjects, and RFC 3834 vacation replies that say nothing more
 * than {@code auto-replied} (James's VacationMailet and JMAP vacation response: those are AutoReply, not
 * OutOfOffice).</p>
 */
public final class MessageKinds {
    static final String AUTO_SUBMITTED = "Auto-Submitted";
    static final String X_AUTOREPLY = "X-Autoreply";
    static final String X_AUTORESPOND = "X-Autorespond";
    static final String PRECEDENCE = "Precedence";
    static final String SUBJECT = "Subject";
    static final String EXCHANGE_AUTO_FORWARDED = "X-MS-Exchange-Organization-AutoForwarded";
    static final String ACTION = "Action";

    private static final List<String> OOF_SUBJECT_PREFIXES = List.of("automatic reply:", "out of office:",
        "out of office autoreply:");

    private MessageKinds() {
    }

    /**
     * @param header the top-level header fields, in order
     * @param reportFields the fields of the machine-readable report part ({@link ReportScan#reportFields()}), empty
     *     when there is none, it could not be read, or it was not read because DeliveryReport does not matter
     * @param ndr {@link NdrDetector}'s verdict on the message: it alone decides NonDeliveryReport
     * @return the kinds the message is, unmodifiable, empty for an ordinary message
     */
    public static Set<MessageKind> classify(List<HeaderField> header, List<HeaderField> reportFields, NdrVerdict ndr) {
        Objects.requireNonNull(ndr, "ndr");
        return classify(header, reportFields, ndr.isNdr());
    }

    /**
     * As {@link #classify(List, List, NdrVerdict)}, for a caller that needs no NonDeliveryReport verdict (its
     * condition does not name the kind) or has only {@link NdrVerdict#isNdr()}.
     *
     * @param nonDeliveryReport {@link NdrVerdict#isNdr()} of {@link NdrDetector}, or false when the kind does not
     *     matter
     */
    public static Set<MessageKind> classify(List<HeaderField> header, List<HeaderField> reportFields,
                                            boolean nonDeliveryReport) {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(reportFields, "reportFields");
        EnumSet<MessageKind> kinds = EnumSet.noneOf(MessageKind.class);
        boolean autoReplied = false;
        boolean vacation = false;
        boolean automatic = false;
        boolean oofSubject = false;
        boolean subjectSeen = false;
        for (HeaderField field : header) {
            if (field.hasName(AUTO_SUBMITTED)) {
                Keyword value = Keyword.parse(field.value());
                if (value.is("auto-replied")) {
                    autoReplied = true;
                    vacation |= value.commentContains("vacation");
                } else if (value.is("auto-forwarded")) {
                    kinds.add(MessageKind.AUTO_FORWARD);
                    continue;
                }
                automatic |= !value.keyword.isEmpty() && !value.is("no");
            } else if (field.hasName(X_AUTOREPLY)) {
                autoReplied |= Keyword.parse(field.value()).is("yes");
            } else if (field.hasName(X_AUTORESPOND)) {
                autoReplied = true;
            } else if (field.hasName(PRECEDENCE)) {
                autoReplied |= Keyword.parse(field.value()).is("auto_reply");
            } else if (field.hasName(EXCHANGE_AUTO_FORWARDED)) {
                if (Keyword.parse(field.value()).is("true")) {
                    kinds.add(MessageKind.AUTO_FORWARD);
                }
            } else if (field.hasName(SUBJECT) && !subjectSeen) {
                subjectSeen = true;
                oofSubject = isOofSubject(field.value());
            }
        }
        automatic |= autoReplied;
        if (automatic && (vacation || oofSubject)) {
            kinds.add(MessageKind.OUT_OF_OFFICE);
            kinds.add(MessageKind.AUTO_REPLY);
        } else if (autoReplied) {
            kinds.add(MessageKind.AUTO_REPLY);
        }
        ReportType.of(header).ifPresent(type -> classifyReport(type, reportFields, kinds));
        if (nonDeliveryReport) {
            kinds.add(MessageKind.NON_DELIVERY_REPORT);
        }
        return Collections.unmodifiableSet(kinds);
    }

    /**
     * Whether DeliveryReport depends on the fields of the report part ({@link ReportReader}): the top
     * {@code Content-Type} is {@code multipart/report} with {@code report-type} {@code delivery-status} or
     * {@code global-delivery-status}. Read receipts and everything else are told by the header alone.
     */
    public static boolean needsReportFields(List<HeaderField> header) {
        Objects.requireNonNull(header, "header");
        return ReportType.of(header).map(type -> !type.disposition()).orElse(false);
    }

    /**
     * Who an out-of-office reply was written for. Always {@link AllowedOOFType.Designation#UNDESIGNATED}: Exchange
     * keeps the internal/external designation in the MAPI message class, which no MIME header carries, and RFC 3834
     * responders do not say. With the default {@code AllowedOOFType} ({@code External}) detected out-of-office
     * replies are therefore not allowed; {@code ExternalLegacy} or {@code InternalLegacy} allow them.
     */
    public static AllowedOOFType.Designation oofDesignation(List<HeaderField> header) {
        Objects.requireNonNull(header, "header");
        return AllowedOOFType.Designation.UNDESIGNATED;
    }

    /**
     * The kinds of a message that a remote domain's settings do not allow, as Exchange applies them:
     * AutoReply when {@code AutoReplyEnabled} is false (out-of-office replies excepted: Exchange governs them by
     * {@code AllowedOOFType} alone), OutOfOffice when {@code AllowedOOFType} does not allow the designation,
     * AutoForward when {@code AutoForwardEnabled} is false, DeliveryReport when {@code DeliveryReportEnabled} is
     * false, NonDeliveryReport when {@code NDREnabled} is false.
     *
     * @param kinds what the message is ({@link #classify(List, List, NdrVerdict)})
     * @return the disallowed kinds, unmodifiable, empty when the message may go
     */
    public static Set<MessageKind> disallowed(Set<MessageKind> kinds, AllowedOOFType.Designation designation,
                                              RemoteDomainSettings settings) {
        Objects.requireNonNull(designation, "designation");
        Objects.requireNonNull(settings, "settings");
        EnumSet<MessageKind> out = EnumSet.noneOf(MessageKind.class);
        boolean oof = kinds.contains(MessageKind.OUT_OF_OFFICE);
        if (oof && !settings.allowedOOFType().allows(designation)) {
            out.add(MessageKind.OUT_OF_OFFICE);
        }
        if (!oof && kinds.contains(MessageKind.AUTO_REPLY) && !settings.autoReplyEnabled()) {
            out.add(MessageKind.AUTO_REPLY);
        }
        if (kinds.contains(MessageKind.AUTO_FORWARD) && !settings.autoForwardEnabled()) {
            out.add(MessageKind.AUTO_FORWARD);
        }
        if (kinds.contains(MessageKind.DELIVERY_REPORT) && !settings.deliveryReportEnabled()) {
            out.add(MessageKind.DELIVERY_REPORT);
        }
        if (kinds.contains(MessageKind.NON_DELIVERY_REPORT) && !settings.ndrEnabled()) {
            out.add(MessageKind.NON_DELIVERY_REPORT);
        }
        return Collections.unmodifiableSet(out);
    }

    /** DeliveryReport: a read receipt, or a DSN with a delivered, relayed or expanded recipient. */
    private static void classifyReport(ReportType type, List<HeaderField> reportFields, Set<MessageKind> kinds) {
        if (type.disposition()) {
            kinds.add(MessageKind.DELIVERY_REPORT);
            return;
        }
        for (HeaderField field : reportFields) {
            if (field.hasName(ACTION)) {
                Keyword action = Keyword.parse(field.value());
                if (action.is("delivered") || action.is("relayed") || action.is("expanded")) {
                    kinds.add(MessageKind.DELIVERY_REPORT);
                }
            }
        }
    }

    private static boolean isOofSubject(String value) {
        String subject;
        try {
            subject = DecoderUtil.decodeEncodedWords(unfold(value), DecodeMonitor.SILENT);
        } catch (RuntimeException e) {
            subject = unfold(value);
        }
        String s = subject.trim().toLowerCase(Locale.ROOT);
        for (String prefix : OOF_SUBJECT_PREFIXES) {
            if (s.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String unfold(String value) {
        return value.replace("\r\n", "").replace("\n", "").replace("\r", "");
    }

    /** A keyword-valued field: the keyword (text before any {@code ;}, comments removed) and its comments. */
    private static final class Keyword {
        private final String keyword;
        private final String comments;

        private Keyword(String keyword, String comments) {
            this.keyword = keyword;
            this.comments = comments;
        }

        static Keyword parse(String raw) {
            String value = unfold(raw);
            StringBuilder text = new StringBuilder();
            StringBuilder comments = new StringBuilder();
            int depth = 0;
            boolean escaped = false;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (depth > 0) {
                    if (escaped) {
                        escaped = false;
                        comments.append(c);
                    } else if (c == '\\') {
                        escaped = true;
                    } else if (c == '(') {
                        depth++;
                    } else if (c == ')') {
                        depth--;
                        comments.append(' ');
                    } else {
                        comments.append(c);
                    }
                } else if (c == '(') {
                    depth = 1;
                } else if (c == ';') {
                    break;
                } else {
                    text.append(c);
                }
            }
            return new Keyword(text.toString().trim().toLowerCase(Locale.ROOT),
                comments.toString().toLowerCase(Locale.ROOT));
        }

        boolean is(String expected) {
            return keyword.equals(expected);
        }

        boolean commentContains(String word) {
            return comments.contains(word);
        }
    }
}
