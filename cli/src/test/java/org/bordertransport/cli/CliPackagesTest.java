package org.bordertransport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The CLI's layers: the launcher ({@code org.bordertransport.cli}: Border and picocli's set-up) on top, the
 * command packages below it, {@code cli.common} (context, exit codes, errors, JSON, command bases) at the bottom.
 * No command imports the launcher, and common imports no command package.
 */
class CliPackagesTest {
    private static final Path SOURCES = Paths.get("src/main/java/org/bordertransport/cli");
    private static final Pattern IMPORT =
        Pattern.compile("^import (?:static )?org\\.bordertransport\\.cli\\.([A-Za-z.]+);", Pattern.MULTILINE);

    /** {@code file -> imported package} for every import of our CLI code in the given package directory. */
    private static List<String> imports(Path directory) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                Matcher matcher = IMPORT.matcher(Files.readString(file));
                while (matcher.find()) {
                    String name = matcher.group(1);
                    int lastDot = name.lastIndexOf('.');
                    String pkg = lastDot < 0 ? "" : name.substring(0, lastDot);
                    found.add(SOURCES.relativize(file) + " -> cli" + (pkg.isEmpty() ? "" : "." + pkg));
                }
            }
        }
        return found;
    }

    @Test
    void noCommandShouldImportTheLauncher() throws IOException {
        List<String> upward = new ArrayList<>();
        try (Stream<Path> packages = Files.list(SOURCES)) {
            for (Path dir : (Iterable<Path>) packages.filter(Files::isDirectory)::iterator) {
                imports(dir).stream().filter(i -> i.endsWith(" -> cli")).forEach(upward::add);
            }
        }

        assertThat(SOURCES.resolve("common")).isDirectory();
        assertThat(upward).isEmpty();
    }

    @Test
    void commonShouldImportNoCommandPackage() throws IOException {
        assertThat(imports(SOURCES.resolve("common"))).allMatch(i -> i.endsWith(" -> cli.common"));
    }
}
