package org.bordertransport.core.tnefmime;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.stream.Stream;

import org.bordertransport.core.samples.GoldenSamples;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden TNEF samples ({@code samples/tnef/}) wrapped as {@code winmail.dat} and converted to MIME, checked as the
 * corpus conformance test checks the whole corpus: every attachment Debian {@code tnef} extracted is a decoded MIME part
 * with its name, the output is 7-bit clean, the file tnef refused gives a {@link TnefConversionException}. Runs in
 * every build, without {@code ../shared}.
 */
class TnefMimeSamplesTest {
    static Stream<String> samples() throws IOException {
        return GoldenSamples.expected("tnef").stream().map(row -> row.get("corpus_path"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyReferenceAttachmentIsADecodedMimePart(String name) throws Exception {
        Map<String, String> row = GoldenSamples.expected("tnef").stream()
            .filter(r -> r.get("corpus_path").equals(name)).findFirst().orElseThrow();
        TnefMimeCorpusConformanceTest.convertsLikeTheReference(row,
            Files.readAllBytes(GoldenSamples.dir("tnef").resolve(name)));
    }
}
