package org.bordertransport.core.ndr;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

import org.bordertransport.core.mail.HeaderField;

/**
 * Decides whether a message is a non-delivery report (a bounce: delivery failed), conservatively, from the envelope
 * sender, the top header, the MIME structure and the text of the message, read streaming with mime4j. Real-world
 * bounces are not all RFC 3464 DSNs: Exim, qmail, Sendmail v5, old Exchange, Notes, Japanese carriers, mailing-list
 * managers and many filtering gateways send plain-text bounces, so those are recognised by their header and the
 * sentences of their templates. Without an envelope (a message read from a file) the content decides alone.
 *
 * <table>
 *   <caption>Decision rules, applied in this order (the first that applies decides)</caption>
 *   <tr><th>#</th><th>when</th><th>verdict</th></tr>
 *   <tr><td>1</td><td>an ARF report ({@code multipart/report; report-type=feedback-report}, or a
 *       {@code message/feedback-report} part), or a read receipt ({@code report-type=disposition-notification} or
 *       {@code global-disposition-notification}, or such a part)</td>
 *       <td>not an NDR: {@code arf-feedback-report}, {@code disposition-notification} (each that applies)</td></tr>
 *   <tr><td>2</td><td>a status part ({@code message/delivery-status} or {@code message/global-delivery-status}) with
 *       at least one {@code Action: failed}, or a recipient group without one of RFC 3464's actions whose
 *       {@code Status} is 5.x.x (without {@code Status}: a {@code Diagnostic-Code} with a 5xx reply), whatever the
 *       sender</td><td>NDR</td></tr>
 *   <tr><td>3</td><td>a status part with {@code Action: delayed} (or a group without an action and a 4.x.x status),
 *       and no failure; or, without a failure in a status part, a delay {@code Subject}
 *       ({@link #DELAY_SUBJECT_PREFIXES}) or a delay sentence in the text ({@link #DELAY_PHRASES}) and no
 *       {@code X-Failed-Recipients} (and no success action)</td><td>not an NDR: {@code delay-only}</td></tr>
 *   <tr><td>4</td><td>a status part whose actions are all {@code delivered}, {@code relayed} or {@code expanded}
 *       (or whose groups without such an action have a 2.x.x status)</td>
 *       <td>not an NDR: {@code delivery-report}</td></tr>
 *   <tr><td>5</td><td>the null sender (or an unknown envelope: no sender given and no {@code Return-Path: <>},
 *       signal {@code sender-unknown}) and bounce evidence: a DSN without a readable action (top
 *       {@code report-type=delivery-status}/{@code global-delivery-status}, or a status part), or
 *       {@code X-Failed-Recipients}, or {@code X-MS-Exchange-Message-Is-Ndr}, or a sentence of a bounce template in
 *       the text ({@link #BOUNCE_PHRASES}), or an fml error notice ({@code X-MLServer} and a Subject of
 *       {@link #LIST_ERROR_SUBJECTS}), or a daemon {@code From} or {@code Auto-Submitted: auto-generated} with a
 *       bounce {@code Subject}, or a daemon {@code From} with a failure sentence in the text
 *       ({@link #FAILURE_PHRASES}), or a daemon {@code From} with a {@code multipart/report} that names no
 *       {@code report-type} (feedback and disposition reports, which are not NDRs, are rule 1)</td>
 *       <td>NDR</td></tr>
 *   <tr><td>6</td><td>bounce evidence of rule 5 but a sender known not to be null</td>
 *       <td>not an NDR: {@code sender-not-null}</td></tr>
 *   <tr><td>7</td><td>{@code Auto-Submitted: auto-replied} (RFC 3834: vacation and other automatic replies)</td>
 *       <td>not an NDR: {@code auto-replied}</td></tr>
 *   <tr><td>8</td><td>some other signal (a daemon {@code From} or a bounce {@code Subject} alone, a failure sentence
 *       alone, {@code auto-generated} alone, the null sender alone, an unreadable message)</td>
 *       <td>not an NDR: {@code insufficient-evidence}</td></tr>
 *   <tr><td>9</td><td>nothing</td><td>not an NDR: {@code no-ndr-signal}</td></tr>
 * </table>
 *
 * <p>{@code auto-replied} does not outweigh rules 2 to 6: Postfix, Exim and Gmail mark their bounces
 * {@code Auto-Submitted: auto-replied}. A delay notice is not an NDR: it reports that delivery is still being
 * tried.</p>
 *
 * <p>The signals ({@link NdrVerdict} constants):</p>
 * <ul>
 *   <li>the null sender: the envelope sender given is {@code ""} or {@code <>}; when it is {@code null} (unknown,
 *       e.g. a message read from a file) the first {@code Return-Path} field counts when it is {@code <>}; any
 *       other {@code Return-Path}, or none, leaves the envelope unknown ({@code sender-unknown}: Sendmail writes
 *       {@code <MAILER-DAEMON>}, and Amazon SES, mailing-list managers and challenge-response systems send their
 *       notices with a sender of their own);</li>
 *   <li>the top {@code Content-Type}: type, subtype and parameter names in any case, comments ignored;</li>
 *   <li>status, feedback and disposition parts: at multipart depth {@value #MAX_PART_DEPTH} or less (the top body
 *       is depth 0, the parts of the top multipart depth 1), in any multipart, not only in {@code multipart/report};
 *       the parts of an embedded {@code message/rfc822} are never looked at (a forwarded bounce is not a bounce).
 *       Only the first such part is read, and reading stops there. In a status part, an {@code Action} before the
 *       first {@code Original-Recipient}/{@code Final-Recipient} (a per-message field) does not count;</li>
 *   <li>the text: the {@code text/plain} and {@code text/html} parts (not attachments) at depth
 *       {@value #MAX_PART_DEPTH} or less before the first report part, or the top body when it is not multipart,
 *       decoded (transfer encoding, then the declared charset; 8-bit text labelled US-ASCII or ISO-2022-JP is read
 *       as UTF-8 when it is valid UTF-8, unlabelled JIS escapes as ISO-2022-JP), at most
 *       {@link ReportLimits#maxTextBytes()} octets in all; HTML tags are dropped; lines quoted with {@code >} and
 *       everything after a forward or reply separator ({@link #FORWARD_SEPARATORS}) are left out, and so is every
 *       embedded {@code message/rfc822}. Compared in lower case with white space collapsed, as substrings:
 *       {@code bounce-text} ({@link #BOUNCE_PHRASES}), {@code failure-text} ({@link #FAILURE_PHRASES}),
 *       {@code delay-notice} ({@link #DELAY_PHRASES});</li>
 *   <li>{@code Auto-Submitted}: the keyword before any {@code ;} with comments removed, in any case;
 *       {@code X-Failed-Recipients} and {@code X-MS-Exchange-Message-Is-Ndr}: present, with any value;</li>
 *   <li>daemon sender: the {@code From} address is {@code <>} or has the local part {@code mailer-daemon},
 *       {@code postmaster}, {@code mailer_daemon}, {@code mailerdaemon}, {@code mail-daemon} or {@code maildaemon}
 *       (any case), or its display name (or old-style comment) is {@code Mail Delivery Subsystem},
 *       {@code Mail Delivery System}, {@code Mail Delivery Service}, {@code MAILER-DAEMON}, {@code Mailer Daemon},
 *       {@code Mail Administrator}, {@code Postmaster}, {@code System Administrator} or {@code Microsoft Outlook}
 *       (any case);</li>
 *   <li>bounce subject: the first {@code Subject}, encoded words decoded (raw 8-bit UTF-8 and raw ISO-2022-JP too),
 *       starts (any case) with one of {@link #BOUNCE_SUBJECT_PREFIXES} and none of
 *       {@link #DELAY_SUBJECT_PREFIXES}.</li>
 * </ul>
 *
 * <p>Bad input never throws: malformed MIME (also a multipart whose boundary never appears, and a status part
 * without a single field) and every limit ({@link ReportLimits}: header fields, field and line length, multipart
 * depth, octets read, status-part octets, text octets; and the number of body parts) end the reading, and the
 * verdict is made from what was read, with the {@code unreadable} signal and {@link NdrVerdict#problem()} (reading
 * no further than {@code maxTextBytes} of text is not a problem). The only exception is the {@link IOException} of
 * the stream itself. The status part is parsed by {@link ReportReader}.</p>
 *
 * <p>{@link NdrScan} reads a message, {@link NdrHeaders} reads the signals of its fields, {@link NdrText} its text,
 * {@link NdrEvidence} applies the table.</p>
 *
 * <p>Thread-safe and immutable.</p>
 */
