package org.bordertransport.it.interop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.bordertransport.it.ReceivedMail;

/**
 * A recording TCP proxy put between a real MTA and James: whatever the client sends is passed on unchanged (and the
 * answers back), and each mail the client transmits with {@code DATA} is recorded with its envelope, dot-stuffing
 * undone — so a test can compare, octet for octet, what a real MTA sent James with what James sent on. The proxy
 * does not interpret the answers: a mail is recorded when its data was sent, accepted or not. It hides
 * {@code CHUNKING} and {@code STARTTLS} from the client (BDAT and TLS would make the data unreadable here).
 */
public final class SmtpTap implements AutoCloseable {
    private static final Pattern PATH = Pattern.compile("^(MAIL FROM|RCPT TO):\\s*<([^>]*)>.*$",
        Pattern.CASE_INSENSITIVE);

    private final ServerSocket serverSocket;
    private final int targetPort;
    private final List<ReceivedMail> mails = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "smtp-tap");
        thread.setDaemon(true);
        return thread;
    });

    private SmtpTap(ServerSocket serverSocket, int targetPort) {
        this.serverSocket = serverSocket;
        this.targetPort = targetPort;
    }

    /** Listens on a free loopback port and passes every connection on to {@code 127.0.0.1:targetPort}. */
    public static SmtpTap to(int targetPort) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        SmtpTap tap = new SmtpTap(socket, targetPort);
        tap.executor.execute(tap::acceptLoop);
        return tap;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** The mails sent through so far, in order. */
    public List<ReceivedMail> mails() {
        return List.copyOf(mails);
    }

    /** Waits (up to {@code timeout}) for the first {@code count} mails. */
    public List<ReceivedMail> awaitMails(int count, Duration timeout) {
        Awaitility.await("mails through the tap").atMost(timeout).pollInterval(Duration.ofMillis(100))
            .until(() -> mails.size() >= count);
        return mails().subList(0, count);
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket client = serverSocket.accept();
                executor.execute(() -> relay(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try (client; Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
            executor.execute(() -> copyAnswers(server, client));
            readCommands(client.getInputStream(), server.getOutputStream());
        } catch (IOException e) {
            // the connection ended: what was recorded stays
        }
    }

    /** Server to client, line by line, with the extensions the tap cannot see through removed from EHLO answers. */
    private static void copyAnswers(Socket server, Socket client) {
        try {
            InputStream in = server.getInputStream();
            OutputStream out = client.getOutputStream();
            String line;
            while ((line = readLine(in)) != null) {
                String keyword = line.length() > 4 ? line.substring(4).trim().toUpperCase(Locale.ROOT) : "";
                if (line.startsWith("250") && (keyword.startsWith("CHUNKING") || keyword.startsWith("STARTTLS"))) {
                    if (line.charAt(3) == ' ') {
                        out.write("250 X-TAP\r\n".getBytes(StandardCharsets.US_ASCII)); // keep the last line last
                    }
                } else {
                    out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                }
                out.flush();
            }
        } catch (IOException e) {
            // either side closed
        }
    }

    private void readCommands(InputStream in, OutputStream out) throws IOException {
        String sender = null;
        List<String> recipients = new ArrayList<>();
        String line;
        while ((line = readLine(in)) != null) {
            out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Matcher path = PATH.matcher(line);
            if (path.matches()) {
                if (path.group(1).toUpperCase(Locale.ROOT).startsWith("MAIL")) {
                    sender = path.group(2);
                    recipients = new ArrayList<>();
                } else {
                    recipients.add(path.group(2));
                }
            } else if (line.equalsIgnoreCase("DATA")) {
                ByteArrayOutputStream data = new ByteArrayOutputStream();
                String dataLine;
                while ((dataLine = readLine(in)) != null) {
                    out.write((dataLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    if (dataLine.equals(".")) {
                        break;
                    }
                    String unstuffed = dataLine.startsWith(".") ? dataLine.substring(1) : dataLine;
                    data.write((unstuffed + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                }
                out.flush();
                mails.add(new ReceivedMail(sender == null ? "" : sender, recipients, data.toByteArray()));
            } else if (line.equalsIgnoreCase("RSET")) {
                sender = null;
                recipients = new ArrayList<>();
            }
        }
    }

    /** One line without its CRLF (a bare LF also ends it), octets as ISO-8859-1; null at the end of the stream. */
    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) b);
        }
        return line.length() == 0 ? null : line.toString();
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        executor.shutdownNow();
    }
}
