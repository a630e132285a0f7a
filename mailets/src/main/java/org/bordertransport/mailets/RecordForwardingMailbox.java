package org.bordertransport.mailets;

import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names the forwarding mailbox of a forward an administrator writes with James's own {@code Forward},
 * {@code Redirect} or {@code Resend} mailet (or a mailing-list re-send), placed right before it, so that
 * {@link RewriteSenderSrs} gives the copy the forwarding mailbox's SRS address
 * ({@code john.work+SRS=hash=ts=fabrikam.com=bob@border.test}) instead of the relay form, and bounces of the copy go
 * back to the original sender. James 3.8.1's forwarding mailets keep the original envelope sender and remove every
 * attribute from the copy; the record is kept where it survives them (see {@link ForwardingMailbox}): it is never
 * written into a message and cannot be set from outside.
 *
 * <p>The mailbox named is {@code mailbox} when given (a mailing list's address), else the first recipient of the mail
 * in a domain James hosts: in a processor that a recipient matcher ({@code RecipientIs=john.work@border.test}) routes
 * to, the mailbox the rule is for. Only an address in a domain James hosts is recorded; a mail without one gets no
 * record (any earlier record is removed) and its copy leaves with the relay form {@code bounces+SRS=...}.</p>
 *
 * <p>Metrics: {@code border.srs.forwarder.recorded}; {@code border.srs.forwarder.unhosted} when {@code mailbox} is not
 * in a domain James hosts (WARN line; nothing recorded).</p>
 *
 * <pre>{@code
 * <processor state="forward-rule">
 *   <mailet match="All" class="org.bordertransport.mailets.RecordForwardingMailbox"/>
 *   <mailet match="All" class="Forward">
 *     <forwardTo>john.home@example.com</forwardTo>
 *   </mailet>
 * </processor>
 * }</pre>
 */
public class RecordForwardingMailbox extends GenericMailet {
    static final String MAILBOX = "mailbox";
    /** The parameters this mailet accepts. */
    public static final Set<String> PARAMETERS = Set.of(MAILBOX);
    private static final Logger LOGGER = LoggerFactory.getLogger(RecordForwardingMailbox.class);

    private final Metric recorded;
    private final Metric unhosted;
    private Optional<MailAddress> mailbox = Optional.empty();

    @Inject
    public RecordForwardingMailbox(MetricFactory metricFactory) {
        this.recorded = metricFactory.generate("border.srs.forwarder.recorded");
        this.unhosted = metricFactory.generate("border.srs.forwarder.unhosted");
    }

    @Override
    public void init() throws MessagingException {
        mailbox = MailetParameters.of(getMailetConfig(), PARAMETERS).address(MAILBOX);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        ForwardingMailbox.clear(mail);
        Optional<MailAddress> named = mailbox.isPresent() ? mailbox : firstHostedRecipient(mail);
        if (named.isEmpty()) {
            LOGGER.debug("Mail {}: no recipient in a domain we host: no forwarding mailbox", mail.getName());
            return;
        }
        if (!getMailetContext().isLocalServer(named.get().getDomain())) {
            unhosted.increment();
            LOGGER.warn("Mail {}: {} {} is not in a domain we host: no forwarding mailbox recorded (the copy gets the "
                + "relay form)", mail.getName(), MAILBOX, named.get().getDomain().asString());
            return;
        }
        ForwardingMailbox.record(mail, named.get());
        recorded.increment();
    }

    private Optional<MailAddress> firstHostedRecipient(Mail mail) {
        return mail.getRecipients().stream()
            .filter(recipient -> getMailetContext().isLocalServer(recipient.getDomain()))
            .findFirst();
    }

    @Override
    public String getMailetInfo() {
        return "Names the forwarding mailbox of a Forward / Redirect / Resend rule, for SRS";
    }
}
