package org.bordertransport.mailets;

import java.util.Collection;
import java.util.Optional;

import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.PerRecipientHeaders;

/**
 * The forwarding mailbox {@link RecordForwardingMailbox} records on a mail for {@link RewriteSenderSrs}, kept where
 * it survives James 3.8.1's {@code Forward}, {@code Redirect} and {@code Resend}: those copy the mail with
 * {@code MailImpl.duplicate} and then remove every attribute, and in their altered modes ({@code inline} or
 * {@code attachment} other than {@code unaltered}) build a new message that keeps only six header fields; the
 * per-recipient headers of the mail are copied and kept. The record is a per-recipient header ({@value #NAME}) of a
 * recipient that never exists ({@link #HOLDER}, in the reserved {@code .invalid} top-level domain), so James never
 * writes it into a message (its {@code LocalDelivery} writes the per-recipient headers of the recipients it delivers
 * to; {@code RemoteDelivery} writes none) and nothing received by SMTP can set it.
 */
final class ForwardingMailbox {
    /** The name of the per-recipient header holding the forwarding mailbox. */
    static final String NAME = "X-Border-Forwarding-Mailbox";
    /** The recipient the record is filed under: never a recipient of any mail. */
    static final MailAddress HOLDER = holder();

    private ForwardingMailbox() {
    }

    private static MailAddress holder() {
        try {
            return new MailAddress("forwarding-mailbox@border-transport.invalid");
        } catch (AddressException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces any record of the mail by {@code mailbox}. */
    static void record(Mail mail, MailAddress mailbox) {
        clear(mail);
        mail.addSpecificHeaderForRecipient(PerRecipientHeaders.Header.builder().name(NAME).value(mailbox.asString())
            .build(), HOLDER);
    }

    /** Removes the record, if any (through the live view James's own {@code RemoveMimeHeader} also uses). */
    static void clear(Mail mail) {
        mail.getPerRecipientSpecificHeaders().getHeadersForRecipient(HOLDER).removeIf(h -> h.getName().equals(NAME));
    }

    /**
     * The recorded mailbox, if the mail has a record holding an address. (James 3.8.1's memory mail queue copies
     * per-recipient headers twice when it queues a mail, so one record may show up several times, always with the
     * same value: the last one is taken.)
     */
    static Optional<MailAddress> read(Mail mail) {
        Collection<PerRecipientHeaders.Header> headers = mail.getPerRecipientSpecificHeaders()
            .getHeadersForRecipient(HOLDER);
        Optional<MailAddress> found = Optional.empty();
        for (PerRecipientHeaders.Header header : headers) {
            if (header.getName().equals(NAME)) {
                try {
                    found = Optional.of(new MailAddress(header.getValue().trim()));
                } catch (AddressException e) {
                    // only RecordForwardingMailbox writes it, with an address: nothing else to look at
                }
            }
        }
        return found;
    }
}
