package org.bordertransport.james;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.bordertransport.core.mail.HeaderField;

/**
 * Gives a mail a new header and its body as it is, as a new message, instead of editing the header in place.
 *
 * <p>Why: James 3.8.1's {@code MimeMessageWrapper} writes a message whose header was edited in place through
 * {@code saveChanges()}, which parses the whole MIME structure (every part of a multipart) the next time anything
 * writes the message. A message made afresh from the new header lines and the raw body is unmodified: James copies
 * its body as octets. Fields that did not change keep their raw lines (spacing, folding), so signatures over them still
 * verify. (8-bit header octets become {@code ?} all the same: James 3.8.1 writes every header line in US-ASCII.)</p>
 */
public final class HeaderReplacement {
    private static final byte[] CRLF = {'\r', '\n'};

    private HeaderReplacement() {
    }

    /**
     * Replaces the header of the mail's message: {@code before} is the header as {@link MimeHeaders#read} gave it,
     * {@code after} the new one in order. Each field of {@code after} equal to a field of {@code before} (matched in
     * order) is written as its raw line, the others as {@code Name: value}.
     *
     * @return false when the raw lines do not line up with {@code before} (the header changed since it was read):
     *     nothing was done, and the caller edits the header in place instead
     */
    public static boolean replace(Mail mail, List<HeaderField> before, List<HeaderField> after)
        throws MessagingException, IOException {
        MimeMessage message = mail.getMessage();
        List<String> raw = new ArrayList<>(before.size());
        Enumeration<String> lines = message.getAllHeaderLines();
        while (lines.hasMoreElements()) {
            raw.add(lines.nextElement());
        }
        if (raw.size() != before.size()) {
            return false;
        }
        Charset charset = MessageStreams.headerCharset(message);
        ByteArrayOutputStream header = new ByteArrayOutputStream(2048);
        int next = 0;
        for (HeaderField field : after) {
            int same = next;
            while (same < before.size() && !before.get(same).equals(field)) {
                same++;
            }
            String line;
            if (same < before.size()) {
                line = raw.get(same);
                next = same + 1;
            } else {
                line = field.name() + ": " + field.value();
            }
            header.write(line.getBytes(charset));
            header.write(CRLF);
        }
        header.write(CRLF);
        give(mail, message, header.toByteArray());
        return true;
    }

    /**
     * Gives the mail a new message made of its message's header lines as they are now and its raw body: what James
     * would write, without the re-save an in-place header edit (a signature prepended, say) costs at the next write,
     * and without what that re-save adds ({@code Date}, {@code MIME-Version}) after the edit.
     */
    public static void renew(Mail mail) throws MessagingException, IOException {
        MimeMessage message = mail.getMessage();
        Charset charset = MessageStreams.headerCharset(message);
        ByteArrayOutputStream header = new ByteArrayOutputStream(2048);
        Enumeration<String> lines = message.getAllHeaderLines();
        while (lines.hasMoreElements()) {
            header.write(lines.nextElement().getBytes(charset));
            header.write(CRLF);
        }
        header.write(CRLF);
        give(mail, message, header.toByteArray());
    }

    /**
     * Gives the mail a new message of {@code header} (the lines and the empty line) and the message's body: the same
     * body octets, not a copy, when the message was read from a spool of ours ({@link SharedSpoolSource}), else a copy
     * of its raw body.
     */
    private static void give(Mail mail, MimeMessage message, byte[] header) throws MessagingException, IOException {
        Optional<SharedSpoolSource> shared = SharedSpoolSource.bodySourceOf(message);
        if (shared.isPresent()) {
            Optional<SharedSpoolSource> renewed = shared.get().withHeader(header);
            if (renewed.isPresent()) {
                ConvertedMessage.give(mail, renewed.get());
                return;
            }
        }
        try (ConvertedMessage result = ConvertedMessage.create()) {
            OutputStream out = result.output();
            out.write(header);
            try (InputStream body = rawBody(message)) {
                body.transferTo(out);
            }
            result.replaceMessageOf(mail);
        }
    }

    /**
     * The body as octets; empty only for a message that has no content yet (javax.mail's "No MimeMessage content",
     * which has no cause). A body that cannot be read (James wraps the spool's {@code IOException}) is an error: a
     * new message without it would leave without its body.
     */
    private static InputStream rawBody(MimeMessage message) throws MessagingException {
        try {
            return message.getRawInputStream();
        } catch (MessagingException e) {
            if (e.getCause() != null) {
                throw e;
            }
            return InputStream.nullInputStream();
        }
    }
}
