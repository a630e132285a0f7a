package org.bordertransport.cli.exchange;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of the generated remote-domain file as it is written: a {@code <remoteDomain name domain>} or a
 * {@code <recipient name address>}, its settings in their Exchange spelling (only those that differ from the default),
 * and comments naming what was not taken over.
 */
final class PolicyEntry {
    private final ImportReport.Kind kind;
    private final String name;
    private final String key;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final List<String> comments = new ArrayList<>();

    PolicyEntry(ImportReport.Kind kind, String name, String key) {
        this.kind = kind;
        this.name = name;
        this.key = key;
    }

    ImportReport.Kind kind() {
        return kind;
    }

    String name() {
        return name;
    }

    /** The {@code domain} of a remote domain, the {@code address} of a recipient. */
    String key() {
        return key;
    }

    void setting(String setting, String value) {
        settings.put(setting, value);
    }

    Map<String, String> settings() {
        return Collections.unmodifiableMap(settings);
    }

    void comment(String comment) {
        comments.add(comment);
    }

    List<String> comments() {
        return Collections.unmodifiableList(comments);
    }
}
