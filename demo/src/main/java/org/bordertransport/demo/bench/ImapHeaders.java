package org.bordertransport.demo.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads the header fields of every message in a mailbox's INBOX over IMAP (LOGIN, SELECT, FETCH BODY.PEEK[HEADER]):
 * just enough IMAP to check what a local recipient sees, with no mail library.
 */
final class ImapHeaders {
    private ImapHeaders() {
    }

    /** The raw header blocks of every message in INBOX, concatenated, as the server sent them. */
    static String inbox(String host, int port, String user, String password, Duration timeout) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            in.readLine();
            command(in, out, "a1 LOGIN " + quote(user) + " " + quote(password));
            String selected = command(in, out, "a2 SELECT INBOX");
            // FETCH 1:* on an empty mailbox is an error
            String headers = selected.contains("* 0 EXISTS") ? ""
                : command(in, out, "a3 FETCH 1:* (BODY.PEEK[HEADER])");
            // the headers are in; James may close the connection after its BYE before the tagged OK of LOGOUT
            out.write("a4 LOGOUT\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return headers;
        }
    }

    private static String command(BufferedReader in, OutputStream out, String command) throws IOException {
        String tag = command.substring(0, command.indexOf(' '));
        out.write((command + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        StringBuilder response = new StringBuilder();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("IMAP server closed the connection after " + command);
            }
            if (line.startsWith(tag + " ")) {
                if (!line.startsWith(tag + " OK")) {
                    throw new IOException("IMAP " + command.split(" ")[1] + " failed: " + line);
                }
                return response.toString();
            }
            response.append(line).append('\n');
        }
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
