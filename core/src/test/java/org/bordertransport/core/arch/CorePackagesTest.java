package org.bordertransport.core.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The packages of {@code core} reference each other without cycles, and {@code core} never imports the James server
 * API nor the mailet API (mime4j aside). Read from the main sources: every fully qualified
 * {@code org.bordertransport.core.X} and every {@code org.apache.james} or {@code org.apache.mailet} import.
 */
class CorePackagesTest {
    private static final Path SOURCES = Path.of("src/main/java/org/bordertransport/core");
    private static final Pattern CORE_REFERENCE = Pattern.compile("org\\.bordertransport\\.core\\.([a-z0-9]+)");
    private static final Pattern JAMES_IMPORT =
        Pattern.compile("^import (static )?(org\\.apache\\.(james|mailet)\\.[\\w.]+)", Pattern.MULTILINE);

    @Test
    void corePackagesHaveNoCycles() {
        Map<String, Set<String>> graph = graph();
        assertThat(graph).as("core packages read from %s", SOURCES.toAbsolutePath()).isNotEmpty();
        assertThat(cycles(graph)).as("package cycles in core (edges: %s)", graph).isEmpty();
    }

    @Test
    void coreDoesNotImportJamesServerOrMailetApi() {
        List<String> offending = new ArrayList<>();
        for (Path file : sources()) {
            Matcher m = JAMES_IMPORT.matcher(read(file));
            while (m.find()) {
                if (!m.group(2).startsWith("org.apache.james.mime4j.")) {
                    offending.add(SOURCES.relativize(file) + ": " + m.group(2));
                }
            }
        }
        assertThat(offending).isEmpty();
    }

    private static Map<String, Set<String>> graph() {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Path file : sources()) {
            String from = SOURCES.relativize(file).getName(0).toString();
            Set<String> to = graph.computeIfAbsent(from, k -> new TreeSet<>());
            Matcher m = CORE_REFERENCE.matcher(read(file));
            while (m.find()) {
                if (!m.group(1).equals(from)) {
                    to.add(m.group(1));
                }
            }
        }
        return graph;
    }

    /** Each strongly connected set of two or more packages, found by depth-first search from every package. */
    static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        List<Set<String>> cycles = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (String start : graph.keySet()) {
            if (seen.contains(start)) {
                continue;
            }
            Set<String> component = new TreeSet<>();
            for (String other : reachable(graph, start)) {
                if (reachable(graph, other).contains(start)) {
                    component.add(other);
                }
            }
            component.add(start);
            seen.addAll(component);
            if (component.size() > 1) {
                cycles.add(component);
            }
        }
        return cycles;
    }

    private static Set<String> reachable(Map<String, Set<String>> graph, String start) {
        Set<String> out = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(graph.getOrDefault(start, Set.of()));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (out.add(next)) {
                todo.addAll(graph.getOrDefault(next, Set.of()));
            }
        }
        return out;
    }

    @Test
    void theCycleSearchFindsACycle() {
        Map<String, Set<String>> graph = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        assertThat(cycles(new TreeMap<>(graph))).containsExactly(Set.of("a", "b", "c"));
    }

    private static List<Path> sources() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
