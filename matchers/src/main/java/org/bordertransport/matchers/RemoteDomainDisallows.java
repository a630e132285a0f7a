package org.bordertransport.matchers;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.bordertransport.core.classify.MessageKind;
import org.bordertransport.core.classify.MessageKinds;
import org.bordertransport.core.mail.HeaderField;
import org.bordertransport.core.ndr.NdrDetector;
import org.bordertransport.core.ndr.ReportLimits;
import org.bordertransport.core.ndr.ReportReader;
import org.bordertransport.core.ndr.ReportScan;
import org.bordertransport.core.policy.AllowedOOFType;
import org.bordertransport.core.policy.RemoteDomainPolicy;
import org.bordertransport.core.policy.RemoteDomainSettings;
import org.bordertransport.james.FileResolver;
import org.bordertransport.james.MessageStreams;
import org.bordertransport.james.MimeHeaders;
import org.bordertransport.james.ReloadContext;
import org.bordertransport.james.ReloadingFile;
import org.bordertransport.james.RemoteDomainPolicyFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches the recipients whose remote domain (see {@code conf/remotedomains.xml}) does not allow a kind of automatic
 * message that this mail is, among the kinds named in the condition. Composed with James's {@code Null} mailet it
 * drops the mail for those recipients only (James splits the mail by matched recipients); everybody else gets it.
 *
 * <table>
 *   <caption>Kinds and the settings that disallow them</caption>
 *   <tr><th>kind</th><th>disallowed for a recipient whose remote domain has</th></tr>
 *   <tr><td>AutoReply</td><td>{@code AutoReplyEnabled} false (out-of-office replies excepted, as in Exchange)</td></tr>
 *   <tr><td>OutOfOffice</td><td>an {@code AllowedOOFType} that does not allow the reply's designation (always
 *       undesignated: {@code External}, the default, and {@code None} disallow; {@code ExternalLegacy} and
 *       {@code InternalLegacy} allow)</td></tr>
 *   <tr><td>AutoForward</td><td>{@code AutoForwardEnabled} false</td></tr>
 *   <tr><td>DeliveryReport</td><td>{@code DeliveryReportEnabled} false</td></tr>
 *   <tr><td>NonDeliveryReport</td><td>{@code NDREnabled} false</td></tr>
 * </table>
 *
 * <p>How each kind is detected: {@link MessageKinds}; NonDeliveryReport is {@link NdrDetector}'s verdict, the same
 * as {@link IsNonDeliveryReport}'s. The condition is {@code KIND[,KIND...]}, optionally followed by
 * {@code ;policyFile=LOCATION} (James FileSystem notation, default {@code file://conf/remotedomains.xml}) and
 * {@code ;reloadInterval=DURATION} (how often the file is checked for changes: {@code 0} never, or 1s to 24h, default
 * 10s); kinds are case-insensitive. Each matched recipient counts once in the metric {@value #METRIC}; each matched mail is logged at
 * INFO with its name, the kinds and the number of recipients (never the addresses).</p>
 *
 * <pre>{@code
 * <mailet match="org.bordertransport.matchers.RemoteDomainDisallows=AutoReply,OutOfOffice,AutoForward,DeliveryReport,NonDeliveryReport"
 *         class="Null"/>
 * }</pre>
 */
public class RemoteDomainDisallows extends GenericMatcher {
    public static final String METRIC = "border.remotedomain.disallowed";
    public static final String POLICY_FILE = RemoteDomainPolicyFile.PARAMETER;
    static final String DEFAULT_LOCATION = RemoteDomainPolicyFile.DEFAULT_LOCATION;
    public static final String RELOAD_INTERVAL = ReloadContext.PARAMETER;
    /** The options the condition takes after its kinds ({@code ;policyFile=...;reloadInterval=...}). */
    public static final Set<String> PARAMETERS = Set.of(POLICY_FILE, RELOAD_INTERVAL);

    private static final Logger LOGGER = LoggerFactory.getLogger(RemoteDomainDisallows.class);

    private final FileResolver resolver;
    private final Metric disallowed;
    private final ReportLimits limits;
    private final NdrDetector detector;
    /** Per settings of a remote domain or recipient entry (a few per version of the policy; values, so any policy's). */
    private final Map<RemoteDomainSettings, Boolean> mayRefuse = new ConcurrentHashMap<>();
    private Set<MessageKind> kinds;
    private final ReloadContext reload;
    private ReloadingFile<RemoteDomainPolicy> policy;

    @Inject
    public RemoteDomainDisallows(FileSystem fileSystem, MetricFactory metricFactory) {
        this(FileResolver.of(fileSystem), metricFactory, ReportLimits.defaults());
    }

    RemoteDomainDisallows(FileResolver resolver, MetricFactory metricFactory, ReportLimits limits) {
        this(resolver, metricFactory, limits, ReloadContext.of(metricFactory));
    }

    RemoteDomainDisallows(FileResolver resolver, MetricFactory metricFactory, ReportLimits limits,
                          ReloadContext reload) {
        this.resolver = resolver;
        this.reload = reload;
        this.disallowed = metricFactory.generate(METRIC);
        this.limits = limits;
        this.detector = NdrDetector.of(limits, NdrDetector.DEFAULT_MAX_PARTS);
    }

    @Override
    public void init() throws MessagingException {
        Condition condition;
        try {
            condition = Condition.parse(getCondition());
        } catch (IllegalArgumentException e) {
            throw new MessagingException(getMatcherName() + ": " + e.getMessage(), e);
        }
        kinds = condition.kinds;
        policy = RemoteDomainPolicyFile.open(getMatcherName(), resolver, condition.policyFile,
            "invalid condition option '" + POLICY_FILE + "'", reload, condition.reloadInterval);
        LOGGER.info("{}: {} for {} remote domains from {}", getMatcherName(), kinds,
            policy.current().remoteDomains().size(), condition.policyFile);
    }

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        if (mail.getRecipients().isEmpty()) {
            return List.of();
        }
        RemoteDomainPolicy current = policy.current();
        if (!anyRecipientMayRefuse(mail, current)) {
            // no recipient's remote domain refuses any of these kinds: the message need not be read (most mail);
            // what leaves must not depend on that (MessageStreams.settle)
            MessageStreams.settle(mail.getMessage());
            return List.of();
        }
        MimeMessage message = mail.getMessage();
        List<HeaderField> header = MimeHeaders.read(message);
        boolean bounce = kinds.contains(MessageKind.NON_DELIVERY_REPORT) && isBounce(mail, message);
        List<HeaderField> reportFields = kinds.contains(MessageKind.DELIVERY_REPORT)
            && MessageKinds.needsReportFields(header) ? readReport(mail, message, header) : List.of();
        Set<MessageKind> messageKinds = MessageKinds.classify(header, reportFields, bounce);
        if (messageKinds.isEmpty()) {
            return List.of();
        }
        AllowedOOFType.Designation designation = MessageKinds.oofDesignation(header);
        List<MailAddress> matched = new ArrayList<>();
        Set<MessageKind> why = EnumSet.noneOf(MessageKind.class);
        for (MailAddress recipient : mail.getRecipients()) {
            Set<MessageKind> no = EnumSet.noneOf(MessageKind.class);
            no.addAll(MessageKinds.disallowed(messageKinds, designation,
                RemoteDomainPolicyFile.settingsFor(current, recipient)));
            no.retainAll(kinds);
            if (!no.isEmpty()) {
                matched.add(recipient);
                why.addAll(no);
            }
        }
        if (!matched.isEmpty()) {
            disallowed.add(matched.size());
            LOGGER.info("Mail {} is {}: {} of {} recipients are in remote domains that do not allow it", mail.getName(),
                why, matched.size(), mail.getRecipients().size());
        }
        return matched;
    }

    /** {@link NdrDetector}'s verdict, read as {@link IsNonDeliveryReport} reads it. */
    private boolean isBounce(Mail mail, MimeMessage message) throws MessagingException {
        try (InputStream in = MessageStreams.of(message)) {
            return detector.detect(in, mail.getMaybeSender().asString("")).isNdr();
        } catch (IOException e) {
            throw new MessagingException(getMatcherName() + ": cannot read mail " + mail.getName()
                + " to tell whether it is a bounce", e);
        }
    }

    private List<HeaderField> readReport(Mail mail, MimeMessage message, List<HeaderField> header)
        throws MessagingException {
        ReportScan scan;
        try {
            InputStream body = rawBody(message);
            scan = body != null ? ReportReader.scanBody(header, body, limits)
                : ReportReader.scanMessage(written(message), limits);
        } catch (IOException e) {
            throw new MessagingException(getMatcherName() + ": cannot read the report of mail " + mail.getName(), e);
        }
        scan.problem().ifPresent(problem -> LOGGER.warn("Mail {}: report part not fully read ({}); {} fields read",
            mail.getName(), problem, scan.reportFields().size()));
        return scan.reportFields();
    }

    /** The body as received, or null for a message built in memory, which has none. */
    private static InputStream rawBody(MimeMessage message) {
        try {
            return message.getRawInputStream();
        } catch (MessagingException e) {
            return null;
        }
    }

    /**
     * The whole message as JavaMail writes it. Only a message built in memory has no raw body (in James every mail's
     * message is read from its store), so it is in memory already; the reader's own guard enforces the byte limit.
     */
    private static InputStream written(MimeMessage message) throws IOException, MessagingException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        message.writeTo(buffer);
        return new ByteArrayInputStream(buffer.toByteArray());
    }

    /** Whether the remote domain of some recipient refuses one of the kinds, for some message. */
    private boolean anyRecipientMayRefuse(Mail mail, RemoteDomainPolicy current) {
        for (MailAddress recipient : mail.getRecipients()) {
            RemoteDomainSettings settings = RemoteDomainPolicyFile.settingsFor(current, recipient);
            if (mayRefuse.computeIfAbsent(settings, this::mayRefuse)) {
                return true;
            }
        }
        return false;
    }

    /** Whether these settings refuse one of the kinds for some message (every kind, every OOF designation). */
    private boolean mayRefuse(RemoteDomainSettings settings) {
        Set<MessageKind> withoutOof = EnumSet.complementOf(EnumSet.of(MessageKind.OUT_OF_OFFICE));
        for (AllowedOOFType.Designation designation : AllowedOOFType.Designation.values()) {
            for (Set<MessageKind> message : List.of(EnumSet.allOf(MessageKind.class), withoutOof)) {
                Set<MessageKind> refused = EnumSet.noneOf(MessageKind.class);
                refused.addAll(MessageKinds.disallowed(message, designation, settings));
                refused.retainAll(kinds);
                if (!refused.isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public String getMatcherInfo() {
        return "Matches recipients whose remote domain does not allow this kind of automatic message";
    }

    /** The parsed condition. */
    static final class Condition {
        private final Set<MessageKind> kinds;
        private final String policyFile;
        private final Duration reloadInterval;

        private Condition(Set<MessageKind> kinds, String policyFile, Duration reloadInterval) {
            this.kinds = Collections.unmodifiableSet(kinds);
            this.policyFile = policyFile;
            this.reloadInterval = reloadInterval;
        }

        /** @throws IllegalArgumentException naming the condition, the bad part and what is allowed */
        static Condition parse(String condition) {
            String usage = "KIND[,KIND...][;" + POLICY_FILE + "=LOCATION][;" + RELOAD_INTERVAL + "=DURATION] with KIND "
                + "one of " + MessageKind.allowedNames();
            if (condition == null || condition.isBlank()) {
                throw new IllegalArgumentException("a condition is required: " + usage);
            }
            String invalid = "invalid condition '" + condition + "': ";
            String[] parts = condition.split(";", -1);
            EnumSet<MessageKind> kinds = EnumSet.noneOf(MessageKind.class);
            for (String item : parts[0].split(",", -1)) {
                if (item.isBlank()) {
                    throw new IllegalArgumentException(invalid + "an empty kind; expected " + usage);
                }
                MessageKind kind;
                try {
                    kind = MessageKind.parse(item);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(invalid + e.getMessage(), e);
                }
                if (!kinds.add(kind)) {
                    throw new IllegalArgumentException(invalid + "kind '" + kind + "' is listed twice");
                }
            }
            String policyFile = null;
            Duration reloadInterval = null;
            for (int i = 1; i < parts.length; i++) {
                String option = parts[i];
                int eq = option.indexOf('=');
                String name = eq < 0 ? option.trim() : option.substring(0, eq).trim();
                String value = eq < 0 ? "" : option.substring(eq + 1).trim();
                if (RELOAD_INTERVAL.equals(name)) {
                    if (reloadInterval != null) {
                        throw new IllegalArgumentException(invalid + "option '" + RELOAD_INTERVAL + "' is given twice");
                    }
                    try {
                        reloadInterval = ReloadContext.parseInterval(value);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(invalid + "option '" + RELOAD_INTERVAL + "': "
                            + e.getMessage(), e);
                    }
                    continue;
                }
                if (!POLICY_FILE.equals(name)) {
                    throw new IllegalArgumentException(invalid + "unknown option '" + name + "', allowed: " + POLICY_FILE
                        + ", " + RELOAD_INTERVAL);
                }
                if (value.isEmpty()) {
                    throw new IllegalArgumentException(invalid + "option '" + POLICY_FILE + "' needs a value, e.g. "
                        + POLICY_FILE + "=" + DEFAULT_LOCATION);
                }
                if (policyFile != null) {
                    throw new IllegalArgumentException(invalid + "option '" + POLICY_FILE + "' is given twice");
                }
                policyFile = value;
            }
            return new Condition(kinds, policyFile == null ? DEFAULT_LOCATION : policyFile,
                reloadInterval == null ? ReloadContext.DEFAULT_INTERVAL : reloadInterval);
        }
    }
}
