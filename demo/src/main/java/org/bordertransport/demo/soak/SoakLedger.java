package org.bordertransport.demo.soak;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What was sent (per token: kind, envelope, what SMTP answered) and where copies were found (per token: the sink, a
 * mailbox, a mail repository with its reason); then the accounting: every recipient accepted with 250 must be found
 * exactly once.
 */
final class SoakLedger {
    /** One message as sent, without its bytes. */
    static final class Sent {
        final String kind;
        final Map<String, String> finalAddress;
        final SoakSmtp.Outcome outcome;

        Sent(SoakMessage message, SoakSmtp.Outcome outcome) {
            this.kind = message.kind;
            this.finalAddress = message.finalAddress;
            this.outcome = outcome;
        }

        String finalOf(String rcpt) {
            return finalAddress.getOrDefault(rcpt, rcpt);
        }
    }

    /** Where one copy was found: a place ("remote MX", "mailbox USER", "repository PATH"), recipients, reason. */
    static final class Location {
        final String place;
        final List<String> rcpts;
        final String reason;

        Location(String place, List<String> rcpts, String reason) {
            this.place = place;
            this.rcpts = List.copyOf(rcpts);
            this.reason = reason;
        }
    }

    /** Prefix of a repository reason whose error message names a Border Transport class. */
    static final String BORDER_MARK = "[Border] ";

    final Map<Integer, Sent> sent = new ConcurrentHashMap<>();
    final Map<Integer, List<Location>> found = new ConcurrentHashMap<>();
    /** Notifications James made (DSNs, bounces) per place, found by the token they quote. */
    final Map<String, AtomicLong> notifications = new ConcurrentHashMap<>();
    final AtomicLong unattributed = new AtomicLong();

    void sent(SoakMessage message, SoakSmtp.Outcome outcome) {
        sent.put(message.token, new Sent(message, outcome));
    }

    void found(int token, Location location) {
        found.computeIfAbsent(token, t -> Collections.synchronizedList(new ArrayList<>())).add(location);
    }

    void notification(String place) {
        notifications.computeIfAbsent(place, p -> new AtomicLong()).incrementAndGet();
    }

    /** The result of the accounting. */
    static final class Result {
        long messages;
        long accepted;
        long refusedAtRcpt;
        long refusedAtData;
        long brokenConnections;
        long recipientsAccepted;
        long recipientsRefused;
        long lost;
        long duplicated;
        long unexpected;
        long borderErrors;
        /** Messages James answered "500 Line length exceeded" during DATA, and then 250 anyway. */
        long acceptedAfterLineTooLong;
        final Map<String, Long> outcomes = new TreeMap<>();
        final Map<String, Long> reasons = new TreeMap<>();
        final Map<String, long[]> perKind = new TreeMap<>();
        final List<String> problems = new ArrayList<>();

        boolean passed() {
            return lost == 0 && duplicated == 0 && unexpected == 0 && borderErrors == 0;
        }
    }

    /** Per kind: messages, DATA accepted, refused, recipients accepted, delivered remote, local, in a repository. */
    static final String[] KIND_COLUMNS = {"messages", "accepted (250)", "refused at SMTP", "recipients accepted",
        "remote MX", "local mailbox", "repository", "lost", "duplicated"};