public final class NdrDetector {
    /** Status, feedback and disposition parts deeper than this many multipart levels are not looked at. */
    public static final int MAX_PART_DEPTH = 3;
    public static final int DEFAULT_MAX_PARTS = 100;

    /** The subjects of bounces (lower case; compared as prefixes of the decoded subject, ignoring case). */
    public static final List<String> BOUNCE_SUBJECT_PREFIXES = List.of(
        "undeliverable",                             // Exchange, Exchange Online, Notes ("Undeliverable message")
        "undelivered mail",                          // Postfix "Undelivered Mail Returned to Sender"
        "undeliverable mail",
        "delivery status notification (failure)",    // Gmail, Amazon SES
        "delivery status notification: error",      // OpenSMTPD
        "delivery notification: delivery has failed", // McAfee MXLogic
        "delivery failure",                          // Domino "DELIVERY FAILURE:"
        "delivery_failure",
        "delivery failed",
        "mail delivery failed",                      // Exim
        "mail delivery failure",                     // Zoho, 1&1
        "mail delivery system",
        "failure notice",                            // qmail, Yahoo
        "failed delivery",
        "returned mail",                             // Sendmail, Biglobe
        "postmaster notify",                         // Sendmail's copy to the postmaster
        "mail system error - returned mail",         // au (ezweb)
        "mail could not be delivered",               // IMail, Mimecast
        "message could not be delivered",
        "message delivery failure",
        "non-delivery",
        "nondeliverable",
        "non remis",                                 // Exchange, French
        "nicht zustellbar",                          // German
        "unzustellbar",
        "no se puede entregar",                      // Spanish
        "não entregue",                              // Portuguese
        "non recapitabile",                          // Italian
        "onbestelbaar",                              // Dutch
        "配信不能",                                    // Japanese: undeliverable
        "配送不能",
        "メールエラー通知",                                // au: mail error notice
        "メール配信エラー",
        "[bounce]",                                  // Apache James 2 Bounce mailet
        "returned message",
        "returned email",
        "bounced mail",
        "error sending message",
        "message not delivered",
        "mail not delivered",
        "message delivery failed",
        "undelivered message",
        "failed mail",
        "mail failure",
        "permanent delivery failure",
        "nicht zugestellt",                          // German
        "zustellung fehlgeschlagen",
        "non distribuable",                          // French
        "échec de la remise",
        "非送達",                                      // Japanese
        "配送エラー",
        "送信エラー",
        "メール送信エラー",
        "退信",                                       // Chinese
        "недоставленное сообщение",                  // Russian
        "не доставлено");

