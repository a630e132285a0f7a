package org.bordertransport.cli.ndr;

import java.util.ArrayList;
import java.util.List;

import org.bordertransport.core.mail.HeaderField;
import org.bordertransport.core.mail.HeaderText;

/** The addresses of {@code To} fields: {@code Name <a@b>}, {@code a@b (comment)}, groups, comma separated. */
final class Recipients {
    /** At most this many addresses are taken from the header. */
    static final int MAX_ADDRESSES = 1000;

    private Recipients() {
    }

    static List<String> of(List<HeaderField> header) {
        List<String> out = new ArrayList<>();
        for (HeaderField field : header) {
            if (field.hasName("To")) {
                for (String item : split(HeaderText.unfold(field.value()))) {
                    String address = address(item);
                    if (!address.isEmpty() && out.size() < MAX_ADDRESSES) {
                        out.add(address);
                    }
                }
            }
        }
        return out;
    }

    /** Splits at commas (and group colons/semicolons) outside quotes, comments and angle brackets. */
    static List<String> split(String value) {
        List<String> items = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean angle = false;
        int comment = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && (quoted || comment > 0) && i + 1 < value.length()) {
                current.append(c).append(value.charAt(++i));
                continue;
            }
            if (comment > 0) {
                comment += c == '(' ? 1 : c == ')' ? -1 : 0;
                current.append(c);
            } else if (c == '"') {
                quoted = !quoted;
                current.append(c);
            } else if (quoted) {
                current.append(c);
            } else if (c == '(') {
                comment = 1;
                current.append(c);
            } else if (c == '<') {
                angle = true;
                current.append(c);
            } else if (c == '>') {
                angle = false;
                current.append(c);
            } else if (!angle && (c == ',' || c == ';')) {
                items.add(current.toString());
                current.setLength(0);
            } else if (!angle && c == ':') {
                current.setLength(0); // a group's display name
            } else {
                current.append(c);
            }
        }
        items.add(current.toString());
        return items;
    }

    /** The address of one mailbox: inside the angle brackets, or the text without comments. */
    static String address(String mailbox) {
        int open = mailbox.lastIndexOf('<');
        int close = mailbox.lastIndexOf('>');
        if (open >= 0 && close > open) {
            return mailbox.substring(open + 1, close).trim();
        }
        StringBuilder out = new StringBuilder();
        int comment = 0;
        boolean quoted = false;
        for (int i = 0; i < mailbox.length(); i++) {
            char c = mailbox.charAt(i);
            if (comment == 0 && c == '"') {
                quoted = !quoted;
            }
            if (!quoted && c == '(') {
                comment++;
            } else if (!quoted && c == ')' && comment > 0) {
                comment--;
            } else if (comment == 0) {
                out.append(c);
            }
        }
        return out.toString().trim();
    }
}
