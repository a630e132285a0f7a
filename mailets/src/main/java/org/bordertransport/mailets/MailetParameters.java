package org.bordertransport.mailets;

import java.util.Set;

import javax.mail.MessagingException;

import org.apache.mailet.MailetConfig;
import org.bordertransport.james.InitParameters;

/** The mailets' entry to the adapter layer's {@link InitParameters}, with the removed parameters named. */
final class MailetParameters {
    /** Removed: failures are routed by James's own {@code onMailetException}. */
    static final String FAILURE_PROCESSOR = "failureProcessor";

    private MailetParameters() {
    }

    /** Reads the mailet's parameters, rejecting unknown ones (a removed one with a pointer to what replaced it). */
    static InitParameters of(MailetConfig config, Set<String> allowed) throws MessagingException {
        if (config.getInitParameter(FAILURE_PROCESSOR) != null) {
            throw new MessagingException(config.getMailetName() + ": parameter '" + FAILURE_PROCESSOR
                + "' was removed: set <onMailetException>PROCESSOR</onMailetException> on this mailet instead"
                + " (or 'ignore' to deliver the mail unchanged)");
        }
        return InitParameters.of(config, allowed);
    }
}
