package org.bordertransport.mailets;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.api.RecipientRewriteTableException;
import org.apache.james.rrt.lib.Mapping;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records, before James's {@code RecipientRewriteTable} mailet rewrites them, which local mailbox forwards to which
 * remote address, so that {@link RewriteSenderSrs} can give the forwarded copy the forwarding mailbox's SRS address
 * ({@code john.work+SRS=...@contoso.com}). James 3.8.1 sends the forwarded copy on with the original envelope sender
 * and nothing that names the forwarding mailbox; the copy is a duplicate of this mail, so it carries the attribute
 * set here ({@value #ATTRIBUTE}: lines {@code remote-address TAB forwarding-mailbox}).
 *
 * <p>For every recipient in a domain James hosts, the RecipientRewriteTable's resolved mappings (forwards, aliases,
 * groups, address mappings) that end at an address in a domain James does not host are recorded. Nothing else is
 * changed; a recipient whose mappings cannot be read is skipped (the RecipientRewriteTable mailet reports it).</p>
 *
 * <pre>{@code
 * <mailet match="All" class="org.bordertransport.mailets.RecordForwards"/>
 * <mailet match="All" class="RecipientRewriteTable"/>
 * }</pre>
 */
public class RecordForwards extends GenericMailet {
    /** The mail attribute holding the forwards. */
    public static final String ATTRIBUTE = "org.bordertransport.srs.forwards";
    /** The parameters this mailet accepts: none. */
    public static final Set<String> PARAMETERS = Set.of();
    private static final Logger LOGGER = LoggerFactory.getLogger(RecordForwards.class);

    private final RecipientRewriteTable rrt;

    @Inject
    public RecordForwards(RecipientRewriteTable rrt) {
        this.rrt = rrt;
    }

    @Override
    public void init() throws MessagingException {
        MailetParameters.of(getMailetConfig(), PARAMETERS);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Map<String, String> forwards = new LinkedHashMap<>(parse(mail));
        for (MailAddress recipient : mail.getRecipients()) {
            if (!getMailetContext().isLocalServer(recipient.getDomain())) {
                continue;
            }
            try {
                rrt.getResolvedMappings(recipient.getLocalPart(), recipient.getDomain()).asStream()
                    .map(Mapping::asMailAddress)
                    .flatMap(Optional::stream)
                    .filter(target -> !getMailetContext().isLocalServer(target.getDomain()))
                    .forEach(target -> forwards.putIfAbsent(target.asString().toLowerCase(java.util.Locale.ROOT),
                        recipient.asString()));
            } catch (RecipientRewriteTableException | RecipientRewriteTable.ErrorMappingException e) {
                // the RecipientRewriteTable mailet reports these; a RuntimeException is a bug and goes to the container
                LOGGER.debug("Mail {}: mappings of {} cannot be read: {}", mail.getName(), recipient, e.getMessage());
            }
        }
        if (!forwards.isEmpty()) {
            mail.setAttribute(new Attribute(AttributeName.of(ATTRIBUTE), AttributeValue.of(forwards.entrySet().stream()
                .map(e -> e.getKey() + "\t" + e.getValue()).collect(Collectors.joining("\n")))));
        }
    }

    /** The forwards recorded on a mail: remote address (lower case) to forwarding mailbox. */
    static Map<String, String> parse(Mail mail) {
        Map<String, String> forwards = new LinkedHashMap<>();
        mail.getAttribute(AttributeName.of(ATTRIBUTE)).flatMap(a -> a.getValue().valueAs(String.class))
            .ifPresent(value -> {
                for (String line : value.split("\n")) {
                    int tab = line.indexOf('\t');
                    if (tab > 0) {
                        forwards.putIfAbsent(line.substring(0, tab), line.substring(tab + 1));
                    }
                }
            });
        return forwards;
    }

    @Override
    public String getMailetInfo() {
        return "Records which local mailbox forwards to which remote address (for SRS)";
    }
}
