package org.bordertransport.james;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.server.core.MimeMessageWrapper;

/** A message as it would be written, streamed from its header lines and raw body without copying the body. */
public final class MessageStreams {
    private MessageStreams() {
    }

    public static InputStream of(MimeMessage message) throws MessagingException {
        if (isStoredAsIs(message)) {
            // the octets James stored (at most one header parse, when the header was read and the body not): what
            // the general path below gives for such a message, without parsing the header again at every read
            return ((MimeMessageWrapper) message).getMessageInputStream();
        }
        StringBuilder header = new StringBuilder(2048);
        Enumeration<String> lines = message.getAllHeaderLines();
        while (lines.hasMoreElements()) {
            header.append(lines.nextElement()).append("\r\n");
        }
        header.append("\r\n");
        InputStream body;
        try {
            body = message.getRawInputStream();
        } catch (MessagingException e) {
            body = InputStream.nullInputStream(); // a message without content yet
        }
        return new SequenceInputStream(new ByteArrayInputStream(header.toString().getBytes(headerCharset(message))),
            body);
    }

    /**
     * Writes the message as {@link MimeMessage#writeTo} does, from James's stored octets when the message is unmodified
     * (then without the header parse and re-serialisation {@code writeTo} costs). The stream is not closed.
     */
    public static void writeTo(MimeMessage message, OutputStream out) throws MessagingException, IOException {
        if (isStoredAsIs(message)) {
            try (InputStream in = ((MimeMessageWrapper) message).getMessageInputStream()) {
                in.transferTo(out);
            }
        } else {
            message.writeTo(out);
        }
    }

    /**
     * The size of the message as James stored it, for sizing a buffer (a hint, never a limit): 0 when James does not
     * hold it ready. James computes the size of an edited message by parsing its stored header again (or writing it
     * whole), more than the hint saves, so it is not asked for one.
     */
    public static long sizeHint(MimeMessage message) {
        if (!isStoredAsIs(message)) {
            return 0;
        }
        try {
            return Math.max(0, ((MimeMessageWrapper) message).getMessageSize());
        } catch (MessagingException | RuntimeException e) {
            return 0;
        }
    }

    /** A James message whose header and body are as James stored them (nothing edited since it was read). */
    private static boolean isStoredAsIs(MimeMessage message) {
        return message instanceof MimeMessageWrapper && !((MimeMessageWrapper) message).isModified();
    }

    /**
     * Does to a message what reading it through {@link #of} does, without reading it. James 3.8.1's
     * {@code MimeMessageWrapper} whose header was marked modified (its {@code RemoveMimeHeader}, which James requires in
     * {@code transport}, marks every message, Bcc or not) is re-saved at its next write: a full MIME parse, a
     * {@code Date} added where there is none, {@code MIME-Version} moved, a bounce's report no longer intact. Loading
     * it from its source, as the first read does, marks it saved and keeps its header as it is. A reader that decides
     * not to read calls this, so that what leaves is the same either way. Costs a header parse.
     */
    public static void settle(MimeMessage message) throws MessagingException {
        if (message instanceof MimeMessageWrapper && ((MimeMessageWrapper) message).isModified()) {
            ((MimeMessageWrapper) message).loadMessage();
        }
    }

    /**
     * The charset javax.mail read the header lines in, so that 8-bit octets are written back as they came: UTF-8
     * with {@code mail.mime.allowutf8}, else one octet a character (ISO-8859-1).
     */
    public static Charset headerCharset(MimeMessage message) {
        Session session = message.getSession();
        String allowUtf8 = session == null ? null : session.getProperty("mail.mime.allowutf8");
        if (allowUtf8 == null) {
            allowUtf8 = System.getProperty("mail.mime.allowutf8");
        }
        return Boolean.parseBoolean(allowUtf8) ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
    }
}