    /** Subjects of delay notices: not bounces (lower case, prefixes, ignoring case). */
    public static final List<String> DELAY_SUBJECT_PREFIXES = List.of(
        "delayed mail (still being retried)",        // Postfix
        "delivery status notification (delay)",      // Gmail
        "warning: could not send message",           // Sendmail
        "delivery status notification: warning",     // OpenSMTPD
        "warning: message",                          // Exim "Warning: message ... delayed 24 hours"
        "delivery delayed",                          // Exchange "Delivery delayed:"
        "message delayed");

    /**
     * Sentences of the bounce templates of mail servers (lower case, white space collapsed, compared as substrings of
     * the text read): one of them is bounce evidence by itself.
     */
    public static final List<String> BOUNCE_PHRASES = List.of(
        "this message was created automatically by mail delivery software", // Exim, 1&1, others
        "this is the qmail-send program",                                   // qmail, netqmail
        "i'm afraid i wasn't able to deliver your message",                 // qmail, Apache James DSNBounce
        "i'm sorry to have to inform you that your message could not be delivered", // Postfix
        "the original message was received at",                             // Sendmail
        "transcript of session follows",                                    // Sendmail, also v5
        "the following addresses had permanent fatal errors",               // Sendmail
        "the following addresses had delivery problems",                    // Biglobe, McAfee
        "unsent message follows",                                           // Sendmail v5
        "this is the mailer-daemon, please do not reply to this e-mail",    // OpenSMTPD
        "an error has occurred while attempting to deliver a message for the following list of recipients",
        "this is the dragonfly mail agent",                                 // DragonFly Mail Agent
        "running the courier mail server",                                  // Courier
        "your message did not reach some or all of the intended recipients", // Exchange 2007, 2010
        "did not reach the following recipient(s)",                         // Exchange 2000, 2003
        "delivery has failed to these recipients or groups",                // Exchange 2010 to Office 365
        "------- failure reasons --------",                                 // Lotus Notes
        "delivery to the following recipient failed permanently",           // Gmail
        "delivery to the following recipients failed permanently",
        "sorry, we were unable to deliver your message to the following address", // Yahoo
        "an error occurred while trying to deliver the mail to the following recipients", // Amazon SES
        "\"notificationtype\":\"bounce\"",                                    // Amazon SES through SNS (JSON)
        "could not deliver the message in the time limit specified",        // Exchange, IMail
        "message details: subject:",                                        // Apache James notify mailets
        "this is the james mail server at",                                 // Apache James Bounce, DSNBounce
        "could not be delivered to: <",                                     // au one net (KDDI)
        "unable to deliver message to <",                                   // Trend Micro InterScan
        "unable to deliver message to: <",                                  // MailFoundry
        "sent <<< rcpt to:",                                                // InterScan's SMTP transcript
        "this report relates to a message you sent with the following header fields", // RFC 3464 text
        "this is the mail system at host",                                  // Postfix
        "this is the postfix program at host",                              // Postfix before 2.3
        "diagnostic information for administrators",                        // Exchange 2010 to Office 365
        "unable to deliver message to the following address",               // Yahoo (old)
        "had permanent fatal delivery errors",                              // MDaemon
        "body of message generated response",                               // IMail
        "this is an automatically generated message from sendgrid",         // SendGrid
        "the following recipients were affected");                          // MailMarshal

