package org.bordertransport.demo.soak;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The hostile bodies of the soak, built here (no corpus needed): MIME that parsers trip over, 8-bit and malformed
 * header fields, truncated and oversized TNEF; and the MIME corpus ({@code .msg} files under a directory) when one is
 * given. Every message is returned without the token field, with CRLF line ends where it has line ends at all.
 */
final class HostileInputs {
    private static final String HEAD = "From: Alice <alice@border.test>\nTo: %s\nSubject: %s\n"
        + "Date: Mon, 7 Dec 2026 09:00:00 +0000\n";

    private final byte[] winmail;
    private final List<byte[]> corpus;

    private HostileInputs(byte[] winmail, List<byte[]> corpus) {
        this.winmail = winmail;
        this.corpus = corpus;
    }

    /**
     * @param winmail   a genuine winmail.dat (the repository's test sample)
     * @param corpusDir a directory of {@code .msg}/{@code .eml} files, or null for none
     * @throws IOException when a corpus is asked for and it is missing or holds no message: never silently skipped
     */
    static HostileInputs load(Path winmail, Path corpusDir) throws IOException {
        List<byte[]> corpus = new ArrayList<>();
        if (corpusDir != null) {
            if (!Files.isDirectory(corpusDir)) {
                throw new IOException("The MIME corpus " + corpusDir + " is missing (expected the shared corpus,"
                    + " e.g. ../shared/corpus/mime; run without --corpus to use the built-in hostile inputs only)");
            }
            try (Stream<Path> files = Files.walk(corpusDir)) {
                for (Path file : files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".msg") || f.toString().endsWith(".eml")).sorted()
                    .collect(Collectors.toList())) {
                    corpus.add(crlf(Files.readAllBytes(file)));
                }
            }
            if (corpus.isEmpty()) {
                throw new IOException("The MIME corpus " + corpusDir + " holds no .msg or .eml file");
            }
        }
        return new HostileInputs(Files.readAllBytes(winmail), corpus);
    }

    int corpusSize() {
        return corpus.size();
    }

    byte[] corpusMessage(int n) {
        return corpus.get(Math.floorMod(n, corpus.size()));
    }

    /** The genuine winmail.dat. */
    byte[] winmail() {
        return winmail.clone();
    }

    /** Ten kinds of broken MIME, chosen by {@code n}. */
    byte[] brokenMime(int n, String to) {
        String head = String.format(HEAD, to, "broken MIME " + n) + "MIME-Version: 1.0\n";
        Random random = new Random(n);
        switch (Math.floorMod(n, 10)) {
            case 0: // closing boundary missing, a part cut in the middle of base64
                return crlf(head + "Content-Type: multipart/mixed; boundary=\"b1\"\n\n--b1\nContent-Type: text/plain\n\n"
                    + "text\n--b1\nContent-Type: application/pdf; name=x.pdf\nContent-Transfer-Encoding: base64\n\n"
                    + "JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFIvRmls");
            case 1: // boundary never used, declared twice
                return crlf(head + "Content-Type: multipart/alternative; boundary=\"a\"; boundary=\"b\"\n\n"
                    + "no boundary here at all\n--c\n\nstill none\n");
            case 2: // 60 levels of nesting
                StringBuilder nested = new StringBuilder(head);
                for (int i = 0; i < 60; i++) {
                    nested.append("Content-Type: multipart/mixed; boundary=\"n").append(i).append("\"\n\n--n")
                        .append(i).append('\n');
                }
                nested.append("Content-Type: text/plain\n\ndeep\n");
                for (int i = 59; i >= 0; i--) {
                    nested.append("--n").append(i).append("--\n");
                }
                return crlf(nested.toString());
            case 3: // invalid base64 and quoted-printable, unknown charset, unknown transfer encoding
                return crlf(head + "Content-Type: multipart/mixed; boundary=\"q\"\n\n--q\n"
                    + "Content-Type: text/plain; charset=x-no-such-charset\nContent-Transfer-Encoding: base64\n\n"
                    + "!!!! not base64 at all ****\n--q\nContent-Type: text/html; charset=utf-8\n"
                    + "Content-Transfer-Encoding: quoted-printable\n\n=ZZ=4=\n=E2=82\n--q\n"
                    + "Content-Type: text/plain\nContent-Transfer-Encoding: x-uuencode-ish\n\nbegin 644 x\n--q--\n");
            case 4: { // binary junk with NUL bytes in a text/plain part declared 7bit
                byte[] junk = new byte[4096];
                random.nextBytes(junk);
                return concat(crlf(head + "Content-Type: text/plain; charset=us-ascii\n"
                    + "Content-Transfer-Encoding: 7bit\n\n"), junk, crlf("\n"));
            }
            case 5: // a 200,000-octet line in the body, a 5,000-octet header field
                return crlf(head.replace("Subject: ", "Subject: " + "x".repeat(5000) + " ")
                    + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
                    + "ü".repeat(100_000) + "\n");
            case 6: // Content-Type parameters javax.mail cannot parse
                return crlf(head + "Content-Type: multipart/mixed;; boundary=b b;;\n\n--b b\n"
                    + "Content-Type: application/octet-stream; name==?koi8-r?B?5M/L1c3FztQ=?=; x=\"unclosed\n"
                    + "Content-Disposition: attachment;; filename=a b.doc\n\nAAAA\n--b b--\n");
            case 7: // message/rfc822 that is not a message, and a truncated inner multipart
                return crlf(head + "Content-Type: multipart/mixed; boundary=\"o\"\n\n--o\n"
                    + "Content-Type: message/rfc822\n\nthis is: not: a\nmessage\n--o\nContent-Type: message/rfc822\n\n"
                    + "Content-Type: multipart/mixed; boundary=\"i\"\n\n--i\nContent-Type: text/plain\n\ninner\n"
                    + "--o--\n");
            case 8: // bare CR and bare LF mixed, no header/body separator
                return (String.format(HEAD, to, "bare line ends " + n).replace("\n", "\r")
                    + "Content-Type: text/plain\rX-Bare: lf\nbody without separator\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            default: // 2,000 empty parts
                StringBuilder many = new StringBuilder(head + "Content-Type: multipart/mixed; boundary=\"m\"\n\n");
                for (int i = 0; i < 2000; i++) {
                    many.append("--m\nContent-Type: text/plain\n\n").append(i).append('\n');
                }
                return crlf(many.append("--m--\n").toString());
        }
    }

    /** Eight kinds of 8-bit or malformed header fields, chosen by {@code n}. */
    byte[] badHeaders(int n, String to) {
        String body = "Content-Type: text/plain; charset=utf-8\n\nbody " + n + "\n";
        switch (Math.floorMod(n, 8)) {
            case 0: // raw UTF-8 in Subject, From and a display name
                return crlfUtf8("From: Jürgen Müller <alice@border.test>\nTo: Zoë <" + to + ">\n"
                    + "Subject: Grüße – 日本語の件名 " + n + "\nMIME-Version: 1.0\n" + body);
            case 1: // raw Latin-1 (not UTF-8) in Subject
                return crlf("From: alice@border.test\nTo: " + to + "\nSubject: Gr\u00fc\u00dfe aus K\u00f6ln " + n
                    + "\nMIME-Version: 1.0\nContent-Type: text/plain; charset=iso-8859-1\n\nK\u00f6ln\n");
            case 2: // malformed encoded-words
                return crlf("From: =?utf-8?B?not base64?= <alice@border.test>\nTo: " + to + "\n"
                    + "Subject: =?x-unknown?Q?caf=E9?= =?utf-8?Q?unterminated =?utf-8?B?4pyTIGRvbmU?=\n"
                    + "MIME-Version: 1.0\n" + body);
            case 3: // a header line without a colon, a field name with spaces, empty field names
                return crlf("From: alice@border.test\nTo: " + to + "\nSubject: no colon " + n
                    + "\nThis line has no colon\nBad Name: value\n: empty name\nMIME-Version: 1.0\n" + body);
            case 4: // 1,500 header fields, a folded field of 50 continuation lines
                StringBuilder many = new StringBuilder("From: alice@border.test\nTo: " + to + "\nSubject: many "
                    + n + "\n");
                for (int i = 0; i < 1500; i++) {
                    many.append("X-Filler-").append(i).append(": ").append(i).append('\n');
                }
                many.append("X-Folded: start\n");
                for (int i = 0; i < 50; i++) {
                    many.append(" continuation ").append(i).append('\n');
                }
                return crlf(many + "MIME-Version: 1.0\n" + body);
            case 5: // Message-ID, In-Reply-To and References that are not addresses
                return crlf("From: alice@border.test\nTo: " + to + "\nSubject: ids " + n + "\nMessage-ID: <<@>>\n"
                    + "In-Reply-To: not an id\nReferences: <a@b> <c@d.corp.local <e@@f> " + "<x@y> ".repeat(500)
                    + "\nMIME-Version: 1.0\n" + body);
            case 6: // two Content-Type and two MIME-Version fields, a NUL in a header field
                return crlf("From: alice@border.test\nTo: " + to + "\nSubject: nul \u0000 " + n + "\n"
                    + "MIME-Version: 1.0\nMIME-Version: 2.0\nContent-Type: text/html\n" + body);
            default: // a 20,000-octet unfolded header field and 8-bit in a parameter
                return crlfUtf8("From: alice@border.test\nTo: " + to + "\nSubject: long " + n + "\nX-Long: "
                    + "y".repeat(20_000) + "\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b\"\n\n"
                    + "--b\nContent-Type: application/octet-stream; name=\"Übersicht.pdf\"\n"
                    + "Content-Transfer-Encoding: base64\n\nAAAA\n--b--\n");
        }
    }

    /** The genuine winmail.dat cut after a point chosen by {@code n}. */
    byte[] truncatedTnef(int n) {
        int cut = 6 + Math.floorMod(n * 7919, Math.max(winmail.length - 7, 1));
        byte[] tnef = new byte[cut];
        System.arraycopy(winmail, 0, tnef, 0, cut);
        return tnef;
    }

    /**
     * TNEF that declares more than it holds or more than the decoder's limits: an attachment attribute declaring
     * 900 MB over 64 KiB of data, or 25,000 attributes, chosen by {@code n}.
     */
    byte[] oversizedTnef(int n) {
        ByteArrayOutputStream tnef = tnefStart();
        if (n % 2 == 0) {
            byte[] data = new byte[64 * 1024];
            new Random(n).nextBytes(data);
            attribute(tnef, 2, 0x0006800F, data, 900_000_000);
        } else {
            for (int i = 0; i < 25_000; i++) {
                attribute(tnef, 2, 0x00018010, ("a" + i + "\0").getBytes(StandardCharsets.US_ASCII), -1);
            }
        }
        return tnef.toByteArray();
    }

    /** A well-formed TNEF with one attachment of {@code bytes} random octets. */
    byte[] bigTnef(int n, int bytes) {
        ByteArrayOutputStream tnef = tnefStart();
        attribute(tnef, 2, 0x00069002, new byte[14], -1);
        attribute(tnef, 2, 0x00018010, "big.bin\0".getBytes(StandardCharsets.US_ASCII), -1);
        byte[] data = new byte[bytes];
        new Random(n).nextBytes(data);
        attribute(tnef, 2, 0x0006800F, data, -1);
        return tnef.toByteArray();
    }

    /** A message carrying {@code tnef} as winmail.dat beside a text part. */
    static byte[] withTnef(String to, String subject, byte[] tnef) {
        String base64 = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(tnef);
        return concat(crlf(String.format(HEAD, to, subject) + "Message-ID: <" + subject.replace(' ', '.')
                + "@border.test>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"t1\"\n\n--t1\n"
                + "Content-Type: text/plain; charset=us-ascii\n\nSee the attachment.\n\n--t1\n"
                + "Content-Type: application/ms-tnef; name=\"winmail.dat\"\nContent-Transfer-Encoding: base64\n"
                + "Content-Disposition: attachment; filename=\"winmail.dat\"\n\n"),
            base64.getBytes(StandardCharsets.US_ASCII), crlf("\n--t1--\n"));
    }

    private static ByteArrayOutputStream tnefStart() {
        ByteArrayOutputStream tnef = new ByteArrayOutputStream();
        int32(tnef, 0x223E9F78);
        tnef.write(0x01);
        tnef.write(0x00);
        attribute(tnef, 1, 0x00089006, new byte[] {0, 0, 1, 0}, -1);
        attribute(tnef, 1, 0x00069007, new byte[] {(byte) 0xE4, 0x04, 0, 0, 0, 0, 0, 0}, -1);
        attribute(tnef, 1, 0x00078008, "IPM.Microsoft Mail.Note\0".getBytes(StandardCharsets.US_ASCII), -1);
        return tnef;
    }

    /** level, id, length (declared: the real one unless {@code declared >= 0}), data, checksum. */
    private static void attribute(ByteArrayOutputStream out, int level, int id, byte[] data, int declared) {
        out.write(level);
        int32(out, id);
        int32(out, declared >= 0 ? declared : data.length);
        out.write(data, 0, data.length);
        int sum = 0;
        for (byte b : data) {
            sum = (sum + (b & 0xFF)) & 0xFFFF;
        }
        out.write(sum & 0xFF);
        out.write(sum >>> 8);
    }

    private static void int32(ByteArrayOutputStream out, int value) {
        out.write(value & 0xFF);
        out.write(value >>> 8 & 0xFF);
        out.write(value >>> 16 & 0xFF);
        out.write(value >>> 24 & 0xFF);
    }

    /** LF → CRLF on text whose characters are octets (ISO-8859-1). */
    static byte[] crlf(String text) {
        return crlf(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    static byte[] crlfUtf8(String text) {
        return crlf(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Bare LF → CRLF; CRLF and bare CR are left as they are. */
    static byte[] crlf(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + bytes.length / 20);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(bytes[i]);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part, 0, part.length);
        }
        return out.toByteArray();
    }
}
