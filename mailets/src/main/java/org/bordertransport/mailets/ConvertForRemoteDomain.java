package org.bordertransport.mailets;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
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
import org.bordertransport.core.convert.ConversionException;
import org.bordertransport.core.convert.ConversionLimits;
import org.bordertransport.core.convert.ConversionOptions;
import org.bordertransport.core.convert.ConversionResult;
import org.bordertransport.core.convert.ConversionScope;
import org.bordertransport.core.convert.MessageConverter;
import org.bordertransport.core.encoding.ContentScan;
import org.bordertransport.core.io.Spool;
import org.bordertransport.core.policy.RemoteDomainPolicy;
import org.bordertransport.core.policy.RemoteDomainSettings;
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
 * Converts a mail for the remote domain of its recipients, per {@code conf/remotedomains.xml}: content type
 * (text / HTML / both), character set (ISO-2022-JP included), line wrapping, transfer encodings and header
 * encoding, so the message is 7-bit clean where the domain needs it. The original message is replaced only when
 * the conversion succeeds; the copies for other remote domains are separate mails ({@link SplitByRemoteDomain}
 * must run first).
 *
 * <p>A message that cannot be converted (broken MIME, unknown charset, over a limit, signed or encrypted content)
 * is counted ({@code border.convert.unconverted}), logged in one WARN line, and the mailet throws a
 * {@link MessagingException} with the cause: the container then does what {@code onMailetException} says. The
 * shipped configuration says {@code ignore}: the mail goes on unchanged. A mail whose recipients belong to remote
 * domains with different settings is a configuration problem ({@code SplitByRemoteDomain} missing before this
 * mailet): it goes on unchanged, counted ({@code border.convert.misconfigured}) and logged at WARN.</p>
 *
 * <p><b>Third-party DKIM signatures.</b> With {@code thirdPartyDkim=preserve} (the default), a message carrying a
 * DKIM signature that verifies now, or cannot be checked now, gets only the changes its destination cannot do without
 * ({@link ConversionScope#MANDATORY}: non-MIME text, binary bodies, NUL octets, lines over 998 octets), so forwarded
 * mail keeps the signature DMARC rests on; {@code border.dkim.kept} counts the messages converted this way. A change
 * that does break a signature (a mandatory one, or any with {@code ignore}) is counted ({@code border.dkim.broken})
 * and logged at WARN with the signing domains and the changes. A signature that fails for good protects nothing: such
 * a message is converted in full.</p>
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>values</th><th>default</th></tr>
 *   <tr><td>policyFile</td><td>the remote-domain file, James FileSystem notation</td>
 *       <td>{@code file://conf/remotedomains.xml}</td></tr>
 *   <tr><td>reloadInterval</td><td>0 (never) or 1s to 24h: how often the file is checked for changes</td>
 *       <td>10s</td></tr>
 *   <tr><td>legacyFilenames</td><td>true | false: also write non-ASCII attachment names in the RFC 2047 form
 *       old clients read</td><td>false</td></tr>
 *   <tr><td>thirdPartyDkim</td><td>preserve | ignore: whether a message with a third-party DKIM signature that
 *       verifies gets only mandatory changes</td><td>preserve</td></tr>
 *   <tr><td>errorProcessor</td><td>a processor name: where mail goes that cannot be made 7-bit clean for a
 *       {@code SevenBitOnly} destination</td><td>none (it goes on as it is)</td></tr>
 * </table>
 *
 * <p><b>7-bit destinations.</b> Mail for a remote domain declared {@code SevenBitOnly} that would still leave with
 * 8-bit octets, a NUL or a line over 998 octets (signed or encrypted content the mailet never changes, a structure it
 * cannot read) is sent to {@code errorProcessor} when one is named (the shipped one keeps it and sends the sender a
 * DSN saying why), with the reason in the attribute {@code org.bordertransport.convert.held}; counted
 * ({@code border.convert.held}) and logged at WARN.</p>
 *
 * <pre>{@code
 * <mailet match="All" class="org.bordertransport.mailets.ConvertForRemoteDomain">
 *   <policyFile>file://conf/remotedomains.xml</policyFile>
 *   <onMailetException>ignore</onMailetException>
 * </mailet>
 * }</pre>
 */
public class ConvertForRemoteDomain extends GenericMailet {
    static final String LEGACY_FILENAMES = "legacyFilenames";
    /** The parameters this mailet accepts. */
    static final String ERROR_PROCESSOR = "errorProcessor";
    /** Set on a mail sent to {@code errorProcessor}: why it cannot leave for its 7-bit destination. */
    public static final String HELD_ATTRIBUTE = "org.bordertransport.convert.held";
    public static final Set<String> PARAMETERS = Set.of(RemoteDomainPolicyFile.PARAMETER, LEGACY_FILENAMES,
        ThirdPartyDkim.PARAMETER, ERROR_PROCESSOR, ReloadContext.PARAMETER);
    private static final ConversionLimits LIMITS = ConversionLimits.defaults();
    /** Originals up to this size are read in memory; larger ones from a temporary file. */
    private static final int MEMORY_THRESHOLD = 4 * 1024 * 1024;
    private static final Logger LOGGER = LoggerFactory.getLogger(ConvertForRemoteDomain.class);

    private final FileResolver resolver;
    private final Metric converted;
    private final Metric unconverted;
    private final Metric misconfigured;
    private final Metric droppedFields;
    private final Metric held;
    private Optional<String> errorProcessor = Optional.empty();
    private final ThirdPartyDkim dkim;
    private final ReloadContext reload;
    private ReloadingFile<RemoteDomainPolicy> policy;
    private MessageConverter converter;

    @Inject
    public ConvertForRemoteDomain(FileSystem fileSystem, MetricFactory metricFactory,
                                  PublicKeyRecordRetriever keyRetriever) {
        this(FileResolver.of(fileSystem), metricFactory, keyRetriever);
    }

    ConvertForRemoteDomain(FileResolver resolver, MetricFactory metricFactory, PublicKeyRecordRetriever keyRetriever) {
        this(resolver, metricFactory, keyRetriever, ReloadContext.of(metricFactory));
    }

    ConvertForRemoteDomain(FileResolver resolver, MetricFactory metricFactory, PublicKeyRecordRetriever keyRetriever,
                           ReloadContext reload) {
        this.resolver = resolver;
        this.reload = reload;
        this.dkim = new ThirdPartyDkim(keyRetriever, metricFactory);
        this.converted = metricFactory.generate("border.convert.converted");
        this.unconverted = metricFactory.generate("border.convert.unconverted");
        this.misconfigured = metricFactory.generate("border.convert.misconfigured");
        this.droppedFields = metricFactory.generate("border.convert.fields.dropped");
        this.held = metricFactory.generate("border.convert.held");
    }

    @Override
    public void init() throws MessagingException {
        InitParameters parameters = MailetParameters.of(getMailetConfig(), PARAMETERS);
        boolean legacyFilenames = parameters.bool(LEGACY_FILENAMES, false);
        dkim.configure(parameters);
        errorProcessor = parameters.string(ERROR_PROCESSOR);
        if (errorProcessor.filter(Mail.GHOST::equals).isPresent()) {
            throw parameters.failure("Invalid parameter '" + ERROR_PROCESSOR + "': '" + Mail.GHOST + "' would delete "
                + "the mail; allowed: the name of a processor that keeps it", null);
        }
        String location = parameters.string(RemoteDomainPolicyFile.PARAMETER, RemoteDomainPolicyFile.DEFAULT_LOCATION);
        policy = RemoteDomainPolicyFile.open(getMailetName(), resolver, location, reload,
            ReloadContext.interval(parameters));
        converter = MessageConverter.of(LIMITS, ConversionOptions.of(legacyFilenames));
        LOGGER.info("{}: converting for {} remote domains from {}; third-party DKIM signatures {}", getMailetName(),
            policy.current().remoteDomains().size(), location, dkim.preserve() ? "preserved" : "ignored");
    }

    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        return errorProcessor.map(p -> Set.of(new ProcessingState(p))).orElse(Set.of());
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        RemoteDomainPolicy current = policy.current();
        Set<RemoteDomainSettings> distinct = new HashSet<>();
        for (MailAddress recipient : mail.getRecipients()) {
            distinct.add(RemoteDomainPolicyFile.settingsFor(current, recipient));
        }
        if (distinct.isEmpty()) {
            return;
        }
        if (distinct.size() > 1) {
            misconfigured.increment();
            LOGGER.warn("Mail {} sent unconverted: configuration problem: its recipients have different settings "
                + "(remote domains or per-recipient entries); run SplitByRemoteDomain before {}", mail.getName(), getMailetName());
            return;
        }
        RemoteDomainSettings settings = distinct.iterator().next();
        // the converter reads the original from this spool twice: no second copy of it
        try (Spool original = new Spool(MEMORY_THRESHOLD, LIMITS.maxMessageOctets(), "message");
             ConvertedMessage result = ConvertedMessage.create()) {
            original.expect(MessageStreams.sizeHint(mail.getMessage()));
            MessageStreams.writeTo(mail.getMessage(), original);
            original.finish();
            ThirdPartyDkim.Check signed = dkim.preserve() ? dkim.check(mail.getMessage(), original) : null;
            ConversionScope scope = signed != null && signed.protects() ? ConversionScope.MANDATORY
                : ConversionScope.FULL;
            // nothing is written for mail that needs no change (most mail): it leaves as it is
            ConversionResult outcome = converter.convertIfChanged(original, result.output(), settings, scope);
            if (scope == ConversionScope.MANDATORY) {
                dkim.kept();
            }
            if (settings.sevenBitOnly() && errorProcessor.isPresent()
                && !sevenBitClean(outcome.modified() ? result : null, original)) {
                hold(mail, outcome.unchangedReason().orElse("content that cannot be made 7-bit"));
                return;
            }
            if (outcome.modified() && sameOctets(original, result)) {
                // its own output, processed again (e.g. reprocessed from a mail repository): nothing to do
                LOGGER.debug("Mail {} is already converted for its remote domain", mail.getName());
                return;
            }
            if (!outcome.modified()) {
                if (scope == ConversionScope.MANDATORY) {
                    LOGGER.info("Mail {} sent unconverted: its {}, and it needs no mandatory change",
                        mail.getName(), signed);
                } else if (outcome.needsNothing()) {
                    LOGGER.debug("Mail {}: nothing to convert", mail.getName()); // most mail: no INFO line each
                } else {
                    outcome.unchangedReason().ifPresent(reason ->
                        LOGGER.info("Mail {} sent unconverted: {}", mail.getName(), reason));
                }
                return;
            }
            if (signed == null && !ThirdPartyDkim.signaturesOf(mail.getMessage()).isEmpty()) {
                signed = dkim.check(mail.getMessage(), original); // thirdPartyDkim=ignore: to report what breaks
            }
            if (signed != null && signed.protects()) {
                dkim.broken();
                LOGGER.warn("Mail {}: converting it breaks its {}: {} {}", mail.getName(), signed,
                    scope == ConversionScope.MANDATORY ? "mandatory changes" : "thirdPartyDkim=ignore, changes",
                    outcome.changes());
            }
            result.replaceMessageOf(mail);
            converted.increment();
            if (outcome.droppedFields() > 0) {
                droppedFields.add(outcome.droppedFields());
                LOGGER.info("Mail {}: {} header field(s) with an invalid name dropped", mail.getName(),
                    outcome.droppedFields());
            }
            LOGGER.debug("Mail {} converted: {}", mail.getName(), outcome.changes());
        } catch (ConversionException | IOException e) {
            unconverted.increment();
            if (settings.sevenBitOnly() && errorProcessor.isPresent()) {
                hold(mail, "cannot be converted: " + reason(e));
                return;
            }
            LOGGER.warn("Mail {} cannot be converted: {}", mail.getName(), reason(e));
            throw new MessagingException("Mail " + mail.getName() + " cannot be converted for its remote domain", e);
        }
    }

    /** Whether what would leave is 7-bit clean: the converted message, or the original when nothing was written. */
    private static boolean sevenBitClean(ConvertedMessage converted, Spool original) throws IOException,
        MessagingException {
        ContentScan scan;
        if (converted == null) {
            try (InputStream in = original.open()) {
                scan = ContentScan.of(in);
            }
        } else {
            try (InputStream in = converted.input()) {
                scan = ContentScan.of(in);
            }
        }
        return !scan.hasEightBit() && !scan.hasNul() && !scan.hasLongLines();
    }

    /** Whether the conversion wrote the original again, octet for octet. */
    private static boolean sameOctets(Spool original, ConvertedMessage converted) throws IOException {
        byte[] a = new byte[8192];
        byte[] b = new byte[8192];
        try (InputStream left = original.open(); InputStream right = converted.input()) {
            while (true) {
                int n = left.readNBytes(a, 0, a.length);
                int m = right.readNBytes(b, 0, b.length);
                if (n != m || !Arrays.equals(a, 0, n, b, 0, m)) {
                    return false;
                }
                if (n < a.length) {
                    return true;
                }
            }
        }
    }

    /** Sends the mail to {@code errorProcessor} instead of letting 8-bit content leave for a 7-bit destination. */
    private void hold(Mail mail, String reason) {
        String message = "cannot be made 7-bit for its SevenBitOnly remote domain (" + reason + ")";
        held.increment();
        String renamed = HeldMail.renameIfReprocessed(mail);
        LOGGER.warn("Mail {}: {}: sent to processor {}{}", mail.getName(), message, errorProcessor.get(), renamed);
        mail.setAttribute(new Attribute(AttributeName.of(HELD_ATTRIBUTE), AttributeValue.of(message)));
        mail.setErrorMessage(message);
        mail.setState(errorProcessor.get());
    }

    static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public String getMailetInfo() {
        return "Converts mail for the remote domain of its recipients";
    }
}