    /**
     * Sentences that say a delivery failed in general words (lower case, substrings): bounce evidence only with a
     * daemon sender.
     */
    public static final List<String> FAILURE_PHRASES = List.of(
        "could not be delivered",
        "couldn't be delivered",
        "was not delivered",
        "wasn't delivered",
        "cannot be delivered",
        "undeliverable",
        "delivery failed",
        "delivery has failed",
        "unable to deliver",
        "permanent error",
        "permanent failure",
        "user unknown",
        "unknown user",
        "no such user",
        "account is disabled",
        "mailbox unavailable",
        "mailbox is full",
        "did not reach",
        "was rejected",
        "mailbox full",
        "送信できませんでした",                            // Japanese: could not be sent
        "配信できませんでした",                            // could not be delivered
        "配送できませんでした",
        "届きませんでした",                              // did not arrive
        "送信に失敗しました",                             // sending failed
        "宛先不明",                                    // unknown address
        "delivery to the following recipients failed",
        "konnte nicht zugestellt werden",            // German
        "n'a pas pu être remis",                     // French
        "no se pudo entregar",                       // Spanish
        "no pudo ser entregado",
        "não pôde ser entregue",                     // Portuguese
        "non è stato possibile recapitare",          // Italian
        "kon niet worden bezorgd");                  // Dutch

    /**
     * Subjects of the error notices of the fml mailing-list manager (lower case, substrings, ignoring case): bounce
     * evidence with an {@code X-MLServer} field.
     */
    public static final List<String> LIST_ERROR_SUBJECTS = List.of(
        "not member",                  // "NOT MEMBER article from ...", "You are not member"
        "reject mail",
        "spam mail from a spammer is rejected",
        "fml system error message",
        "loop alert:",
        "loop back warning:",
        "unix from loop",
        "security alert");

    /** Sentences of delay notices: with no failed recipient, they make a message a delay notice. */
    public static final List<String> DELAY_PHRASES = List.of(
        "this is a warning message only",                    // Sendmail
        "this is a warning only",                            // Postfix
        "you do not need to resend your message",
        "you do not need to re-send the message",            // OpenSMTPD
        "has not yet been delivered",                        // Exim
        "delivery is delayed to these recipients or groups", // Exchange
        "delivery to the following recipient has been delayed", // Gmail
        "delivery to the following recipients has been delayed",
        "message is delayed for more than");                 // OpenSMTPD

    /**
     * Lines that start a copy of another message in a person's mail (forward, reply), compared as prefixes of the
     * normalised line: the text after them is not read. So is the text after a line of ten or more underscores
     * (Outlook's separator) and after a line that starts with {@code on } and ends with {@code wrote:} (a reply's
     * attribution).
     */
    public static final List<String> FORWARD_SEPARATORS = List.of(
        "-----original message-----",
        "----- original message -----",
        "-------- original message --------",
        "---------- forwarded message ---------",
        "-------- forwarded message --------",
        "----- forwarded message -----",
        "begin forwarded message:",
        "-----ursprüngliche nachricht-----",
        "-------- message original --------",
        "-------- weitergeleitete nachricht --------");

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
