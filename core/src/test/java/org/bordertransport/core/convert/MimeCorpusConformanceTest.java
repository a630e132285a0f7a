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

    private static RemoteDomainSettings settings(String name) {
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
        byte[] original = Files.readAllBytes(corpus().resolve(sample));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConversionResult result;
        try {
            result = MessageConverter.withDefaults().convert(new ByteArrayInputStream(original), out,
                settings(setting));
        } catch (ConversionException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        byte[] converted = out.toByteArray();
        if (!result.modified()) {
            assertThat(converted).isEqualTo(original);
            return;
        }
        if (setting.equals("Text")) {
            MessageAssertions.assertNonMime(original, converted);
            return;
        }
        MessageAssertions.assertSevenBitClean(converted, false);
        MessageAssertions.assertNonTextLeavesPreserved(original, converted);
    }
}
