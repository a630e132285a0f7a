package org.bordertransport.mailets;

import java.io.IOException;
import java.util.Collection;
import java.util.HashSet;
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
import org.apache.mailet.base.GenericMailet;
import org.bordertransport.core.config.Parameters;
import org.bordertransport.core.convert.ConversionException;
import org.bordertransport.core.convert.ConversionLimits;
import org.bordertransport.core.convert.ConversionOptions;
import org.bordertransport.core.convert.ConversionResult;
import org.bordertransport.core.convert.MessageConverter;
import org.bordertransport.core.io.Spool;
import org.bordertransport.core.policy.RemoteDomainPolicy;
import org.bordertransport.core.policy.RemoteDomainSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts a mail for the remote domain of its recipients, per {@code conf/remotedomains.xml}: content type
 * (text / HTML / both), character set (ISO-2022-JP included), line wrapping, transfer encodings and header
 * encoding, so the message is 7-bit clean where the domain needs it. The original message is replaced only when
 * the conversion succeeds; the copies for other remote domains are separate mails ({@link SplitByRemoteDomain}
 * must run first).
 *
 * <p>Never loses mail: a message that cannot be converted (broken MIME, unknown charset, over a limit, signed or
 * encrypted content, recipients of remote domains with different settings) goes on unchanged, with an INFO/WARN line
 * and the metric {@code border.convert.unconverted}, or to {@code failureProcessor} when one is set.</p>
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>values</th><th>default</th></tr>
 *   <tr><td>policyFile</td><td>the remote-domain file, James FileSystem notation</td>
 *       <td>{@code file://conf/remotedomains.xml}</td></tr>
 *   <tr><td>legacyFilenames</td><td>true | false: also write non-ASCII attachment names in the RFC 2047 form
 *       old clients read</td><td>false</td></tr>
 *   <tr><td>failureProcessor</td><td>a processor name</td><td>none: unconverted mail goes on unchanged</td></tr>
 * </table>
 *
 * <pre>{@code
 * <mailet match="All" class="org.bordertransport.mailets.ConvertForRemoteDomain">
 *   <policyFile>file://conf/remotedomains.xml</policyFile>
 * </mailet>
 * }</pre>
 */
public class ConvertForRemoteDomain extends GenericMailet {
    static final String LEGACY_FILENAMES = "legacyFilenames";
    static final String FAILURE_PROCESSOR = "failureProcessor";
    private static final Set<String> PARAMETERS = Set.of(RemoteDomainPolicyFile.PARAMETER, LEGACY_FILENAMES,
        FAILURE_PROCESSOR);
    /** Converted messages up to this size stay in memory; larger ones go to a temporary file. */
    private static final int MEMORY_THRESHOLD = 4 * 1024 * 1024;
    private static final ConversionLimits LIMITS = ConversionLimits.defaults();
    private static final Logger LOGGER = LoggerFactory.getLogger(ConvertForRemoteDomain.class);

    private final RemoteDomainPolicyFile.Resolver resolver;
    private final Metric converted;
    private final Metric unconverted;
    private RemoteDomainPolicy policy;
    private MessageConverter converter;
    private Optional<String> failureProcessor = Optional.empty();

    @Inject
    public ConvertForRemoteDomain(FileSystem fileSystem, MetricFactory metricFactory) {
        this(RemoteDomainPolicyFile.Resolver.of(fileSystem), metricFactory);
    }

    ConvertForRemoteDomain(RemoteDomainPolicyFile.Resolver resolver, MetricFactory metricFactory) {
        this.resolver = resolver;
        this.converted = metricFactory.generate("border.convert.converted");
        this.unconverted = metricFactory.generate("border.convert.unconverted");
    }

    @Override
    public void init() throws MessagingException {
        Map<String, String> parameters = MailetParameters.of(getMailetConfig());
        boolean legacyFilenames;
        try {
            Parameters.rejectUnknown(parameters, PARAMETERS);
            legacyFilenames = Parameters.bool(parameters, LEGACY_FILENAMES, false);
            failureProcessor = Optional.ofNullable(parameters.get(FAILURE_PROCESSOR)).map(String::trim)
                .filter(s -> !s.isEmpty());
        } catch (IllegalArgumentException e) {
            throw MailetParameters.invalid(getMailetName(), e);
        }
        String location = parameters.getOrDefault(RemoteDomainPolicyFile.PARAMETER, RemoteDomainPolicyFile.DEFAULT_LOCATION);
        policy = RemoteDomainPolicyFile.load(getMailetName(), resolver, location);
        converter = MessageConverter.of(LIMITS, ConversionOptions.of(legacyFilenames));
        LOGGER.info("{}: converting for {} remote domains from {}", getMailetName(), policy.remoteDomains().size(), location);
    }

    @Override
    public Collection<org.apache.mailet.ProcessingState> requiredProcessingState() {
        return failureProcessor.map(p -> (Collection<org.apache.mailet.ProcessingState>)
            Set.of(new org.apache.mailet.ProcessingState(p))).orElse(Set.of());
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Set<RemoteDomainSettings> distinct = new HashSet<>();
        for (MailAddress recipient : mail.getRecipients()) {
            distinct.add(policy.settingsFor(recipient.getDomain().asString()));
        }
        if (distinct.isEmpty()) {
            return;
        }
        if (distinct.size() > 1) {
            failed(mail, "its recipients belong to remote domains with different settings (run SplitByRemoteDomain first)");
            return;
        }
        RemoteDomainSettings settings = distinct.iterator().next();
        MessageSpool store = new MessageSpool(MEMORY_THRESHOLD);
        ConversionResult result;
        // the converter reads the message from this spool twice: no second copy of it
        try (Spool original = new Spool(MEMORY_THRESHOLD, LIMITS.maxMessageOctets(), "message")) {
            mail.getMessage().writeTo(original);
            original.finish();
            result = converter.convert(original, store, settings);
        } catch (ConversionException | IOException | RuntimeException e) {
            store.discard();
            failed(mail, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return;
        }
        if (!result.modified()) {
            store.discard();
            result.unchangedReason().ifPresent(reason ->
                LOGGER.info("Mail {} sent unconverted: {}", mail.getName(), reason));
            return;
        }
        try {
            mail.setMessage(store.toMimeMessage());
        } catch (IOException e) {
            store.discard();
            failed(mail, e.getMessage());
            return;
        }
        converted.increment();
        LOGGER.debug("Mail {} converted: {}", mail.getName(), result.changes());
    }

    private void failed(Mail mail, String reason) {
        unconverted.increment();
        if (failureProcessor.isPresent()) {
            LOGGER.warn("Mail {} cannot be converted ({}); sent to processor {}", mail.getName(), reason,
                failureProcessor.get());
            mail.setState(failureProcessor.get());
        } else {
            LOGGER.warn("Mail {} cannot be converted ({}); delivered unchanged", mail.getName(), reason);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Converts mail for the remote domain of its recipients";
    }
}
