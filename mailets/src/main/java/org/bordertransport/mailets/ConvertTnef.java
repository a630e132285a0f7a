package org.bordertransport.mailets;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.bordertransport.core.io.Spool;
import org.bordertransport.core.policy.RemoteDomainPolicy;
import org.bordertransport.core.tnefmime.TnefConversionException;
import org.bordertransport.core.tnefmime.TnefConversionResult;
import org.bordertransport.core.tnefmime.TnefDetection;
import org.bordertransport.core.tnefmime.TnefMimeConverter;
import org.bordertransport.core.tnefmime.TnefMimeOptions;
import org.bordertransport.james.ConvertedMessage;
import org.bordertransport.james.FileResolver;
import org.bordertransport.james.InitParameters;
import org.bordertransport.james.MessageStreams;
import org.bordertransport.james.ReloadContext;
import org.bordertransport.james.ReloadingFile;
import org.bordertransport.james.RemoteDomainPolicyFile;
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
 * <p>A message the reader cannot decode is counted ({@code border.tnef.failed}), logged in one WARN line, and the
 * mailet throws a {@link MessagingException} with the cause: the container then does what {@code onMailetException}
 * says (the shipped configuration: {@code ignore}, the mail goes on unchanged). <b>TNEF that must not leave</b> —
 * summary TNEF for remote recipients, TNEF for a remote domain with {@code TNEFEnabled=false} — is not left to
 * {@code onMailetException} when {@code errorProcessor} is set: such a mail is sent to that processor (the shipped
 * {@code tnef-error} keeps it and sends its sender a DSN), with the reason in the attribute
 * {@value #HELD_ATTRIBUTE} and as the mail's error message, counted ({@code border.tnef.held}) and logged at WARN.
 * Recipients needing different actions should be split first ({@code SplitByRemoteDomain}); such a mail is converted
 * for all, with a WARN line.</p>
 *
 * <p>TNEF is told by its content (the TNEF signature): a renamed part ({@code ATT00001.dat}), a winmail.dat uuencoded
 * in a text body, TNEF inside an attached message are decoded too. A part labelled TNEF ({@code application/ms-tnef},
 * {@code winmail.dat}) without the signature is not TNEF: it is left as it is, counted
 * ({@code border.tnef.mislabelled}) and logged at WARN.</p>
 *
 * <p><b>Third-party DKIM signatures.</b> With {@code thirdPartyDkim=preserve} (the default), TNEF in a message that
 * carries a DKIM signature verifying now (or that cannot be checked now) is converted only where it must not leave:
 * {@code TNEFEnabled=false} and summary TNEF; under an unset {@code TNEFEnabled} it is kept, as its sender sent it
 * ({@code border.dkim.kept}). A conversion that breaks such a signature is counted ({@code border.dkim.broken}) and
 * logged at WARN with the reason.</p>
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>values</th><th>default</th></tr>
 *   <tr><td>policyFile</td><td>the remote-domain file, James FileSystem notation</td>
 *       <td>{@code file://conf/remotedomains.xml}</td></tr>
 *   <tr><td>reloadInterval</td><td>0 (never) or 1s to 24h: how often the file is checked for changes</td>
 *       <td>10s</td></tr>
 *   <tr><td>disabledAction</td><td>convert | strip</td><td>convert</td></tr>
 *   <tr><td>unsetAction</td><td>convert | keep</td><td>convert</td></tr>
 *   <tr><td>localAction</td><td>keep | convert</td><td>keep</td></tr>
 *   <tr><td>keepRtf</td><td>true | false: also attach the RTF body as {@code body.rtf}</td><td>false</td></tr>
 *   <tr><td>thirdPartyDkim</td><td>preserve | ignore: whether TNEF under an unset {@code TNEFEnabled} is kept in
 *       a message with a third-party DKIM signature that verifies</td><td>preserve</td></tr>
 *   <tr><td>errorProcessor</td><td>a processor name: where undecodable TNEF that must not leave goes</td>
 *       <td>none ({@code onMailetException} decides, as for any failure)</td></tr>
 * </table>
 *
 * <pre>{@code
 * <mailet match="org.bordertransport.matchers.HasTnef" class="org.bordertransport.mailets.ConvertTnef">
 *   <policyFile>file://conf/remotedomains.xml</policyFile>
 *   <errorProcessor>tnef-error</errorProcessor>
 *   <onMailetException>ignore</onMailetException>
 *   <onMatchException>noMatch</onMatchException>
 * </mailet>
 * }</pre>
 */
public class ConvertTnef extends GenericMailet {
    static final String DISABLED_ACTION = "disabledAction";
    static final String UNSET_ACTION = "unsetAction";
    static final String LOCAL_ACTION = "localAction";
    static final String KEEP_RTF = "keepRtf";
    static final String ERROR_PROCESSOR = "errorProcessor";
    /** Set on a mail sent to {@code errorProcessor}: why its TNEF must not leave, and why it cannot be decoded. */
    public static final String HELD_ATTRIBUTE = "org.bordertransport.tnef.held";
    /** The parameters this mailet accepts. */
    public static final Set<String> PARAMETERS = Set.of(RemoteDomainPolicyFile.PARAMETER, DISABLED_ACTION,
        UNSET_ACTION, LOCAL_ACTION, KEEP_RTF, ThirdPartyDkim.PARAMETER, ERROR_PROCESSOR, ReloadContext.PARAMETER);
    /** Originals up to this size are read in memory; larger ones from a temporary file. */
    private static final int MEMORY_THRESHOLD = 4 * 1024 * 1024;
    private static final Logger LOGGER = LoggerFactory.getLogger(ConvertTnef.class);

    /** What happens to the TNEF of one recipient. */
    enum Action {
        KEEP, CONVERT, STRIP
    }

    private final FileResolver resolver;
    private final Metric convertedMetric;
    private final Metric strippedMetric;
    private final Metric keptMetric;
    private final Metric failedMetric;
    private final Metric heldMetric;
    private final Metric mislabelledMetric;
    private final ThirdPartyDkim dkim;
    private final ReloadContext reload;
    private ReloadingFile<RemoteDomainPolicy> policy;
    private TnefMimeConverter converter;
    private Action disabledAction;
    private Action unsetAction;
    private Action localAction;
    private Optional<String> errorProcessor = Optional.empty();

    @Inject
    public ConvertTnef(FileSystem fileSystem, MetricFactory metricFactory, PublicKeyRecordRetriever keyRetriever) {
        this(FileResolver.of(fileSystem), metricFactory, keyRetriever);
    }

    ConvertTnef(FileResolver resolver, MetricFactory metricFactory, PublicKeyRecordRetriever keyRetriever) {
        this(resolver, metricFactory, keyRetriever, ReloadContext.of(metricFactory));
    }

    ConvertTnef(FileResolver resolver, MetricFactory metricFactory, PublicKeyRecordRetriever keyRetriever,
                ReloadContext reload) {
        this.resolver = resolver;
        this.reload = reload;
        this.dkim = new ThirdPartyDkim(keyRetriever, metricFactory);
        this.convertedMetric = metricFactory.generate("border.tnef.converted");
        this.strippedMetric = metricFactory.generate("border.tnef.stripped");
        this.keptMetric = metricFactory.generate("border.tnef.kept");
        this.failedMetric = metricFactory.generate("border.tnef.failed");
        this.heldMetric = metricFactory.generate("border.tnef.held");
        this.mislabelledMetric = metricFactory.generate("border.tnef.mislabelled");
    }

    @Override
    public void init() throws MessagingException {
        InitParameters parameters = MailetParameters.of(getMailetConfig(), PARAMETERS);
        disabledAction = parameters.choice(DISABLED_ACTION, Action.CONVERT, EnumSet.of(Action.CONVERT, Action.STRIP));
        unsetAction = parameters.choice(UNSET_ACTION, Action.CONVERT, EnumSet.of(Action.CONVERT, Action.KEEP));
        localAction = parameters.choice(LOCAL_ACTION, Action.KEEP, EnumSet.of(Action.CONVERT, Action.KEEP));
        boolean keepRtf = parameters.bool(KEEP_RTF, false);
        errorProcessor = parameters.string(ERROR_PROCESSOR);
        if (errorProcessor.filter(Mail.GHOST::equals).isPresent()) {
            throw parameters.failure("Invalid parameter '" + ERROR_PROCESSOR + "': '" + Mail.GHOST + "' would delete "
                + "the mail; allowed: the name of a processor that keeps it", null);
        }
        dkim.configure(parameters);
        String location = parameters.string(RemoteDomainPolicyFile.PARAMETER, RemoteDomainPolicyFile.DEFAULT_LOCATION);
        policy = RemoteDomainPolicyFile.open(getMailetName(), resolver, location, reload,
            ReloadContext.interval(parameters));
        converter = TnefMimeConverter.of(TnefMimeOptions.builder().keepRtf(keepRtf).build());
        LOGGER.info("{}: TNEF per TNEFEnabled of {} remote domains from {} (false: {}, unset: {}, local: {}); "
            + "undecodable TNEF that must not leave: {}", getMailetName(), policy.current().remoteDomains().size(), location,
            disabledAction, unsetAction, localAction,
            errorProcessor.map(p -> "processor " + p).orElse("onMailetException"));
    }

    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        return errorProcessor.map(p -> Set.of(new ProcessingState(p))).orElse(Set.of());
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (mail.getRecipients().isEmpty()) {
            return;
        }
        RemoteDomainPolicy current = policy.current();
        Set<Action> actions = EnumSet.noneOf(Action.class);
        boolean remote = false;
        boolean disabled = false;
        for (MailAddress recipient : mail.getRecipients()) {
            boolean local = getMailetContext().isLocalServer(recipient.getDomain());
            remote |= !local;
            Optional<Boolean> tnefEnabled = RemoteDomainPolicyFile.settingsFor(current, recipient).tnefEnabled();
            actions.add(local ? localAction : actionFor(tnefEnabled));
            disabled |= !local && tnefEnabled.map(enabled -> !enabled).orElse(false);
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
        // detection and conversion read the message from this spool: no second copy of it
        try (Spool original = new Spool(MEMORY_THRESHOLD, TnefMimeOptions.DEFAULT_MAX_MESSAGE_OCTETS, "message");
             ConvertedMessage result = ConvertedMessage.create()) {
            original.expect(MessageStreams.sizeHint(mail.getMessage()));
            MessageStreams.writeTo(mail.getMessage(), original);
            original.finish();
            ThirdPartyDkim.Check signed = null;
            boolean keptForSignature = false;
            if (action != Action.KEEP && remote && !disabled && dkim.preserve()) {
                signed = dkim.check(mail.getMessage(), original);
                if (signed.protects()) {
                    // TNEFEnabled unset: the sender's choice may stand, and it is signed (unless summary TNEF)
                    keptForSignature = true;
                    action = Action.KEEP;
                }
            }
            boolean detected = action == Action.KEEP;
            if (action == Action.KEEP) {
                TnefDetection detection;
                try (InputStream in = original.open()) {
                    detection = converter.detect(in);
                }
                reportMislabelled(mail, detection.mislabelled());
                if (detection.kind() != TnefDetection.Kind.SUMMARY_TNEF) {
                    keptMetric.increment();
                    if (keptForSignature) {
                        dkim.kept();
                        LOGGER.info("Mail {}: TNEF kept (TNEFEnabled unset): its {}", mail.getName(), signed);
                    }
                    return;
                }
                LOGGER.info("Mail {}: summary TNEF never leaves as it is: decoded although the remote domain "
                    + "keeps TNEF", mail.getName());
                action = Action.CONVERT;
            }
            TnefConversionResult outcome = action == Action.STRIP ? converter.strip(original, result.output())
                : converter.convert(original, result.output());
            if (!detected) {
                reportMislabelled(mail, outcome.mislabelled());
            }
            if (!outcome.modified()) {
                LOGGER.debug("Mail {}: TNEF unchanged: {}", mail.getName(), outcome.unchangedReason().orElse(""));
                return;
            }
            if (remote) {
                reportBrokenSignature(mail, original, signed, disabled ? "TNEFEnabled=false"
                    : dkim.preserve() ? "summary TNEF never leaves" : "thirdPartyDkim=ignore");
            }
            result.replaceMessageOf(mail);
            (action == Action.STRIP ? strippedMetric : convertedMetric).increment();
            LOGGER.info("Mail {}: TNEF {} ({})", mail.getName(), action == Action.STRIP ? "removed" : "decoded to MIME",
                outcome.changes());
        } catch (TnefConversionException | IOException e) {
            failedMetric.increment();
            Optional<String> mustNotLeave = remote && errorProcessor.isPresent() ? mustNotLeave(mail, disabled)
                : Optional.empty();
            if (mustNotLeave.isPresent()) {
                hold(mail, mustNotLeave.get(), ConvertForRemoteDomain.reason(e));
                return;
            }
            LOGGER.warn("Mail {}: TNEF cannot be decoded: {}", mail.getName(), ConvertForRemoteDomain.reason(e));
            throw new MessagingException("Mail " + mail.getName() + ": TNEF cannot be decoded", e);
        }
    }

    /**
     * Why the TNEF of a mail to remote recipients must not leave as it is, if it must not: {@code TNEFEnabled=false}
     * for one of them, or summary TNEF (told from the message again: the spool may be what failed). A message that
     * cannot even be read to tell is held too.
     */
    private Optional<String> mustNotLeave(Mail mail, boolean disabled) {
        if (disabled) {
            return Optional.of("TNEF to a remote domain with TNEFEnabled=false");
        }
        try (InputStream in = MessageStreams.of(mail.getMessage())) {
            if (converter.detect(in).kind() == TnefDetection.Kind.SUMMARY_TNEF) {
                return Optional.of("summary TNEF to a remote domain");
            }
            return Optional.empty();
        } catch (IOException | MessagingException e) {
            return Optional.of("TNEF to a remote domain that cannot be read to tell whether it is summary TNEF");
        }
    }

    /** Sends the mail to {@code errorProcessor} instead of letting its TNEF leave. */
    private void hold(Mail mail, String what, String reason) {
        String message = what + " cannot be decoded (" + reason + "); it must not leave as TNEF";
        heldMetric.increment();
        String renamed = HeldMail.renameIfReprocessed(mail);
        LOGGER.warn("Mail {}: {}: sent to processor {}{}", mail.getName(), message, errorProcessor.get(), renamed);
        mail.setAttribute(new Attribute(AttributeName.of(HELD_ATTRIBUTE), AttributeValue.of(message)));
        mail.setErrorMessage(message);
        mail.setState(errorProcessor.get());
    }

    /** Counts and logs parts labelled TNEF that are not TNEF: they are left as they are. */
    private void reportMislabelled(Mail mail, List<String> paths) {
        if (!paths.isEmpty()) {
            mislabelledMetric.increment();
            LOGGER.warn("Mail {}: part(s) {} labelled TNEF (application/ms-tnef or winmail.dat) do not start with the "
                + "TNEF signature: not TNEF, left as they are", mail.getName(), paths);
        }
    }

    /** Counts and logs a conversion that breaks a third-party signature; {@code signed} null: not checked yet. */
    private void reportBrokenSignature(Mail mail, Spool original, ThirdPartyDkim.Check signed, String reason)
        throws MessagingException, IOException {
        ThirdPartyDkim.Check check = signed;
        if (check == null) {
            if (ThirdPartyDkim.signaturesOf(mail.getMessage()).isEmpty()) {
                return;
            }
            check = dkim.check(mail.getMessage(), original);
        }
        if (check.protects()) {
            dkim.broken();
            LOGGER.warn("Mail {}: decoding its TNEF breaks its {}: {}", mail.getName(), check, reason);
        }
    }

    /** The action for a remote recipient's effective TNEFEnabled (its remote domain, or its per-recipient entry). */
    private Action actionFor(Optional<Boolean> enabled) {
        if (enabled.isEmpty()) {
            return unsetAction;
        }
        return enabled.get() ? Action.KEEP : disabledAction;
    }

    @Override
    public String getMailetInfo() {
        return "Decodes TNEF (winmail.dat) into MIME per remote domain";
    }
}
