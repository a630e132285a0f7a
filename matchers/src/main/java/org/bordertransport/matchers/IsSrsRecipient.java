package org.bordertransport.matchers;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.bordertransport.core.srs.Microsoft365Srs;
import org.bordertransport.core.srs.StandardSrs;

/**
 * Matches the recipients that are SRS addresses of a domain James hosts: Microsoft 365's forward form
 * ({@code user+SRS=hash=ts=domain=local@ours}), its relay form ({@code bounces+SRS=hash=ts@ours}) and the standard
 * {@code SRS0=} / {@code SRS1=} forms. The shape only: whether the hash and the age verify is for
 * {@code ReverseSrs} to decide (a forged address is matched, then refused). No condition.
 *
 * <pre>{@code
 * <mailet match="org.bordertransport.matchers.IsSrsRecipient" class="org.bordertransport.mailets.ReverseSrs"/>
 * }</pre>
 */
public class IsSrsRecipient extends GenericMatcher {
    /** No condition, no parameters. */
    public static final Set<String> PARAMETERS = Set.of();

    @Override
    public void init() throws MessagingException {
        String condition = getCondition();
        if (condition != null && !condition.isBlank()) {
            throw new MessagingException(getMatcherName() + ": invalid condition '" + condition
                + "', allowed: no condition");
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return mail.getRecipients().stream()
            .filter(r -> getMailetContext().isLocalServer(r.getDomain()))
            .filter(r -> isSrs(r.asString()))
            .collect(Collectors.toList());
    }

    static boolean isSrs(String address) {
        return Microsoft365Srs.isSrsAddress(address) || StandardSrs.isSrsAddress(address);
    }

    @Override
    public String getMatcherInfo() {
        return "Matches recipients that are SRS addresses of our domains";
    }
}
