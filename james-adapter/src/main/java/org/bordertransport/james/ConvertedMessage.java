package org.bordertransport.james;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.Mail;
import org.bordertransport.core.io.Spool;

/**
 * The one spool of the adapters for a message a mailet writes (a converted message): a {@link Spool} (in memory up to
 * 1 MiB, beyond it in a temporary file), written once through {@link #output()}, then made the mail's message
 * ({@link #replaceMessageOf(Mail)}) as a {@link SharedSpoolSource}, or dropped.
 * Cleanup is explicit: {@link #close()} deletes the spool unless a mail took it over: James's {@code MailImpl} takes
 * the source as its message content without a copy ({@code setMessageContent}) and disposes it with the mail; another
 * mail (a test double) gets an in-memory copy instead.
 *
 * <pre>{@code
 * try (ConvertedMessage converted = ConvertedMessage.create()) {
 *     converter.convert(original, converted.output());
 *     converted.replaceMessageOf(mail);
 * }
 * }</pre>
 */
public final class ConvertedMessage implements AutoCloseable {
    private Spool spool;
    private OutputStream output;

    private ConvertedMessage() {
    }

    /** A spool made when something is first written to it: a mailet that ends up writing nothing pays nothing. */
    public static ConvertedMessage create() {
        return new ConvertedMessage();
    }

    /** Where the message is written, once. The spool is made at the first octet written to it. */
    public OutputStream output() {
        if (output == null) {
            output = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    spool().write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (len > 0) {
                        spool().write(b, off, len);
                    }
                }
            };
        }
        return output;
    }

    /** The spool, made (empty) if nothing was written yet. */
    private Spool spool() {
        if (spool == null) {
            spool = SharedSpoolSource.newSpool();
        }
        return spool;
    }

    /** What was written, to read (nothing may be written afterwards). The caller closes it. */
    public InputStream input() throws IOException {
        spool().finish();
        return spool.open();
    }

    /** Makes what was written the mail's message; nothing may be written or read afterwards. */
    public void replaceMessageOf(Mail mail) throws MessagingException, IOException {
        spool().finish();
        SharedSpoolSource source = SharedSpoolSource.of(spool);
        spool = null; // from here on the source's: disposing it deletes the spool
        give(mail, source);
    }

    /**
     * Makes {@code source} the mail's message. James's mail takes the source itself as its content and disposes it
     * with its message (setMessage would copy it into a new store first); another mail gets a copy in memory, and
     * the source is disposed here.
     */
    static void give(Mail mail, SharedSpoolSource source) throws MessagingException {
        if (mail instanceof MailImpl) {
            ((MailImpl) mail).setMessageContent(source);
            return;
        }
        try {
            MimeMessageWrapper message = new MimeMessageWrapper(source);
            mail.setMessage(message);
            if (mail.getMessage() == message) {
                // this mail keeps what it is given: give it a copy that does not live in the spool
                mail.setMessage(new MimeMessage(message));
            }
        } finally {
            source.dispose();
        }
    }

    /** Deletes the spool, unless a mail took it. */
    @Override
    public void close() {
        if (spool != null) {
            try {
                spool.close();
            } catch (IOException e) {
                // a temporary file that cannot be deleted: nothing reads it any more
            }
            spool = null;
        }
    }
}
