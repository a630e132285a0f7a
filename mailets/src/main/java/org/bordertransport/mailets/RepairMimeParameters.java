package org.bordertransport.mailets;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.bordertransport.core.convert.ConversionException;
import org.bordertransport.core.convert.ConversionLimits;
import org.bordertransport.core.convert.ConversionOptions;
import org.bordertransport.core.convert.ConversionResult;
import org.bordertransport.core.convert.ConversionScope;
import org.bordertransport.core.convert.MessageConverter;
import org.bordertransport.core.encoding.ParameterEncoding;
import org.bordertransport.core.io.Spool;
import org.bordertransport.core.policy.RemoteDomainSettings;
import org.bordertransport.james.ConvertedMessage;
import org.bordertransport.james.MessageStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites, in canonical form, the {@code Content-Type} and {@code Content-Disposition} fields (of the message and of
 * every part) that a strict reader cannot parse — unquoted encoded-words ({@code name==?koi8-r?B?...?=}), values
 * with specials and no quotes ({@code name=report 1.pdf}), empty parameters ({@code ;;}) — as real mailers write
 * them. James 3.8.1 parses every such field with javax.mail whenever it saves a changed message (a mailet that sets a
 * header, the mail queue): one such field then fails the mail, which goes to the error processor and bounces instead
 * of being delivered. Repaired values are quoted, non-ASCII ones in RFC 2231 form; nothing else changes (bodies are
 * copied as they are).
 *
 * <p>Single-part messages whose top-level fields are well formed are not read further; others are read once as they
 * are (headers only, bodies skipped, no copy), and copied only when a field needs the repair. A repaired message is counted ({@code border.mime.repaired}) and logged at INFO with the fields. A
 * message that cannot be read is counted ({@code border.mime.unrepaired}), logged at WARN and failed: the shipped
 * configuration says {@code onMailetException=ignore}. The repair changes part headers, so it breaks a DKIM
 * signature of the message: it is made all the same (the mail could not be delivered otherwise), counted in
 * {@code border.dkim.broken} and logged at WARN when the signature verified or could not be checked.</p>
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>values</th><th>default</th></tr>
 *   <tr><td colspan="3">none</td></tr>
 * </table>
 *
 * <pre>{@code
 * <mailet match="All" class="org.bordertransport.mailets.RepairMimeParameters">
 *   <onMailetException>ignore</onMailetException>
 * </mailet>
 * }</pre>
 */
public class RepairMimeParameters extends GenericMailet {
    /** The parameters this mailet accepts: none. */
    public static final Set<String> PARAMETERS = Set.of();
    private static final ConversionLimits LIMITS = ConversionLimits.defaults();
    private static final MessageConverter CONVERTER = MessageConverter.of(LIMITS, ConversionOptions.defaults());
    private static final int MEMORY_THRESHOLD = 4 * 1024 * 1024;
    private static final Logger LOGGER = LoggerFactory.getLogger(RepairMimeParameters.class);

    private final Metric repaired;
    private final Metric unrepaired;
    private final ThirdPartyDkim dkim;

    @Inject
    public RepairMimeParameters(MetricFactory metricFactory, PublicKeyRecordRetriever keyRetriever) {
        this.repaired = metricFactory.generate("border.mime.repaired");
        this.unrepaired = metricFactory.generate("border.mime.unrepaired");
        this.dkim = new ThirdPartyDkim(keyRetriever, metricFactory);
    }

    @Override
    public void init() throws MessagingException {
        MailetParameters.of(getMailetConfig(), PARAMETERS);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        if (!mayNeedRepair(message) || !hasMalformedField(mail, message)) {
            return;
        }
        try (Spool original = new Spool(MEMORY_THRESHOLD, LIMITS.maxMessageOctets(), "message");
             ConvertedMessage result = ConvertedMessage.create()) {
            try (InputStream in = MessageStreams.of(message)) {
                in.transferTo(original);
            }
            original.finish();
            ConversionResult outcome = CONVERTER.convert(original, result.output(), RemoteDomainSettings.defaults(),
                ConversionScope.REPAIR);
            if (!outcome.modified()) {
                return;
            }
            ThirdPartyDkim.Check signed = dkim.check(message, original);
            if (signed.protects()) {
                dkim.broken();
                LOGGER.warn("Mail {}: repairing its MIME parameters breaks its {}", mail.getName(), signed);
            }
            result.replaceMessageOf(mail);
            repaired.increment();
            LOGGER.info("Mail {}: MIME parameters James cannot read repaired: {}", mail.getName(), outcome.changes());
        } catch (ConversionException | IOException e) {
            unrepaired.increment();
            LOGGER.warn("Mail {}: its MIME parameters cannot be checked: {}", mail.getName(),
                ConvertForRemoteDomain.reason(e));
            throw new MessagingException("Mail " + mail.getName() + ": MIME parameters cannot be checked", e);
        }
    }

    /** Whether a field needs the repair: one pass over the message as it is, no copy. */
    private static boolean hasMalformedField(Mail mail, MimeMessage message) throws MessagingException {
        try (InputStream in = MessageStreams.of(message)) {
            return CONVERTER.needsRepair(in);
        } catch (IOException e) {
            throw new MessagingException("Mail " + mail.getName() + " cannot be read to check its MIME parameters", e);
        }
    }

    /** A multipart message, or a top-level Content-Type / Content-Disposition a strict reader cannot parse. */
    private static boolean mayNeedRepair(MimeMessage message) throws MessagingException {
        String[] type = message.getHeader("Content-Type");
        if (type != null && type.length > 0) {
            if (type[0].trim().toLowerCase(Locale.ROOT).startsWith("multipart/")
                || !ParameterEncoding.isStrict(type[0], true)) {
                return true;
            }
        }
        String[] disposition = message.getHeader("Content-Disposition");
        return disposition != null && disposition.length > 0 && !ParameterEncoding.isStrict(disposition[0], false);
    }

    @Override
    public String getMailetInfo() {
        return "Repairs Content-Type and Content-Disposition parameters James cannot parse";
    }
}
