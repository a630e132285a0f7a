package org.bordertransport.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A bare SMTP client speaking as a remote MTA would: every reply read and returned, nothing hidden. */
public final class RawSmtp implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    public RawSmtp(int port) throws IOException {
        this(port, InetAddress.getLoopbackAddress());
    }

    /** Connects to {@code 127.0.0.1:port} from {@code localAddress} (any 127.x.y.z on Linux: a "remote" host). */
    public RawSmtp(int port, InetAddress localAddress) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port, localAddress, 0);
        socket.setSoTimeout(30_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        out = socket.getOutputStream();
        reply();
    }

    /** The whole reply (multi-line replies joined by newlines). */
    public String reply() throws IOException {
        StringBuilder reply = new StringBuilder();
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed after: " + reply);
            }
            reply.append(reply.length() == 0 ? "" : "\n").append(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return reply.toString();
    }

    public String command(String command) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return reply();
    }

    /** DATA, the message (dot-stuffed), the final dot: the reply to the final dot. */
    public String data(String message) throws IOException {
        String reply = command("DATA");
        if (!reply.startsWith("354")) {
            return reply;
        }
        String stuffed = message.replace("\r\n.", "\r\n..");
        out.write(((stuffed.startsWith(".") ? "." : "") + stuffed + (stuffed.endsWith("\r\n") ? "" : "\r\n")
            + ".\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return reply();
    }

    @Override
    public void close() throws IOException {
        try {
            command("QUIT");
        } catch (IOException e) {
            // already closed by the server
        } finally {
            socket.close();
        }
    }
}
