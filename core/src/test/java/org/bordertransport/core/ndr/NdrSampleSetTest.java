package org.bordertransport.core.ndr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.bordertransport.core.mail.HeaderField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real bounces and look-alikes of {@code src/test/resources/samples/ndr/} (see its {@code README.md}), each
 * listed in a {@code SOURCES-*.tsv} table, judged by content alone: no envelope sender, exactly as
 * {@code bin/border ndr classify FILE} does without {@code --sender}. Prints recall per family and asserts overall
 * recall of at least {@value #MIN_RECALL} and no false positive.
 */
class NdrSampleSetTest {
    static final double MIN_RECALL = 0.97;
    private static final String NDR = "ndr";
    private static final String NOT_NDR = "not-ndr";
    private static final List<String> COLUMNS = List.of("path", "family", "expected", "source", "licence", "note");
    private static final List<String> FIX_COLUMNS = List.of("path", "expected", "why");

    private static Path dir;
    private static Map<String, Sample> samples;

    /** One listed file and its verdict. */
    static final class Sample {
        final String path;
        final String family;
        final String expected;
        NdrVerdict verdict;
        NdrVerdict headerPathVerdict;

        Sample(String path, String family, String expected) {
            this.path = path;
            this.family = family;
            this.expected = expected;
        }

        boolean detected() {
            return verdict.isNdr();
        }
    }

    @BeforeAll
    static void judgeEverySample() throws IOException {
        dir = sampleDir();
        samples = listed(dir);
        applyFixes(dir.resolve("LABEL-FIXES.tsv"), samples);
        for (Sample sample : samples.values()) {
            Path file = dir.resolve(sample.path);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                sample.verdict = NdrDetector.defaults().detect(in, null);
            }
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                List<HeaderField> header = readHeader(in);
                sample.headerPathVerdict = NdrDetector.defaults().detect(header, in, null);
            }
        }
        System.out.println(table());
    }

    /** The source folder, not the copy under target/ (which keeps files removed from the source). */
    static Path sampleDir() {
        Path base = Paths.get(System.getProperty("basedir", "."));
        Path folder = base.resolve("src/test/resources/samples/ndr");
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("NDR sample set missing: " + folder.toAbsolutePath());
        }
        return folder;
    }

    static Map<String, Sample> listed(Path folder) throws IOException {
        Map<String, Sample> out = new TreeMap<>();
        List<Path> tables;
        try (Stream<Path> files = Files.list(folder)) {
            tables = files.filter(p -> p.getFileName().toString().matches("SOURCES-.*\\.tsv")).sorted()
                .collect(Collectors.toList());
        }
        assertThat(tables).as("SOURCES-*.tsv tables in " + folder).isNotEmpty();
        for (Path table : tables) {
            for (List<String> row : rows(table, COLUMNS)) {
                String path = row.get(0);
                String expected = row.get(2);
                assertThat(expected).as(table.getFileName() + ": label of " + path).isIn(NDR, NOT_NDR);
                assertThat(out).as(table.getFileName() + ": " + path + " listed twice").doesNotContainKey(path);
                out.put(path, new Sample(path, row.get(1), expected));
            }
        }
        return out;
    }

    /** {@code LABEL-FIXES.tsv}: path, corrected label, why. Optional. */
    static void applyFixes(Path fixes, Map<String, Sample> listed) throws IOException {
        if (!Files.exists(fixes)) {
            return;
        }
        for (List<String> row : rows(fixes, FIX_COLUMNS)) {
            Sample old = listed.get(row.get(0));
            assertThat(old).as("LABEL-FIXES.tsv: " + row.get(0) + " is not listed").isNotNull();
            assertThat(row.get(1)).as("LABEL-FIXES.tsv: label of " + row.get(0)).isIn(NDR, NOT_NDR);
            assertThat(row.get(2)).as("LABEL-FIXES.tsv: why " + row.get(0)).isNotBlank();
            listed.put(old.path, new Sample(old.path, old.family, row.get(1)));
        }
    }

    /** The data rows of a tab-separated table whose first row names {@code columns}. */
    static List<List<String>> rows(Path table, List<String> columns) throws IOException {
        List<String> lines = Files.readAllLines(table, StandardCharsets.UTF_8);
        assertThat(lines).as(table.getFileName() + ": header row").isNotEmpty();
        assertThat(List.of(lines.get(0).split("\t", -1))).as(table.getFileName() + ": columns")
            .containsExactlyElementsOf(columns);
        List<List<String>> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = List.of(line.split("\t", -1));
            assertThat(cells).as(table.getFileName() + ": cells of " + line).hasSize(columns.size());
            out.add(cells);
        }
        return out;
    }

    /**
     * The header block as {@code bin/border ndr classify} reads it before handing the body to the detector: byte for
     * byte as ISO-8859-1, continuation lines kept, up to the first empty line (consumed).
     */
    static List<HeaderField> readHeader(InputStream in) throws IOException {
        List<HeaderField> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            line.reset();
            int b;
            while ((b = in.read()) >= 0) {
                line.write(b);
                if (b == '\n') {
                    break;
                }
            }
            String text = line.toString(StandardCharsets.ISO_8859_1);
            boolean end = text.isEmpty() || text.equals("\n") || text.equals("\r\n");
            if (end || text.charAt(0) != ' ' && text.charAt(0) != '\t') {
                flush(current, fields);
            }
            if (end) {
                return fields;
            }
            current.append(text);
            if (b < 0) {
                flush(current, fields);
                return fields;
            }
        }
    }

    private static void flush(StringBuilder current, List<HeaderField> fields) {
        String raw = current.toString().replaceAll("\r?\n$", "");
        current.setLength(0);
        int colon = raw.indexOf(':');
        if (colon > 0 && raw.charAt(0) != ' ' && raw.charAt(0) != '\t'
            && raw.substring(0, colon).trim().chars().allMatch(c -> c > 32 && c < 127)) {
            fields.add(new HeaderField(raw.substring(0, colon).trim(), raw.substring(colon + 1)));
        }
    }

    @Test
    void everyListedFileShouldExist() {
        List<String> missing = samples.keySet().stream().filter(path -> !Files.isRegularFile(dir.resolve(path)))
            .collect(Collectors.toList());

        assertThat(missing).as("listed in SOURCES-*.tsv but missing").isEmpty();
    }

    @Test
    void everyFileShouldBeListed() throws IOException {
        Set<String> unlisted = new TreeSet<>();
        for (String top : List.of("bounce", "not-bounce")) {
            Path folder = dir.resolve(top);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(folder)) {
                files.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(path -> !samples.containsKey(path))
                    .forEach(unlisted::add);
            }
        }

        assertThat(unlisted).as("files not listed in any SOURCES-*.tsv").isEmpty();
    }

    @Test
    void labelsShouldMatchTheFolders() {
        List<String> wrong = new ArrayList<>();
        for (Sample sample : samples.values()) {
            boolean bounceFolder = sample.path.startsWith("bounce/");
            boolean fixed = !sample.expected.equals(bounceFolder ? NDR : NOT_NDR);
            if (fixed && !fixedInLabelFixes(sample.path)) {
                wrong.add(sample.path + " labelled " + sample.expected);
            }
        }

        assertThat(wrong).as("labels that contradict their folder without a LABEL-FIXES.tsv row").isEmpty();
    }

    private static boolean fixedInLabelFixes(String path) {
        Path fixes = dir.resolve("LABEL-FIXES.tsv");
        try {
            return Files.exists(fixes) && rows(fixes, FIX_COLUMNS).stream().anyMatch(row -> row.get(0).equals(path));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void recallShouldReachTheTarget() {
        List<Sample> bounces = judged(NDR);
        long detected = bounces.stream().filter(Sample::detected).count();
        List<String> missed = bounces.stream().filter(s -> !s.detected())
            .map(s -> s.path + " " + s.verdict.signals() + " " + s.verdict.negativeSignals())
            .collect(Collectors.toList());

        assertThat(bounces).as("bounces in the sample set").isNotEmpty();
        assertThat((double) detected / bounces.size()).as("overall recall; missed: " + String.join("\n", missed))
            .isGreaterThanOrEqualTo(MIN_RECALL);
    }

    @Test
    void noNonBounceShouldBeTakenForABounce() {
        List<String> falsePositives = judged(NOT_NDR).stream().filter(Sample::detected)
            .map(s -> s.path + " " + s.verdict.signals())
            .collect(Collectors.toList());

        assertThat(falsePositives).as("false positives").isEmpty();
    }

    @Test
    void headerReadApartShouldGiveTheSameVerdict() {
        List<String> differing = samples.values().stream()
            .filter(s -> s.verdict != null && s.verdict.isNdr() != s.headerPathVerdict.isNdr())
            .map(s -> s.path + ": whole " + s.verdict + ", header apart " + s.headerPathVerdict)
            .collect(Collectors.toList());

        assertThat(differing).as("verdicts of detect(message) and detect(header, body)").isEmpty();
    }

    /** Malformed input (MIME, a report part without fields) is the sample's own; a limit would be ours. */
    @Test
    void noSampleShouldHitALimit() {
        List<String> limited = samples.values().stream()
            .filter(s -> s.verdict != null && s.verdict.problem().isPresent()
                && !s.verdict.problem().get().startsWith("malformed"))
            .map(s -> s.path + ": " + s.verdict.problem().get())
            .collect(Collectors.toList());

        assertThat(limited).as("samples read only in part").isEmpty();
    }

    private static List<Sample> judged(String expected) {
        return samples.values().stream().filter(s -> s.verdict != null && s.expected.equals(expected))
            .collect(Collectors.toList());
    }

    /** Family, samples, detected (as NDR), recall (bounces) or false positives (others). */
    static String table() {
        Map<String, List<Sample>> byFamily = new TreeMap<>();
        for (Sample sample : samples.values()) {
            if (sample.verdict != null) {
                byFamily.computeIfAbsent(sample.expected + "\t" + sample.family, k -> new ArrayList<>()).add(sample);
            }
        }
        StringBuilder out = new StringBuilder("NDR sample set, content alone (no envelope sender)\n");
        out.append(String.format(Locale.ROOT, "%-8s %-24s %7s %8s %8s%n", "label", "family", "samples", "detected",
            "recall"));
        int bounces = 0;
        int detectedBounces = 0;
        int others = 0;
        int falsePositives = 0;
        for (Map.Entry<String, List<Sample>> entry : byFamily.entrySet()) {
            String[] key = entry.getKey().split("\t");
            List<Sample> family = entry.getValue();
            int detected = (int) family.stream().filter(Sample::detected).count();
            boolean ndr = key[0].equals(NDR);
            if (ndr) {
                bounces += family.size();
                detectedBounces += detected;
            } else {
                others += family.size();
                falsePositives += detected;
            }
            out.append(String.format(Locale.ROOT, "%-8s %-24s %7d %8d %8s%n", key[0], key[1], family.size(), detected,
                ndr ? String.format(Locale.ROOT, "%.3f", (double) detected / family.size()) : "-"));
        }
        out.append(String.format(Locale.ROOT, "%-8s %-24s %7d %8d %8s%n", NDR, "ALL", bounces, detectedBounces,
            bounces == 0 ? "-" : String.format(Locale.ROOT, "%.3f", (double) detectedBounces / bounces)));
        out.append(String.format(Locale.ROOT, "%-8s %-24s %7d %8d %8s%n", NOT_NDR, "ALL (false positives)", others,
            falsePositives, "-"));
        for (Sample sample : samples.values()) {
            if (sample.verdict != null && sample.detected() != sample.expected.equals(NDR)) {
                out.append("  wrong: ").append(sample.path).append(' ').append(sample.verdict.signals()).append(' ')
                    .append(sample.verdict.negativeSignals()).append('\n');
            }
        }
        return out.toString();
    }
}
