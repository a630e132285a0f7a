package org.bordertransport.it;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;

/**
 * A remote domain's mail exchanger in the test JVM: a small SMTP server on {@code 127.0.0.1}, any free port, that
 * records every mail with its envelope. Unlike GreenMail it accepts the null reverse path {@code MAIL FROM:<>}
 * (GreenMail cannot receive bounces: greenmail-mail-test/greenmail#28), and it can refuse chosen recipients.
 * By default it announces no extension (no STARTTLS; see {@link #announcing}), reads until the end-of-data dot,
 * and undoes dot-stuffing.
 */
public final class FakeMx implements AutoCloseable {
    private static final Pattern PATH = Pattern.compile("^(?:MAIL FROM|RCPT TO):\\s*<([^>]*)>.*$", Pattern.CASE_INSENSITIVE);
    private static final int MAX_LINE = 64 * 1024;

    private final String domain;
    private final ServerSocket serverSocket;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-mx");
        thread.setDaemon(true);
        return thread;
    });
    private final List<ReceivedMail> mails = new CopyOnWriteArrayList<>();
    private final Map<String, String> refusedRecipients = new ConcurrentHashMap<>();
    private final List<String> extensions = new CopyOnWriteArrayList<>();
    private final List<String> greetings = new CopyOnWriteArrayList<>();
    private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final List<ReceivedMail> failedAttempts = new CopyOnWriteArrayList<>();

    /** How the MX misbehaves in one DATA transaction instead of accepting the mail (see {@link #failNext}). */
    public enum Fault {
        /** Reads the message up to the end of its header, then closes the connection (no reply). */
        DROP_IN_DATA,
        /** Reads the whole message, then answers {@code 451 4.3.0} (try again later). */
        TEMPORARY_FAILURE_AFTER_DATA,
        /** Reads the whole message, then never answers, until the client gives up and closes the connection. */
        SILENT_AFTER_DATA
    }

    private FakeMx(String domain, ServerSocket serverSocket) {
        this.domain = domain;
        this.serverSocket = serverSocket;
    }

    public static FakeMx start(String domain) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        FakeMx mx = new FakeMx(domain, socket);
        mx.executor.execute(mx::acceptLoop);
        return mx;
    }

    public String domain() {
        return domain;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** From now on {@code RCPT TO:<address>} gets {@code reply} (e.g. {@code "550 5.1.1 No such user"}). */
    public FakeMx refuseRecipient(String address, String reply) {
        refusedRecipients.put(address.toLowerCase(Locale.ROOT), reply);
        return this;
    }

    /**
     * From now on the answer to {@code EHLO} announces {@code extension} (e.g. {@code "8BITMIME"}, which most real
     * MXs announce: without it James's RemoteDelivery converts 8-bit mail to 7 bits before sending). The fake MX
     * does not implement any extension: it only says so.
     */
    public FakeMx announcing(String extension) {
        extensions.add(extension);
        return this;
    }

    /**
     * The next DATA transactions, one per fault in order, fail that way instead of being accepted; the ones after
     * them are accepted as usual (the MX has recovered).
     */
    public FakeMx failNext(Fault... next) {
        faults.addAll(List.of(next));
        return this;
    }

    /** Faults of {@link #failNext} not yet used by a DATA transaction. */
    public int pendingFaults() {
        return faults.size();
    }

    /**
     * The mails of the DATA transactions that failed with {@link Fault#TEMPORARY_FAILURE_AFTER_DATA} or
     * {@link Fault#SILENT_AFTER_DATA}: read in full, never accepted (not in {@link #mails()}).
     */
    public List<ReceivedMail> failedAttempts() {
        return List.copyOf(failedAttempts);
    }

    /** The argument of every {@code EHLO} or {@code HELO} received so far (the client's name), in order. */
    public List<String> helloNames() {
        return List.copyOf(greetings);
    }

    /** Every mail accepted so far, in order of arrival. */
    public List<ReceivedMail> mails() {
        return List.copyOf(mails);
    }

    /** Waits (at most {@link BorderJames#TIMEOUT}) until {@code count} mails have arrived, and returns them all. */
    public List<ReceivedMail> awaitMails(int count) {
        Awaitility.await("mail at the MX of " + domain).atMost(BorderJames.TIMEOUT).pollInterval(Duration.ofMillis(50))
            .until(() -> mails.size() >= count);
        return mails();
    }

    /** Waits for a mail and checks it is the only one. */
    public ReceivedMail awaitOneMail() {
        List<ReceivedMail> received = awaitMails(1);
        if (received.size() != 1) {
            throw new AssertionError(domain + " received " + received.size() + " mails, expected 1: " + received);
        }
        return received.get(0);
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        executor.shutdownNow();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket client = serverSocket.accept();
                executor.execute(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (Socket socket = client) {
            socket.setSoTimeout((int) BorderJames.TIMEOUT.toMillis());
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            reply(out, "220 mx." + domain + " fake MX ready");
            String sender = null;
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO":
                    case "HELO":
                        greetings.add(line.length() > 4 ? line.substring(4).trim() : "");
                        sender = null;
                        recipients.clear();
                        List<String> announced = verb.equals("EHLO") ? List.copyOf(extensions) : List.of();
                        reply(out, "250" + (announced.isEmpty() ? " " : "-") + "mx." + domain);
                        for (int i = 0; i < announced.size(); i++) {
                            reply(out, "250" + (i == announced.size() - 1 ? " " : "-") + announced.get(i));
                        }
                        break;
                    case "MAIL":
                        sender = path(line);
                        recipients.clear();
                        reply(out, sender == null ? "501 5.5.4 Syntax: MAIL FROM:<address>" : "250 2.1.0 OK");
                        break;
                    case "RCPT":
                        String recipient = path(line);
                        if (sender == null) {
                            reply(out, "503 5.5.1 MAIL first");
                        } else if (recipient == null || recipient.isEmpty()) {
                            reply(out, "501 5.5.4 Syntax: RCPT TO:<address>");
                        } else if (refusedRecipients.containsKey(recipient.toLowerCase(Locale.ROOT))) {
                            reply(out, refusedRecipients.get(recipient.toLowerCase(Locale.ROOT)));
                        } else {
                            recipients.add(recipient);
                            reply(out, "250 2.1.5 OK");
                        }
                        break;
                    case "DATA":
                        if (sender == null || recipients.isEmpty()) {
                            reply(out, "503 5.5.1 MAIL and RCPT first");
                            break;
                        }
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        Fault fault = faults.poll();
                        if (fault == Fault.DROP_IN_DATA) {
                            readHeader(in);
                            return; // closes the connection mid-DATA
                        }
                        byte[] data = readData(in);
                        if (fault != null) {
                            failedAttempts.add(new ReceivedMail(sender, List.copyOf(recipients), data));
                            if (fault == Fault.SILENT_AFTER_DATA) {
                                awaitClientGone(in);
                                return;
                            }
                            sender = null;
                            recipients.clear();
                            reply(out, "451 4.3.0 Temporary failure, try again later");
                            break;
                        }
                        mails.add(new ReceivedMail(sender, List.copyOf(recipients), data));
                        sender = null;
                        recipients.clear();
                        reply(out, "250 2.0.0 Queued");
                        break;
                    case "RSET":
                        sender = null;
                        recipients.clear();
                        reply(out, "250 2.0.0 OK");
                        break;
                    case "NOOP":
                        reply(out, "250 2.0.0 OK");
                        break;
                    case "QUIT":
                        reply(out, "221 2.0.0 Bye");
                        return;
                    default:
                        reply(out, "502 5.5.2 Command not implemented");
                }
            }
        } catch (SocketException e) {
            // the client went away, or the MX was closed
        } catch (IOException e) {
            throw new IllegalStateException("Fake MX of " + domain + " failed", e);
        }
    }

    private static String path(String line) {
        Matcher matcher = PATH.matcher(line.trim());
        return matcher.matches() ? matcher.group(1) : null;
    }

    private static byte[] readData(BufferedReader in) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        String line;
        while ((line = in.readLine()) != null && !line.equals(".")) {
            if (line.length() > MAX_LINE) {
                throw new IOException("Line longer than " + MAX_LINE);
            }
            String unstuffed = line.startsWith(".") ? line.substring(1) : line;
            data.writeBytes((unstuffed + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        return data.toByteArray();
    }

    private static void readHeader(BufferedReader in) throws IOException {
        // the header of the message: what a server reads before it fails mid-DATA
        String line = in.readLine();
        while (line != null && !line.isEmpty() && !line.equals(".")) {
            line = in.readLine();
        }
    }

    /** Says nothing until the client closes the connection (or the MX's own read timeout ends the wait). */
    private static void awaitClientGone(BufferedReader in) {
        try {
            // a client that gave up may still say QUIT: no answer
            String line = in.readLine();
            while (line != null) {
                line = in.readLine();
            }
        } catch (IOException e) {
            // the client closed the connection, or the MX's own timeout: either way the session ends
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
