package org.bordertransport.james;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.mail.Header;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.bordertransport.core.mail.HeaderField;

/** The one header access of the adapters: moves a message's header between javax.mail and the core engines' {@link HeaderField} list. */
public final class MimeHeaders {
    private MimeHeaders() {
    }

    public static List<HeaderField> read(MimeMessage message) throws MessagingException {
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
     * its place in the header.
     *
     * <p>Deliberately no {@code saveChanges()}: header edits need none (James writes modified headers with the
     * original body), and on a plain javax.mail message it would add a {@code Date} and replace the Message-ID with
     * a {@code <...JavaMail.user@host>} one, leaking the host name these mailets exist to hide.</p>
     */
    public static void writeChanges(MimeMessage message, List<HeaderField> before, List<HeaderField> after)
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
