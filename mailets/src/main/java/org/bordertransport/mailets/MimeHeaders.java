package org.bordertransport.mailets;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.mail.Header;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.bordertransport.core.mail.HeaderField;

/** Moves a message's header between javax.mail and the core engines' {@link HeaderField} list. */
final class MimeHeaders {
    private MimeHeaders() {
    }

    /**
     * {@code saveChanges()} without letting javax.mail replace the Message-ID: a plain {@code MimeMessage} writes a
     * new {@code <...JavaMail.user@host>} ID on save, which would undo our work and leak the host name. James's own
     * message classes keep the ID; this keeps it for any class.
     */
    static void saveKeepingMessageId(MimeMessage message) throws MessagingException {
        String[] ids = message.getHeader("Message-ID");
        message.saveChanges();
        String[] after = message.getHeader("Message-ID");
        if (!java.util.Arrays.equals(ids, after)) {
            message.removeHeader("Message-ID");
            if (ids != null) {
                for (String id : ids) {
                    message.addHeader("Message-ID", id);
                }
            }
        }
    }

    static List<HeaderField> read(MimeMessage message) throws MessagingException {
        List<HeaderField> fields = new ArrayList<>();
        Enumeration<Header> headers = message.getAllHeaders();
        while (headers.hasMoreElements()) {
            Header header = headers.nextElement();
            fields.add(new HeaderField(header.getName(), header.getValue() == null ? "" : header.getValue()));
        }
        return fields;
    }

    /**
     * Writes back the fields that changed. Every field of a changed name is rewritten in order; the first keeps
     * its place in the header. Does not call {@code saveChanges()}.
     */
    static void writeChanges(MimeMessage message, List<HeaderField> before, List<HeaderField> after)
        throws MessagingException {
        Map<String, List<String>> changedNames = new LinkedHashMap<>();
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                changedNames.put(after.get(i).name().toLowerCase(java.util.Locale.ROOT), new ArrayList<>());
            }
        }
        if (changedNames.isEmpty()) {
            return;
        }
        Map<String, String> spelling = new LinkedHashMap<>();
        for (HeaderField field : after) {
            String key = field.name().toLowerCase(java.util.Locale.ROOT);
            List<String> values = changedNames.get(key);
            if (values != null) {
                values.add(field.value());
                spelling.putIfAbsent(key, field.name());
            }
        }
        for (Map.Entry<String, List<String>> e : changedNames.entrySet()) {
            String name = spelling.get(e.getKey());
            List<String> values = e.getValue();
            message.setHeader(name, values.get(0));
            for (int i = 1; i < values.size(); i++) {
                message.addHeader(name, values.get(i));
            }
        }
    }
}
