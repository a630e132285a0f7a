package org.bordertransport.mailets;

import java.io.IOException;
import java.util.Set;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.bordertransport.james.HeaderReplacement;

/**
 * Removes {@link RecordDeliveryMailbox}'s bookkeeping header {@value RecordDeliveryMailbox#HEADER}: after
 * {@code Sieve}, so that a mailbox never stores it, and in {@code root} from mail that SMTP brought in with it (forged).
 *
 * <p>Unlike James's {@code RemoveMimeHeader}, it does not re-save the message: that re-save parses every part of a
 * multipart, and a MIME structure javax.mail cannot parse (a boundary never used, say) made it throw, which sent the
 * mail to the {@code error} processor instead of its mailbox. The mail gets a new message instead: its header lines
 * without the field and its body as octets ({@link HeaderReplacement#renew}). A mail without the header is left as it
 * is.</p>
 *
 * <pre>{@code
 * <processor state="local-delivery">
 *   <mailet match="All" class="org.bordertransport.mailets.RecordDeliveryMailbox"/>
 *   <mailet match="All" class="Sieve"/>
 *   <mailet match="HasHeader=X-Border-Delivered-To" class="org.bordertransport.mailets.RemoveDeliveryMailbox"/>
 *   <mailet match="All" class="LocalDelivery"/>
 * }</pre>
 */
public class RemoveDeliveryMailbox extends GenericMailet {
    /** The parameters this mailet accepts: none. */
    public static final Set<String> PARAMETERS = Set.of();

    @Override
    public void init() throws MessagingException {
        MailetParameters.of(getMailetConfig(), PARAMETERS);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        removeFrom(mail);
    }

    /**
     * Removes the field from the mail's message, if it has one, through a new message (HeaderReplacement.renew):
     * James re-saves a message whose header was edited in place when it is next copied, a full MIME parse that throws
     * on a broken multipart and would send the mail to the error processor instead of its destination.
     */
    static void removeFrom(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        if (message.getHeader(RecordDeliveryMailbox.HEADER) == null) {
            return;
        }
        message.removeHeader(RecordDeliveryMailbox.HEADER);
        try {
            HeaderReplacement.renew(mail);
        } catch (IOException e) {
            throw new MessagingException("Mail " + mail.getName() + ": cannot write its message without "
                + RecordDeliveryMailbox.HEADER, e);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Removes the Sieve-redirect bookkeeping header without re-saving the message";
    }
}
