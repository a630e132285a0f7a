package org.bordertransport.mailets;

import java.util.List;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.domainlist.api.DomainList;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Mail;
import org.bordertransport.core.mail.HeaderField;
import org.bordertransport.core.messageid.InnerMessageIds;
import org.bordertransport.core.messageid.MessageIdPrivacySettings;
import org.bordertransport.core.messageid.MessageIdRewriter;
import org.bordertransport.james.JamesDefaultDomain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For mail coming in: turns public Message-IDs made by {@link ReplaceInternalMessageId} back into the internal ones
 * in {@code In-Reply-To}, {@code References}, {@code Message-ID} and {@code Resent-Message-ID}, so a reply from
 * outside threads with the internal original in local mailboxes; the same inside the message (attached messages,
 * returned headers of reports, the {@code Original-Message-ID} of read receipts), so a receipt names the internal ID.
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
public class RestoreInternalMessageId extends MessageIdRewritingMailet {
    /** The parameters this mailet accepts. */
    public static final Set<String> PARAMETERS = MessageIdPrivacySettings.RESTORE_PARAMETERS;
    private static final Logger LOGGER = LoggerFactory.getLogger(RestoreInternalMessageId.class);

    private final Metric restored;
    private final Metric unverified;

    @Inject
    public RestoreInternalMessageId(DomainList domainList, MetricFactory metricFactory) {
        this(JamesDefaultDomain.of(domainList), metricFactory);
    }

    RestoreInternalMessageId(JamesDefaultDomain defaultDomain, MetricFactory metricFactory) {
        super(defaultDomain, metricFactory);
        this.restored = metricFactory.generate("border.messageid.restored");
        this.unverified = metricFactory.generate("border.messageid.unverified");
    }

    @Override
    Set<String> parameterNames() {
        return PARAMETERS;
    }

    @Override
    MessageIdRewriter.Outcome rewrite(MessageIdRewriter rewriter, List<HeaderField> headers) {
        return rewriter.toInternal(headers);
    }

    @Override
    void describe(MessageIdPrivacySettings settings) {
        LOGGER.info("{}: public Message-IDs on {} are restored with keys {}", getMailetName(),
            settings.codec().publicDomain(), settings.keys().ids());
    }

    @Override
    InnerMessageIds.Direction direction() {
        return InnerMessageIds.Direction.TO_INTERNAL;
    }

    @Override
    void record(Mail mail, int rewrittenIds, int oneWayIds, int unverifiedIds) {
        if (unverifiedIds > 0) {
            unverified.add(unverifiedIds);
            LOGGER.info("Mail {}: {} public-looking Message-ID(s) did not verify and were left as they are",
                mail.getName(), unverifiedIds);
        }
        if (rewrittenIds > 0) {
            restored.add(rewrittenIds);
            LOGGER.debug("Mail {}: {} Message-ID(s) restored", mail.getName(), rewrittenIds);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Restores internal Message-IDs from public ones in replies";
    }
}
