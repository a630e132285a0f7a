package org.bordertransport.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Keeps docs/metrics.md equal to the code: its table lists exactly the metric names the sources generate through
 * James's {@code MetricFactory}, with the Prometheus name James's exporter writes; the Grafana dashboard queries only
 * documented metrics; the shipped {@code MetricsMailet} names are documented.
 *
 * <p>Names are collected from the sources of every module (not the demo and benchmark tools, which name the test domain
 * {@code border.test}): each string literal {@code "border...."} of a file that uses James's metrics API, and every
 * argument of a {@code generate(...)} / {@code timer(...)} call there, which must be such a literal or a constant
 * (of any source) holding one.</p>
 */
class MetricsDocsTest {
    private static final Path DOCS = Paths.get(System.getProperty("border.docs.dir", "../docs"));
    private static final Path ROOT = DOCS.toAbsolutePath().normalize().getParent();
    private static final Path METRICS_PAGE = DOCS.resolve("metrics.md");
    private static final Path DASHBOARD = DOCS.resolve("grafana/border-transport.json");
    private static final String TABLE_HEADER = "| metric | Prometheus | counted by | counts |";
    private static final Set<String> TOOL_MODULES = Set.of("demo", "benchmarks");
    private static final Pattern METRIC_LITERAL = Pattern.compile("\"(border\\.[^\"\\s]+)\"");
    private static final Pattern USES_METRICS_API = Pattern.compile("import org\\.apache\\.james\\.metrics\\.api\\.");
    private static final Pattern METRIC_CALL = Pattern.compile("\\.(?:generate|timer)\\(\\s*([^),]+)[),]");
    private static final Pattern CONSTANT = Pattern.compile(
        "static final String ([A-Z][A-Z0-9_]*)\\s*=\\s*\"(border\\.[^\"\\s]+)\"");
    private static final Pattern PROMETHEUS_SELECTOR = Pattern.compile("([A-Za-z_:][A-Za-z0-9_:]*)\\{");
    private static final Pattern BORDER_SERIES = Pattern.compile("\\bborder_[a-z0-9_]+");

    private static Map<String, String> documented;
    private static Map<String, Path> inCode;

    @BeforeAll
    static void read() throws IOException {
        documented = documentedMetrics();
        inCode = metricsInCode();
    }

