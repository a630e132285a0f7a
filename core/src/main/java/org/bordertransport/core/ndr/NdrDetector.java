package org.bordertransport.core.ndr;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;
import org.apache.james.mime4j.stream.RecursionMode;
import org.bordertransport.core.classify.ReportLimits;
import org.bordertransport.core.classify.ReportReader;
import org.bordertransport.core.classify.ReportScan;
import org.bordertransport.core.io.ReadGuard;
import org.bordertransport.core.mail.HeaderField;
import org.bordertransport.core.mail.HeaderText;

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
 *   <tr><td>4</td><td>the null sender and bounce evidence: a DSN without a readable action (top
 *       {@code report-type=delivery-status}/{@code global-delivery-status}, or a status part), or
 *       {@code X-Failed-Recipients}, or {@code X-MS-Exchange-Message-Is-Ndr}, or a daemon {@code From} with a bounce
 *       {@code Subject}, or {@code Auto-Submitted: auto-generated} with a bounce {@code Subject}</td>
 *       <td>NDR</td></tr>
 *   <tr><td>5</td><td>bounce evidence of rule 4 but not the null sender</td>
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

    private static final List<String> DAEMON_LOCAL_PARTS = List.of("mailer-daemon", "postmaster");
    private static final List<String> DAEMON_NAMES = List.of("mail delivery subsystem", "mail delivery system",
        "mailer-daemon");

    private static final String DELIVERY_STATUS = "message/delivery-status";
    private static final String GLOBAL_DELIVERY_STATUS = "message/global-delivery-status";
    private static final String FEEDBACK_REPORT = "message/feedback-report";
    private static final String DISPOSITION = "message/disposition-notification";
    private static final String GLOBAL_DISPOSITION = "message/global-disposition-notification";
    /** Wraps a status part so that {@link ReportReader} parses it; a line of status fields never looks like this. */
    private static final String WRAPPER_BOUNDARY = "=_border-ndr-status-part_=";

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
        Run run = new Run(message);
        run.scanMessage();
        return run.verdict(envelopeSender);
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
        Run run = new Run(body);
        run.scanBody(header);
        return run.verdict(envelopeSender);
    }

    /** The null reverse-path: {@code ""} or {@code <>} (white space ignored); empty when {@code sender} is null. */
    static Optional<Boolean> isNullSender(String sender) {
        if (sender == null) {
            return Optional.empty();
        }
        String s = sender.replaceAll("\\s+", "");
        return Optional.of(s.isEmpty() || s.equals("<>"));
    }

    @Override
    public String toString() {
        return "NdrDetector[" + limits + ", maxParts=" + maxParts + "]";
    }

    /** One reading and its evidence. */
    private final class Run {
        private final ReadGuard in;
        private final List<HeaderField> header = new ArrayList<>();
        private List<HeaderField> reportFields = List.of();
        private String topType = "";
        private String reportType;
        private boolean statusPart;
        private boolean globalStatusPart;
        private boolean feedbackPart;
        private boolean dispositionPart;
        private String problem;
        private int parts;

        Run(InputStream source) {
            this.in = new ReadGuard(Objects.requireNonNull(source, "input"), limits.maxBytes(),
                "more than " + limits.maxBytes() + " octets read");
        }

        private MimeTokenStream stream() {
            MimeConfig config = new MimeConfig.Builder()
                .setMaxHeaderCount(limits.maxHeaderFields())
                .setMaxHeaderLen(limits.maxFieldOctets())
                .setMaxLineLen(limits.maxFieldOctets())
                .setMaxContentLen(-1)
                .setStrictParsing(false)
                .build();
            MimeTokenStream s = new MimeTokenStream(config, DecodeMonitor.SILENT, null);
            s.setRecursionMode(RecursionMode.M_NO_RECURSE);
            return s;
        }

        void scanMessage() throws IOException {
            MimeTokenStream s = stream();
            guarded(() -> {
                s.parse(in);
                EntityState state = s.getState();
                for (; state != EntityState.T_END_OF_STREAM && state != EntityState.T_END_HEADER; state = s.next()) {
                    if (state == EntityState.T_FIELD) {
                        Field field = s.getField();
                        header.add(new HeaderField(field.getName(), field.getBody()));
                    }
                }
                if (state == EntityState.T_END_HEADER) {
                    walk(s);
                }
            });
        }

        void scanBody(List<HeaderField> topHeader) throws IOException {
            header.addAll(topHeader);
            Optional<String> contentType = topContentType();
            if (contentType.isEmpty()) {
                return;
            }
            MimeTokenStream s = stream();
            guarded(() -> {
                s.parseHeadless(in, contentType.get());
                walk(s);
            });
        }

        /** Reads type and report-type of the first Content-Type; returns its unfolded value. */
        private Optional<String> topContentType() {
            for (HeaderField field : header) {
                if (field.hasName("Content-Type")) {
                    String value = HeaderText.unfold(field.value()).trim();
                    RawBody body = RawFieldParser.DEFAULT.parseRawBody(new RawField("Content-Type", value));
                    topType = body.getValue() == null ? "" : body.getValue().trim().toLowerCase(Locale.ROOT);
                    for (NameValuePair parameter : body.getParams()) {
                        if ("report-type".equalsIgnoreCase(parameter.getName()) && parameter.getValue() != null) {
                            reportType = parameter.getValue().trim().toLowerCase(Locale.ROOT);
                            break;
                        }
                    }
                    return Optional.of(value);
                }
            }
            return Optional.empty();
        }

        /** From the top entity's body on, until the first report part or the end of the top entity. */
        private void walk(MimeTokenStream s) throws IOException, MimeException {
            int depth = 0;
            for (EntityState state = s.getState(); state != EntityState.T_END_OF_STREAM; state = s.next()) {
                switch (state) {
                    case T_START_MULTIPART:
                        if (++depth > limits.maxDepth()) {
                            problem = "multipart nesting deeper than " + limits.maxDepth() + " levels";
                            return;
                        }
                        break;
                    case T_END_MULTIPART:
                        depth--;
                        break;
                    case T_START_BODYPART:
                        if (++parts > maxParts) {
                            problem = "more than " + maxParts + " body parts";
                            return;
                        }
                        break;
                    case T_BODY:
                        if (depth <= MAX_PART_DEPTH && reportPart(s) || depth == 0) {
                            // the first report part decides; a top body that is not multipart is all there is
                            return;
                        }
                        break;
                    default:
                        break;
                }
            }
        }

        /** True when the part is a report part (and then read, for a status part). */
        private boolean reportPart(MimeTokenStream s) throws IOException {
            String type = s.getBodyDescriptor().getMimeType().toLowerCase(Locale.ROOT);
            switch (type) {
                case DELIVERY_STATUS:
                    statusPart = true;
                    readStatus(s.getDecodedInputStream(), "delivery-status");
                    return true;
                case GLOBAL_DELIVERY_STATUS:
                    globalStatusPart = true;
                    readStatus(s.getDecodedInputStream(), "global-delivery-status");
                    return true;
                case FEEDBACK_REPORT:
                    feedbackPart = true;
                    return true;
                case DISPOSITION:
                case GLOBAL_DISPOSITION:
                    dispositionPart = true;
                    return true;
                default:
                    return false;
            }
        }

        /** Has {@link ReportReader} parse the status part, wrapped in a one-part report of the same type. */
        private void readStatus(InputStream decoded, String reportTypeName) throws IOException {
            List<HeaderField> wrapper = List.of(new HeaderField("Content-Type", "multipart/report; report-type="
                + reportTypeName + "; boundary=\"" + WRAPPER_BOUNDARY + "\""));
            InputStream wrapped = new SequenceInputStream(Collections.enumeration(List.of(
                ascii("--" + WRAPPER_BOUNDARY + "\r\nContent-Type: message/" + reportTypeName + "\r\n\r\n"),
                decoded,
                ascii("\r\n--" + WRAPPER_BOUNDARY + "--\r\n"))));
            ReportScan scan = ReportReader.scanBody(wrapper, wrapped, limits);
            reportFields = scan.reportFields();
            scan.problem().ifPresent(p -> problem = p);
        }

        private void guarded(Step step) throws IOException {
            try {
                step.run();
            } catch (IOException | MimeException | RuntimeException e) {
                if (in.failure() != null) {
                    throw in.failure();
                }
                if (e instanceof ReadGuard.LimitReached || e instanceof MimeException && e.getMessage() != null) {
                    // mime4j's limits (header fields, line length) are MimeExceptions with a plain message
                    problem = e.getMessage();
                } else {
                    problem = "malformed MIME: " + e;
                }
            }
        }

        NdrVerdict verdict(String envelopeSender) {
            topContentType();
            Evidence e = new Evidence();
            e.nullSender = isNullSender(envelopeSender).orElseGet(this::returnPathIsNull);
            e.reportDeliveryStatus = "multipart/report".equals(topType) && "delivery-status".equals(reportType);
            e.reportGlobalDeliveryStatus = "multipart/report".equals(topType)
                && "global-delivery-status".equals(reportType);
            e.reportWithoutType = "multipart/report".equals(topType) && reportType == null;
            e.feedback = feedbackPart || "multipart/report".equals(topType) && "feedback-report".equals(reportType);
            e.disposition = dispositionPart || "multipart/report".equals(topType) && reportType != null
                && reportType.endsWith("disposition-notification");
            e.statusPart = statusPart;
            e.globalStatusPart = globalStatusPart;
            Map<String, String> failed = new LinkedHashMap<>();
            readReport(e, failed);
            int received = 0;
            boolean subjectSeen = false;
            boolean fromSeen = false;
            for (HeaderField field : header) {
                if (field.hasName("Received")) {
                    received++;
                } else if (field.hasName("X-Failed-Recipients")) {
                    e.xFailedRecipients = true;
                    for (String address : HeaderText.unfold(field.value()).split(",")) {
                        addAddress(failed, address);
                    }
                } else if (field.hasName("X-MS-Exchange-Message-Is-Ndr")) {
                    e.exchangeNdr = true;
                } else if (field.hasName("Auto-Submitted")) {
                    String keyword = keyword(field.value());
                    e.autoGenerated |= keyword.equals("auto-generated");
                    e.autoReplied |= keyword.equals("auto-replied");
                } else if (field.hasName("From") && !fromSeen) {
                    fromSeen = true;
                    e.daemon = isDaemon(field.value());
                } else if (field.hasName("Subject") && !subjectSeen) {
                    subjectSeen = true;
                    e.subject = isBounceSubject(field.value());
                }
            }
            e.unreadable = problem != null;
            return e.decide(new ArrayList<>(failed.values()), Optional.ofNullable(problem), received);
        }

        private boolean returnPathIsNull() {
            for (HeaderField field : header) {
                if (field.hasName("Return-Path")) {
                    return isNullSender(stripComments(HeaderText.unfold(field.value()))).orElse(false);
                }
            }
            return false;
        }

        /** Actions, and the recipients of failed groups (a group starts at Original- or Final-Recipient). */
        private void readReport(Evidence e, Map<String, String> failed) {
            String original = null;
            String fin = null;
            String action = null;
            for (HeaderField field : reportFields) {
                if (field.hasName("Original-Recipient")) {
                    if (original != null || action != null) {
                        flush(failed, original, fin, action);
                        fin = null;
                        action = null;
                    }
                    original = field.value();
                } else if (field.hasName("Final-Recipient")) {
                    if (fin != null) {
                        flush(failed, original, fin, action);
                        original = null;
                        action = null;
                    }
                    fin = field.value();
                } else if (field.hasName("Action")) {
                    action = keyword(field.value());
                    e.actionFailed |= action.equals("failed");
                    e.actionDelayed |= action.equals("delayed");
                    e.actionSuccess |= action.equals("delivered") || action.equals("relayed")
                        || action.equals("expanded");
                }
            }
            flush(failed, original, fin, action);
        }

        private void flush(Map<String, String> failed, String original, String fin, String action) {
            if (!"failed".equals(action)) {
                return;
            }
            if (fin != null) {
                addAddress(failed, typedAddress(fin));
            }
            if (original != null) {
                addAddress(failed, typedAddress(original));
            }
        }
    }

    /** {@code rfc822; user@example.com}: the address after the type. */
    private static String typedAddress(String value) {
        String v = HeaderText.unfold(value);
        int semicolon = v.indexOf(';');
        return semicolon < 0 ? v : v.substring(semicolon + 1);
    }

    private static void addAddress(Map<String, String> out, String raw) {
        String address = raw.trim();
        if (address.startsWith("<") && address.endsWith(">")) {
            address = address.substring(1, address.length() - 1).trim();
        }
        if (!address.isEmpty()) {
            out.putIfAbsent(address.toLowerCase(Locale.ROOT), address);
        }
    }

    /** The keyword of a field such as Auto-Submitted or Action: before any {@code ;}, comments removed, lower case. */
    static String keyword(String raw) {
        String value = stripComments(HeaderText.unfold(raw));
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** Removes comments in parentheses (nested, with quoted-pairs); quoted strings are kept as they are. */
    static String stripComments(String value) {
        return splitComments(value, false);
    }

    private static String commentsOf(String value) {
        return splitComments(value, true);
    }

    private static String splitComments(String value, boolean wantComments) {
        StringBuilder text = new StringBuilder();
        StringBuilder comments = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        boolean escaped = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            StringBuilder out = depth > 0 ? comments : text;
            if (escaped) {
                escaped = false;
                out.append(c);
            } else if (c == '\\' && (depth > 0 || quoted)) {
                escaped = true;
                if (depth == 0) {
                    out.append(c);
                }
            } else if (depth == 0 && c == '"') {
                quoted = !quoted;
                out.append(c);
            } else if (!quoted && c == '(') {
                depth++;
                if (depth > 1) {
                    comments.append(c);
                }
            } else if (depth > 0 && c == ')') {
                depth--;
                comments.append(depth > 0 ? ")" : " ");
            } else {
                out.append(c);
            }
        }
        return (wantComments ? comments : text).toString();
    }

    static boolean isDaemon(String raw) {
        String value = decode(raw);
        String address;
        String name;
        int open = value.lastIndexOf('<');
        int close = value.lastIndexOf('>');
        if (open >= 0 && close > open) {
            address = value.substring(open + 1, close);
            name = stripComments(value.substring(0, open)) + " " + commentsOf(value.substring(0, open));
        } else {
            address = stripComments(value);
            name = commentsOf(value);
        }
        address = address.trim();
        int at = address.lastIndexOf('@');
        String local = (at < 0 ? address : address.substring(0, at)).replace("\"", "").trim()
            .toLowerCase(Locale.ROOT);
        if (DAEMON_LOCAL_PARTS.contains(local)) {
            return true;
        }
        String display = name.replace("\"", "").replaceAll("\\s+", " ").trim().toLowerCase(Locale.ROOT);
        return DAEMON_NAMES.contains(display);
    }

    static boolean isBounceSubject(String raw) {
        String subject = decode(raw).trim().toLowerCase(Locale.ROOT);
        for (String prefix : BOUNCE_SUBJECT_PREFIXES) {
            if (subject.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String decode(String raw) {
        String value = HeaderText.unfold(raw);
        try {
            return DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
        } catch (RuntimeException e) {
            return value;
        }
    }

    private static InputStream ascii(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** The evidence of one message, and the decision table of the class javadoc. */
    private static final class Evidence {
        boolean nullSender;
        boolean reportDeliveryStatus;
        boolean reportGlobalDeliveryStatus;
        boolean reportWithoutType;
        boolean statusPart;
        boolean globalStatusPart;
        boolean actionFailed;
        boolean actionDelayed;
        boolean actionSuccess;
        boolean xFailedRecipients;
        boolean exchangeNdr;
        boolean autoGenerated;
        boolean autoReplied;
        boolean daemon;
        boolean subject;
        boolean unreadable;
        boolean feedback;
        boolean disposition;

        NdrVerdict decide(List<String> failed, Optional<String> problem, int received) {
            List<String> signals = new ArrayList<>();
            add(signals, nullSender, NdrVerdict.NULL_SENDER);
            add(signals, reportDeliveryStatus, NdrVerdict.REPORT_DELIVERY_STATUS);
            add(signals, reportGlobalDeliveryStatus, NdrVerdict.REPORT_GLOBAL_DELIVERY_STATUS);
            add(signals, reportWithoutType, NdrVerdict.REPORT_WITHOUT_TYPE);
            add(signals, statusPart, NdrVerdict.DELIVERY_STATUS_PART);
            add(signals, globalStatusPart, NdrVerdict.GLOBAL_DELIVERY_STATUS_PART);
            add(signals, actionFailed, NdrVerdict.ACTION_FAILED);
            add(signals, actionDelayed, NdrVerdict.ACTION_DELAYED);
            add(signals, xFailedRecipients, NdrVerdict.X_FAILED_RECIPIENTS);
            add(signals, exchangeNdr, NdrVerdict.X_MS_EXCHANGE_MESSAGE_IS_NDR);
            add(signals, autoGenerated, NdrVerdict.AUTO_GENERATED);
            add(signals, daemon, NdrVerdict.DAEMON_SENDER);
            add(signals, subject, NdrVerdict.SUBJECT);
            add(signals, unreadable, NdrVerdict.UNREADABLE);

            List<String> negative = new ArrayList<>();
            add(negative, feedback, NdrVerdict.ARF_FEEDBACK_REPORT);
            add(negative, disposition, NdrVerdict.DISPOSITION_NOTIFICATION);
            if (negative.isEmpty() && !actionFailed && !actionDelayed) {
                boolean dsn = reportDeliveryStatus || reportGlobalDeliveryStatus || statusPart || globalStatusPart;
                boolean evidence = dsn || xFailedRecipients || exchangeNdr || (daemon || autoGenerated) && subject;
                if (actionSuccess) {
                    negative.add(NdrVerdict.DELIVERY_REPORT);
                } else if (evidence && nullSender) {
                    return NdrVerdict.of(signals, failed, negative, problem, received);
                } else if (evidence) {
                    negative.add(NdrVerdict.SENDER_NOT_NULL);
                } else if (autoReplied) {
                    negative.add(NdrVerdict.AUTO_REPLIED);
                } else {
                    negative.add(signals.isEmpty() ? NdrVerdict.NO_NDR_SIGNAL : NdrVerdict.INSUFFICIENT_EVIDENCE);
                }
            }
            return NdrVerdict.of(signals, failed, negative, problem, received);
        }

        private static void add(List<String> list, boolean present, String name) {
            if (present) {
                list.add(name);
            }
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws IOException, MimeException;
    }
}
