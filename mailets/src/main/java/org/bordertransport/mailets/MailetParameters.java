package org.bordertransport.mailets;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.mail.MessagingException;

import org.apache.james.core.Domain;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.mailet.MailetConfig;

/** Reads mailet parameters once, in {@code init()}, into the plain map the core engines validate. */
final class MailetParameters {
    /** Parameters the James mailet container reads on every mailet; they are not ours to validate. */
    static final Set<String> CONTAINER_PARAMETERS = Set.of("onMailetException", "onMatchException");

    private MailetParameters() {
    }

    /** The mailet's own parameters, without the container's. */
    static Map<String, String> of(MailetConfig config) {
        Map<String, String> parameters = new LinkedHashMap<>();
        Iterator<String> names = config.getInitParameterNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!CONTAINER_PARAMETERS.contains(name)) {
                parameters.put(name, config.getInitParameter(name));
            }
        }
        return parameters;
    }

    /** A configuration error as the mailet container reports it: the mailet, then what is wrong. */
    static MessagingException invalid(String mailetName, IllegalArgumentException e) {
        return new MessagingException(mailetName + ": " + e.getMessage(), e);
    }

    /** The shipped sample key protects nothing: say so loudly at every start. */
    static void warnOnSampleKey(String mailetName, org.bordertransport.core.messageid.MessageIdKeys keys) {
        if (keys.containsSampleKey()) {
            org.slf4j.LoggerFactory.getLogger(MailetParameters.class).warn(
                "{}: 'keys' contains the PUBLIC SAMPLE KEY from the shipped configuration: anybody can read internal"
                    + " host names back from public Message-IDs and forge them. Generate a key with"
                    + " 'bin/border message-id keygen' before going live.", mailetName);
        }
    }

    /** James's default domain, when one is configured. */
    static Optional<String> defaultDomain(DomainList domainList) throws MessagingException {
        try {
            return Optional.ofNullable(domainList.getDefaultDomain()).map(Domain::asString);
        } catch (DomainListException e) {
            throw new MessagingException("Cannot read James's default domain", e);
        }
    }
}
