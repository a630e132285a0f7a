package org.bordertransport.mailets;

import java.util.Set;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.bordertransport.core.firewall.HeaderFirewall;

/**
 * Names the mailbox a mail is being delivered to in the header {@value #HEADER}, before {@code Sieve} runs, so that a
 * copy a Sieve {@code redirect} sends out (James 3.8.1 builds it from the same message, without attributes) can get
 * that mailbox's SRS address from {@link RewriteSenderSrs}. James's own {@code AddDeliveredToHeader} adds its header
 * only when the mail is stored, so the redirect does not see it.
 *
 * <p>The header never reaches a mailbox or a remote MX: the shipped configuration removes it after {@code Sieve}
 * (James's {@code RemoveMimeHeader}, before {@code LocalDelivery}) and {@link RemoveInternalHeaders} removes it from
 * every outbound mail, after {@link RewriteSenderSrs} has read it.</p>
 *
 * <p>Only a mail with one recipient can name its mailbox; for others the header is removed (a sender could otherwise
 * forge it), and a redirect of theirs leaves with the relay form {@code bounces+SRS=...}.</p>
 *
 * <pre>{@code
 * <processor state="local-delivery">
 *   <mailet match="All" class="org.bordertransport.mailets.RecordDeliveryMailbox"/>
 *   <mailet match="All" class="Sieve"/>
 * }</pre>
 */
public class RecordDeliveryMailbox extends GenericMailet {
    /** The header naming the mailbox being delivered to. */
    public static final String HEADER = HeaderFirewall.DELIVERY_MAILBOX_HEADER;
    /** The parameters this mailet accepts: none. */
    public static final Set<String> PARAMETERS = Set.of();

    @Override
    public void init() throws MessagingException {
        MailetParameters.of(getMailetConfig(), PARAMETERS);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        boolean present = message.getHeader(HEADER) != null;
        // edited in place: mail.setMessage would make James copy the message, re-saving it (a full MIME parse that
        // throws on a broken multipart and would send the mail to the error processor instead of its mailbox)
        if (mail.getRecipients().size() == 1) {
            message.setHeader(HEADER, mail.getRecipients().iterator().next().asString());
        } else if (present) {
            message.removeHeader(HEADER);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Names the mailbox being delivered to, for SRS on Sieve redirects";
    }
}
