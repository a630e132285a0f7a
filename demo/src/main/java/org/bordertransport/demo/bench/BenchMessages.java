package org.bordertransport.demo.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The messages of the end-to-end benchmark, one per mix, as smtp-source sends them ({@code -F}: header and body, LF
 * line ends, smtp-source adds CR and dot-stuffing). Each is a message real clients send: what Border Transport must
 * work on in three of the mixes, and plain mail, forwards and bounces for the rest.
 */
final class BenchMessages {
    static final String SENDER = "alice@border.test";
    static final String FORWARDER = "fwd@border.test";
    static final String OUTSIDE_SENDER = "someone@sender.example";

    private BenchMessages() {
    }

    /** A plain 7-bit text message of about 2 KB with its Message-ID, to a remote address. */
    static String plain() {
        return "From: Alice <alice@border.test>\nTo: Bob <bob@example.com>\nSubject: weekly report\n"
            + "Date: Mon, 7 Dec 2026 09:00:00 +0000\nMessage-ID: <plain.1@border.test>\nMIME-Version: 1.0\n"
            + "Content-Type: text/plain; charset=us-ascii\n\n" + text(24);
    }

    /** Outlook-style mail without Message-ID, replying in a thread whose IDs name an internal Exchange host. */
    static String outlookWithoutMessageId() {
        return "From: Alice <alice@border.test>\nTo: Bob <bob@example.com>\nSubject: RE: budget\n"
            + "Date: Mon, 7 Dec 2026 09:00:00 +0000\n"
            + "In-Reply-To: <DB9PR01MB1234.1@exch01.corp.local>\n"
            + "References: <CAF123@mail.example.com> <DB9PR01MB1234.1@exch01.corp.local>\n"
            + "Thread-Topic: budget\nThread-Index: AdrJ1k2Y3XbVq0hURkWx8s9Yw2lqCg==\n"
            + "X-MS-Exchange-Organization-AuthAs: Internal\nX-MS-Has-Attach:\nMIME-Version: 1.0\n"
            + "Content-Type: text/plain; charset=us-ascii\n\n" + text(24);
    }

    /** An HTML-only message in 8-bit UTF-8, to the shipped plain-text partner (MimeText: HTML becomes text). */
    static String htmlOnlyEightBit() {
        StringBuilder html = new StringBuilder("<html><head><meta charset=\"utf-8\"></head><body>\n");
        for (int i = 0; i < 20; i++) {
            html.append("<p>Grüße aus Köln, Absatz ").append(i)
                .append(": <b>Bestellung</b> für <i>nächste Woche</i> bestätigt, Preis 12,50 €.</p>\n");
        }
        html.append("</body></html>\n");
        return "From: Alice <alice@border.test>\nTo: Partner <orders@plaintext.example.net>\nSubject: Bestellung\n"
            + "Date: Mon, 7 Dec 2026 09:00:00 +0000\nMessage-ID: <html.1@border.test>\nMIME-Version: 1.0\n"
            + "Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + html;
    }

    /** Outlook rich text: a winmail.dat sample (from the repository's test samples), to the shipped no-TNEF partner. */
    static String tnef(Path repo) throws IOException {
        byte[] winmail = Files.readAllBytes(repo.resolve("core/src/test/resources/samples/tnef/winmail-sample1.dat"));
        String base64 = Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(winmail);
        return "From: Alice <alice@border.test>\nTo: Partner <p@notnef.example.com>\nSubject: rich text\n"
            + "Date: Mon, 7 Dec 2026 09:00:00 +0000\nMessage-ID: <tnef.1@border.test>\nMIME-Version: 1.0\n"
            + "X-MS-TNEF-Correlator: <tnef.1@border.test>\n"
            + "Content-Type: multipart/mixed; boundary=\"b1\"\n\n--b1\nContent-Type: text/plain; charset=us-ascii\n\n"
            + "See the attachment.\n\n--b1\nContent-Type: application/ms-tnef; name=\"winmail.dat\"\n"
            + "Content-Transfer-Encoding: base64\nContent-Disposition: attachment; filename=\"winmail.dat\"\n\n"
            + base64 + "\n--b1--\n";
    }

    /** Mail from outside to a local mailbox that forwards to a remote address (a RecipientRewriteTable forward). */
    static String toForwarder() {
        return "From: Someone <someone@sender.example>\nTo: fwd@border.test\nSubject: hello\n"
            + "Date: Mon, 7 Dec 2026 09:00:00 +0000\nMessage-ID: <fwd.1@sender.example>\nMIME-Version: 1.0\n"
            + "Content-Type: text/plain; charset=us-ascii\n\n" + text(12);
    }

    /** A bounce (RFC 3464 DSN from a remote MX) of a forwarded message, sent to {@code recipient}. */
    static String bounce(String recipient) {
        return "From: Mail Delivery System <MAILER-DAEMON@mx.example.com>\nTo: " + recipient + "\n"
            + "Subject: Undelivered Mail Returned to Sender\nDate: Mon, 7 Dec 2026 09:00:05 +0000\n"
            + "Message-ID: <20261207090005.ABC@mx.example.com>\nAuto-Submitted: auto-replied\nMIME-Version: 1.0\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"r1\"\n\n"
            + "--r1\nContent-Type: text/plain; charset=us-ascii\n\n"
            + "This is the mail system at host mx.example.com.\n\nI'm sorry to have to inform you that your message"
            + " could not\nbe delivered to one or more recipients.\n\n<dest@example.com>: host mx.example.com said:"
            + " 550 5.1.1\n    <dest@example.com>: Recipient address rejected: User unknown\n\n"
            + "--r1\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.com\n"
            + "Arrival-Date: Mon, 7 Dec 2026 09:00:04 +0000\n\nFinal-Recipient: rfc822; dest@example.com\n"
            + "Original-Recipient: rfc822; dest@example.com\nAction: failed\nStatus: 5.1.1\n"
            + "Diagnostic-Code: smtp; 550 5.1.1 <dest@example.com>: Recipient address rejected: User unknown\n\n"
            + "--r1\nContent-Type: text/rfc822-headers\n\nFrom: Someone <someone@sender.example>\nTo: fwd@border.test\n"
            + "Subject: hello\nMessage-ID: <fwd.1@sender.example>\n\n--r1--\n";
    }

    static byte[] bytes(String message) {
        return message.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String text(int lines) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            text.append("Line ").append(i).append(" of the report: figures for the week are in the shared folder.\n");
        }
        return text.toString();
    }
}
