package org.bordertransport.it;

import java.util.List;

/** A mail as a {@link FakeMx} (or an {@code interop.SmtpTap}) received it: the envelope, and the message exactly as sent. */
public final class ReceivedMail extends ParsedMessage {
    private final String envelopeSender;
    private final List<String> envelopeRecipients;

    public ReceivedMail(String envelopeSender, List<String> envelopeRecipients, byte[] data) {
        super(data);
        this.envelopeSender = envelopeSender;
        this.envelopeRecipients = List.copyOf(envelopeRecipients);
    }

    /** {@code MAIL FROM}, empty for the null reverse path {@code <>}. */
    public String envelopeSender() {
        return envelopeSender;
    }

    public List<String> envelopeRecipients() {
        return envelopeRecipients;
    }

    @Override
    public String toString() {
        return "ReceivedMail{from=<" + envelopeSender + ">, to=" + envelopeRecipients + ", " + header("Subject") + "}";
    }
}
