package org.bordertransport.cli.exchange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import org.bordertransport.cli.common.Json;

/**
 * What an import found, for standard error (one line each) and the JSON summary: properties without an equivalent
 * here, values that cannot be mapped, directory data passed over, and notes.
 */
final class ImportReport {
    /** What an entry of the generated file comes from. */
    enum Kind {
        REMOTE_DOMAIN("remoteDomain", "remote domain", "domain"),
        RECIPIENT("recipient", "mail contact", "address");

        private final String json;
        private final String words;
        private final String keyName;

        Kind(String json, String words, String keyName) {
            this.json = json;
            this.words = words;
            this.keyName = keyName;
        }
    }

    /** One property of one object that is not taken over. */
    static final class Finding {
        private final Kind kind;
        private final String name;
        private final String key;
        private final String property;
        private final String value;
        private final Boolean exchangeDefault;
        private final String reason;

        private Finding(Kind kind, String name, String key, String property, String value, Boolean exchangeDefault,
                        String reason) {
            this.kind = kind;
            this.name = name;
            this.key = key;
            this.property = property;
            this.value = value;
            this.exchangeDefault = exchangeDefault;
            this.reason = reason;
        }

        String property() {
            return property;
        }

        String value() {
            return value;
        }

        /** True: the value is Exchange's default; false: it is not; null: unknown. */
        Boolean exchangeDefault() {
            return exchangeDefault;
        }

        /** Whether leaving the property out may change what the destination receives. */
        boolean lost() {
            return reason != null || value != null && !Boolean.TRUE.equals(exchangeDefault);
        }

        Json json() {
            Json json = Json.object().put("object", kind.json).put("name", name).put(kind.keyName, key)
                .put("property", property).put("value", value);
            return reason == null ? json.put("exchangeDefault", exchangeDefault) : json.put("reason", reason);
        }

        String who() {
            return kind.words + " '" + name + "'" + (key == null || key.equals(name) ? "" : " (" + key + ")");
        }

        String shown() {
            return property + " " + (value == null ? "$null" : "'" + value + "'");
        }

        /** The line of a value not taken over (a warning); the notes of values at their default are grouped. */
        String line() {
            if (reason != null) {
                return "warning: " + who() + ": " + shown() + " cannot be mapped: " + reason + "; left out";
            }
            if (!lost()) {
                return "note: " + who() + ": " + shown() + " has no equivalent here, nothing is lost (Exchange's "
                    + "default or $null)";
            }
            return "warning: " + who() + ": " + shown() + " has no equivalent here" + (exchangeDefault == null
                ? " (a property this import does not know)" : "") + ": not taken over";
        }
    }

    /** The longest value shown in a report line, the summary or a comment. */
    static final int MAX_SHOWN = 200;

    private final List<Finding> unmapped = new ArrayList<>();
    private final List<Finding> invalid = new ArrayList<>();
    private final SortedSet<String> ignored = new TreeSet<>();
    private final List<String> notes = new ArrayList<>();

    void unmapped(Kind kind, String name, String key, String property, String value, Boolean exchangeDefault) {
        unmapped.add(new Finding(kind, shorten(name), shorten(key), property, shorten(value), exchangeDefault, null));
    }

    void invalid(Kind kind, String name, String key, String property, String value, String reason) {
        String shownReason = reason.length() <= 5 * MAX_SHOWN ? reason : reason.substring(0, 5 * MAX_SHOWN) + "...";
        invalid.add(new Finding(kind, shorten(name), shorten(key), property, shorten(value), null, shownReason));
    }

    /** Values as reported: at most {@value #MAX_SHOWN} characters, longer ones cut and marked with "...". */
    static String shorten(String value) {
        return value == null || value.length() <= MAX_SHOWN ? value : value.substring(0, MAX_SHOWN) + "...";
    }

    void ignored(String property) {
        ignored.add(property);
    }

    void note(String note) {
        notes.add(note);
    }

    List<Finding> unmapped() {
        return unmapped;
    }

    List<Finding> invalid() {
        return invalid;
    }

    SortedSet<String> ignored() {
        return ignored;
    }

    List<String> notes() {
        return notes;
    }

    /** The number of properties whose value is not taken over and may matter: see {@link Finding#lost()}. */
    int lost() {
        int lost = 0;
        for (Finding finding : unmapped) {
            lost += finding.lost() ? 1 : 0;
        }
        return lost + invalid.size();
    }

    /**
     * The lines for standard error: per object, one note with the properties without an equivalent that are at
     * Exchange's default; the other notes; then one warning per property not taken over and per value that cannot be
     * mapped (last, next to the summary).
     */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, List<String>> atDefault = new LinkedHashMap<>();
        for (Finding finding : unmapped) {
            if (finding.lost()) {
                warnings.add(finding.line());
            } else {
                atDefault.computeIfAbsent(finding.who(), who -> new ArrayList<>()).add(finding.shown());
            }
        }
        for (Map.Entry<String, List<String>> entry : atDefault.entrySet()) {
            lines.add("note: " + entry.getKey() + ": no equivalent here, nothing is lost (Exchange's default or "
                + "$null): " + String.join(", ", entry.getValue()));
        }
        for (String note : notes) {
            lines.add("note: " + note);
        }
        lines.addAll(warnings);
        for (Finding finding : invalid) {
            lines.add(finding.line());
        }
        return lines;
    }

    static List<Object> json(List<Finding> findings) {
        List<Object> list = new ArrayList<>();
        for (Finding finding : findings) {
            list.add(finding.json());
        }
        return list;
    }
}
