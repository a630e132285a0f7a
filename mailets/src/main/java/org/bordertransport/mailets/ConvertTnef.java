package org.bordertransport.mailets;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.bordertransport.core.config.Parameters;
import org.bordertransport.core.io.Spool;
import org.bordertransport.core.policy.RemoteDomainPolicy;
import org.bordertransport.core.tnefmime.TnefConversionException;
import org.bordertransport.core.tnefmime.TnefConversionResult;
import org.bordertransport.core.tnefmime.TnefDetection;
import org.bordertransport.core.tnefmime.TnefMimeConverter;
import org.bordertransport.core.tnefmime.TnefMimeOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes TNEF ({@code winmail.dat}, {@code application/ms-tnef}) into real MIME — body (text, HTML, HTML from
 * compressed RTF), attachments with their names, embedded messages — per the remote domain of the recipients
 * ({@code TNEFEnabled} in {@code conf/remotedomains.xml}):
 * <ul>
 *   <li>{@code true}: the TNEF is kept (the recipient runs Outlook/Exchange);</li>
 *   <li>{@code false}: it is converted, or removed when {@code disabledAction=strip};</li>
 *   <li>unset: {@code unsetAction} decides (default {@code convert}: James has no per-recipient choice of its
 *   own, and a recipient without Outlook cannot read {@code winmail.dat}).</li>
 * </ul>
 * Summary TNEF (the whole message as TNEF, Exchange-internal) is always converted for remote recipients, whatever the
 * domain says. Local recipients (domains James hosts) follow {@code localAction} (default {@code keep}).
 *
 * <p>Never loses mail: a message the reader cannot decode goes on unchanged (WARN line, metric
 * {@code border.tnef.failed}), or to {@code failureProcessor}. Recipients needing different actions must be split
 * first ({@code SplitByRemoteDomain}); such a mail goes on unchanged with a WARN line.</p>
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>values</th><th>default</th></tr>
 *   <tr><td>policyFile</td><td>the remote-domain file, James FileSystem notation</td>
 *       <td>{@code file://conf/remotedomains.xml}</td></tr>
 *   <tr><td>disabledAction</td><td>convert | strip</td><td>convert</td></tr>
 *   <tr><td>unsetAction</td><td>convert | keep</td><td>convert</td></tr>
 *   <tr><td>localAction</td><td>keep | convert</td><td>keep</td></tr>
 *   <tr><td>keepRtf</td><td>true | false: also attach the RTF body as {@code body.rtf}</td><td>false</td></tr>
 *   <tr><td>failureProcessor</td><td>a processor name</td><td>none: the mail goes on unchanged</td></tr>
 * </table>
 *
 * <pre>{@code
 * <mailet match="org.bordertransport.matchers.HasTnef" class="org.bordertransport.mailets.ConvertTnef">
 *   <policyFile>file://conf/remotedomains.xml</policyFile>
 * </mailet>
 * }</pre>
 */
public class ConvertTnef extends GenericMailet {
    static final String DISABLED_ACTION = "disabledAction";
    static final String UNSET_ACTION = "unsetAction";
    static final String LOCAL_ACTION = "localAction";
    static final String KEEP_RTF = "keepRtf";
    static final String FAILURE_PROCESSOR = "failureProcessor";
    private static final Set<String> PARAMETERS = Set.of(RemoteDomainPolicyFile.PARAMETER, DISABLED_ACTION,
        UNSET_ACTION, LOCAL_ACTION, KEEP_RTF, FAILURE_PROCESSOR);
    private static final int MEMORY_THRESHOLD = 4 * 1024 * 1024;
    private static final Logger LOGGER = LoggerFactory.getLogger(ConvertTnef.class);

    /** What happens to the TNEF of one recipient. */
    enum Action {
        KEEP, CONVERT, STRIP;

        static Action parse(Map<String, String> parameters, String name, Action fallback, Set<Action> allowed) {
            String value = parameters.get(name);
            if (value == null || value.isBlank()) {
                return fallback;
            }
            for (Action a : allowed) {
                if (a.name().equalsIgnoreCase(value.trim())) {
                    return a;
                }
            }
            throw new IllegalArgumentException("parameter '" + name + "' has the invalid value '" + value
                + "'; allowed: " + allowed.stream().map(a -> a.name().toLowerCase(Locale.ROOT)).sorted()
                .reduce((a, b) -> a + ", " + b).orElse(""));
        }
    }

    private final RemoteDomainPolicyFile.Resolver resolver;
    private final Metric convertedMetric;
    private final Metric strippedMetric;
    private final Metric keptMetric;
    private final Metric failedMetric;
    private RemoteDomainPolicy policy;
    private TnefMimeConverter converter;
    private Action disabledAction;
    private Action unsetAction;
    private Action localAction;
    private Optional<String> failureProcessor = Optional.empty();

    @Inject
    public ConvertTnef(FileSystem fileSystem, MetricFactory metricFactory) {
        this(RemoteDomainPolicyFile.Resolver.of(fileSystem), metricFactory);
    }

    ConvertTnef(RemoteDomainPolicyFile.Resolver resolver, MetricFactory metricFactory) {
        this.resolver = resolver;
        this.convertedMetric = metricFactory.generate("border.tnef.converted");
        this.strippedMetric = metricFactory.generate("border.tnef.stripped");
        this.keptMetric = metricFactory.generate("border.tnef.kept");
        this.failedMetric = metricFactory.generate("border.tnef.failed");
    }

    @Override
    public void init() throws MessagingException {
        Map<String, String> parameters = MailetParameters.of(getMailetConfig());
        boolean keepRtf;
        try {
            Parameters.rejectUnknown(parameters, PARAMETERS);
            disabledAction = Action.parse(parameters, DISABLED_ACTION, Action.CONVERT,
                EnumSet.of(Action.CONVERT, Action.STRIP));
            unsetAction = Action.parse(parameters, UNSET_ACTION, Action.CONVERT, EnumSet.of(Action.CONVERT, Action.KEEP));
            localAction = Action.parse(parameters, LOCAL_ACTION, Action.KEEP, EnumSet.of(Action.CONVERT, Action.KEEP));
            keepRtf = Parameters.bool(parameters, KEEP_RTF, false);
            failureProcessor = Optional.ofNullable(parameters.get(FAILURE_PROCESSOR)).map(String::trim)
                .filter(s -> !s.isEmpty());
        } catch (IllegalArgumentException e) {
            throw MailetParameters.invalid(getMailetName(), e);
        }
        String location = parameters.getOrDefault(RemoteDomainPolicyFile.PARAMETER,
            RemoteDomainPolicyFile.DEFAULT_LOCATION);
        policy = RemoteDomainPolicyFile.load(getMailetName(), resolver, location);
        converter = TnefMimeConverter.of(TnefMimeOptions.builder().keepRtf(keepRtf).build());
        LOGGER.info("{}: TNEF per TNEFEnabled of {} remote domains from {} (false: {}, unset: {}, local: {})",
            getMailetName(), policy.remoteDomains().size(), location, disabledAction, unsetAction, localAction);
    }

    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        return failureProcessor.map(p -> (Collection<ProcessingState>) Set.of(new ProcessingState(p)))
            .orElse(Set.of());
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (mail.getRecipients().isEmpty()) {
            return;
        }
        Set<Action> actions = EnumSet.noneOf(Action.class);
        boolean remote = false;
        for (MailAddress recipient : mail.getRecipients()) {
            boolean local = getMailetContext().isLocalServer(recipient.getDomain());
            remote |= !local;
            actions.add(local ? localAction : actionFor(recipient.getDomain().asString()));
        }
        if (actions.size() > 1) {
            // a keep-recipient and a convert-recipient in one mail: converting serves both readably
            LOGGER.warn("Mail {}: recipients need different TNEF handling {} (run SplitByRemoteDomain first); "
                + "converted for all", mail.getName(), actions);
            actions = EnumSet.of(Action.CONVERT);
        }
        Action action = actions.iterator().next();
        if (action == Action.KEEP && !remote) {
            keptMetric.increment();
            return;
        }
        MessageSpool store = new MessageSpool(MEMORY_THRESHOLD);
        TnefConversionResult result;
        // detection and conversion read the message from this spool: no second copy of it
        try (Spool original = new Spool(MEMORY_THRESHOLD, TnefMimeOptions.DEFAULT_MAX_MESSAGE_OCTETS, "message")) {
            mail.getMessage().writeTo(original);
            original.finish();
            if (action == Action.KEEP) {
                TnefDetection detection;
                try (InputStream in = original.open()) {
                    detection = converter.detect(in);
                }
                if (detection.kind() != TnefDetection.Kind.SUMMARY_TNEF) {
                    store.discard();
                    keptMetric.increment();
                    return;
                }
                LOGGER.info("Mail {}: summary TNEF never leaves as it is: decoded although the remote domain "
                    + "keeps TNEF", mail.getName());
                action = Action.CONVERT;
            }
            result = action == Action.STRIP ? converter.strip(original, store) : converter.convert(original, store);
        } catch (TnefConversionException | IOException | RuntimeException e) {
            store.discard();
            failed(mail, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return;
        }
        if (!result.modified()) {
            store.discard();
            LOGGER.debug("Mail {}: TNEF unchanged: {}", mail.getName(), result.unchangedReason().orElse(""));
            return;
        }
        try {
            mail.setMessage(store.toMimeMessage());
        } catch (IOException e) {
            store.discard();
            failed(mail, e.getMessage());
            return;
        }
        (action == Action.STRIP ? strippedMetric : convertedMetric).increment();
        LOGGER.info("Mail {}: TNEF {} ({})", mail.getName(), action == Action.STRIP ? "removed" : "decoded to MIME",
            result.changes());
    }

    private Action actionFor(String domain) {
        Optional<Boolean> enabled = policy.settingsFor(domain).tnefEnabled();
        if (enabled.isEmpty()) {
            return unsetAction;
        }
        return enabled.get() ? Action.KEEP : disabledAction;
    }

    private void failed(Mail mail, String reason) {
        failedMetric.increment();
        if (failureProcessor.isPresent()) {
            LOGGER.warn("Mail {}: TNEF cannot be decoded ({}); sent to processor {}", mail.getName(), reason,
                failureProcessor.get());
            mail.setState(failureProcessor.get());
        } else {
            LOGGER.warn("Mail {}: TNEF cannot be decoded ({}); delivered unchanged", mail.getName(), reason);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Decodes TNEF (winmail.dat) into MIME per remote domain";
    }
}
