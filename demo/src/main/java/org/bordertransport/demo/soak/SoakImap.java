package org.bordertransport.demo.soak;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the first 256 KiB of every message in a user's INBOX over IMAP (LOGIN, SELECT, FETCH with literals). */
final class SoakImap {
    private static final String CLOSED = "IMAP server closed the connection";
    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\}$");
    private static final Pattern EXISTS = Pattern.compile("\\* (\\d+) EXISTS");

    private SoakImap() {
    }

    static List<byte[]> inbox(int port, String user, String password) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(120_000);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            OutputStream out = socket.getOutputStream();
            line(in);
            List<byte[]> ignored = new ArrayList<>();
            command(in, out, "a1 LOGIN \"" + user + "\" \"" + password + "\"", ignored);
            StringBuilder selected = new StringBuilder();
            command(in, out, "a2 SELECT INBOX", ignored, selected);
            Matcher exists = EXISTS.matcher(selected);
            List<byte[]> messages = new ArrayList<>();
            if (exists.find() && Integer.parseInt(exists.group(1)) > 0) {
                command(in, out, "a3 FETCH 1:* (BODY.PEEK[]<0.262144>)", messages);
            }
            try {
                command(in, out, "a4 LOGOUT", ignored);
            } catch (IOException e) {
                // James may close the connection after its BYE, before its tagged OK is read: the inbox is read already
                if (!CLOSED.equals(e.getMessage())) {
                    throw e;
                }
            }
            return messages;
        }
    }

    private static void command(InputStream in, OutputStream out, String command, List<byte[]> literals)
        throws IOException {
        command(in, out, command, literals, new StringBuilder());
    }

    private static void command(InputStream in, OutputStream out, String command, List<byte[]> literals,
                                StringBuilder text) throws IOException {
        String tag = command.substring(0, command.indexOf(' '));
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        while (true) {
            String line = line(in);
            Matcher literal = LITERAL.matcher(line);
            if (literal.find()) {
                literals.add(in.readNBytes(Integer.parseInt(literal.group(1))));
                continue;
            }
            if (line.startsWith(tag + " ")) {
                if (!line.startsWith(tag + " OK")) {
                    throw new IOException("IMAP " + command.split(" ")[1] + " failed: " + line);
                }
                return;
            }
            text.append(line).append('\n');
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException(CLOSED);
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
    }
}
