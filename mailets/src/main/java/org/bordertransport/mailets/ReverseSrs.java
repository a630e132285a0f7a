package org.bordertransport.mailets;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.bordertransport.core.srs.Microsoft365Srs;
import org.bordertransport.core.srs.SrsException;
import org.bordertransport.core.srs.SrsReverse;
import org.bordertransport.core.srs.StandardSrs;
import org.bordertransport.james.FileResolver;
import org.bordertransport.james.InitParameters;
import org.bordertransport.james.ReloadContext;
import org.bordertransport.james.ReloadingFile;
import org.bordertransport.james.SrsSecretsFile;
import org.bordertransport.james.SrsVerifiers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NDR reverse routing: mail to an SRS address of ours (matched by {@code IsSrsRecipient}) goes back to the original
 * sender once the address verifies — hash under one of the secrets of {@code secretsFile}, age within
 * {@code maxAgeDays}. The recipient is rewritten, the reverse path ({@code <>} for a bounce) and the message are kept
 * byte for byte, and the mail goes on as mail sent by a mailet (to the original sender's MX, or locally).
 * <ul>
 *   <li>a bounce to one SRS address (nearly every bounce) goes on <b>in place</b>: its recipient is rewritten, it is
 *   marked sent by a mailet (what {@code SentByMailet} tests, as a mail from {@code sendMail} is) and its state set to
 *   {@code root}, where James routes it at once, in memory: the way a copy would go, without the copy and the second
 *   pass through the spool. Wherever the mailet stands, the bounce never falls off the end of its processor;</li>
 *   <li>a bounce to several SRS addresses: one copy per address is sent on from the mailet ({@code sendMail}, state
 *   {@code root}), and the mail itself ends (or goes to {@code errorProcessor} with the refused recipients).</li>
 * </ul>
 * <ul>
 *   <li>{@code +SRS=} forward form, {@code SRS0}: the original sender; {@code SRS1}: the {@code SRS0} address at the
 *   first forwarder (reversed again if that is us), as the standard says;</li>
 *   <li>relay form {@code bounces+SRS=hash=ts@domain}, which carries no sender: the {@code bounces} mailbox of that
 *   domain when James has it (create it: Microsoft 365 does the same), else {@code fallbackRecipient} (default the
 *   postmaster);</li>
 *   <li>an address that reverses to another SRS address of ours is reversed again, at most {@code maxHops} times;</li>
 *   <li><b>never relayed</b>: a hash that does not verify, an expired timestamp, a malformed address, too many hops,
 *   too many {@code Received} fields ({@code maxReceived}, RFC 5321 loop detection), and mail that is not a bounce
 *   (non-null reverse path) unless {@code nonBounce=reverse}: such a recipient goes to {@code errorProcessor} with
 *   the reason in the attribute {@value #REASON_ATTRIBUTE}, and nothing is sent back to its sender (no
 *   backscatter: the shipped {@code srs-error} processor only stores it).</li>
 * </ul>
 * A rerouted bounce carries the attribute {@value #REROUTED_ATTRIBUTE} (the SRS address it was sent to), so that the
 * relay processor can leave its content alone: the shipped conf keeps rerouted bounces out of the content mailets
 * (TNEF, remote-domain conversion, Message-ID replacement), and the report arrives as the reporting MTA wrote it.
 * Metrics: {@code border.ndr.rerouted}, {@code border.ndr.refused}.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>values</th><th>default</th></tr>
 *   <tr><td>secretsFile</td><td>James FileSystem notation (as RewriteSenderSrs)</td>
 *       <td>{@code file://conf/srs-secrets}</td></tr>
 *   <tr><td>reloadInterval</td><td>0 (never) or 1s to 24h: how often the secrets file is checked for changes</td>
 *       <td>10s</td></tr>
 *   <tr><td>maxAgeDays</td><td>1-1000</td><td>21</td></tr>
 *   <tr><td>errorProcessor</td><td>a processor name (required)</td><td></td></tr>
 *   <tr><td>nonBounce</td><td>refuse | reverse: mail with a non-null reverse path</td><td>refuse</td></tr>
 *   <tr><td>fallbackRecipient</td><td>an address for relay-form bounces without a bounces mailbox</td>
 *       <td>the postmaster</td></tr>
 *   <tr><td>maxHops</td><td>1-10</td><td>3</td></tr>
 *   <tr><td>maxReceived</td><td>1-500</td><td>30</td></tr>
 * </table>
 */
public class ReverseSrs extends GenericMailet {
    public static final String REASON_ATTRIBUTE = "org.bordertransport.srs.refused";
    /** Set on each rerouted bounce (the mail itself or a copy): the SRS address it was sent to. */
    public static final String REROUTED_ATTRIBUTE = "org.bordertransport.srs.rerouted";
    static final String MAX_AGE_DAYS = "maxAgeDays";
    static final String ERROR_PROCESSOR = "errorProcessor";
    static final String NON_BOUNCE = "nonBounce";
    static final String FALLBACK_RECIPIENT = "fallbackRecipient";
    static final String MAX_HOPS = "maxHops";
    static final String MAX_RECEIVED = "maxReceived";
    /** The parameters this mailet accepts. */
    public static final Set<String> PARAMETERS = Set.of(SrsSecretsFile.PARAMETER, MAX_AGE_DAYS, ERROR_PROCESSOR,
        NON_BOUNCE, FALLBACK_RECIPIENT, MAX_HOPS, MAX_RECEIVED, ReloadContext.PARAMETER);
    private static final Logger LOGGER = LoggerFactory.getLogger(ReverseSrs.class);

    private final FileResolver resolver;
    private final Clock clock;
    private final Metric rerouted;
    private final Metric shortSecrets;
    private final Metric refused;
    private final ReloadContext reload;
    private ReloadingFile<SrsVerifiers> srs;
    private String errorProcessor;
    private boolean reverseNonBounces;
    private Optional<MailAddress> fallback;
    private int maxHops;
    private int maxReceived;

    @Inject
    public ReverseSrs(FileSystem fileSystem, MetricFactory metricFactory) {
        this(FileResolver.of(fileSystem), metricFactory, Clock.systemUTC());
    }

    ReverseSrs(FileResolver resolver, MetricFactory metricFactory, Clock clock) {
        this(resolver, metricFactory, clock, ReloadContext.of(metricFactory));
    }

    ReverseSrs(FileResolver resolver, MetricFactory metricFactory, Clock clock, ReloadContext reload) {
        this.resolver = resolver;
        this.reload = reload;
        this.clock = clock;
        this.rerouted = metricFactory.generate("border.ndr.rerouted");
        this.refused = metricFactory.generate("border.ndr.refused");
        this.shortSecrets = metricFactory.generate(SrsSecretsFile.SHORT_SECRET_METRIC);
    }

    @Override
    public void init() throws MessagingException {
        InitParameters parameters = MailetParameters.of(getMailetConfig(), PARAMETERS);
        int maxAge = parameters.integer(MAX_AGE_DAYS, StandardSrs.DEFAULT_MAX_AGE_DAYS, 1,
            StandardSrs.MAX_MAX_AGE_DAYS);
        maxHops = parameters.integer(MAX_HOPS, 3, 1, 10);
        maxReceived = parameters.integer(MAX_RECEIVED, 30, 1, 500);
        reverseNonBounces = parameters.oneOf(NON_BOUNCE, "refuse", "refuse", "reverse").equals("reverse");
        errorProcessor = parameters.processor(ERROR_PROCESSOR,
            "name the processor that keeps refused mail (it must not bounce)");
        fallback = parameters.address(FALLBACK_RECIPIENT);
        String location = parameters.string(SrsSecretsFile.PARAMETER, SrsSecretsFile.DEFAULT_LOCATION);
        srs = SrsSecretsFile.open(getMailetName(), resolver, location, shortSecrets, reload,
            ReloadContext.interval(parameters), secrets -> SrsVerifiers.of(secrets, maxAge, clock));
        LOGGER.info("{}: bounces to SRS addresses go back to the original sender ({} secret(s), {} days); refused "
            + "ones go to processor {}", getMailetName(), srs.current().secretCount(), maxAge, errorProcessor);
    }

    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        return Set.of(new ProcessingState(errorProcessor));
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        boolean bounce = mail.getMaybeSender().isNullSender();
        int received = receivedCount(mail);
        List<MailAddress> refusedRecipients = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        Map<MailAddress, MailAddress> targets = new LinkedHashMap<>();
        for (MailAddress recipient : mail.getRecipients()) {
            String reason = null;
            MailAddress target = null;
            if (!bounce && !reverseNonBounces) {
                reason = "not a bounce (reverse path " + mail.getMaybeSender().asString() + ")";
            } else if (received > maxReceived) {
                reason = "mail loop: " + received + " Received fields, over " + maxReceived;
            } else {
                try {
                    target = reverse(recipient);
                } catch (Refusal e) {
                    reason = e.getMessage();
                }
            }
            if (reason != null) {
                refusedRecipients.add(recipient);
                reasons.add(recipient.asString() + ": " + reason);
                continue;
            }
            targets.put(recipient, target);
        }
        if (refusedRecipients.isEmpty() && targets.size() == 1) {
            Map.Entry<MailAddress, MailAddress> only = targets.entrySet().iterator().next();
            reroute(mail, only.getKey(), only.getValue());
            return;
        }
        for (Map.Entry<MailAddress, MailAddress> each : targets.entrySet()) {
            send(mail, each.getKey(), each.getValue());
        }
        if (!refusedRecipients.isEmpty()) {
            refused.increment();
            LOGGER.warn("Mail {} from {}: not relayed, sent to processor {}: {}", mail.getName(),
                mail.getMaybeSender().asString(), errorProcessor, reasons);
            mail.setRecipients(refusedRecipients);
            mail.setAttribute(new Attribute(AttributeName.of(REASON_ATTRIBUTE),
                AttributeValue.of(String.join("\n", reasons))));
            mail.setState(errorProcessor);
        } else {
            mail.setState(Mail.GHOST);
        }
    }

    /** Where a bounce to {@code recipient} goes, after up to {@code maxHops} reversals. */
    private MailAddress reverse(MailAddress recipient) throws Refusal {
        SrsVerifiers verifiers = srs.current();
        String current = recipient.asString();
        for (int hop = 0; hop < maxHops; hop++) {
            SrsReverse result;
            try {
                result = StandardSrs.isSrsAddress(current) ? verifiers.standard().reverse(current)
                    : verifiers.m365().reverse(current);
            } catch (SrsException e) {
                throw new Refusal(e.getMessage());
            }
            String next;
            if (result.kind() == SrsReverse.Kind.BOUNCES) {
                return bouncesMailbox(current);
            }
            next = result.bounceRecipient().orElseThrow(() -> new Refusal("reversal gave no recipient"));
            MailAddress nextAddress;
            try {
                nextAddress = new MailAddress(next);
            } catch (AddressException e) {
                throw new Refusal("reverses to '" + next + "', which James cannot address");
            }
            if (!getMailetContext().isLocalServer(nextAddress.getDomain())
                || !(StandardSrs.isSrsAddress(next) || Microsoft365Srs.isSrsAddress(next))) {
                return nextAddress;
            }
            current = next;
        }
        throw new Refusal("still an SRS address of ours after " + maxHops + " reversals");
    }

    private MailAddress bouncesMailbox(String address) throws Refusal {
        String domain = address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        try {
            MailAddress bounces = new MailAddress(Microsoft365Srs.BOUNCES_LOCAL, domain);
            if (getMailetContext().isLocalEmail(bounces)) {
                return bounces;
            }
        } catch (AddressException e) {
            throw new Refusal("no bounces mailbox can be named in " + domain);
        }
        MailAddress postmaster = fallback.orElseGet(() -> getMailetContext().getPostmaster());
        if (postmaster == null) {
            throw new Refusal("no bounces mailbox in " + domain + ", and no postmaster to take its bounces");
        }
        return postmaster;
    }

    /** The bounce itself goes to its one target as mail sent by a mailet, from root, as a copy would. */
    private void reroute(Mail mail, MailAddress original, MailAddress target) throws MessagingException {
        readdress(mail, original, target);
        mail.setAttribute(Mail.SENT_BY_MAILET_ATTRIBUTE);
        counted(mail, original, target);
    }

    /** A copy of the bounce is sent on from the mailet to one of several targets. */
    private void send(Mail mail, MailAddress original, MailAddress target) throws MessagingException {
        MailImpl copy = MailImpl.duplicate(mail);
        try {
            readdress(copy, original, target);
            getMailetContext().sendMail(copy);
        } finally {
            copy.dispose();
        }
        counted(mail, original, target);
    }

    /** Addresses a bounce (the mail itself or a copy) to {@code target}, marked as rerouted, to go on from root. */
    private static void readdress(Mail bounce, MailAddress original, MailAddress target) {
        bounce.setRecipients(List.of(target));
        bounce.setAttribute(new Attribute(AttributeName.of(REROUTED_ATTRIBUTE),
            AttributeValue.of(original.asString())));
        bounce.setState(Mail.DEFAULT);
    }

    private void counted(Mail mail, MailAddress original, MailAddress target) {
        rerouted.increment();
        LOGGER.info("Mail {}: bounce to {} rerouted to {}", mail.getName(), original, target);
    }

    private static int receivedCount(Mail mail) throws MessagingException {
        String[] received = mail.getMessage().getHeader("Received");
        return received == null ? 0 : received.length;
    }

    @Override
    public String getMailetInfo() {
        return "Routes bounces to SRS addresses back to the original sender";
    }

    /** Why a recipient is not rerouted. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;

        Refusal(String message) {
            super(message, null, false, false);
        }
    }
}
