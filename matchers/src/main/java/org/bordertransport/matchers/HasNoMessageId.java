package org.bordertransport.matchers;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.bordertransport.core.messageid.MessageIdSyntax;

/**
 * Matches mail that has no {@code Message-ID} header (or an empty one). With the condition
 * {@code includeMalformed} it also matches mail whose Message-ID is malformed (no angle brackets, no {@code @},
 * control characters, longer than a header line, several Message-ID fields).
 *
 * <pre>{@code
 * <mailet match="org.bordertransport.matchers.HasNoMessageId" class="ToProcessor">
 *   <processor>no-message-id</processor>
 * </mailet>
 * <mailet match="org.bordertransport.matchers.HasNoMessageId=includeMalformed"
 *         class="org.bordertransport.mailets.AddMessageId"/>
 * }</pre>
 */
public class HasNoMessageId extends GenericMatcher {
    public static final String INCLUDE_MALFORMED = "includeMalformed";
    /** The condition is a single value, not parameters. */
    public static final Set<String> PARAMETERS = Set.of();

    private boolean includeMalformed;

    @Override
    public void init() throws MessagingException {
        String condition = getCondition();
        if (condition == null || condition.isBlank()) {
            includeMalformed = false;
        } else if (condition.trim().equals(INCLUDE_MALFORMED)) {
            includeMalformed = true;
        } else {
            throw new MessagingException(getMatcherName() + ": invalid condition '" + condition
                + "', allowed: no condition, or " + INCLUDE_MALFORMED);
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        MessageIdSyntax.Status status = MessageIdSyntax.check(mail.getMessage().getHeader("Message-ID"));
        boolean matches = status == MessageIdSyntax.Status.MISSING || (includeMalformed && status.isMalformed());
        return matches ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "Matches mail without a (valid) Message-ID";
    }
}
