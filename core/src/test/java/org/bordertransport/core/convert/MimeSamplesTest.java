package org.bordertransport.core.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.bordertransport.core.convert.MimeCorpusConformanceTest.Outcome;
import org.bordertransport.core.samples.GoldenSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden MIME samples ({@code samples/mime/}, real messages from Apache James mime4j's test data) converted under
 * the five settings of the corpus conformance test, with its checks (a refusal has a message; an unchanged result is
 * the input byte for byte; a converted one re-parses 7-bit clean with every non-text leaf decoding to the original
 * octets), and the outcome each setting must have ({@code EXPECTED.tsv}: CONVERTED, UNCHANGED or REFUSED). Runs in
 * every build, without {@code ../shared}.
 */
class MimeSamplesTest {
    private static final List<String> SETTINGS = List.of("default", "MimeText", "UseBase64", "iso-2022-jp", "Text");

    static Stream<Arguments> samples() throws IOException {
        List<Arguments> result = new ArrayList<>();
        for (Map<String, String> row : GoldenSamples.expected("mime")) {
            for (String setting : SETTINGS) {
                result.add(Arguments.of(row.get("sample"), setting, Outcome.valueOf(row.get(setting))));
            }
        }
        return result.stream();
    }

    @Test
    void everySampleIsTheCorpusFile() throws IOException {
        List<Map<String, String>> rows = GoldenSamples.expected("mime");
        assertThat(rows).hasSize(6);
        for (Map<String, String> row : rows) {
            Path file = GoldenSamples.dir("mime").resolve(row.get("sample"));
            assertThat(GoldenSamples.sha256(file)).as(file.toString()).isEqualTo(row.get("sha256"));
        }
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("samples")
    void convertsOrRefusesAsExpected(String sample, String setting, Outcome expected) throws Exception {
        byte[] original = Files.readAllBytes(GoldenSamples.dir("mime").resolve(sample));
        assertThat(MimeCorpusConformanceTest.convertOrRefuse(original, setting)).isEqualTo(expected);
    }
}
