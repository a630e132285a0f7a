package org.bordertransport.core.ndr;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

import org.bordertransport.core.mail.HeaderField;

/**
 * Decides whether a message is a non-delivery report (a bounce or a delay notice), conservatively, from the
 * envelope sender, the top header and the MIME structure, read streaming with mime4j. Real-world bounces are not all
 * RFC 3464 DSNs: Exim, qmail and old Exchange send plain-text bounces, so those are recognised by a combination of
 * header evidence, and only from the null reverse-path.
 *
 * <table>
 *   <caption>Decision rules, applied in this order (the first that applies decides)</caption>
 *   <tr><th>#</th><th>when</th><th>verdict</th></tr>
 *   <tr><td>1</td><td>an ARF report ({@code multipart/report; report-type=feedback-report}, or a
 *       {@code message/feedback-report} part), or a read receipt ({@code report-type=disposition-notification} or
 *       {@code global-disposition-notification}, or such a part)</td>
 *       <td>not an NDR: {@code arf-feedback-report}, {@code disposition-notification} (each that applies)</td></tr>
 *   <tr><td>2</td><td>a status part ({@code message/delivery-status} or {@code message/global-delivery-status}) with
 *       at least one {@code Action: failed} or {@code delayed}, whatever the sender</td><td>NDR</td></tr>
 *   <tr><td>3</td><td>a status part whose actions are all {@code delivered}, {@code relayed} or
 *       {@code expanded}</td><td>not an NDR: {@code delivery-report}</td></tr>
 *   <tr><td>4</td><td>the null sender (or an unknown envelope: no sender given and no {@code Return-Path},
 *       signal {@code sender-unknown}) and bounce evidence: a DSN without a readable action (top
 *       {@code report-type=delivery-status}/{@code global-delivery-status}, or a status part), or
 *       {@code X-Failed-Recipients}, or {@code X-MS-Exchange-Message-Is-Ndr}, or a daemon {@code From} with a bounce
 *       {@code Subject}, or {@code Auto-Submitted: auto-generated} with a bounce {@code Subject}</td>
 *       <td>NDR</td></tr>
 *   <tr><td>5</td><td>bounce evidence of rule 4 but a sender known not to be null</td>
 *       <td>not an NDR: {@code sender-not-null}</td></tr>
 *   <tr><td>6</td><td>{@code Auto-Submitted: auto-replied} (RFC 3834: vacation and other automatic replies)</td>
 *       <td>not an NDR: {@code auto-replied}</td></tr>
 *   <tr><td>7</td><td>some other signal (a daemon {@code From} or a bounce {@code Subject} alone,
 *       {@code auto-generated} alone, the null sender alone, an unreadable message)</td>
 *       <td>not an NDR: {@code insufficient-evidence}</td></tr>
 *   <tr><td>8</td><td>nothing</td><td>not an NDR: {@code no-ndr-signal}</td></tr>
 * </table>
 *
 * <p>{@code auto-replied} does not outweigh rules 2 to 5: Postfix, Exim and Gmail mark their bounces
 * {@code Auto-Submitted: auto-replied}.</p>
 *
 * <p>The signals ({@link NdrVerdict} constants):</p>
 * <ul>
 *   <li>the null sender: the envelope sender given is {@code ""} or {@code <>}; when it is {@code null} (unknown,
 *       e.g. a message read from a file) the first {@code Return-Path} field decides ({@code <>} is the null
 *       sender; no {@code Return-Path} is not);</li>
 *   <li>the top {@code Content-Type}: type, subtype and parameter names in any case, comments ignored;</li>
 *   <li>status, feedback and disposition parts: at multipart depth {@value #MAX_PART_DEPTH} or less (the top body
 *       is depth 0, the parts of the top multipart depth 1), in any multipart, not only in {@code multipart/report};
 *       the parts of an embedded {@code message/rfc822} are never looked at (a forwarded bounce is not a bounce).
 *       Only the first such part is read, and reading stops there;</li>
 *   <li>{@code Auto-Submitted}: the keyword before any {@code ;} with comments removed, in any case;
 *       {@code X-Failed-Recipients} and {@code X-MS-Exchange-Message-Is-Ndr}: present, with any value;</li>
 *   <li>daemon sender: the {@code From} address has the local part {@code mailer-daemon} or {@code postmaster}
 *       (any case), or its display name (or old-style comment) is {@code Mail Delivery Subsystem},
 *       {@code Mail Delivery System} or {@code MAILER-DAEMON} (any case);</li>
 *   <li>bounce subject: the first {@code Subject}, encoded words decoded, starts (any case) with one of
 *       {@link #BOUNCE_SUBJECT_PREFIXES}.</li>
 * </ul>
 *
 * <p>Bad input never throws: malformed MIME and every limit ({@link ReportLimits}: header fields, field and line
 * length, multipart depth, octets read, status-part octets; and the number of body parts) end the reading, and the
 * verdict is made from what was read, with the {@code unreadable} signal and {@link NdrVerdict#problem()}. The only
 * exception is the {@link IOException} of the stream itself. The status part is parsed by
 * {@link ReportReader}.</p>
 *
 * <p>{@link NdrScan} reads a message, {@link NdrHeaders} reads the signals of its fields, {@link NdrEvidence} applies
 * the table.</p>
 *
 * <p>Thread-safe and immutable.</p>
 */
