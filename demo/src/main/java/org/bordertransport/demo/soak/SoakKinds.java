package org.bordertransport.demo.soak;

import static org.bordertransport.demo.soak.HostileInputs.crlf;
import static org.bordertransport.demo.soak.HostileInputs.crlfUtf8;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The kinds of message the soak sends, their shares, and how each is made. The realistic blend (the end-to-end
 * benchmark's, plus local and multi-recipient mail and the other shipped remote domains) and the hostile kinds; the
 * schedule gives every kind at least {@code minimumEach} messages however small the run.
 */
final class SoakKinds {
    static final String SENDER = "alice@border.test";
    static final String LOCAL = "bob@border.test";
    static final String FORWARDER = "fwd@border.test";
    static final String FORWARD_TARGET = "dest@example.com";
    static final String CHAIN = "chain";
    static final int CHAIN_LENGTH = 12;

    /** Kind → share per 10,000 messages. */
    static final Map<String, Integer> WEIGHTS;

    static {
        Map<String, Integer> w = new LinkedHashMap<>();
        // realistic blend: 86 %
        w.put("outlook", 2500);
        w.put("plain", 1900);
        w.put("html-text", 1200);
        w.put("tnef", 700);
        w.put("forward", 800);
        w.put("srs-bounce", 800);
        w.put("local", 300);
        w.put("multi-rcpt", 200);
        w.put("mainframe-text", 100);
        w.put("gateway-7bit", 50);
        w.put("jp-carrier", 50);
        // hostile: 14 %
        w.put("corpus-mime", 350);
        w.put("broken-mime", 300);
        w.put("bad-headers", 300);
        w.put("tnef-truncated", 150);
        w.put("tnef-oversized", 50);
        w.put("tnef-big", 3);
        w.put("signed-8bit-to-7bit", 40);
        w.put("srs-forged", 60);
        w.put("srs-expired", 30);
        w.put("srs-non-bounce", 30);
        w.put("bounce-loop", 40);
        w.put("rrt-chain", 20);
        w.put("unknown-local", 30);
        w.put("big", 2);
        w.put("over-limit", 2);
        WEIGHTS = Collections.unmodifiableMap(w);
    }

    static final List<String> HOSTILE = List.copyOf(new ArrayList<>(WEIGHTS.keySet()).subList(11, WEIGHTS.size()));
    private static final List<String> ROTATION = List.of("bob@example.com", "orders@plaintext.example.net",
        "x@mainframe.example.org", "y@gateway.example.org", "p@notnef.example.com", LOCAL,
        "k@mobile.carrier.example.jp", "h@html.example.net");
    private static final List<String> TNEF_ROTATION = List.of("p@notnef.example.com", "bob@example.com",
        "partner@exchange.example.com", LOCAL);

    private final HostileInputs inputs;
    private final SrsPool srs;
    private final List<String> expiredSrs;
    private final int bigBytes;
    private final int overLimitBytes;
    private final int bigTnefBytes;

    SoakKinds(HostileInputs inputs, SrsPool srs, List<String> expiredSrs, int bigBytes, int overLimitBytes,
              int bigTnefBytes) {
        this.inputs = inputs;
        this.srs = srs;
        this.expiredSrs = List.copyOf(expiredSrs);
        this.bigBytes = bigBytes;
        this.overLimitBytes = overLimitBytes;
        this.bigTnefBytes = bigTnefBytes;
    }

    /** {@code count} kinds in a shuffled order: every kind at least {@code minimumEach}, the rest by share. */
    static List<String> schedule(int count, int minimumEach, long seed, boolean corpus) {
        List<String> kinds = new ArrayList<>();
        int total = WEIGHTS.values().stream().mapToInt(Integer::intValue).sum();
        for (Map.Entry<String, Integer> kind : WEIGHTS.entrySet()) {
            if (kind.getKey().equals("corpus-mime") && !corpus) {
                continue;
            }
            long n = Math.max(minimumEach, Math.round((double) count * kind.getValue() / total));
            for (long i = 0; i < n; i++) {
                kinds.add(kind.getKey());
            }
        }
        while (kinds.size() < count) {
            kinds.add(kinds.size() % 2 == 0 ? "outlook" : "plain");
        }
        Collections.shuffle(kinds, new Random(seed));
        while (kinds.size() > count) {
            // drop blend messages first, so the hostile minimum holds
            int index = kinds.lastIndexOf("outlook") >= 0 ? kinds.lastIndexOf("outlook") : kinds.size() - 1;
            kinds.remove(index);
        }
        return kinds;
    }

    /** Message {@code token} of {@code kind}; a kind that needs what is not there (no SRS yet) becomes a forward. */
    SoakMessage make(int token, String kind) {
        String t = "X-Soak-Token: " + SoakMessage.tokenValue(token) + "\r\n";
        switch (kind) {
            case "outlook":
                return msg(token, kind, SENDER, "bob@example.com", t, outlook(token));
            case "plain":
                return msg(token, kind, SENDER, "bob@example.com", t, plain(token, "bob@example.com"));
            case "html-text":
                return msg(token, kind, SENDER, "orders@plaintext.example.net", t, html(token));
            case "tnef":
                return msg(token, kind, SENDER, "p@notnef.example.com", t,
                    HostileInputs.withTnef("p@notnef.example.com", "rich text " + token, inputs.winmail()));
            case "forward":
                return forward(token, t);
            case "srs-bounce": {
                String[] pair = srs.pick(token);
                if (pair == null) {
                    return forward(token, t);
                }
                return msg(token, kind, "", pair[0], t, bounce(token, pair[0])).withFinal(pair[0], pair[1]);
            }
            case "local":
                return msg(token, kind, SENDER, LOCAL, t, plain(token, LOCAL));
            case "multi-rcpt": {
                List<String> rcpts = List.of("bob@example.com", LOCAL, "orders@plaintext.example.net",
                    "x@mainframe.example.org", "carol@example.com");
                return SoakMessage.of(token, kind, SENDER, rcpts, concat(t, html(token)));
            }
            case "mainframe-text":
                return msg(token, kind, SENDER, "x@mainframe.example.org", t, withAttachment(token));
            case "gateway-7bit":
                return msg(token, kind, SENDER, "y@gateway.example.org", t,
                    crlfUtf8(head("y@gateway.example.org", "Grüße " + token) + "MIME-Version: 1.0\n"
                        + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
                        + "Grüße aus Köln – 12,50 €\n".repeat(20)));
            case "jp-carrier":
                return msg(token, kind, SENDER, "k@mobile.carrier.example.jp", t,
                    crlfUtf8(head("k@mobile.carrier.example.jp", "件名 " + token) + "MIME-Version: 1.0\n"
                        + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
                        + "こんにちは、ｶﾀｶﾅ と 漢字 の テスト です。\n".repeat(10)));
            case "corpus-mime": {
                String to = ROTATION.get(Math.floorMod(token, ROTATION.size()));
                return msg(token, kind, SENDER, to, t, inputs.corpusMessage(token / ROTATION.size()));
            }
            case "broken-mime": {
                String to = ROTATION.get(Math.floorMod(token / 10, ROTATION.size()));
                return msg(token, kind, SENDER, to, t, inputs.brokenMime(token, to));
            }
            case "bad-headers": {
                String to = ROTATION.get(Math.floorMod(token / 8, ROTATION.size()));
                return msg(token, kind, SENDER, to, t, inputs.badHeaders(token, to));
            }
            case "tnef-truncated":
            case "tnef-oversized":
            case "tnef-big": {
                String to = TNEF_ROTATION.get(Math.floorMod(token, TNEF_ROTATION.size()));
                byte[] tnef = kind.equals("tnef-truncated") ? inputs.truncatedTnef(token)
                    : kind.equals("tnef-oversized") ? inputs.oversizedTnef(token)
                    : inputs.bigTnef(token, bigTnefBytes);
                return msg(token, kind, SENDER, to, t, HostileInputs.withTnef(to, kind + " " + token, tnef));
            }
            case "signed-8bit-to-7bit":
                return msg(token, kind, SENDER, "y@gateway.example.org", t, signed8bit(token));
            case "srs-forged": {
                String[] pair = srs.pick(token);
                String forged = pair == null ? "fwd+SRS=AAAA=AB=example.org=x@border.test" : forge(pair[0], token);
                List<String> rcpts = token % 2 == 0 ? List.of(forged) : List.of(forged, LOCAL);
                return SoakMessage.of(token, kind, "", rcpts, concat(t, bounce(token, forged)));
            }
            case "srs-expired": {
                if (expiredSrs.isEmpty()) {
                    return forward(token, t);
                }
                String expired = expiredSrs.get(Math.floorMod(token, expiredSrs.size()));
                return msg(token, kind, "", expired, t, bounce(token, expired));
            }
            case "srs-non-bounce": {
                String[] pair = srs.pick(token);
                if (pair == null) {
                    return forward(token, t);
                }
                return msg(token, kind, SENDER, pair[0], t, plain(token, pair[0]));
            }
            case "bounce-loop": {
                String[] pair = srs.pick(token);
                if (pair == null) {
                    return forward(token, t);
                }
                StringBuilder received = new StringBuilder();
                for (int i = 0; i < 40; i++) {
                    received.append("Received: from mx").append(i).append(".loop.example by mx").append(i + 1)
                        .append(".loop.example with ESMTP id L").append(i).append("; Mon, 7 Dec 2026 09:00:0")
                        .append(i % 10).append(" +0000\n");
                }
                byte[] looped = HostileInputs.concat(crlf(received.toString()), bounce(token, pair[0]));
                return msg(token, kind, "", pair[0], t, looped).withFinal(pair[0], pair[1]);
            }
            case "rrt-chain":
                return msg(token, kind, SENDER, CHAIN + "0@border.test", t, plain(token, CHAIN + "0@border.test"));
            case "unknown-local":
                return SoakMessage.of(token, kind, SENDER, List.of("nobody-" + token + "@border.test",
                    "bob@example.com"), concat(t, plain(token, "bob@example.com")));
            case "big":
                return msg(token, kind, SENDER, "bob@example.com", t, large(token, bigBytes));
            case "over-limit":
                return msg(token, kind, SENDER, "bob@example.com", t, large(token, overLimitBytes));
            default:
                throw new IllegalArgumentException("no kind " + kind);
        }
    }

    private SoakMessage forward(int token, String t) {
        String original = "someone-" + Math.floorMod(token, 997) + "@sender.example";
        return msg(token, "forward", original, FORWARDER, t,
            crlf("From: Someone <" + original + ">\nTo: " + FORWARDER + "\nSubject: hello " + token
                + "\nDate: Mon, 7 Dec 2026 09:00:00 +0000\nMessage-ID: <fwd." + token + "@sender.example>\n"
                + "MIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n\n" + text(12)))
            .withFinal(FORWARDER, FORWARD_TARGET);
    }

    private static SoakMessage msg(int token, String kind, String from, String to, String t, byte[] body) {
        return SoakMessage.of(token, kind, from, List.of(to), concat(t, body));
    }

    private static byte[] concat(String tokenField, byte[] body) {
        return HostileInputs.concat(tokenField.getBytes(StandardCharsets.US_ASCII), body);
    }

    /**
     * A genuine SRS address with one character of its hash changed. Not merely its case: the hash is read
     * case-insensitively (a relay may change the case of an address), so a case change is still genuine.
     */
    private static String forge(String address, int token) {
        int at = address.indexOf("SRS=") + 4;
        char c = Character.toLowerCase(address.charAt(at));
        char replacement = (char) ('a' + Math.floorMod(token, 26));
        if (replacement == c) {
            replacement = c == 'z' ? 'y' : 'z';
        }
        return address.substring(0, at) + replacement + address.substring(at + 1);
    }

    private static String head(String to, String subject) {
        return "From: Alice <alice@border.test>\nTo: " + to + "\nSubject: " + subject
            + "\nDate: Mon, 7 Dec 2026 09:00:00 +0000\n";
    }

    private static byte[] plain(int token, String to) {
        return crlf(head(to, "weekly report " + token) + "Message-ID: <plain." + token + "@border.test>\n"
            + "MIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n\n" + text(24));
    }

    private static byte[] outlook(int token) {
        return crlf(head("bob@example.com", "RE: budget " + token)
            + "In-Reply-To: <DB9PR01MB1234.1@exch01.corp.local>\n"
            + "References: <CAF123@mail.example.com> <DB9PR01MB1234.1@exch01.corp.local>\n"
            + "Thread-Topic: budget\nX-MS-Exchange-Organization-AuthAs: Internal\nX-MS-Has-Attach:\n"
            + "Received: from exch01.corp.local (10.1.2.3) by mx.border.test; Mon, 7 Dec 2026 09:00:00 +0000\n"
            + "MIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n\n" + text(24));
    }

    private static byte[] html(int token) {
        StringBuilder html = new StringBuilder("<html><head><meta charset=\"utf-8\"></head><body>\n");
        for (int i = 0; i < 20; i++) {
            html.append("<p>Grüße aus Köln, Absatz ").append(i).append(": <b>Bestellung</b> für <i>nächste Woche</i>"
                + " bestätigt, Preis 12,50 €.</p>\n");
        }
        return crlfUtf8(head("orders@plaintext.example.net", "Bestellung " + token) + "Message-ID: <html." + token
            + "@border.test>\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n"
            + "Content-Transfer-Encoding: 8bit\n\n" + html + "</body></html>\n");
    }

    private static byte[] withAttachment(int token) {
        byte[] pdf = new byte[6000];
        new Random(token).nextBytes(pdf);
        return crlfUtf8(head("x@mainframe.example.org", "Rechnung " + token) + "MIME-Version: 1.0\n"
            + "Content-Type: multipart/mixed; boundary=\"w\"\n\n--w\nContent-Type: text/html; charset=utf-8\n"
            + "Content-Transfer-Encoding: 8bit\n\n<p>Anbei die <b>Rechnung</b> für Dezember.</p>\n--w\n"
            + "Content-Type: application/pdf; name=\"Rechnung.pdf\"\nContent-Transfer-Encoding: base64\n"
            + "Content-Disposition: attachment; filename=\"Rechnung.pdf\"\n\n"
            + Base64.getMimeEncoder().encodeToString(pdf) + "\n--w--\n");
    }

    private static byte[] signed8bit(int token) {
        return crlfUtf8(head("y@gateway.example.org", "signiert " + token) + "MIME-Version: 1.0\n"
            + "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256; "
            + "boundary=\"s\"\n\n--s\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
            + "Unterschriebene Grüße – 12,50 €\n--s\nContent-Type: application/pkcs7-signature; name=smime.p7s\n"
            + "Content-Transfer-Encoding: base64\n\nMIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQMEAgEFADCABgkqhkiG9w0B\n"
            + "--s--\n");
    }

    /** An RFC 3464 report from a remote MX about a message sent to {@code FORWARD_TARGET}. */
    private static byte[] bounce(int token, String to) {
        return crlf("From: Mail Delivery System <MAILER-DAEMON@mx.example.com>\nTo: " + to + "\n"
            + "Subject: Undelivered Mail Returned to Sender\nDate: Mon, 7 Dec 2026 09:00:05 +0000\n"
            + "Message-ID: <bounce." + token + "@mx.example.com>\nAuto-Submitted: auto-replied\nMIME-Version: 1.0\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"r1\"\n\n"
            + "--r1\nContent-Type: text/plain; charset=us-ascii\n\nYour message could not be delivered to"
            + " dest@example.com: no such user.\n\n"
            + "--r1\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.com\n\n"
            + "Final-Recipient: rfc822; dest@example.com\nAction: failed\nStatus: 5.1.1\n"
            + "Diagnostic-Code: smtp; 550 5.1.1 <dest@example.com>: Recipient address rejected\n\n"
            + "--r1\nContent-Type: text/rfc822-headers\n\nFrom: Someone <someone@sender.example>\n"
            + "To: fwd@border.test\nSubject: hello\n\n--r1--\n");
    }

    /** A text message with one base64 attachment making it about {@code bytes} long. */
    private static byte[] large(int token, int bytes) {
        byte[] head = crlf(head("bob@example.com", "large " + token) + "MIME-Version: 1.0\n"
            + "Content-Type: multipart/mixed; boundary=\"L\"\n\n--L\nContent-Type: text/plain\n\nLarge file.\n--L\n"
            + "Content-Type: application/octet-stream; name=\"large.bin\"\nContent-Transfer-Encoding: base64\n\n");
        byte[] data = new byte[Math.max(bytes / 4 * 3, 3)];
        new Random(token).nextBytes(data);
        byte[] base64 = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encode(data);
        return HostileInputs.concat(head, base64, crlf("\n--L--\n"));
    }

    private static String text(int lines) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            text.append("Line ").append(i).append(" of the report: figures for the week are in the shared folder.\n");
        }
        return text.toString();
    }
}
