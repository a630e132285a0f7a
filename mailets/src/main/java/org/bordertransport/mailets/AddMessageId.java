package org.bordertransport.mailets;

import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.domainlist.api.DomainList;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.bordertransport.core.auth.DkimSignatures;
import org.bordertransport.core.messageid.MessageIdGenerator;
import org.bordertransport.core.messageid.MessageIdSyntax;
import org.bordertransport.james.InitParameters;
import org.bordertransport.james.JamesDefaultDomain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds a unique {@code Message-ID} to mail that has none (Outlook over SMTP, some relays), so that recipients can
 * thread it and two messages never share one ID.
 *
 * <p>The ID is {@code <LEFT@domain>}: the left part is 128 bits unique across threads and nodes
 * (see {@link MessageIdGenerator}); the domain is the {@code domain} parameter or James's default domain, never
 * the host name.</p>
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>values</th><th>default</th></tr>
 *   <tr><td>domain</td><td>a fully qualified domain name</td><td>James's default domain</td></tr>
 *   <tr><td>onMalformed</td><td>replace | keep</td><td>replace</td></tr>
 *   <tr><td>thirdPartyDkim</td><td>preserve | ignore: whether a {@code Message-ID} a third-party DKIM signature
 *       covers is left as it is (or as absent)</td><td>preserve</td></tr>
 * </table>
 *
 * <p>A malformed ID (no angle brackets, no {@code @}, control characters, longer than a header line, several
 * {@code Message-ID} fields) is replaced by a new one with {@code onMalformed=replace}, or left alone with
 * {@code keep}; either way it is logged and counted ({@code border.messageid.malformed}).</p>
 *
 * <p>With {@code thirdPartyDkim=preserve} (the default) a message whose DKIM signature covers {@code Message-ID}
 * ({@code h=} names it, even when the message has none: adding one would break the signature) keeps its header as it
 * is: logged and counted ({@code border.dkim.kept}).</p>
 *
 * <pre>{@code
 * <mailet match="org.bordertransport.matchers.HasNoMessageId=includeMalformed"
 *         class="org.bordertransport.mailets.AddMessageId">
 *   <domain>example.com</domain>
 *   <onMalformed>replace</onMalformed>
 * </mailet>
 * }</pre>
 */
public class AddMessageId extends GenericMailet {
    public static final String DOMAIN = "domain";
    public static final String ON_MALFORMED = "onMalformed";
    /** The parameters this mailet accepts. */
    public static final Set<String> PARAMETERS = Set.of(DOMAIN, ON_MALFORMED, ThirdPartyDkim.PARAMETER);
    private static final Logger LOGGER = LoggerFactory.getLogger(AddMessageId.class);

    /** Immutable configuration read in {@link #init()}. */
    private static final class Config {
        final MessageIdGenerator generator;
        final boolean replaceMalformed;

        Config(MessageIdGenerator generator, boolean replaceMalformed) {
            this.generator = generator;
            this.replaceMalformed = replaceMalformed;
        }
    }

    private final JamesDefaultDomain defaultDomain;
    private final Metric added;
    private final Metric malformed;
    private final ThirdPartyDkim dkim;
    private Config config;

    @Inject
    public AddMessageId(DomainList domainList, MetricFactory metricFactory) {
        this(JamesDefaultDomain.of(domainList), metricFactory);
    }

    AddMessageId(JamesDefaultDomain defaultDomain, MetricFactory metricFactory) {
        this.defaultDomain = defaultDomain;
        this.added = metricFactory.generate("border.messageid.added");
        this.malformed = metricFactory.generate("border.messageid.malformed");
        this.dkim = new ThirdPartyDkim(null, metricFactory);
    }

    @Override
    public void init() throws MessagingException {
        InitParameters parameters = MailetParameters.of(getMailetConfig(), PARAMETERS);
        String onMalformed = parameters.oneOf(ON_MALFORMED, "replace", "replace", "keep");
        dkim.configure(parameters);
        Optional<String> given = parameters.string(DOMAIN);
        String domain = given.isPresent() ? given.get() : jamesDefaultDomain(parameters)
            .orElseThrow(() -> parameters.failure("Missing parameter '" + DOMAIN
                + "': James has no default domain; give a fully qualified domain name", null));
        MessageIdGenerator generator = parameters.parse(DOMAIN, domain,
            "a fully qualified domain name such as example.com", MessageIdGenerator::forDomain);
        config = new Config(generator, onMalformed.equals("replace"));
        LOGGER.info("{}: new Message-IDs on {}, malformed ones {}", getMailetName(), config.generator.domain(),
            config.replaceMalformed ? "replaced" : "kept");
    }

    private Optional<String> jamesDefaultDomain(InitParameters parameters) throws MessagingException {
        try {
            return defaultDomain.get();
        } catch (MessagingException e) {
            throw parameters.failure("Missing parameter '" + DOMAIN + "' and James's default domain cannot be read: "
                + e.getMessage(), e);
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        MessageIdSyntax.Status status = MessageIdSyntax.check(message.getHeader("Message-ID"));
        if (status == MessageIdSyntax.Status.VALID) {
            return;
        }
        if (status.isMalformed()) {
            malformed.increment();
            if (!config.replaceMalformed) {
                LOGGER.info("Mail {} has a malformed Message-ID ({}); kept as configured", mail.getName(), status);
                return;
            }
        }
        if (dkim.preserve()) {
            DkimSignatures signatures = ThirdPartyDkim.signaturesOf(message);
            if (signatures.covers("Message-ID")) {
                dkim.kept();
                LOGGER.info("Mail {}: Message-ID {} left as it is: its {} covers it", mail.getName(),
                    status.isMalformed() ? "malformed (" + status + ")" : "missing", signatures);
                return;
            }
        }
        String id = config.generator.next();
        message.setHeader("Message-ID", id);
        added.increment();
        if (status.isMalformed()) {
            LOGGER.info("Mail {} had a malformed Message-ID ({}); replaced by {}", mail.getName(), status, id);
        } else {
            LOGGER.debug("Mail {} had no Message-ID; added {}", mail.getName(), id);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Adds a unique Message-ID where none is present";
    }
}