public final class NdrDetector {
    /** Status, feedback and disposition parts deeper than this many multipart levels are not looked at. */
    public static final int MAX_PART_DEPTH = 3;
    public static final int DEFAULT_MAX_PARTS = 100;

    /** The subjects of bounces and delay notices (lower case; compared as prefixes, ignoring case). */
    public static final List<String> BOUNCE_SUBJECT_PREFIXES = List.of(
        "undeliverable:",                            // Exchange, Exchange Online
        "undeliverable mail",
        "undelivered mail returned to sender",       // Postfix
        "delayed mail (still being retried)",        // Postfix delay notice
        "delivery status notification (failure)",    // Gmail
        "delivery status notification (delay)",      // Gmail
        "mail delivery failed",                      // Exim
        "failure notice",                            // qmail
        "returned mail:",                            // Sendmail
        "warning: could not send message",           // Sendmail delay notice
        "delivery failure",
        "mail delivery failure");

    private static final NdrDetector DEFAULTS = new NdrDetector(ReportLimits.defaults(), DEFAULT_MAX_PARTS);

    private final ReportLimits limits;
    private final int maxParts;

    private NdrDetector(ReportLimits limits, int maxParts) {
        this.limits = Objects.requireNonNull(limits, "limits");
        if (maxParts <= 0) {
            throw new IllegalArgumentException("maxParts must be positive, got " + maxParts);
        }
        this.maxParts = maxParts;
    }

    /** {@link ReportLimits#defaults()} and {@value #DEFAULT_MAX_PARTS} body parts. */
    public static NdrDetector defaults() {
        return DEFAULTS;
    }

    /**
     * @param maxParts body parts looked at, in all multiparts together
     * @throws IllegalArgumentException when {@code maxParts} is not positive
     */
    public static NdrDetector of(ReportLimits limits, int maxParts) {
        return new NdrDetector(limits, maxParts);
    }

    /**
     * @param message a whole message (header and body); read only as far as needed, not closed
     * @param envelopeSender the SMTP reverse-path: {@code ""} or {@code "<>"} for the null sender, {@code null} when
     *     unknown ({@code Return-Path} then decides)
     * @throws IOException only when {@code message} itself fails to read
     */
    public NdrVerdict detect(InputStream message, String envelopeSender) throws IOException {
        NdrScan scan = new NdrScan(message, limits, maxParts);
        scan.scanMessage();
        return NdrEvidence.judge(scan, envelopeSender);
    }

    /**
     * For a message whose header was parsed elsewhere (a JavaMail {@code MimeMessage}).
     *
     * @param header the top header fields, in order
     * @param body the body as sent (not decoded), without the header; read only as far as needed, not closed
     * @param envelopeSender as for {@link #detect(InputStream, String)}
     * @throws IOException only when {@code body} itself fails to read
     */
    public NdrVerdict detect(List<HeaderField> header, InputStream body, String envelopeSender) throws IOException {
        Objects.requireNonNull(header, "header");
        NdrScan scan = new NdrScan(body, limits, maxParts);
        scan.scanBody(header);
        return NdrEvidence.judge(scan, envelopeSender);
    }

    @Override
    public String toString() {
        return "NdrDetector[" + limits + ", maxParts=" + maxParts + "]";
    }
}
