package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bordertransport.webadmin.ConvertRoutes;
import org.bordertransport.webadmin.MessageIdRoutes;
import org.bordertransport.webadmin.PolicyRoutes;
import org.bordertransport.webadmin.SrsRoutes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * docs/webadmin.md stays true: every route of the code has its section, and every documented {@code curl} line
 * (console blocks, {@code $ } lines) runs against the in-process James with the shipped conf (as {@code bin/demo}
 * runs it) and answers what the page shows: the same status, the same JSON fields, the same values except those that
 * change with the time (SRS timestamps and hashes, file times). SRS addresses are time-stamped: a reverse line uses
 * the address the forward line above it in the same block returned.
 *
 * <p>{@code -Dborder.docs.record=true} writes the answers to {@code target/webadmin-answers.md} instead of
 * comparing, to update the page.</p>
 */
class WebAdminDocsTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern BLOCK = Pattern.compile("(?ms)^```console\\n(.*?)^```$");
    private static final Pattern SRS_ADDRESS = Pattern.compile("[A-Za-z0-9._-]+\\+SRS=[^@\\s']+@[A-Za-z0-9.-]+");
    /** Values that change with the time or the machine: compared for presence only. */
    private static final Set<String> VARYING = Set.of("lastModified", "validUntilAtMost", "stillNeeded");
    private static BorderJames james;
    private static BorderRoutes routes;

    @BeforeAll
    static void start() throws Exception {
        james = BorderJames.builder().start();
        routes = BorderRoutes.of(james);
    }

    @AfterAll
    static void stop() throws Exception {
        if (james != null) {
            james.close();
        }
    }

    private static String page() throws IOException {
        return Files.readString(ShippedConf.directory().getParent().resolve("docs/webadmin.md"),
            StandardCharsets.UTF_8);
    }

    @Test
    void everyRouteHasItsSection() throws IOException {
        String page = page();
        List<String> routes = new ArrayList<>();
        routes.addAll(PolicyRoutes.DOCUMENTED);
        routes.addAll(SrsRoutes.DOCUMENTED);
        routes.addAll(MessageIdRoutes.DOCUMENTED);
        routes.addAll(ConvertRoutes.DOCUMENTED);
        assertThat(routes).hasSize(8);
        for (String route : routes) {
            assertThat(page).as("docs/webadmin.md section for %s", route).contains("\n### `" + route + "`\n");
        }
        Matcher sections = Pattern.compile("(?m)^### `((?:GET|POST) /border/[^`]*)`$").matcher(page);
        while (sections.find()) {
            assertThat(routes).as("documented route in the code").contains(sections.group(1));
        }
    }

    @Test
    void everyDocumentedCurlLineAnswersAsShown() throws Exception {
        boolean record = Boolean.getBoolean("border.docs.record");
        StringBuilder answers = new StringBuilder();
        Matcher block = BLOCK.matcher(page());
        int lines = 0;
        while (block.find()) {
            List<String[]> steps = steps(block.group(1));
            String lastSrs = null;
            for (String[] step : steps) {
                String line = step[0];
                if (lastSrs != null && line.contains("/border/srs/reverse")) {
                    line = SRS_ADDRESS.matcher(line).replaceFirst(Matcher.quoteReplacement(lastSrs));
                }
                DocumentedCurl curl = DocumentedCurl.parse(line);
                BorderRoutes.Answer answer = routes.send(curl.request(routes.base()));
                lines++;
                String shown = step[1];
                String actual = answer.contentType.startsWith("application/json")
                    ? JSON.writeValueAsString(answer.json()) : answer.text().replace("\r\n", "\n").trim();
                answers.append("$ ").append(step[0]).append('\n').append(actual).append("\n\n");
                if (answer.contentType.startsWith("application/json") && answer.json().has("address")
                    && step[0].contains("/border/srs/forward")) {
                    lastSrs = answer.json().get("address").asText();
                }
                if (record) {
                    continue;
                }
                if (shown.startsWith("{")) {
                    JsonNode expected = JSON.readTree(shown);
                    int status = expected.has("statusCode") ? expected.get("statusCode").asInt() : 200;
                    assertThat(answer.status).as("status of %s: %s", step[0], answer).isEqualTo(status);
                    compare("", expected, answer.json(), step[0]);
                } else {
                    assertThat(answer.status).as("status of %s: %s", step[0], answer).isEqualTo(200);
                    assertThat(actual).as("answer of %s", step[0]).isEqualTo(shown.trim());
                }
            }
        }
        if (record) {
            Files.writeString(Path.of("target/webadmin-answers.md"), answers.toString(), StandardCharsets.UTF_8);
        }
        assertThat(lines).as("curl lines in docs/webadmin.md").isGreaterThanOrEqualTo(10);
    }

    /** [command, shown output] for each {@code $ } line of a console block. */
    private static List<String[]> steps(String block) {
        List<String[]> steps = new ArrayList<>();
        String command = null;
        StringBuilder output = new StringBuilder();
        for (String line : block.split("\n", -1)) {
            if (line.startsWith("$ ")) {
                if (command != null) {
                    steps.add(new String[] {command, output.toString().trim()});
                }
                command = line.substring(2).trim();
                output.setLength(0);
            } else if (command != null && command.endsWith("\\")) {
                command = command.substring(0, command.length() - 1).trim() + " " + line.trim();
            } else {
                output.append(line).append('\n');
            }
        }
        if (command != null) {
            steps.add(new String[] {command, output.toString().trim()});
        }
        return steps;
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, String line) {
        assertThat(actual).as("%s%s of %s", "field ", path, line).isNotNull();
        if (expected.isObject()) {
            List<String> expectedNames = names(expected);
            assertThat(names(actual)).as("fields of %s in %s", path.isEmpty() ? "the answer" : path, line)
                .isEqualTo(expectedNames);
            for (Iterator<Map.Entry<String, JsonNode>> fields = expected.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!VARYING.contains(field.getKey())) {
                    compare(path + "." + field.getKey(), field.getValue(), actual.get(field.getKey()), line);
                }
            }
        } else if (expected.isArray()) {
            assertThat(actual.size()).as("size of %s in %s", path, line).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                compare(path + "[" + i + "]", expected.get(i), actual.get(i), line);
            }
        } else if (expected.isTextual() && expected.asText().contains("SRS=")) {
            assertThat(actual.asText()).as("%s in %s", path, line).contains("SRS=");
        } else {
            assertThat(actual).as("%s in %s", path, line).isEqualTo(expected);
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
