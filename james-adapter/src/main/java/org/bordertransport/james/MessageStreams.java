package org.bordertransport.james;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

/** A message as it would be written, streamed from its header lines and raw body without copying the body. */
public final class MessageStreams {
    private MessageStreams() {
    }

    public static InputStream of(MimeMessage message) throws MessagingException {
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
        return new SequenceInputStream(new ByteArrayInputStream(header.toString().getBytes(StandardCharsets.UTF_8)),
            body);
    }
}
