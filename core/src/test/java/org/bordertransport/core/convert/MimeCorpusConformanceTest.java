package org.bordertransport.core.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.bordertransport.core.policy.ByteEncoderTypeFor7BitCharsets;
import org.bordertransport.core.policy.ContentType;
import org.bordertransport.core.policy.MessageFormat;
import org.bordertransport.core.policy.RemoteDomainSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every mime4j sample message ({@code mime/james-mime4j/core/src/test/resources/{testmsgs,mimetools-testmsgs}})
 * through the converter under several settings: each either converts (output re-parses, non-text leaves decode
 * identical, 7-bit clean) or fails with a {@link ConversionException}. Fails when the corpus is missing.
 */
class MimeCorpusConformanceTest {
    private static final String[] FOLDERS = {"testmsgs", "mimetools-testmsgs"};

    static Path corpus() {
        String dir = System.getProperty("border.corpus.dir", "../../shared/corpus");
        return Paths.get(dir, "mime", "james-mime4j", "core", "src", "test", "resources");
    }

    static Stream<Arguments> samples() throws IOException {
        List<Arguments> result = new ArrayList<>();
        for (String folder : FOLDERS) {
            Path dir = corpus().resolve(folder);
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("MIME corpus missing: " + dir.toAbsolutePath()
                    + " (set -Dborder.corpus.dir)");
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.getFileName().toString().endsWith(".msg")).sorted()
                    .forEach(p -> {
                        for (String setting : new String[] {"default", "MimeText", "UseBase64", "iso-2022-jp", "Text"}) {
                            result.add(Arguments.of(folder + "/" + p.getFileName(), setting));
                        }
                    });
            }
        }
        return result.stream();
    }

    @Test
    void corpusIsPresent() throws IOException {
        assertThat(samples().count()).isGreaterThanOrEqualTo(5 * 60);
    }

    static RemoteDomainSettings settings(String name) {
        switch (name) {
            case "MimeText":
                return RemoteDomainSettings.builder().contentType(ContentType.MIME_TEXT).build();
            case "UseBase64":
                return RemoteDomainSettings.builder()
                    .byteEncoderTypeFor7BitCharsets(ByteEncoderTypeFor7BitCharsets.USE_BASE64).build();
            case "Text":
                return RemoteDomainSettings.builder().messageFormat(MessageFormat.TEXT).build();
            case "iso-2022-jp":
                return RemoteDomainSettings.builder().characterSet(Optional.of(Charset.forName("ISO-2022-JP")))
                    .build();
            default:
                return RemoteDomainSettings.defaults();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("samples")
    void convertsOrRefuses(String sample, String setting) throws Exception {
        convertOrRefuse(Files.readAllBytes(corpus().resolve(sample)), setting);
    }

    /**
     * At most {@value #MAX_REFUSALS} of the 400 sample/setting pairs (80 messages, 5 settings) may be refused: a
     * converter that refuses more (or everything, which {@link #convertsOrRefuses} alone lets pass) fails here.
     */
    @Test
    void refusesNoMoreThanToday() throws Exception {
        List<String> refused = new ArrayList<>();
        List<Arguments> all = samples().collect(Collectors.toList());
        for (Arguments arguments : all) {
            String sample = (String) arguments.get()[0];
            String setting = (String) arguments.get()[1];
            if (convertOrRefuse(Files.readAllBytes(corpus().resolve(sample)), setting) == Outcome.REFUSED) {
                refused.add(sample + " " + setting);
            }
        }
        assertThat(refused).as("refused %d of %d: %s", refused.size(), all.size(), refused)
            .hasSizeLessThanOrEqualTo(MAX_REFUSALS);
    }

    /** 154 refusals (31 messages) measured over the corpus for issue 10, plus a margin of 2. */
    static final int MAX_REFUSALS = 156;

    /** What the converter did with one message. */
    enum Outcome {
        CONVERTED, UNCHANGED, REFUSED
    }

    /**
     * Converts {@code original} under the named setting and checks the result: a refusal has a message; an
     * unmodified result is the original byte for byte; a converted one is 7-bit clean with every non-text leaf
     * decoding to the original octets (or, for {@code Text}, non-MIME with the leaves uuencoded).
     */
    static Outcome convertOrRefuse(byte[] original, String setting) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConversionResult result;
        try {
            result = MessageConverter.withDefaults().convert(new ByteArrayInputStream(original), out,
                settings(setting));
        } catch (ConversionException e) {
            assertThat(e.getMessage()).isNotBlank();
            return Outcome.REFUSED;
        }
        byte[] converted = out.toByteArray();
        if (!result.modified()) {
            assertThat(converted).isEqualTo(original);
            return Outcome.UNCHANGED;
        }
        if (setting.equals("Text")) {
            MessageAssertions.assertNonMime(original, converted);
            return Outcome.CONVERTED;
        }
        MessageAssertions.assertSevenBitClean(converted, false);
        MessageAssertions.assertNonTextLeavesPreserved(original, converted);
        return Outcome.CONVERTED;
    }
}
