package org.bordertransport.core.firewall;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bordertransport.core.messageid.InternalHosts;

/**
 * The value of one {@code Received} field, read leniently as RFC 5321 trace information: clauses
 * ({@code from}, {@code by}, {@code via}, {@code with}, {@code id}, {@code for}), each a keyword, a value and comments,
 * then {@code ;} and the date. What a clause names is judged with {@link InternalHosts} for host names and
 * {@link PrivateAddresses} for IP addresses (private ranges count as internal exactly when single-label hosts do:
 * {@link InternalHosts#unqualifiedIsInternal()}). Nothing is resolved in DNS.
 */
final class ReceivedField {
    private static final Set<String> KEYWORDS = Set.of("from", "by", "via", "with", "id", "for");
    private static final Pattern DOTTED_HOST = Pattern.compile(
        "(?<![A-Za-z0-9.-])[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+\\.?"
            + "(?![A-Za-z0-9-])");
    private static final Pattern IPV4 = Pattern.compile("(?<![0-9.])\\d{1,3}(?:\\.\\d{1,3}){3}(?![0-9]|\\.\\d)");
    private static final Pattern IPV6 = Pattern.compile("(?i)(?<![0-9a-f:])(?:IPv6:)?[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}"
        + "(?:\\d{1,3}(?:\\.\\d{1,3}){3})?(?![0-9a-f:])");

    /** What a field becomes. */
    enum Verdict {
        /** Names no internal host: left exactly as it is. */
        CLEAN,
        /** Rewritten to its public part ({@link #reduced()}). */
        REDUCED,
        /** Removed. */
        REMOVED
    }

    private final Verdict verdict;
    private final String reduced;

    private ReceivedField(Verdict verdict, String reduced) {
        this.verdict = verdict;
        this.reduced = reduced;
    }

    Verdict verdict() {
        return verdict;
    }

    /** The reduced value (for {@link Verdict#REDUCED}). */
    String reduced() {
        return reduced;
    }

    /**
     * Judges one value.
     *
     * @param reduce {@code true}: a field whose {@code by} host is public keeps its public parts; {@code false}: every
     *     field naming an internal host is removed
     */
    static ReceivedField judge(String value, InternalHosts hosts, boolean reduce) {
        int semicolon = dateSeparator(value);
        String trace = semicolon < 0 ? value : value.substring(0, semicolon);
        String date = semicolon < 0 ? "" : value.substring(semicolon);
        List<Item> items = tokenize(trace);
        List<List<Item>> clauses = clauses(items);
        boolean internal = false;
        for (List<Item> clause : clauses) {
            internal |= clauseInternal(clause, hosts) || commentsInternal(clause, hosts);
        }
        if (!internal) {
            return new ReceivedField(Verdict.CLEAN, value);
        }
        if (!reduce) {
            return new ReceivedField(Verdict.REMOVED, null);
        }
        Optional<List<Item>> by = clauses.stream().filter(c -> keyword(c).equals("by")).findFirst();
        if (by.isEmpty() || clauseInternal(by.get(), hosts)) {
            // recorded by an internal host (or by nobody it names): the whole hop is internal
            return new ReceivedField(Verdict.REMOVED, null);
        }
        StringBuilder out = new StringBuilder();
        for (List<Item> clause : clauses) {
            String keyword = keyword(clause);
            boolean dropWhole = !keyword.equals("by") && !keyword.equals("with") && !keyword.equals("id")
                && (clauseInternal(clause, hosts) || commentsInternal(clause, hosts));
            if (dropWhole) {
                continue;
            }
            for (Item item : clause) {
                if (item.comment && commentInternal(item.text, hosts)) {
                    continue;
                }
                out.append(out.length() == 0 ? "" : item.leading.isEmpty() && !item.comment ? " " : item.leading);
                out.append(item.text);
            }
        }
        String trailing = trace.substring(trailingStart(trace));
        return new ReceivedField(Verdict.REDUCED, out + trailing + date);
    }

    /** The clause's keyword in lower case, empty for text before the first keyword. */
    private static String keyword(List<Item> clause) {
        Item first = clause.get(0);
        String lower = first.text.toLowerCase(Locale.ROOT);
        return !first.comment && KEYWORDS.contains(lower) ? lower : "";
    }

    /** Whether the clause's value names an internal host ({@code from}, {@code by}, {@code for}, leading text). */
    private static boolean clauseInternal(List<Item> clause, InternalHosts hosts) {
        String keyword = keyword(clause);
        if (keyword.equals("with") || keyword.equals("id") || keyword.equals("via")) {
            return false;
        }
        int start = keyword.isEmpty() ? 0 : 1;
        for (int i = start; i < clause.size(); i++) {
            Item item = clause.get(i);
            if (item.comment) {
                continue;
            }
            if (keyword.equals("for")) {
                String address = item.text.replace("<", "").replace(">", "");
                int at = address.lastIndexOf('@');
                return at >= 0 && hostInternal(address.substring(at + 1), hosts);
            }
            if (keyword.isEmpty()) {
                return commentInternal(item.text, hosts);
            }
            return hostInternal(item.text, hosts);
        }
        return false;
    }

