package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.it.BorderJames.ALICE;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.management.ObjectName;

import org.apache.james.utils.WebAdminGuiceProbe;
import org.bordertransport.core.tnefmime.TnefFixture;
import org.bordertransport.it.interop.Lab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The counters where the shipped conf publishes them: a real James with the shipped {@code webadmin.properties}
 * serves them for Prometheus at WebAdmin {@code GET /metrics}, with the names and values docs/metrics.md gives, and
 * the curl lines of that page work against it (with the test's port instead of 8000). James also registers them as
 * MBeans of the JVM (JMX, local only: the shipped jmx.properties opens no port).
 */
class MetricsTest {
    private static final String NO_TNEF = "notnef.example.com";
    private static final Pattern SAMPLE = Pattern.compile("(?m)^([A-Za-z_:][A-Za-z0-9_:]*)(\\{[^}]*\\})? (\\S+)$");
    private static final Pattern CODE_BLOCK = Pattern.compile("(?s)```(\\w*)\\n(.*?)```");

    @RegisterExtension
    BorderJamesExtension extension = BorderJamesExtension.withRemoteDomains(NO_TNEF);

    private final HttpClient http = HttpClient.newHttpClient();

    /** The scenario docs/metrics.md shows: one TNEF mail converted for a remote domain (TNEFEnabled=false). */
    private void sendOneTnefMailToARemoteDomain() throws Exception {
        byte[] pdf = "%PDF-1.4 quarterly figures".getBytes(StandardCharsets.US_ASCII);
        byte[] tnef = TnefFixture.tnef().codePage(1252).subject("Report", TnefFixture.CP1252)
            .file("report.pdf", pdf, "application/pdf", null).build();
        String to = "carol@" + NO_TNEF;
        String message = "From: " + ALICE + "\r\nTo: " + to + "\r\nSubject: " + Mails.uniqueSubject("metrics") + "\r\n"
            + "Message-ID: <metrics-1@border.test>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"o\"\r\n\r\n--o\r\nContent-Type: text/plain\r\n\r\nSee the "
            + "report.\r\n--o\r\nContent-Type: application/ms-tnef; name=\"winmail.dat\"\r\n"
            + "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"winmail.dat\"\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString(tnef) + "\r\n--o--\r\n";
        extension.james().send(ALICE, List.of(to), message);
        ReceivedMail received = extension.mx(NO_TNEF).awaitOneMail();
        assertThat(received.raw()).doesNotContain("application/ms-tnef").contains("report.pdf");
    }

    private int webAdminPort() {
        return extension.james().server().getProbe(WebAdminGuiceProbe.class).getWebAdminPort().getValue();
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webAdminPort() + pathAndQuery))
            .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sample name (with its labels) to value, from Prometheus text format. */
    private static Map<String, Double> samples(String text) {
        Map<String, Double> samples = new TreeMap<>();
        Matcher sample = SAMPLE.matcher(text);
        while (sample.find()) {
            String labels = sample.group(2) == null ? "" : sample.group(2);
            samples.put(sample.group(1) + labels, Double.valueOf(sample.group(3)));
        }
        return samples;
    }

    private Map<String, Double> scrape() throws Exception {
        HttpResponse<String> response = get("/metrics");
        assertThat(response.statusCode()).as("GET /metrics: %s", response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        return samples(response.body());
    }

    /** The samples of Border Transport and of the mail flow, without the JVM's and James's other timers. */
    private Map<String, Double> scrapeBorder() throws Exception {
        Map<String, Double> border = new TreeMap<>();
        scrape().forEach((name, value) -> {
            if (name.startsWith("border_") || name.startsWith("Convert") || name.equals("outgoingMails_total")) {
                border.put(name, value);
            }
        });
        return border;
    }

    @Test
    void webAdminShouldPublishTheCountersOfTheMailetsThatActed() throws Exception {
        sendOneTnefMailToARemoteDomain();

        BorderJames.await().untilAsserted(() -> assertThat(scrapeBorder())
            .containsEntry("outgoingMails_total", 1.0)
            .containsEntry("border_tnef_converted_total", 1.0)
            .containsEntry("border_dkim_signed_total", 1.0)
            .containsEntry("border_firewall_changed_total", 1.0)
            .containsEntry("border_srs_skipped_total", 1.0));
        Map<String, Double> metrics = scrapeBorder();
        assertThat(metrics)
            // the decoded TNEF needed no further conversion for that domain
            .containsEntry("border_convert_converted_total", 0.0)
            .containsEntry("border_tnef_failed_total", 0.0)
            .containsEntry("border_tnef_held_total", 0.0)
            .containsEntry("border_convert_held_total", 0.0)
            .containsEntry("border_dkim_unsignable_total", 0.0)
            .containsEntry("border_srs_rewritten_total", 0.0)
            .containsEntry("border_messageid_added_total", 0.0);
        // James's own timer of the mailet, in seconds
        assertThat(metrics).containsEntry("ConvertTnef_count", 1.0).containsKey("ConvertTnef{quantile=\"0.99\",}");
    }

    @Test
    void everyCounterOfTheShippedConfShouldBeThereFromTheStart() throws Exception {
        Map<String, Double> metrics = scrape();
        List<String> border = new ArrayList<>();
        metrics.forEach((name, value) -> {
            if (name.startsWith("border_")) {
                border.add(name);
                assertThat(value).as(name).isZero();
            }
        });
        assertThat(border).hasSizeGreaterThan(40).contains("border_tnef_converted_total", "border_convert_held_total",
            "border_srs_rcpt_refused_total", "border_ndr_refused_total", "border_messageid_unverified_total",
            "border_dkim_signed_total", "border_authresults_added_total", "border_srs_secret_short_total",
            "border_remotedomain_disallowed_total", "border_firewall_changed_total");
        assertThat(metrics).containsKeys("srs_error_total", "mailetContainerErrors_total", "bounces_total");
    }

    @Test
    void theNameFilterShouldReturnOnlyTheNamedCounters() throws Exception {
        sendOneTnefMailToARemoteDomain();

        // James's filter compares the name of each metric family: a counter's, without _total
        BorderJames.await().untilAsserted(() -> assertThat(samples(
            get("/metrics?name%5B%5D=border_tnef_converted&name%5B%5D=border_dkim_signed").body()))
            .isEqualTo(Map.of("border_tnef_converted_total", 1.0, "border_dkim_signed_total", 1.0)));
        assertThat(samples(get("/metrics?name%5B%5D=border_tnef_converted_total").body())).isEmpty();
    }

    @Test
    void jamesShouldAlsoRegisterTheCountersAsMBeansOfTheJvm() throws Exception {
        sendOneTnefMailToARemoteDomain();

        ObjectName converted = new ObjectName("metrics:name=border.tnef.converted,type=meters");
        BorderJames.await().untilAsserted(() -> assertThat(
            ManagementFactory.getPlatformMBeanServer().getAttribute(converted, "Count")).isEqualTo(1L));
    }

    @Test
    void theCurlLinesOfTheDocsShouldPrintWhatTheDocsShow() throws Exception {
        Lab.require(Lab.Tool.CURL); // skipped without curl, failed in CI (.ci/install-interop installs it)
        String page = Files.readString(ShippedConf.directory().getParent().resolve("docs/metrics.md"),
            StandardCharsets.UTF_8);
        String reading = page.substring(page.indexOf("## Reading them"), page.indexOf("**Names.**"));
        Matcher block = CODE_BLOCK.matcher(reading);
        assertThat(block.find()).as("a bash block of curl lines").isTrue();
        List<String> curls = new ArrayList<>();
        for (String line : block.group(2).split("\n")) {
            if (line.startsWith("curl ")) {
                curls.add(line.replace("127.0.0.1:8000", "127.0.0.1:" + webAdminPort()));
            }
        }
        assertThat(block.find()).as("the output the docs show").isTrue();
        String shown = block.group(2);
        assertThat(curls).hasSize(2);

        sendOneTnefMailToARemoteDomain();
        BorderJames.await().untilAsserted(() -> assertThat(scrapeBorder())
            .containsEntry("border_tnef_converted_total", 1.0).containsEntry("border_dkim_signed_total", 1.0));

        String all = run(curls.get(0));
        assertThat(all.lines()).hasSizeGreaterThan(40).allMatch(line -> line.startsWith("border_"))
            .contains("border_tnef_converted_total 1.0", "border_dkim_signed_total 1.0");
        // the families come in the registry's order
        assertThat(run(curls.get(1)).lines()).containsExactlyInAnyOrderElementsOf(shown.lines().collect(Collectors.toList()));
    }

    /** Runs one documented shell line with sh (curl on the PATH) and returns its standard output. */
    private static String run(String line) throws Exception {
        Path output = Files.createTempFile("metrics-curl-", ".txt");
        try {
            Process process = new ProcessBuilder("sh", "-c", line).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
            assertThat(process.waitFor(BorderJames.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as(line).isTrue();
            String text = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("%s printed %s", line, text).isZero();
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
