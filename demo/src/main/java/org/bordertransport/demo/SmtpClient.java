package org.bordertransport.demo;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Sends one message over plain SMTP exactly as given (only dot-stuffed): no header is added, so a message without
 * {@code Message-ID} arrives without one. Used by the process tests, inside the Docker test container (it is Java
 * 11 bytecode, like the image's JRE) and by {@link org.bordertransport.demo.cli.SendMail}.
 */
public final class SmtpClient {
    private static final int MAX_REPLY_LINE = 4096;

    private final String host;
    private final int port;
    private final Duration timeout;
    private final String heloName;
    private final String user;
    private final String password;

    public SmtpClient(String host, int port, Duration timeout) {
        this(host, port, timeout, "client.border.invalid", null, null);
    }

    private SmtpClient(String host, int port, Duration timeout, String heloName, String user, String password) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.heloName = Objects.requireNonNull(heloName, "heloName");
        this.user = user;
        this.password = password;
    }

    /** The same client, authenticating with AUTH PLAIN after EHLO (no TLS: for local test servers only). */
    public SmtpClient withPlainAuth(String user, String password) {
        return new SmtpClient(host, port, timeout, heloName, Objects.requireNonNull(user, "user"),
            Objects.requireNonNull(password, "password"));
    }

    /**
     * Sends {@code message} (RFC 5322 bytes, CRLF line ends) from {@code mailFrom} ("" for the null sender) to
     * {@code rcptTo}.
     *
     * @return the server's reply to the end of DATA, e.g. {@code 250 2.0.0 Ok: queued}
     * @throws SmtpException when the server refuses a step; the message names the step and quotes the reply
     */
    public String send(String mailFrom, List<String> rcptTo, byte[] message) throws IOException {
        if (rcptTo.isEmpty()) {
            throw new IllegalArgumentException("at least one recipient is needed");
        }
        int millis = Math.toIntExact(timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            expect(in, "greeting", 220);
            command(out, "EHLO " + heloName);
            expect(in, "EHLO", 250);
            if (user != null) {
                String token = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password)
                    .getBytes(StandardCharsets.UTF_8));
                command(out, "AUTH PLAIN " + token);
                expect(in, "AUTH PLAIN as " + user, 235);
            }
            command(out, "MAIL FROM:<" + mailFrom + ">");
            expect(in, "MAIL FROM", 250);
            for (String rcpt : rcptTo) {
                command(out, "RCPT TO:<" + rcpt + ">");
                expect(in, "RCPT TO <" + rcpt + ">", 250, 251);
            }
            command(out, "DATA");
            expect(in, "DATA", 354);
            out.write(dotStuffed(message));
            out.flush();
            String reply = expect(in, "end of DATA", 250);
            command(out, "QUIT");
            return reply;
        }
    }

    /** Dot-stuffs the message and terminates it with CRLF.CRLF. */
    static byte[] dotStuffed(byte[] message) {
        ByteArrayOutputStream data = new ByteArrayOutputStream(message.length + 64);
        boolean lineStart = true;
        for (byte b : message) {
            if (lineStart && b == '.') {
                data.write('.');
            }
            data.write(b);
            lineStart = b == '\n';
        }
        if (message.length > 0 && !lineStart) {
            data.write('\r');
            data.write('\n');
        }
        data.write('.');
        data.write('\r');
        data.write('\n');
        return data.toByteArray();
    }

    private static void command(OutputStream out, String line) throws IOException {
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.write('\r');
        out.write('\n');
        out.flush();
    }

    private static String expect(InputStream in, String step, int... codes) throws IOException {
        String reply = readReply(in);
        int code;
        try {
            code = Integer.parseInt(reply.substring(0, 3));
        } catch (RuntimeException e) {
            throw new SmtpException(step, reply);
        }
        for (int expected : codes) {
            if (code == expected) {
                return reply;
            }
        }
        throw new SmtpException(step, reply);
    }

    /** A whole (possibly multi-line) reply; lines joined with '\n'. */
    private static String readReply(InputStream in) throws IOException {
        StringBuilder reply = new StringBuilder();
        while (true) {
            String line = readLine(in);
            if (reply.length() > 0) {
                reply.append('\n');
            }
            reply.append(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return reply.toString();
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed by the server" + (line.size() > 0
                    ? " after: " + line.toString(StandardCharsets.UTF_8) : ""));
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            if (line.size() >= MAX_REPLY_LINE) {
                throw new IOException("reply line longer than " + MAX_REPLY_LINE + " bytes");
            }
            line.write(b);
        }
    }

    /** The server refused a step of the transaction. */
    public static final class SmtpException extends IOException {
        private static final long serialVersionUID = 1L;
        private final String reply;

        SmtpException(String step, String reply) {
            super("SMTP server refused " + step + ": " + reply);
            this.reply = reply;
        }

        public String reply() {
            return reply;
        }
    }
}