    private static boolean commentsInternal(List<Item> clause, InternalHosts hosts) {
        for (Item item : clause) {
            if (item.comment && commentInternal(item.text, hosts)) {
                return true;
            }
        }
        return false;
    }

    /** A host name or address literal in a clause value. */
    static boolean hostInternal(String host, InternalHosts hosts) {
        Optional<Boolean> address = PrivateAddresses.classify(host);
        if (address.isPresent()) {
            return address.get() && hosts.unqualifiedIsInternal();
        }
        if (host.trim().startsWith("[")) {
            return false; // a literal that is no IP address names nothing
        }
        return hosts.isInternal(host);
    }

    /** Free text (a comment): any dotted host name, IP address or address in it that is internal. */
    static boolean commentInternal(String text, InternalHosts hosts) {
        // every pattern below needs a dot (IPv4, dotted names) or two colons (IPv6): most comments of James's own
        // Received field, such as "(JAMES SMTP Server )", have neither and cost no regular expression
        int colon = text.indexOf(':');
        boolean dotted = text.indexOf('.') >= 0;
        boolean twoColons = colon >= 0 && text.indexOf(':', colon + 1) >= 0;
        if (!dotted && !twoColons) {
            return false;
        }
        if (hosts.unqualifiedIsInternal()) {
            Matcher v4 = IPV4.matcher(text);
            while (dotted && v4.find()) {
                if (PrivateAddresses.classify(v4.group()).orElse(false)) {
                    return true;
                }
            }
            Matcher v6 = IPV6.matcher(text);
            while (twoColons && v6.find()) {
                if (v6.group().indexOf(':') != v6.group().lastIndexOf(':')
                    && PrivateAddresses.classify(v6.group()).orElse(false)) {
                    return true;
                }
            }
        }
        Matcher host = DOTTED_HOST.matcher(text);
        while (dotted && host.find()) {
            String name = host.group();
            if (PrivateAddresses.ipv4(name.endsWith(".") ? name.substring(0, name.length() - 1) : name).isEmpty()
                && name.chars().anyMatch(Character::isLetter) && hosts.isInternal(name)) {
                return true;
            }
        }
        return false;
    }

    /** The last {@code ;} outside comments, quotes and literals, or -1. */
    private static int dateSeparator(String value) {
        int last = -1;
        int depth = 0;
        boolean quoted = false;
        boolean literal = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && (depth > 0 || quoted)) {
                i++;
            } else if (quoted) {
                quoted = c != '"';
            } else if (depth > 0) {
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            } else if (literal) {
                literal = c != ']';
            } else if (c == '(') {
                depth = 1;
            } else if (c == '"') {
                quoted = true;
            } else if (c == '[') {
                literal = true;
            } else if (c == ';') {
                last = i;
            }
        }
        return last;
    }

    private static int trailingStart(String trace) {
        int end = trace.length();
        while (end > 0 && isSpace(trace.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** Words, literals, quoted strings, angle addresses and comments, each with the white space before it. */
    private static List<Item> tokenize(String trace) {
        List<Item> items = new ArrayList<>();
        int i = 0;
        int n = trace.length();
        while (i < n) {
            int start = i;
            while (i < n && isSpace(trace.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            String leading = trace.substring(start, i);
            int begin = i;
            char c = trace.charAt(i);
            boolean comment = c == '(';
            if (comment) {
                int depth = 0;
                while (i < n) {
                    char d = trace.charAt(i);
                    if (d == '\\') {
                        i += 2;
                        continue;
                    }
                    depth += d == '(' ? 1 : d == ')' ? -1 : 0;
                    i++;
                    if (depth == 0) {
                        break;
                    }
                }
            } else if (c == '"' || c == '[' || c == '<') {
                char close = c == '"' ? '"' : c == '[' ? ']' : '>';
                i++;
                while (i < n && trace.charAt(i) != close) {
                    i += trace.charAt(i) == '\\' && c == '"' ? 2 : 1;
                }
                i = Math.min(n, i + 1);
            } else {
                while (i < n && !isSpace(trace.charAt(i)) && "(\"[<".indexOf(trace.charAt(i)) < 0) {
                    i++;
                }
            }
            i = Math.min(i, n);
            items.add(new Item(leading, trace.substring(begin, i), comment));
        }
        return items;
    }

    private static List<List<Item>> clauses(List<Item> items) {
        List<List<Item>> clauses = new ArrayList<>();
        for (Item item : items) {
            boolean starts = !item.comment && KEYWORDS.contains(item.text.toLowerCase(Locale.ROOT));
            if (starts || clauses.isEmpty()) {
                clauses.add(new ArrayList<>());
            }
            clauses.get(clauses.size() - 1).add(item);
        }
        return clauses;
    }

    private static final class Item {
        private final String leading;
        private final String text;
        private final boolean comment;

        Item(String leading, String text, boolean comment) {
            this.leading = leading;
            this.text = text;
            this.comment = comment;
        }
    }
}