    Result account() {
        Result r = new Result();
        for (Map.Entry<Integer, Sent> entry : new TreeMap<>(sent).entrySet()) {
            int token = entry.getKey();
            Sent s = entry.getValue();
            long[] kind = r.perKind.computeIfAbsent(s.kind, k -> new long[KIND_COLUMNS.length]);
            r.messages++;
            kind[0]++;
            r.recipientsRefused += s.outcome.refusedReplies.size();
            List<Location> locations = found.getOrDefault(token, List.of());
            if (!s.outcome.dataAccepted()) {
                if (s.outcome.ioError != null) {
                    r.brokenConnections++;
                } else if (s.outcome.accepted.isEmpty()) {
                    r.refusedAtRcpt++;
                } else {
                    r.refusedAtData++;
                }
                kind[2]++;
                if (!locations.isEmpty()) {
                    r.unexpected++;
                    problem(r, "soak-" + token + " (" + s.kind + ") was not accepted ("
                        + (s.outcome.ioError != null ? s.outcome.ioError : s.outcome.dataReply) + ") but was found in "
                        + places(locations));
                }
                continue;
            }
            r.accepted++;
            kind[1]++;
            if (s.outcome.lineTooLongReplies > 0) {
                r.acceptedAfterLineTooLong++;
            }
            List<Location> unmatched = new ArrayList<>(locations);
            for (String rcpt : s.outcome.accepted) {
                r.recipientsAccepted++;
                kind[3]++;
                String target = s.finalOf(rcpt);
                List<Location> copies = new ArrayList<>();
                for (Location location : locations) {
                    if (contains(location.rcpts, rcpt) || contains(location.rcpts, target)) {
                        copies.add(location);
                    }
                }
                unmatched.removeAll(copies);
                if (copies.isEmpty()) {
                    r.lost++;
                    kind[7]++;
                    problem(r, "LOST: soak-" + token + " (" + s.kind + ") for " + rcpt + " (expected at " + target
                        + ") was accepted (" + s.outcome.dataReply + ") and found nowhere");
                } else if (copies.size() > 1) {
                    r.duplicated++;
                    kind[8]++;
                    problem(r, "DUPLICATED: soak-" + token + " (" + s.kind + ") for " + rcpt + " found "
                        + copies.size() + " times: " + places(copies));
                } else {
                    Location copy = copies.get(0);
                    r.outcomes.merge(copy.place, 1L, Long::sum);
                    kind[copy.place.equals("remote MX") ? 4 : copy.place.startsWith("mailbox") ? 5 : 6]++;
                    if (copy.reason != null) {
                        r.reasons.merge(copy.place + ": " + copy.reason, 1L, Long::sum);
                        if (isErrorRepository(copy.place) && copy.reason.startsWith(BORDER_MARK)) {
                            r.borderErrors++;
                            problem(r, "BORDER ERROR: soak-" + token + " (" + s.kind + ") for " + rcpt + " in "
                                + copy.place + ": " + copy.reason);
                        } else if (isErrorRepository(copy.place)) {
                            problem(r, "error repository (thrown by James code): soak-" + token + " (" + s.kind
                                + ") for " + rcpt + ": " + copy.reason);
                        }
                    }
                }
            }
            if (!unmatched.isEmpty()) {
                r.unexpected++;
                problem(r, "UNEXPECTED: soak-" + token + " (" + s.kind + ", accepted for " + s.outcome.accepted
                    + ") also found in " + places(unmatched));
            }
        }
        for (Integer token : found.keySet()) {
            if (!sent.containsKey(token)) {
                r.unexpected++;
                problem(r, "UNEXPECTED: soak-" + token + " was never sent but was found in "
                    + places(found.get(token)));
            }
        }
        return r;
    }

    /** James's error repository ({@code var/mail/error}, however the path is written). */
    static boolean isErrorRepository(String place) {
        return place.matches("repository (.*/)?error/?");
    }

    private static void problem(Result r, String line) {
        if (r.problems.size() < 200) {
            r.problems.add(line);
        }
    }

    private static boolean contains(List<String> rcpts, String address) {
        for (String rcpt : rcpts) {
            if (rcpt.equalsIgnoreCase(address)) {
                return true;
            }
        }
        return false;
    }

    private static String places(List<Location> locations) {
        List<String> places = new ArrayList<>();
        synchronized (locations) {
            for (Location location : locations) {
                places.add(location.place + " " + location.rcpts + (location.reason == null ? ""
                    : " (" + location.reason + ")"));
            }
        }
        return String.join("; ", places);
    }

    /** The per-kind table in Markdown. */
    static String kindTable(Result r, Set<String> hostile) {
        StringBuilder table = new StringBuilder("| kind | " + String.join(" | ", KIND_COLUMNS) + " |\n|---");
        for (int i = 0; i < KIND_COLUMNS.length; i++) {
            table.append("|---");
        }
        table.append("|\n");
        for (Map.Entry<String, long[]> kind : r.perKind.entrySet()) {
            table.append("| ").append(kind.getKey()).append(hostile.contains(kind.getKey()) ? " (hostile)" : "");
            for (long value : kind.getValue()) {
                table.append(String.format(Locale.ROOT, " | %,d", value));
            }
            table.append(" |\n");
        }
        return table.toString();
    }
}
