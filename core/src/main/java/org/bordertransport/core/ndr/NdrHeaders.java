package org.bordertransport.core.ndr;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.bordertransport.core.mail.HeaderText;

/**
 * The header signals of {@link NdrDetector}, one field value at a time: the null reverse-path, keywords, comments,
 * daemon senders, bounce subjects and the addresses of failed recipients. Pure functions.
 */
final class NdrHeaders {
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");
    private static final List<String> DAEMON_LOCAL_PARTS = List.of("mailer-daemon", "postmaster", "mailer_daemon",
        "mailerdaemon", "mail-daemon", "maildaemon");
    private static final List<String> DAEMON_NAMES = List.of("mail delivery subsystem", "mail delivery system",
        "mail delivery service", "mailer-daemon", "mailer daemon", "mail administrator", "postmaster",
        "system administrator", "microsoft outlook");

    private NdrHeaders() {
    }

    /** The null reverse-path: {@code ""} or {@code <>} (white space ignored); empty when {@code sender} is null. */
    static Optional<Boolean> isNullSender(String sender) {
        if (sender == null) {
            return Optional.empty();
        }
        String s = WHITE_SPACE.matcher(sender).replaceAll("");
        return Optional.of(s.isEmpty() || s.equals("<>"));
    }

    /** {@code rfc822; user@example.com}: the address after the type. */
    static String typedAddress(String value) {
        String v = HeaderText.unfold(value);
        int semicolon = v.indexOf(';');
        return semicolon < 0 ? v : v.substring(semicolon + 1);
    }

    static void addAddress(Map<String, String> out, String raw) {
        String address = raw.trim();
        if (address.startsWith("<") && address.endsWith(">")) {
            address = address.substring(1, address.length() - 1).trim();
        }
        if (!address.isEmpty()) {
            out.putIfAbsent(address.toLowerCase(Locale.ROOT), address);
        }
    }

    /** The keyword of a field such as Auto-Submitted or Action: before any {@code ;}, comments removed, lower case. */
    static String keyword(String raw) {
        String value = stripComments(HeaderText.unfold(raw));
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** Removes comments in parentheses (nested, with quoted-pairs); quoted strings are kept as they are. */
    static String stripComments(String value) {
        return splitComments(value, false);
    }

    private static String commentsOf(String value) {
        return splitComments(value, true);
    }

    private static String splitComments(String value, boolean wantComments) {
        StringBuilder text = new StringBuilder();
        StringBuilder comments = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        boolean escaped = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            StringBuilder out = depth > 0 ? comments : text;
            if (escaped) {
                escaped = false;
                out.append(c);
            } else if (c == '\\' && (depth > 0 || quoted)) {
                escaped = true;
                if (depth == 0) {
                    out.append(c);
                }
            } else if (depth == 0 && c == '"') {
                quoted = !quoted;
                out.append(c);
            } else if (!quoted && c == '(') {
                depth++;
                if (depth > 1) {
                    comments.append(c);
                }
            } else if (depth > 0 && c == ')') {
                depth--;
                comments.append(depth > 0 ? ")" : " ");
            } else {
                out.append(c);
            }
        }
        return (wantComments ? comments : text).toString();
    }

    static boolean isDaemon(String raw) {
        String value = decode(raw);
        String address;
        String name;
        int open = value.lastIndexOf('<');
        int close = value.lastIndexOf('>');
        if (open >= 0 && close > open) {
            address = value.substring(open + 1, close);
            name = stripComments(value.substring(0, open)) + " " + commentsOf(value.substring(0, open));
        } else {
            address = stripComments(value);
            name = commentsOf(value);
        }
        address = address.trim();
        if (address.isEmpty() && open >= 0 && close > open) {
            // From: <> — the null address, written by bounce software
            return true;
        }
        int at = address.lastIndexOf('@');
        String local = (at < 0 ? address : address.substring(0, at)).replace("\"", "").trim()
            .toLowerCase(Locale.ROOT);
        if (DAEMON_LOCAL_PARTS.contains(local)) {
            return true;
        }
        String display = WHITE_SPACE.matcher(name.replace("\"", "")).replaceAll(" ").trim().toLowerCase(Locale.ROOT);
        return DAEMON_NAMES.contains(display);
    }

    /** What the first {@code Subject} says. */
    enum SubjectKind { BOUNCE, DELAY, OTHER }

    static SubjectKind subjectKind(String raw) {
        String subject = NdrText.normalise(decode(raw));
        if (startsWithAny(subject, NdrDetector.DELAY_SUBJECT_PREFIXES)) {
            return SubjectKind.DELAY;
        }
        return startsWithAny(subject, NdrDetector.BOUNCE_SUBJECT_PREFIXES) ? SubjectKind.BOUNCE : SubjectKind.OTHER;
    }

    static boolean isBounceSubject(String raw) {
        return subjectKind(raw) == SubjectKind.BOUNCE;
    }

    static boolean isListErrorSubject(String raw) {
        String subject = NdrText.normalise(decode(raw));
        for (String part : NdrDetector.LIST_ERROR_SUBJECTS) {
            if (subject.contains(part)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithAny(String value, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (value.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Unfolded, raw 8-bit or ISO-2022-JP text decoded ({@link NdrText#decodeRawHeader}), encoded words decoded. */
    static String decode(String raw) {
        String value = NdrText.decodeRawHeader(HeaderText.unfold(raw));
        try {
            return DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
        } catch (RuntimeException e) {
            return value;
        }
    }
}
