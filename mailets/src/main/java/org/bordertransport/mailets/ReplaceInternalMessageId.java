package org.bordertransport.mailets;

import java.util.List;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.domainlist.api.DomainList;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
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
 * For mail leaving the organisation: replaces every Message-ID whose right-hand side names an internal host
 * ({@code <abc@exch01.corp.local>}) by a public one ({@code <k1.3f7q...@example.com>}) in {@code Message-ID},
 * {@code Resent-Message-ID}, {@code In-Reply-To} and {@code References}, and removes every other copy of the old ID
 * from the header; the same inside the message: in the header of attached messages ({@code message/rfc822}), in the
 * returned header of reports ({@code text/rfc822-headers}) and in the {@code Original-Message-ID} of read receipts
 * ({@code message/disposition-notification}). A message whose inside changes is written again; a DKIM signature of a
 * third party that verifies now keeps the inside as it is (a change there breaks its body hash).
 *
 * <p>The public ID is the internal one encrypted with AES-SIV under the current key: the same internal ID always
 * gives the same public ID (threads stay whole at the recipient), and {@link RestoreInternalMessageId} turns
 * replies back into the internal ID without any stored state, on any node that has the keys.</p>
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>values</th><th>default</th></tr>
 *   <tr><td>keys</td><td>{@code id:base64} list, 64-byte keys, first is current</td><td>required</td></tr>
 *   <tr><td>publicDomain</td><td>a fully qualified domain name</td><td>James's default domain</td></tr>
 *   <tr><td>internalSuffixes</td><td>comma-separated host suffixes</td><td>{@code .local,.internal,.lan,.corp.local}</td></tr>
 *   <tr><td>internalDomains</td><td>comma-separated domains (their hosts are internal)</td><td>none</td></tr>
 *   <tr><td>unqualifiedIsInternal</td><td>true | false (single-label hosts, address literals)</td><td>true</td></tr>
 *   <tr><td>thirdPartyDkim</td><td>preserve | ignore: whether Message-IDs in fields a third-party DKIM signature
 *       covers are left as they are</td><td>preserve</td></tr>
 * </table>
 *
 * <p>With {@code thirdPartyDkim=preserve} (the default) a message whose DKIM signature covers a field the rewrite
 * would change ({@code Message-ID}, {@code In-Reply-To}, {@code References}...) and verifies now keeps its
 * Message-IDs as they are: logged and counted ({@code border.dkim.kept}); such IDs came signed from outside, so
 * nothing new leaves. A signature that does not verify (one {@code RestoreInternalMessageId} broke when a reply was
 * restored for a local mailbox that then redirected it) or cannot be checked now does not stop the rewrite: internal
 * host names never leave (counted {@code border.dkim.broken} when the signature might have verified). Our own mail
 * carries no such signature: the shipped configuration signs it after this mailet.</p>
 *
 * <pre>{@code
 * <mailet match="All" class="org.bordertransport.mailets.ReplaceInternalMessageId">
 *   <keys>k2:NEW-KEY-BASE64,k1:OLD-KEY-BASE64</keys>
 *   <publicDomain>example.com</publicDomain>
 *   <internalSuffixes>.local,.internal,.lan,.corp.local</internalSuffixes>
 *   <internalDomains>corp.example.com</internalDomains>
 * </mailet>
 * }</pre>
 */
public class ReplaceInternalMessageId extends MessageIdRewritingMailet {
    /** The parameters this mailet accepts. */
    public static final Set<String> PARAMETERS = MessageIdPrivacySettings.REPLACE_PARAMETERS;
    private static final Logger LOGGER = LoggerFactory.getLogger(ReplaceInternalMessageId.class);

    private final Metric replaced;
    private final Metric oneWay;
    private final ThirdPartyDkim dkim;

    @Inject
    public ReplaceInternalMessageId(DomainList domainList, MetricFactory metricFactory,
                                    PublicKeyRecordRetriever keyRetriever) {
        this(JamesDefaultDomain.of(domainList), metricFactory, keyRetriever);
    }

    ReplaceInternalMessageId(JamesDefaultDomain defaultDomain, MetricFactory metricFactory,
                             PublicKeyRecordRetriever keyRetriever) {
        super(defaultDomain, metricFactory);
        this.replaced = metricFactory.generate("border.messageid.replaced");
        this.oneWay = metricFactory.generate("border.messageid.replaced.oneway");
        this.dkim = new ThirdPartyDkim(keyRetriever, metricFactory);
    }

    @Override
    Set<String> parameterNames() {
        return PARAMETERS;
    }

    @Override
    MessageIdRewriter.Outcome rewrite(MessageIdRewriter rewriter, List<HeaderField> headers) {
        return rewriter.toPublic(headers);
    }

    @Override
    ThirdPartyDkim signatureGuard() {
        return dkim;
    }

    @Override
    void describe(MessageIdPrivacySettings settings) {
        LOGGER.info("{}: internal Message-IDs ({} suffixes, {} domains) become public on {} with key {}", getMailetName(),
            settings.internalHosts().suffixes(), settings.internalHosts().domains(), settings.codec().publicDomain(),
            settings.keys().currentId());
    }

    @Override
    InnerMessageIds.Direction direction() {
        return InnerMessageIds.Direction.TO_PUBLIC;
    }

    @Override
    void record(Mail mail, int rewrittenIds, int oneWayIds, int unverifiedIds) {
        if (rewrittenIds == 0) {
            return;
        }
        replaced.add(rewrittenIds);
        if (oneWayIds > 0) {
            oneWay.add(oneWayIds);
            LOGGER.warn("Mail {}: {} internal Message-ID(s) too long to encrypt reversibly got a one-way public ID;"
                + " replies to them keep the public ID", mail.getName(), oneWayIds);
        }
        LOGGER.debug("Mail {}: {} internal Message-ID(s) replaced", mail.getName(), rewrittenIds);
    }

    @Override
    public String getMailetInfo() {
        return "Replaces Message-IDs that name internal hosts by reversible public ones";
    }
}
