package org.bordertransport.demo.soak;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One SMTP connection of the soak, kept open over many messages (as a busy Exchange or Postfix connection is), that
 * notes what happened to each recipient: accepted at {@code RCPT}, refused there (5xx/4xx), and the reply to the end
 * of {@code DATA}. Reconnects after a message that broke the connection. Not thread-safe: one per client thread.
 */
final class SoakSmtp implements AutoCloseable {
    private static final int MAX_REPLY_LINE = 4096;
    private static final int MESSAGES_PER_CONNECTION = 100;

    /** What the server said to one message. */
    static final class Outcome {
        final List<String> accepted = new ArrayList<>();
        final List<String> refusedReplies = new ArrayList<>();
        /** The reply to the end of DATA; null when DATA was not sent or the connection broke. */
        String dataReply;
        /** The connection broke (the message may or may not have been taken). */
        String ioError;
        /** "500 Line length exceeded" replies James sent before its reply to the end of DATA. */
        int lineTooLongReplies;

        boolean dataAccepted() {
            return dataReply != null && dataReply.startsWith("250");
        }
    }

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int sentOnConnection;

    SoakSmtp(String host, int port, int timeoutMillis) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
    }

    Outcome send(SoakMessage message) {
        Outcome outcome = new Outcome();
        try {
            connectIfNeeded();
            String from = reply(command("MAIL FROM:<" + message.mailFrom + ">"));
            if (!from.startsWith("250")) {
                outcome.refusedReplies.add("MAIL FROM: " + from);
                reset();
                return outcome;
            }
            for (String rcpt : message.rcptTo) {
                String reply = reply(command("RCPT TO:<" + rcpt + ">"));
                if (reply.startsWith("250") || reply.startsWith("251")) {
                    outcome.accepted.add(rcpt);
                } else {
                    outcome.refusedReplies.add("RCPT " + rcpt + ": " + firstLine(reply));
                }
            }
            if (outcome.accepted.isEmpty()) {
                reset();
                return outcome;
            }
            String data = reply(command("DATA"));
            if (!data.startsWith("354")) {
                outcome.dataReply = firstLine(data);
                reset();
                return outcome;
            }
            out.write(dotStuffed(message.data));
            out.flush();
            String end = firstLine(reply(in));
            // James 3.8.1 answers "500 Line length exceeded" to an over-long line inside DATA, drops the line, reads
            // on, and answers the end of DATA as usual: one more reply per such line, then the real one
            while (end.startsWith("500 Line length exceeded")) {
                outcome.lineTooLongReplies++;
                socket.setSoTimeout(Math.min(timeoutMillis, 30_000));
                try {
                    end = firstLine(reply(in));
                } catch (SocketTimeoutException e) {
                    break;
                } finally {
                    if (socket != null) {
                        socket.setSoTimeout(timeoutMillis);
                    }
                }
            }
            outcome.dataReply = end;
            if (++sentOnConnection >= MESSAGES_PER_CONNECTION || !end.startsWith("250")) {
                close();
            }
        } catch (IOException e) {
            outcome.ioError = e.toString();
            close();
        }
        return outcome;
    }

    private void connectIfNeeded() throws IOException {
        if (socket != null) {
            return;
        }
        Socket s = new Socket();
        s.connect(new InetSocketAddress(host, port), timeoutMillis);
        s.setSoTimeout(timeoutMillis);
        socket = s;
        in = new BufferedInputStream(s.getInputStream());
        out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
        sentOnConnection = 0;
        expect("greeting", reply(in), "220");
        expect("EHLO", reply(command("EHLO client.soak.test")), "250");
    }

    private void reset() throws IOException {
        expect("RSET", reply(command("RSET")), "250");
    }

    private InputStream command(String line) throws IOException {
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.write('\r');
        out.write('\n');
        out.flush();
        return in;
    }

    private static void expect(String step, String reply, String code) throws IOException {
        if (!reply.startsWith(code)) {
            throw new IOException(step + " answered " + reply);
        }
    }

    @Override
    public void close() {
        if (socket == null) {
            return;
        }
        try {
            socket.setSoTimeout(2000);
            command("QUIT");
        } catch (IOException e) {
            // closing anyway
        }
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do
        }
        socket = null;
    }

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

    private static String firstLine(String reply) {
        int nl = reply.indexOf('\n');
        return nl < 0 ? reply : reply.substring(0, nl);
    }

    private static String reply(InputStream in) throws IOException {
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
                throw new IOException("connection closed by the server");
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
}
