package org.bordertransport.core.ndr;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link NdrDetector} decided about one message: whether it is a non-delivery report, the evidence it saw, the
 * recipients the message reports as failed, and, when it is not an NDR, why not. Immutable.
 *
 * <p>Invariant: {@link #isNdr()} is true exactly when {@link #negativeSignals()} is empty.</p>
 */
public final class NdrVerdict {
    /** The envelope sender (or, when unknown, {@code Return-Path}) is the null reverse-path {@code <>}. */
    public static final String NULL_SENDER = "null-sender";
    /**
     * No envelope sender was given (a message read from a file) and the message has no {@code Return-Path <>}: the
     * envelope is unknown, so bounce evidence decides alone.
     */
    public static final String SENDER_UNKNOWN = "sender-unknown";
    /** The top {@code Content-Type} is {@code multipart/report; report-type=delivery-status} (RFC 3464). */
    public static final String REPORT_DELIVERY_STATUS = "multipart/report;report-type=delivery-status";
    /** The top {@code Content-Type} is {@code multipart/report; report-type=global-delivery-status} (RFC 6533). */
    public static final String REPORT_GLOBAL_DELIVERY_STATUS = "multipart/report;report-type=global-delivery-status";
    /** The top {@code Content-Type} is {@code multipart/report} without a {@code report-type} parameter. */
    public static final String REPORT_WITHOUT_TYPE = "multipart/report";
    /** A {@code message/delivery-status} part at depth 3 or less. */
    public static final String DELIVERY_STATUS_PART = "message/delivery-status-part";
    /** A {@code message/global-delivery-status} part at depth 3 or less. */
    public static final String GLOBAL_DELIVERY_STATUS_PART = "message/global-delivery-status-part";
    /** The status part has at least one {@code Action: failed}. */
    public static final String ACTION_FAILED = "action:failed";
    /** The status part has at least one {@code Action: delayed}. */
    public static final String ACTION_DELAYED = "action:delayed";
    /**
     * A recipient group of the status part without one of RFC 3464's actions (none, or another word) has a
     * {@code Status} 5.x.x (or, without {@code Status}, a {@code Diagnostic-Code} with a 5xx reply): a permanent
     * failure, counted as {@code Action: failed}.
     */
    public static final String STATUS_PERMANENT = "status:5.x.x";
    /**
     * A recipient group of the status part without one of RFC 3464's actions has a {@code Status} 4.x.x (or a
     * {@code Diagnostic-Code} with a 4xx reply): a transient failure, counted as {@code Action: delayed}.
     */
    public static final String STATUS_TRANSIENT = "status:4.x.x";
    /**
     * A recipient group of the status part without one of RFC 3464's actions has a {@code Status} 2.x.x (Postfix's
     * {@code Action: deliverable} of an address verification): a success, counted as {@code Action: delivered}.
     */
    public static final String STATUS_SUCCESS = "status:2.x.x";
    /** An {@code X-Failed-Recipients} field (Exim). */
    public static final String X_FAILED_RECIPIENTS = "x-failed-recipients";
    /** An {@code X-MS-Exchange-Message-Is-Ndr} field (Exchange, Exchange Online), whatever its value. */
    public static final String X_MS_EXCHANGE_MESSAGE_IS_NDR = "x-ms-exchange-message-is-ndr";
    /** {@code Auto-Submitted: auto-generated}, with any comment or parameter (RFC 3834). */
    public static final String AUTO_GENERATED = "auto-submitted:auto-generated";
    /** {@code From} is a mailer daemon or postmaster (see {@link NdrDetector}). */
    public static final String DAEMON_SENDER = "daemon-sender";
    /** {@code Subject} starts like a bounce (see {@link NdrDetector}). */
    public static final String SUBJECT = "subject";
    /** The text has a sentence of a mail server's bounce template ({@link NdrDetector#BOUNCE_PHRASES}). */
    public static final String BOUNCE_TEXT = "bounce-text";
    /**
     * The text says in general words that delivery failed ({@link NdrDetector#FAILURE_PHRASES}); evidence only with a
     * daemon sender.
     */
    public static final String FAILURE_TEXT = "failure-text";
    /**
     * An error notice of the fml mailing-list manager: an {@code X-MLServer} field and a {@code Subject} of
     * {@link NdrDetector#LIST_ERROR_SUBJECTS}.
     */
    public static final String LIST_ERROR = "mailing-list-error";
    /**
     * {@code Subject} starts like a delay notice ({@link NdrDetector#DELAY_SUBJECT_PREFIXES}) or the text has a
     * sentence of one ({@link NdrDetector#DELAY_PHRASES}).
     */
    public static final String DELAY_NOTICE = "delay-notice";
    /** Reading stopped early: malformed MIME or a limit; {@link #problem()} says why. Not evidence by itself. */
    public static final String UNREADABLE = "unreadable";

    /** An ARF report: {@code report-type=feedback-report} or a {@code message/feedback-report} part (RFC 5965). */
    public static final String ARF_FEEDBACK_REPORT = "arf-feedback-report";
    /** A read receipt: {@code report-type=disposition-notification} or its part (RFC 8098, RFC 6533). */
    public static final String DISPOSITION_NOTIFICATION = "disposition-notification";
    /** {@code Auto-Submitted: auto-replied} (RFC 3834): a vacation or other automatic reply. */
    public static final String AUTO_REPLIED = "auto-replied";
    /**
     * A DSN whose actions are all {@code delivered}, {@code relayed} or {@code expanded} (or whose groups without
     * such an action have a success status): a delivery report.
     */
    public static final String DELIVERY_REPORT = "delivery-report";
    /**
     * A delay notice, not a bounce: a DSN with {@code Action: delayed} (or a transient status without an action) and
     * no failed recipient, or, without a status part that says so, a delay {@code Subject} or delay sentence and no
     * {@code X-Failed-Recipients}.
     */
    public static final String DELAY_ONLY = "delay-only";
    /** Bounce evidence without a DSN, but the sender is not the null reverse-path. */
    public static final String SENDER_NOT_NULL = "sender-not-null";
    /** Some signals, but not a combination that makes an NDR. */
    public static final String INSUFFICIENT_EVIDENCE = "insufficient-evidence";
    /** No signal at all: an ordinary message. */
    public static final String NO_NDR_SIGNAL = "no-ndr-signal";

    private final List<String> signals;
    private final List<String> failedRecipients;
    private final List<String> negativeSignals;
    private final Optional<String> problem;
    private final int receivedCount;

    private NdrVerdict(List<String> signals, List<String> failedRecipients, List<String> negativeSignals,
                       Optional<String> problem, int receivedCount) {
        this.signals = List.copyOf(signals);
        this.failedRecipients = List.copyOf(failedRecipients);
        this.negativeSignals = List.copyOf(negativeSignals);
        this.problem = Objects.requireNonNull(problem, "problem");
        if (receivedCount < 0) {
            throw new IllegalArgumentException("receivedCount must not be negative, got " + receivedCount);
        }
        this.receivedCount = receivedCount;
    }

    /**
     * @param negativeSignals empty for an NDR
     * @param problem why reading stopped early, or empty
     */
    public static NdrVerdict of(List<String> signals, List<String> failedRecipients, List<String> negativeSignals,
                                Optional<String> problem, int receivedCount) {
        return new NdrVerdict(signals, failedRecipients, negativeSignals, problem, receivedCount);
    }

    /** True for a non-delivery report: a bounce, reporting that delivery failed (not a delay notice). */
    public boolean isNdr() {
        return negativeSignals.isEmpty();
    }

    /** The evidence seen, the constants of this class, in the order they are declared here. */
    public List<String> signals() {
        return signals;
    }

    /**
     * The recipients the message reports as failed, in order, without duplicates (compared ignoring case): the
     * {@code Final-Recipient} (then {@code Original-Recipient}, when different) of each {@code Action: failed}
     * group (or group without an RFC 3464 action but a permanent {@code Status}), then the
     * {@code X-Failed-Recipients} addresses. Filled whatever the verdict. Bounded: at most
     * {@link ReportLimits#maxHeaderFields()} addresses (1,000 by default), and only from what was read: the first
     * {@code maxHeaderFields} fields of the status part (each failed recipient takes at least two: a recipient and
     * an action or status) and an {@code X-Failed-Recipients} field no longer than
     * {@link ReportLimits#maxFieldOctets()}; a report that lists more is read in part ({@link #problem()}).
     */
    public List<String> failedRecipients() {
        return failedRecipients;
    }

    /** Why the message is not an NDR (the constants of this class); empty for an NDR. */
    public List<String> negativeSignals() {
        return negativeSignals;
    }

    /** Why reading stopped early (malformed MIME, a limit), when it did; also signalled as {@link #UNREADABLE}. */
    public Optional<String> problem() {
        return problem;
    }

    /** The number of {@code Received} fields in the top header (for {@link NdrLoop#tooManyHops}). */
    public int receivedCount() {
        return receivedCount;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof NdrVerdict)) {
            return false;
        }
        NdrVerdict other = (NdrVerdict) o;
        return signals.equals(other.signals) && failedRecipients.equals(other.failedRecipients)
            && negativeSignals.equals(other.negativeSignals) && problem.equals(other.problem)
            && receivedCount == other.receivedCount;
    }

    @Override
    public int hashCode() {
        return Objects.hash(signals, failedRecipients, negativeSignals, problem, receivedCount);
    }

    @Override
    public String toString() {
        return "NdrVerdict[" + (isNdr() ? "ndr" : "not-ndr") + ", signals=" + signals + ", failedRecipients="
            + failedRecipients + ", negativeSignals=" + negativeSignals + ", problem=" + problem.orElse("none")
            + ", received=" + receivedCount + "]";
    }
}
