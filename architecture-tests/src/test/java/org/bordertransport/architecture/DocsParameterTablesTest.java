package org.bordertransport.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Keeps docs/ equal to the code: every mailet, matcher and SMTP hook has a {@code ### SimpleName} section in a page
 * of docs/, and the names in its {@code | parameter | default | allowed values | meaning |} table are exactly the
 * class's declared {@code PARAMETERS}.
 */
class DocsParameterTablesTest {
    private static final String PARAMETER_TABLE_HEADER = "| parameter | default | allowed values | meaning |";
    private static final String CONDITION_TABLE_HEADER = "| condition | meaning |";
    /** A condition option of a matcher, documented as a condition row {@code `;name=VALUE`}. */
    private static final Pattern CONDITION_OPTION = Pattern.compile("`;([A-Za-z]+)=[^`]*`");
    private static final Path DOCS = Paths.get(System.getProperty("border.docs.dir", "../docs"));
    private static Map<String, List<String>> sections;

    @BeforeAll
    static void readDocs() throws IOException {
        assertThat(DOCS).as("the docs/ folder of the repository").isDirectory();
        sections = new LinkedHashMap<>();
        try (Stream<Path> pages = Files.list(DOCS)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).sorted().collect(Collectors.toList())) {
                readSections(page);
            }
        }
    }

    private static void readSections(Path page) throws IOException {
        List<String> current = null;
        for (String line : Files.readAllLines(page, StandardCharsets.UTF_8)) {
            if (line.startsWith("### ")) {
                String name = line.substring(4).trim();
                assertThat(sections).as("section ### %s appears twice (second time in %s)", name, page)
                    .doesNotContainKey(name);
                current = new ArrayList<>();
                sections.put(name, current);
            } else if (line.startsWith("## ") || line.startsWith("# ")) {
                current = null;
            } else if (current != null) {
                current.add(line);
            }
        }
    }

    /**
     * Documented parameter names of a section: the first cells of its parameter table, without backticks, and the
     * options ({@code `;name=VALUE`} rows) of its condition table.
     */
    static Set<String> documentedParameters(List<String> section) {
        Set<String> names = new TreeSet<>();
        String table = null;
        for (String line : section) {
            String trimmed = line.trim();
            if (trimmed.equals(PARAMETER_TABLE_HEADER) || trimmed.equals(CONDITION_TABLE_HEADER)) {
                table = trimmed;
            } else if (table != null && trimmed.startsWith("|")) {
                String cell = trimmed.substring(1, trimmed.indexOf('|', 1)).trim();
                if (cell.matches("-+")) {
                    continue;
                }
                if (table.equals(PARAMETER_TABLE_HEADER)) {
                    assertThat(cell).as("first cell of a parameter row").matches("`[^`]+`");
                    names.add(cell.substring(1, cell.length() - 1));
                } else {
                    Matcher option = CONDITION_OPTION.matcher(cell);
                    if (option.matches()) {
                        names.add(option.group(1));
                    }
                }
            } else {
                table = null;
            }
        }
        return names;
    }

    static Collection<JavaClass> adapterClasses() {
        return new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.bordertransport.mailets", "org.bordertransport.matchers", "org.bordertransport.smtp")
            .stream()
            .filter(c -> c.isTopLevelClass() && !c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT))
            .filter(c -> c.isAssignableTo("org.apache.mailet.Mailet") || c.isAssignableTo("org.apache.mailet.Matcher")
                || c.isAssignableTo("org.apache.james.protocols.api.handler.ProtocolHandler"))
            .sorted((a, b) -> a.getName().compareTo(b.getName()))
            .collect(Collectors.toList());
    }

    @Test
    void findsEveryKindOfAdapter() {
        List<String> names = adapterClasses().stream().map(JavaClass::getSimpleName).collect(Collectors.toList());
        assertThat(names).contains("ConvertTnef", "HasTnef", "SrsRcptHook").hasSizeGreaterThanOrEqualTo(16);
    }

    @TestFactory
    Stream<DynamicTest> everyAdapterHasItsParameterTable() {
        return adapterClasses().stream().map(c -> DynamicTest.dynamicTest(c.getSimpleName(), () -> {
            assertThat(sections).as("a '### %s' section in docs/*.md", c.getSimpleName())
                .containsKey(c.getSimpleName());
            Set<String> declared = new TreeSet<>(declaredParameters(Class.forName(c.getName())));
            assertThat(documentedParameters(sections.get(c.getSimpleName())))
                .as("parameters documented for %s in docs/ versus its PARAMETERS", c.getSimpleName())
                .isEqualTo(declared);
        }));
    }

    @SuppressWarnings("unchecked")
    private static Set<String> declaredParameters(Class<?> type) throws ReflectiveOperationException {
        Field field = type.getField("PARAMETERS");
        assertThat(Modifier.isStatic(field.getModifiers()) && Modifier.isFinal(field.getModifiers()))
            .as("%s.PARAMETERS is static final", type.getSimpleName())
            .isTrue();
        return (Set<String>) field.get(null);
    }

    @Test
    void readsTablesAsWritten() {
        List<String> section = List.of("Mailet: `x`", "", PARAMETER_TABLE_HEADER, "|---|---|---|---|",
            "| `a` | 1 | any | x |", "| `b` | | | y |", "", "| parameter | other |", "| `c` | no |", "",
            CONDITION_TABLE_HEADER, "|---|---|", "| `Kind` | a kind |", "| `;file=LOCATION` | an option |");
        assertThat(documentedParameters(section)).containsExactly("a", "b", "file");
    }
}
