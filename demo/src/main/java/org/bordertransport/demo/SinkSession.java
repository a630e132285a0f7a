package org.bordertransport.demo;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One SMTP connection to the sink (RFC 5321 subset, see {@link SinkSmtpServer}). Not thread-safe. */
final class SinkSession {
    private static final Logger LOGGER = LoggerFactory.getLogger(SinkSession.class);
    private static final int INITIAL_MESSAGE_BUFFER = 16 * 1024;

    private final Socket socket;
    private final SinkSmtpServer.Limits limits;
    private final SinkStore store;
    private final long deadlineNanos;
    private InputStream in;
    private OutputStream out;

    private boolean greeted;
    private String mailFrom;
    private final List<String> rcptTo = new ArrayList<>();
    private int badCommands;

    SinkSession(Socket socket, SinkSmtpServer.Limits limits, SinkStore store) {
        this.socket = socket;
        this.limits = limits;
        this.store = store;
        this.deadlineNanos = System.nanoTime() + limits.maxSessionDuration.toNanos();
    }

    void run() throws IOException {
        in = new BufferedInputStream(socket.getInputStream());
        out = new BufferedOutputStream(socket.getOutputStream());
        reply("220 " + limits.hostname + " ESMTP Border Transport sink ready");
        while (true) {
            Line line = readLine(limits.maxCommandLineBytes);
            if (line == null) {
                return;
            }
            if (System.nanoTime() - deadlineNanos > 0) {
                reply("421 4.4.2 Session too long, closing");
                return;
            }
            if (line.overflow) {
                if (bad("500 5.5.2 Line too long")) {
                    return;
                }
                continue;
            }
            if (!handle(line.text())) {
                return;
            }
        }
    }

    /** Handles one command; false when the session is over. */
    private boolean handle(String command) throws IOException {
        String verb = verb(command);
        String argument = command.length() > verb.length() ? command.substring(verb.length()).trim() : "";
        switch (verb) {
            case "EHLO":
                resetTransaction();
                greeted = true;
                reply("250-" + limits.hostname + " greets " + (argument.isEmpty() ? "you" : argument),
                    "250-8BITMIME",
                    "250-SMTPUTF8",
                    "250-SIZE " + limits.maxMessageBytes,
                    "250 HELP");
                return true;
            case "HELO":
                resetTransaction();
                greeted = true;
                reply("250 " + limits.hostname);
                return true;
            case "MAIL":
                return mail(argument);
            case "RCPT":
                return rcpt(argument);
            case "DATA":
                return data(argument);
            case "RSET":
                resetTransaction();
                reply("250 2.0.0 Ok");
                return true;
            case "NOOP":
                reply("250 2.0.0 Ok");
                return true;
            case "VRFY":
                reply("252 2.1.5 Cannot verify, but will accept");
                return true;
            case "HELP":
                reply("214 2.0.0 EHLO HELO MAIL RCPT DATA RSET NOOP VRFY QUIT");
                return true;
            case "QUIT":
                reply("221 2.0.0 Bye");
                return false;
            case "STARTTLS":
            case "AUTH":
            case "BDAT":
            case "ETRN":
            case "EXPN":
                return !bad("502 5.5.1 " + verb + " not implemented");
            default:
                return !bad("500 5.5.2 Command not recognized");
        }
    }

    private boolean mail(String argument) throws IOException {
        if (!greeted) {
            return !bad("503 5.5.1 Send EHLO or HELO first");
        }
        if (mailFrom != null) {
            return !bad("503 5.5.1 Nested MAIL command");
        }
        Optional<SmtpPath> path = SmtpPath.parse(argument, "FROM:");
        if (path.isEmpty()) {
            return !bad("501 5.5.4 Syntax: MAIL FROM:<address>");
        }
        for (String parameter : path.get().parameters) {
            String name = parameterName(parameter);
            if (name.equals("SIZE")) {
                Optional<Long> size = parseSize(parameter);
                if (size.isEmpty()) {
                    return !bad("501 5.5.4 Bad SIZE parameter");
                }
                if (size.get() > limits.maxMessageBytes) {
                    reply("552 5.3.4 Message size exceeds fixed limit of " + limits.maxMessageBytes + " bytes");
                    return true;
                }
            } else if (!List.of("BODY", "SMTPUTF8", "AUTH", "RET", "ENVID").contains(name)) {
                return !bad("555 5.5.4 Unsupported MAIL parameter " + name);
            }
        }
        mailFrom = path.get().address;
        reply("250 2.1.0 Sender ok");
        return true;
    }

