package org.bordertransport.mailets;

import java.util.List;
import java.util.Map;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.domainlist.api.DomainList;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.bordertransport.core.mail.HeaderField;
import org.bordertransport.core.messageid.MessageIdPrivacySettings;
import org.bordertransport.core.messageid.MessageIdRewriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For mail coming in: turns public Message-IDs made by {@link ReplaceInternalMessageId} back into the internal ones
 * in {@code In-Reply-To}, {@code References}, {@code Message-ID} and {@code Resent-Message-ID}, so a reply from
 * outside threads with the internal original in local mailboxes.
 *
 * <p>Only IDs on {@code publicDomain} in our form that decrypt and authenticate under one of {@code keys} are
 * restored (old keys included, so rotation keeps in-flight threads); anything else, forged or altered, is left
 * exactly as it came and counted ({@code border.messageid.unverified}). Give it the same {@code keys} and
 * {@code publicDomain} as {@link ReplaceInternalMessageId}.</p>
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>values</th><th>default</th></tr>
 *   <tr><td>keys</td><td>{@code id:base64} list, as for ReplaceInternalMessageId</td><td>required</td></tr>
 *   <tr><td>publicDomain</td><td>a fully qualified domain name</td><td>James's default domain</td></tr>
 * </table>
 *
 * <pre>{@code
 * <mailet match="All" class="org.bordertransport.mailets.RestoreInternalMessageId">
 *   <keys>k2:NEW-KEY-BASE64,k1:OLD-KEY-BASE64</keys>
 *   <publicDomain>example.com</publicDomain>
 * </mailet>
 * }</pre>
 */
public class RestoreInternalMessageId extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(RestoreInternalMessageId.class);

    private final AddMessageId.DefaultDomain defaultDomain;
    private final Metric restored;
    private final Metric unverified;
    private MessageIdRewriter rewriter;

    @Inject
    public RestoreInternalMessageId(DomainList domainList, MetricFactory metricFactory) {
        this(() -> MailetParameters.defaultDomain(domainList), metricFactory);
    }

    RestoreInternalMessageId(AddMessageId.DefaultDomain defaultDomain, MetricFactory metricFactory) {
        this.defaultDomain = defaultDomain;
        this.restored = metricFactory.generate("border.messageid.restored");
        this.unverified = metricFactory.generate("border.messageid.unverified");
    }

    @Override
    public void init() throws MessagingException {
        Map<String, String> parameters = MailetParameters.of(getMailetConfig());
        MessageIdPrivacySettings settings;
        try {
            settings = MessageIdPrivacySettings.from(parameters, MessageIdPrivacySettings.RESTORE_PARAMETERS,
                defaultDomain.get());
        } catch (IllegalArgumentException e) {
            throw MailetParameters.invalid(getMailetName(), e);
        }
        rewriter = settings.rewriter();
        MailetParameters.warnOnSampleKey(getMailetName(), settings.keys());
        LOGGER.info("{}: public Message-IDs on {} are restored with keys {}", getMailetName(),
            settings.codec().publicDomain(), settings.keys().ids());
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        List<HeaderField> before = MimeHeaders.read(message);
        MessageIdRewriter.Outcome outcome;
        try {
            outcome = rewriter.toInternal(before);
        } catch (RuntimeException e) {
            // never a crash: the container routes the mail per onMailetException (the error processor by default)
            throw new MessagingException("Mail " + mail.getName() + ": cannot rewrite Message-IDs", e);
        }
        if (outcome.unverified() > 0) {
            unverified.add(outcome.unverified());
            LOGGER.info("Mail {}: {} public-looking Message-ID(s) did not verify and were left as they are",
                mail.getName(), outcome.unverified());
        }
        if (!outcome.changed()) {
            return;
        }
        MimeHeaders.writeChanges(message, before, outcome.headers());
        restored.add(outcome.rewritten());
        LOGGER.debug("Mail {}: {} Message-ID(s) restored", mail.getName(), outcome.rewritten());
    }

    @Override
    public String getMailetInfo() {
        return "Restores internal Message-IDs from public ones in replies";
    }
}
