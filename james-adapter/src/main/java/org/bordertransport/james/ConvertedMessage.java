package org.bordertransport.james;

import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;

import javax.mail.MessagingException;

import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.Mail;

/**
 * The one spool of the adapters for a message a mailet writes (a converted message): James's own
 * {@link MimeMessageInputStreamSource} (in memory up to James's threshold, beyond it in a temporary file), written
 * once through {@link #output()}, then either made the mail's message ({@link #replaceMessageOf(Mail)}) or dropped.
 * Cleanup is explicit: {@link #close()} disposes the spool unless the mail kept this very message (a mail that
 * copies what it is given, as James's {@code MailImpl} does, leaves the spool to us); a mail that keeps it disposes it
 * with itself. No garbage-collector cleanup.
 *
 * <pre>{@code
 * try (ConvertedMessage converted = ConvertedMessage.create()) {
 *     converter.convert(original, converted.output());
 *     converted.replaceMessageOf(mail);
 * }
 * }</pre>
 */
public final class ConvertedMessage implements AutoCloseable {
    private final MimeMessageInputStreamSource source;
    private OutputStream output;
    private boolean handedOver;

    private ConvertedMessage(MimeMessageInputStreamSource source) {
        this.source = source;
    }

    public static ConvertedMessage create() {
        return new ConvertedMessage(MimeMessageInputStreamSource.create("border-" + UUID.randomUUID()));
    }

    /** Where the message is written, once. */
    public OutputStream output() {
        if (output == null) {
            output = source.getWritableOutputStream();
        }
        return output;
    }

    /** Makes what was written the mail's message; nothing may be written afterwards. */
    public void replaceMessageOf(Mail mail) throws MessagingException, IOException {
        output().close();
        MimeMessageWrapper message = new MimeMessageWrapper(source);
        mail.setMessage(message);
        handedOver = mail.getMessage() == message;
    }

    /** Disposes the spool (deletes its temporary file) unless the mail holds it as its message. */
    @Override
    public void close() {
        if (handedOver) {
            return;
        }
        try {
            if (output != null) {
                output.close();
            }
        } catch (IOException e) {
            // the spool is disposed below whatever its stream says
        }
        LifecycleUtil.dispose(source);
    }
}
