package org.bordertransport.matchers;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.bordertransport.core.ndr.NdrDetector;
import org.bordertransport.core.ndr.NdrVerdict;
import org.bordertransport.james.MessageStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches non-delivery reports, as real-world bounces look ({@link NdrDetector}: RFC 3464 DSNs with a failed action,
 * also without {@code report-type} and in any case; with the null reverse path, Exim's {@code X-Failed-Recipients},
 * Exchange's {@code X-MS-Exchange-Message-Is-Ndr}, sentences of bounce templates in the text, daemon senders or
 * {@code Auto-Submitted: auto-generated} with bounce subjects, daemon senders with failure sentences); never ARF feedback reports, read
 * receipts, successful delivery reports, delay notices or RFC 3834 auto-replies. No condition. Use it to compose, for example
 * {@code And(IsSrsRecipient, Not(IsNonDeliveryReport))} to handle non-bounces to SRS addresses apart.
 */
public class IsNonDeliveryReport extends GenericMatcher {
    /** No condition, no parameters. */
    public static final Set<String> PARAMETERS = Set.of();
    private static final Logger LOGGER = LoggerFactory.getLogger(IsNonDeliveryReport.class);
    private final NdrDetector detector = NdrDetector.defaults();

    @Override
    public void init() throws MessagingException {
        String condition = getCondition();
        if (condition != null && !condition.isBlank()) {
            throw new MessagingException(getMatcherName() + ": invalid condition '" + condition
                + "', allowed: no condition");
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        NdrVerdict verdict;
        try (InputStream in = MessageStreams.of(mail.getMessage())) {
            verdict = detector.detect(in, mail.getMaybeSender().asString(""));
        } catch (IOException e) {
            // the message itself cannot be read: not a verdict; the container does what onMatchException says
            throw new MessagingException(getMatcherName() + ": mail " + mail.getName()
                + " cannot be read to tell whether it is a bounce", e);
        }
        verdict.problem().ifPresent(problem -> LOGGER.info("Mail {}: read in part ({}); {}", mail.getName(), problem,
            verdict.isNdr() ? "a bounce" : "not a bounce"));
        return verdict.isNdr() ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "Matches non-delivery reports";
    }
}
