package org.bordertransport.core.tnef;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The TNEF conformance corpus ({@code tnef/} under the system property {@code border.corpus.dir}, set by the
 * {@code corpus} profile) and its MANIFEST.tsv, for the conformance tests; fails, never skips, when it is missing.
 */
public final class TnefCorpus {
    private TnefCorpus() {
    }

    public static Path corpus() {
        String dir = System.getProperty("border.corpus.dir");
        if (dir == null) {
            throw new IllegalStateException("system property border.corpus.dir is not set (run with -Pcorpus)");
        }
        Path tnef = Paths.get(dir, "tnef");
        if (!Files.isRegularFile(tnef.resolve("MANIFEST.tsv"))) {
            throw new IllegalStateException("TNEF corpus missing: " + tnef.toAbsolutePath() + "/MANIFEST.tsv");
        }
        return tnef;
    }

    /** The rows of MANIFEST.tsv, column name to value. */
    public static List<Map<String, String>> manifest() throws IOException {
        List<String> lines = Files.readAllLines(corpus().resolve("MANIFEST.tsv"), StandardCharsets.UTF_8);
        String[] header = lines.get(0).split("\t", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], i < cells.length ? cells[i] : "");
            }
            rows.add(row);
        }
        return rows;
    }

    /** Every file's path relative to the corpus. */
    public static Stream<String> files() throws IOException {
        return manifest().stream().map(r -> r.get("corpus_path"));
    }

    /** The MANIFEST.tsv row of one file. */
    public static Map<String, String> row(String path) throws IOException {
        return manifest().stream().filter(r -> r.get("corpus_path").equals(path)).findFirst().orElseThrow();
    }
}