    /** James name to Prometheus name, from the table of docs/metrics.md. */
    private static Map<String, String> documentedMetrics() throws IOException {
        List<String> lines = Files.readAllLines(METRICS_PAGE, StandardCharsets.UTF_8);
        int header = lines.indexOf(TABLE_HEADER);
        assertThat(header).as("%s has the table %s", METRICS_PAGE, TABLE_HEADER).isNotNegative();
        Map<String, String> names = new LinkedHashMap<>();
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.split("\\|");
            String name = cells[1].trim().replace("`", "");
            String prometheus = cells[2].trim().replace("`", "");
            assertThat(names).as("%s listed twice in %s", name, METRICS_PAGE).doesNotContainKey(name);
            names.put(name, prometheus);
        }
        return names;
    }

    /** Metric name to the first source file generating it. */
    private static Map<String, Path> metricsInCode() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(ROOT)) {
            sources = files.filter(p -> p.toString().endsWith(".java"))
                .filter(p -> ROOT.relativize(p).toString().replace('\\', '/').matches("[^/]+/src/main/java/.*"))
                .filter(p -> !TOOL_MODULES.contains(ROOT.relativize(p).getName(0).toString()))
                .sorted().collect(Collectors.toList());
        }
        Map<String, Path> names = new TreeMap<>();
        Map<String, String> constants = new LinkedHashMap<>();
        List<Path> metricSources = new ArrayList<>();
        for (Path source : sources) {
            String text = Files.readString(source, StandardCharsets.UTF_8);
            Matcher constant = CONSTANT.matcher(text);
            while (constant.find()) {
                constants.put(constant.group(1), constant.group(2));
            }
            if (!USES_METRICS_API.matcher(text).find()) {
                continue;
            }
            metricSources.add(source);
            Matcher literal = METRIC_LITERAL.matcher(text);
            while (literal.find()) {
                names.putIfAbsent(literal.group(1), source);
            }
        }
        for (Path source : metricSources) {
            Matcher call = METRIC_CALL.matcher(Files.readString(source, StandardCharsets.UTF_8));
            while (call.find()) {
                String argument = call.group(1).trim();
                String constantName = argument.substring(argument.lastIndexOf('.') + 1);
                assertThat(argument.matches("\"border\\.[^\"\\s]+\"") || constants.containsKey(constantName))
                    .as("%s names a metric with %s: use a literal \"border.<capability>.<event>\" or a constant"
                        + " holding one, so that docs/metrics.md can be checked", source, argument)
                    .isTrue();
                if (constants.containsKey(constantName)) {
                    names.putIfAbsent(constants.get(constantName), source);
                }
            }
        }
        return names;
    }

    static String prometheusName(String jamesName) {
        return jamesName.replaceAll("[^A-Za-z0-9_:]", "_") + "_total";
    }

    @Test
    void theSourcesShouldBeFound() {
        // a scan that finds nothing would make the next tests pass vacuously
        assertThat(inCode).containsKeys("border.tnef.converted", "border.convert.converted", "border.dkim.signed",
            "border.srs.secret.short", "border.remotedomain.disallowed");
        assertThat(inCode.size()).isGreaterThan(40);
    }

    @Test
    void everyMetricInTheCodeShouldBeDocumented() {
        Set<String> missing = new TreeSet<>(inCode.keySet());
        missing.removeAll(documented.keySet());
        assertThat(missing).as("metrics generated in the code (e.g. %s) but missing from the table of %s",
            missing.isEmpty() ? "" : inCode.get(missing.iterator().next()), METRICS_PAGE).isEmpty();
    }

    @Test
    void everyDocumentedMetricShouldBeInTheCode() {
        Set<String> stale = new TreeSet<>(documented.keySet());
        stale.removeAll(inCode.keySet());
        assertThat(stale).as("metrics in %s that no source generates", METRICS_PAGE).isEmpty();
    }

    @Test
    void everyNameShouldFollowTheConvention() {
        assertThat(documented.keySet()).allSatisfy(name ->
            assertThat(name).matches("border\\.[a-z]+(\\.[a-z][a-z-]*)+"));
    }

    @Test
    void thePrometheusColumnShouldBeWhatJamesExporterWrites() {
        // James's MetricsRoutes exports meters through Prometheus's DropwizardExports: sanitized name + _total
        assertThat(documented).allSatisfy((name, prometheus) ->
            assertThat(prometheus).as(name).isEqualTo(prometheusName(name)));
        assertThat(prometheusName("border.srs.spf-fail-kept")).isEqualTo("border_srs_spf_fail_kept_total");
    }

    @Test
    void everyShippedMetricsMailetNameShouldBeDocumented() throws IOException {
        String page = Files.readString(METRICS_PAGE, StandardCharsets.UTF_8);
        Matcher metricName = Pattern.compile("<metricName>([^<]+)</metricName>")
            .matcher(Files.readString(ROOT.resolve("conf/mailetcontainer.xml"), StandardCharsets.UTF_8));
        List<String> names = new ArrayList<>();
        while (metricName.find()) {
            names.add(metricName.group(1).trim());
        }
        assertThat(names).isNotEmpty().allSatisfy(name -> assertThat(page).contains("`" + name + "`"));
    }

    @Test
    void theDashboardShouldParseAndUseItsDatasourceVariable() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        assertThat(dashboard.path("title").asText()).isEqualTo("Border Transport");
        JsonNode datasource = null;
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("datasource")) {
                datasource = variable;
            }
        }
        assertThat(datasource).as("a datasource variable").isNotNull();
        assertThat(datasource.path("query").asText()).isEqualTo("prometheus");
        String reference = "${" + datasource.path("name").asText() + "}";
        assertThat(dashboard.path("panels")).isNotEmpty().allSatisfy(panel -> {
            assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText())
                .isEqualTo(reference);
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty()
                .allSatisfy(target -> assertThat(target.path("expr").asText()).isNotBlank());
        });
    }

    @Test
    void theDashboardShouldQueryOnlyDocumentedMetrics() throws IOException {
        String page = Files.readString(METRICS_PAGE, StandardCharsets.UTF_8);
        Set<String> queried = new TreeSet<>();
        Set<String> border = new TreeSet<>();
        for (String expr : expressions()) {
            Matcher selector = PROMETHEUS_SELECTOR.matcher(expr);
            while (selector.find()) {
                queried.add(selector.group(1));
            }
            Matcher series = BORDER_SERIES.matcher(expr);
            while (series.find()) {
                border.add(series.group());
            }
        }
        assertThat(border).isNotEmpty().isSubsetOf(documented.values());
        assertThat(queried).containsAll(border).allSatisfy(name ->
            assertThat(name.startsWith("border_") || page.contains("`" + name + "{"))
                .as("%s: a border_ metric of the table or a James metric named in %s", name, METRICS_PAGE).isTrue());
    }

    @Test
    void theDashboardShouldShowWhatMatters() throws IOException {
        String all = String.join("\n", expressions());
        assertThat(Stream.of("convert.converted", "convert.unconverted", "convert.held", "tnef.converted",
            "tnef.failed", "tnef.held", "tnef.stripped", "srs.rewritten", "srs.failed", "srs.rcpt.refused",
            "ndr.rerouted", "ndr.refused", "messageid.added", "messageid.replaced", "messageid.restored",
            "messageid.unverified", "dkim.broken", "dkim.unsignable", "reload.rejected"))
            .allSatisfy(event -> assertThat(all).contains(prometheusName("border." + event) + "{"));
    }

    private static List<String> expressions() throws IOException {
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : new ObjectMapper().readTree(DASHBOARD.toFile()).path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                exprs.add(target.path("expr").asText());
            }
        }
        return exprs;
    }
}
