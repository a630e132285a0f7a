package org.bordertransport.it;

import java.util.List;
import java.util.UUID;

/** Raw RFC 5322 messages for the tests, with CRLF line ends. */
public final class Mails {
    private Mails() {
    }

    /**
     * A plain-text message. {@code extraHeaders} are full header lines ({@code "Message-ID: <a@b>"}); nothing else
     * is added, in particular no Message-ID.
     */
    public static String message(String from, List<String> to, String subject, String... extraHeaders) {
        StringBuilder sb = new StringBuilder();
        sb.append("From: ").append(from).append("\r\n");
        sb.append("To: ").append(String.join(", ", to)).append("\r\n");
        sb.append("Subject: ").append(subject).append("\r\n");
        sb.append("Date: Mon, 2 Mar 2026 10:00:00 +0000\r\n");
        for (String header : extraHeaders) {
            sb.append(header).append("\r\n");
        }
        sb.append("MIME-Version: 1.0\r\n");
        sb.append("Content-Type: text/plain; charset=us-ascii\r\n");
        sb.append("\r\n");
        sb.append("Hello from the Border Transport integration tests.\r\n");
        return sb.toString();
    }

    /** A subject unique to one test run, to tell messages apart. */
    public static String uniqueSubject(String prefix) {
        return prefix + " " + UUID.randomUUID();
    }
}
