package org.bordertransport.core.tnef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.bordertransport.core.samples.GoldenSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden TNEF samples ({@code samples/tnef/}, real files from Apache POI's test data) read as the corpus
 * conformance test reads the whole corpus: attachment names, sizes and SHA-256, bodies and message class as Debian
 * {@code tnef} 1.4.18 gave them ({@code EXPECTED.tsv} holds their MANIFEST.tsv rows); the file tnef refused is refused
 * with a {@link TnefException}. Runs in every build, without {@code ../shared}.
 */
class TnefSamplesTest {
    static Stream<String> samples() throws IOException {
        return GoldenSamples.expected("tnef").stream().map(row -> row.get("corpus_path"));
    }

    private static Map<String, String> row(String name) throws IOException {
        return GoldenSamples.expected("tnef").stream().filter(r -> r.get("corpus_path").equals(name)).findFirst()
            .orElseThrow();
    }

    @Test
    void everySampleIsTheFileTheReferenceToolRead() throws IOException {
        List<Map<String, String>> rows = GoldenSamples.expected("tnef");
        assertThat(rows).extracting(r -> r.get("corpus_path")).containsExactly("bug52400-winmail-simple.dat",
            "oom.tnef", "quick-winmail.dat", "winmail-sample1.dat");
        for (Map<String, String> r : rows) {
            Path file = GoldenSamples.dir("tnef").resolve(r.get("corpus_path"));
            assertThat(GoldenSamples.sha256(file)).as(file.toString()).isEqualTo(r.get("sha256"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void matchesTheReferenceTool(String name) throws Exception {
        TnefCorpusConformanceTest.matchesReference(row(name), GoldenSamples.dir("tnef").resolve(name));
    }

    @Test
    void aDeclaredHugeValueCountIsRefusedWithItsReason() throws IOException {
        try (InputStream in = Files.newInputStream(GoldenSamples.dir("tnef").resolve("oom.tnef"))) {
            assertThatThrownBy(() -> TnefReader.read(in)).isInstanceOf(TnefException.class)
                .hasMessage("attribute 0x00069003 at offset 6: property 0x80001003 declares 873267203 values but"
                    + " only 0 bytes remain");
        }
    }
}
