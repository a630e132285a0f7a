package org.bordertransport.it;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A message as an IMAP {@code FETCH BODY[]} returned it. */
public final class ImapMessage extends ParsedMessage {
    private static final Pattern LITERAL = Pattern.compile("BODY\\[\\] \\{(\\d+)\\}\r\n");

    private ImapMessage(byte[] data) {
        super(data);
    }

    /** Parses the reply to {@code FETCH n (BODY[])}; the message must be ASCII, as the tests' messages are. */
    public static ImapMessage parse(String fetchReply) {
        Matcher matcher = LITERAL.matcher(fetchReply);
        if (!matcher.find()) {
            throw new IllegalArgumentException("Not a FETCH BODY[] reply: " + fetchReply);
        }
        int start = matcher.end();
        String raw = fetchReply.substring(start, start + Integer.parseInt(matcher.group(1)));
        return new ImapMessage(raw.getBytes(StandardCharsets.ISO_8859_1));
    }
}