    private boolean rcpt(String argument) throws IOException {
        if (mailFrom == null) {
            return !bad("503 5.5.1 Need MAIL before RCPT");
        }
        Optional<SmtpPath> path = SmtpPath.parse(argument, "TO:");
        if (path.isEmpty() || path.get().address.isEmpty()) {
            return !bad("501 5.5.4 Syntax: RCPT TO:<address>");
        }
        for (String parameter : path.get().parameters) {
            String name = parameterName(parameter);
            if (!name.equals("NOTIFY") && !name.equals("ORCPT")) {
                return !bad("555 5.5.4 Unsupported RCPT parameter " + name);
            }
        }
        if (rcptTo.size() >= limits.maxRecipients) {
            reply("452 4.5.3 Too many recipients");
            return true;
        }
        rcptTo.add(path.get().address);
        reply("250 2.1.5 Recipient ok");
        return true;
    }

    private boolean data(String argument) throws IOException {
        if (!argument.isEmpty()) {
            return !bad("501 5.5.4 DATA takes no argument");
        }
        if (mailFrom == null) {
            return !bad("503 5.5.1 Need MAIL before DATA");
        }
        if (rcptTo.isEmpty()) {
            return !bad("554 5.5.1 No valid recipients");
        }
        reply("354 End data with <CR><LF>.<CR><LF>");
        MessageBuffer message = new MessageBuffer(limits.maxMessageBytes);
        while (true) {
            Line line = readLine(limits.maxMessageBytes + 2);
            if (line == null) {
                LOGGER.info("SMTP sink: connection closed in the middle of DATA; message dropped");
                return false;
            }
            if (line.isEndOfData()) {
                break;
            }
            if (line.overflow) {
                message.overflow();
            } else {
                int skip = line.length > 0 && line.bytes[0] == '.' ? 1 : 0;
                message.append(line.bytes, skip, line.length - skip);
            }
        }
        if (message.overflowed) {
            resetTransaction();
            reply("552 5.3.4 Message size exceeds fixed limit of " + limits.maxMessageBytes + " bytes");
            return true;
        }
        StoredMessage stored = store.store(mailFrom, rcptTo, message.bytes, message.length);
        LOGGER.info("SMTP sink stored {} ({} bytes, {} recipient(s))", stored.emlFile().getFileName(),
            stored.size(), stored.rcptTo().size());
        LOGGER.debug("SMTP sink {} envelope: from <{}> to {}", stored.number(), stored.mailFrom(), stored.rcptTo());
        resetTransaction();
        reply("250 2.0.0 Ok: queued as " + String.format(Locale.ROOT, "%04d", stored.number()));
        return true;
    }

    private void resetTransaction() {
        mailFrom = null;
        rcptTo.clear();
    }

    /** Replies with an error; true when the client has made too many and the session must end. */
    private boolean bad(String response) throws IOException {
        badCommands++;
        if (badCommands >= limits.maxBadCommands) {
            reply("421 4.7.0 Too many errors, closing");
            return true;
        }
        reply(response);
        return false;
    }

    private void reply(String... lines) throws IOException {
        for (String line : lines) {
            out.write(line.getBytes(StandardCharsets.UTF_8));
            out.write('\r');
            out.write('\n');
        }
        out.flush();
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String verb(String command) {
        int end = 0;
        while (end < command.length() && command.charAt(end) != ' ') {
            end++;
        }
        return command.substring(0, end).toUpperCase(Locale.ROOT);
    }

    private static String parameterName(String parameter) {
        int eq = parameter.indexOf('=');
        return (eq < 0 ? parameter : parameter.substring(0, eq)).toUpperCase(Locale.ROOT);
    }

    private static Optional<Long> parseSize(String parameter) {
        int eq = parameter.indexOf('=');
        String digits = eq < 0 ? "" : parameter.substring(eq + 1);
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(digits));
    }

