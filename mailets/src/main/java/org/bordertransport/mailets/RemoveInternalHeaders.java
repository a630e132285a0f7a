package org.bordertransport.mailets;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.bordertransport.core.auth.DkimSignatures;
import org.bordertransport.core.firewall.HeaderFirewall;
import org.bordertransport.core.mail.HeaderField;
import org.bordertransport.core.messageid.MessageIdPrivacySettings;
import org.bordertransport.james.HeaderReplacement;
import org.bordertransport.james.InitParameters;
import org.bordertransport.james.MimeHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound header firewall, for mail leaving the organisation (put it in the processor that ends with
 * {@code RemoteDelivery}, after {@link RewriteSenderSrs} and before {@code SignDkim}): removes
 * {@code X-MS-Exchange-Organization-*} and {@code X-MS-Exchange-Forest-*} (as Exchange's header firewall does at the
 * organisation boundary), {@code X-Border-Delivered-To} ({@link RecordDeliveryMailbox}'s bookkeeping) and the
 * names and {@code prefix*} patterns of {@code removeHeaders}; {@code Received} fields naming an internal host are
 * reduced to the public hop ({@code received=reduce}, default), removed ({@code remove}) or kept ({@code keep}).
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>values</th><th>default</th></tr>
 *   <tr><td>removeHeaders</td><td>comma-separated names and {@code prefix*} patterns (not From, Date,
 *       Received)</td><td>none</td></tr>
 *   <tr><td>received</td><td>reduce | remove | keep</td><td>reduce</td></tr>
 *   <tr><td>internalSuffixes</td><td>comma-separated host suffixes</td><td>{@code .local,.internal,.lan,.corp.local}</td></tr>
 *   <tr><td>internalDomains</td><td>comma-separated domains</td><td>none</td></tr>
 *   <tr><td>unqualifiedIsInternal</td><td>true | false (single-label hosts, private addresses)</td><td>true</td></tr>
 *   <tr><td>thirdPartyDkim</td><td>preserve | ignore</td><td>preserve</td></tr>
 * </table>
 *
 * <p>With {@code thirdPartyDkim=preserve} a field that a third-party DKIM signature covers and that signature verifies
 * now is left as it is (it came signed from outside; counted {@code border.dkim.kept}); {@code X-Border-Delivered-To}
 * is removed regardless.</p>
 *
 * <pre>{@code
 * <mailet match="All" class="org.bordertransport.mailets.RemoveInternalHeaders">
 *   <removeHeaders>X-Originating-IP</removeHeaders>
 *   <received>reduce</received>
 *   <internalSuffixes>.local,.internal,.lan,.corp.local</internalSuffixes>
 * </mailet>
 * }</pre>
 */
public class RemoveInternalHeaders extends GenericMailet {
    /** The parameters this mailet accepts. */
    public static final Set<String> PARAMETERS = Set.of(HeaderFirewall.REMOVE_HEADERS, HeaderFirewall.RECEIVED,
        MessageIdPrivacySettings.INTERNAL_SUFFIXES, MessageIdPrivacySettings.INTERNAL_DOMAINS,
        MessageIdPrivacySettings.UNQUALIFIED_IS_INTERNAL, ThirdPartyDkim.PARAMETER);
    private static final Logger LOGGER = LoggerFactory.getLogger(RemoveInternalHeaders.class);

    private final Metric changed;
    private final Metric removed;
    private final Metric receivedRemoved;
    private final Metric receivedReduced;
    private final ThirdPartyDkim dkim;
    private HeaderFirewall firewall;

    @Inject
    public RemoveInternalHeaders(MetricFactory metricFactory, PublicKeyRecordRetriever keyRetriever) {
        this.changed = metricFactory.generate("border.firewall.changed");
        this.removed = metricFactory.generate("border.firewall.removed");
        this.receivedRemoved = metricFactory.generate("border.firewall.received.removed");
        this.receivedReduced = metricFactory.generate("border.firewall.received.reduced");
        this.dkim = new ThirdPartyDkim(keyRetriever, metricFactory);
    }

    @Override
    public void init() throws MessagingException {
        InitParameters parameters = MailetParameters.of(getMailetConfig(), PARAMETERS);
        try {
            firewall = HeaderFirewall.from(parameters.asMap());
        } catch (IllegalArgumentException e) {
            throw parameters.failure(e.getMessage(), e);
        }
        dkim.configure(parameters);
        LOGGER.info("{}: removes {}; Received fields naming internal hosts ({} suffixes, {} domains{}): {}",
            getMailetName(), firewall.patterns(), firewall.internalHosts().suffixes(),
            firewall.internalHosts().domains(), firewall.internalHosts().unqualifiedIsInternal()
                ? ", single-label hosts, private addresses" : "",
            firewall.receivedMode().name().toLowerCase(Locale.ROOT));
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        List<HeaderField> before = MimeHeaders.read(message);
        // the firewall has no expected failure: a RuntimeException is a bug, which the container routes as it is
        HeaderFirewall.Outcome outcome = firewall.apply(before);
        if (!outcome.changed()) {
            return;
        }
        if (dkim.preserve()) {
            outcome = sparingSignedFields(mail, message, before, outcome);
            if (!outcome.changed()) {
                return;
            }
        }
        try {
            // a new message from the new header and the body as it is: James then copies it as octets, where an
            // in-place edit makes it parse the whole message at the next write (and write 8-bit header octets as ?)
            if (!HeaderReplacement.replace(mail, before, outcome.headers())) {
                write(message, outcome);
            }
        } catch (IOException e) {
            throw new MessagingException("Cannot write mail " + mail.getName() + " with its new header", e);
        }
        changed.increment();
        removed.add(outcome.removed());
        receivedRemoved.add(outcome.receivedRemoved());
        receivedReduced.add(outcome.receivedReduced());
        LOGGER.debug("Mail {}: {} field(s) removed, {} Received removed, {} Received reduced", mail.getName(),
            outcome.removed(), outcome.receivedRemoved(), outcome.receivedReduced());
    }

    /** The outcome without changes to fields that a third-party signature verifying now covers. */
    private HeaderFirewall.Outcome sparingSignedFields(Mail mail, MimeMessage message, List<HeaderField> before,
                                                       HeaderFirewall.Outcome outcome) throws MessagingException {
        DkimSignatures signatures = ThirdPartyDkim.signaturesOf(message);
        Set<String> covered = new TreeSet<>();
        for (String name : outcome.changedNames()) {
            if (!name.equalsIgnoreCase(HeaderFirewall.DELIVERY_MAILBOX_HEADER) && signatures.covers(name)) {
                covered.add(name);
            }
        }
        if (covered.isEmpty()) {
            return outcome;
        }
        ThirdPartyDkim.Check check;
        try {
            check = dkim.check(message);
        } catch (IOException e) {
            throw new MessagingException("Cannot read mail " + mail.getName() + " to verify its DKIM signatures", e);
        }
        if (check.status() == ThirdPartyDkim.Status.VERIFIES) {
            dkim.kept();
            LOGGER.info("Mail {}: header fields left as they are: its {} covers {}", mail.getName(), check, covered);
            return firewall.apply(before, covered);
        }
        if (check.protects()) {
            dkim.broken();
            LOGGER.warn("Mail {}: internal header fields removed from {}, which its {} covers: internal host names"
                + " never leave", mail.getName(), covered, check);
        }
        return outcome;
    }

    /**
     * Every field of a changed name is removed and what remains of that name is added back in order. javax.mail
     * adds a {@code Received} field above the other {@code Received} fields, so those are added back last first.
     */
    private static void write(MimeMessage message, HeaderFirewall.Outcome outcome) throws MessagingException {
        for (String name : outcome.changedNames()) {
            List<HeaderField> remaining = new ArrayList<>();
            for (HeaderField field : outcome.headers()) {
                if (field.name().toLowerCase(Locale.ROOT).equals(name)) {
                    remaining.add(field);
                }
            }
            message.removeHeader(name);
            boolean addedOnTop = name.equals("received") || name.equals("return-path");
            for (int i = 0; i < remaining.size(); i++) {
                HeaderField field = remaining.get(addedOnTop ? remaining.size() - 1 - i : i);
                message.addHeader(field.name(), field.value());
            }
        }
    }

    @Override
    public String getMailetInfo() {
        return "Removes internal header fields and internal Received hops from outbound mail";
    }
}
