package org.bordertransport.it;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

/** A raw RFC 5322 message the tests received, with simple access to its header fields. */
public abstract class ParsedMessage {
    private final byte[] data;
    private final MimeMessage message;

    ParsedMessage(byte[] data) {
        this.data = data.clone();
        try {
            this.message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(this.data));
        } catch (MessagingException e) {
            throw new IllegalArgumentException("Unparsable message: " + raw(), e);
        }
    }

    /** The message as received (octets as ISO-8859-1 characters). */
    public String raw() {
        return new String(data, StandardCharsets.ISO_8859_1);
    }

    /** The header block: everything before the first empty line. */
    public String headerBlock() {
        String raw = raw();
        int end = raw.indexOf("\r\n\r\n");
        return end < 0 ? raw : raw.substring(0, end);
    }

    public MimeMessage message() {
        return message;
    }

    /** All values of a header field, unfolded and trimmed. */
    public List<String> headers(String name) {
        try {
            String[] values = message.getHeader(name);
            return values == null ? List.of()
                : Arrays.stream(values).map(v -> v.replaceAll("\r?\n", "").trim()).collect(Collectors.toList());
        } catch (MessagingException e) {
            throw new IllegalStateException("Cannot read header " + name, e);
        }
    }

    /** The single value of a header field, if present; fails when the field appears more than once. */
    public Optional<String> header(String name) {
        List<String> values = headers(name);
        if (values.size() > 1) {
            throw new AssertionError(name + " appears " + values.size() + " times: " + values);
        }
        return values.stream().findFirst();
    }
}