    /**
     * Reads one line up to and including its LF. A line longer than {@code limit} is consumed to its end but
     * returned with {@code overflow} set and its bytes dropped. Null at end of stream.
     */
    private Line readLine(long limit) throws IOException {
        byte[] buffer = new byte[256];
        int length = 0;
        boolean overflow = false;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (!overflow) {
                if (length == buffer.length) {
                    if (length >= limit) {
                        overflow = true;
                        buffer = new byte[0];
                        length = 0;
                    } else {
                        buffer = Arrays.copyOf(buffer, (int) Math.min(limit, (long) buffer.length * 2));
                    }
                }
                if (!overflow) {
                    buffer[length++] = (byte) b;
                }
            }
            if (b == '\n') {
                return new Line(buffer, length, overflow);
            }
        }
    }

    /** A received line, terminator included. */
    private static final class Line {
        final byte[] bytes;
        final int length;
        final boolean overflow;

        Line(byte[] bytes, int length, boolean overflow) {
            this.bytes = bytes;
            this.length = length;
            this.overflow = overflow;
        }

        /** The command text without its CRLF (or bare LF). */
        String text() {
            int end = length;
            if (end > 0 && bytes[end - 1] == '\n') {
                end--;
            }
            if (end > 0 && bytes[end - 1] == '\r') {
                end--;
            }
            return new String(bytes, 0, end, StandardCharsets.UTF_8);
        }

        boolean isEndOfData() {
            return !overflow && ((length == 3 && bytes[0] == '.' && bytes[1] == '\r' && bytes[2] == '\n')
                || (length == 2 && bytes[0] == '.' && bytes[1] == '\n'));
        }
    }

    /** The message being received, capped at the size limit. */
    private static final class MessageBuffer {
        private final long max;
        byte[] bytes = new byte[INITIAL_MESSAGE_BUFFER];
        int length;
        boolean overflowed;

        MessageBuffer(long max) {
            this.max = max;
        }

        void append(byte[] data, int offset, int count) {
            if (overflowed) {
                return;
            }
            if ((long) length + count > max) {
                overflow();
                return;
            }
            if (length + count > bytes.length) {
                long grown = Math.max((long) length + count, Math.min(max, (long) bytes.length * 2));
                bytes = Arrays.copyOf(bytes, (int) Math.min(grown, Integer.MAX_VALUE - 8));
            }
            System.arraycopy(data, offset, bytes, length, count);
            length += count;
        }

        void overflow() {
            overflowed = true;
            bytes = new byte[0];
            length = 0;
        }
    }

    /** A MAIL FROM / RCPT TO argument: the address between angle brackets and the ESMTP parameters after it. */
    private static final class SmtpPath {
        final String address;
        final List<String> parameters;

        private SmtpPath(String address, List<String> parameters) {
            this.address = address;
            this.parameters = parameters;
        }

        static Optional<SmtpPath> parse(String argument, String keyword) {
            if (!argument.regionMatches(true, 0, keyword, 0, keyword.length())) {
                return Optional.empty();
            }
            String rest = argument.substring(keyword.length()).stripLeading();
            if (!rest.startsWith("<")) {
                return Optional.empty();
            }
            int close = closingBracket(rest);
            if (close < 0) {
                return Optional.empty();
            }
            String address = rest.substring(1, close);
            // a source route (@a,@b:user@c) is allowed by RFC 5321 and must be ignored
            if (address.startsWith("@")) {
                int colon = address.indexOf(':');
                if (colon < 0) {
                    return Optional.empty();
                }
                address = address.substring(colon + 1);
            }
            String tail = rest.substring(close + 1).trim();
            List<String> parameters = tail.isEmpty() ? List.of() : List.of(tail.split("\\s+"));
            return Optional.of(new SmtpPath(address, parameters));
        }

        /** The '>' that closes the path, skipping quoted strings and escapes in the local part. */
        private static int closingBracket(String text) {
            boolean quoted = false;
            for (int i = 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\' && quoted) {
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (c == '>' && !quoted) {
                    return i;
                }
            }
            return -1;
        }
    }
}
