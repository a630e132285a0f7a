package org.bordertransport.james;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.Mail;

/**
 * The one spool of the adapters for a message a mailet writes (a converted message): James's own
 * {@link MimeMessageInputStreamSource} (in memory up to James's threshold, beyond it in a temporary file), written
 * once through {@link #output()}, then made the mail's message ({@link #replaceMessageOf(Mail)}) or dropped.
 * Cleanup is explicit: {@link #close()} disposes the spool (deletes its temporary file) unless a mail took it over:
 * James's {@code MailImpl} takes it as its message content without a copy ({@code setMessageContent}: the spool is
 * James's own {@code MimeMessageSource}) and disposes it with the mail; another mail (a test double) gets an in-memory
 * copy instead. No garbage-collector cleanup.
 *
 * <pre>{@code
 * try (ConvertedMessage converted = ConvertedMessage.create()) {
 *     converter.convert(original, converted.output());
 *     converted.replaceMessageOf(mail);
 * }
 * }</pre>
 */
public final class ConvertedMessage implements AutoCloseable {
    /** Source IDs unique in this JVM and across its restarts, without a SecureRandom call per message. */
    private static final String ID_PREFIX = "border-" + UUID.randomUUID() + "-";
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private MimeMessageInputStreamSource source;
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
                private OutputStream target;

                private OutputStream target() {
                    if (target == null) {
                        target = spool().getWritableOutputStream();
                    }
                    return target;
                }

                @Override
                public void write(int b) throws IOException {
                    target().write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (len > 0) {
                        target().write(b, off, len);
                    }
                }

                @Override
                public void flush() throws IOException {
                    if (target != null) {
                        target.flush();
                    }
                }

                @Override
                public void close() throws IOException {
                    if (target != null) {
                        target.close();
                    }
                }
            };
        }
        return output;
    }

    /** The spool, made (empty) if nothing was written yet. */
    private MimeMessageInputStreamSource spool() {
        if (source == null) {
            source = MimeMessageInputStreamSource.create(ID_PREFIX + SEQUENCE.incrementAndGet());
        }
        return source;
    }

    /** What was written, to read (the output is closed: nothing may be written afterwards). The caller closes it. */
    public InputStream input() throws IOException {
        finishOutput();
        return source.getInputStream();
    }

    /** Closes what was written; when nothing was, makes an empty spool. */
    private void finishOutput() throws IOException {
        boolean nothingWritten = source == null;
        output().close();
        if (nothingWritten) {
            spool().getWritableOutputStream().close();
        }
    }

    /** Makes what was written the mail's message; nothing may be written or read afterwards. */
    public void replaceMessageOf(Mail mail) throws MessagingException, IOException {
        finishOutput();
        if (mail instanceof MailImpl) {
            // James's mail takes the spool itself as its content (setMessage would copy it into a new one first) and
            // disposes it with its message: from here on it is the mail's, not ours
            ((MailImpl) mail).setMessageContent(source);
            source = null;
            return;
        }
        MimeMessageWrapper message = new MimeMessageWrapper(source);
        mail.setMessage(message);
        if (mail.getMessage() == message) {
            // this mail keeps what it is given: give it a copy that does not live in the spool
            mail.setMessage(new MimeMessage(message));
        }
    }

    /** Disposes the spool: deletes its temporary file. */
    @Override
    public void close() {
        try {
            if (output != null) {
                output.close();
            }
        } catch (IOException e) {
            // the spool is disposed below whatever its stream says
        }
        if (source != null) {
            LifecycleUtil.dispose(source);
        }
    }
}
