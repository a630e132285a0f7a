package org.bordertransport.core.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.bordertransport.core.encoding.ContentScan;
import org.bordertransport.core.io.Spool;
import org.bordertransport.core.mime.MimeNode;
import org.bordertransport.core.mime.MimeTreeReader;
import org.bordertransport.core.mime.MimeTreeVisitor;
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

    /**
     * Issue 13, "7-bit means 7-bit", over the whole corpus: for a {@code SevenBitOnly} remote domain, unsigned mail
     * (the full scope) and mail with a third-party DKIM signature (the mandatory scope) either leaves with every octet
     * 7-bit, no line over 998 octets and no entity labelled {@code 8bit} or {@code binary}, or does not leave
     * (ConvertForRemoteDomain sends what it refuses, or what stays 8-bit, to its {@code errorProcessor}).
     */
    @Test
    void sevenBitOnlyDestinationsGetSevenBitWithRightLabelsOrFailureHandling() throws Exception {
        RemoteDomainSettings sevenBit = RemoteDomainSettings.builder().sevenBitOnly(true).build();
        int left = 0;
        int held = 0;
        for (Arguments arguments : samples().filter(a -> a.get()[1].equals("default")).collect(Collectors.toList())) {
            byte[] original = Files.readAllBytes(corpus().resolve((String) arguments.get()[0]));
            for (ConversionScope scope : List.of(ConversionScope.FULL, ConversionScope.MANDATORY)) {
                byte[] leaving;
                try (Spool spool = new Spool(1 << 20, 1 << 30, "corpus")) {
                    spool.write(original);
                    spool.finish();
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    ConversionResult result = MessageConverter.withDefaults().convert(spool, out, sevenBit, scope);
                    leaving = result.modified() ? out.toByteArray() : original;
                } catch (ConversionException e) {
                    held++;
                    continue;
                }
                ContentScan scan = ContentScan.of(leaving);
                if (scan.hasEightBit() || scan.hasNul() || scan.hasLongLines()) {
                    held++;
                    continue;
                }
                assertThat(eightBitLabels(leaving)).as("%s %s", arguments.get()[0], scope).isEmpty();
                left++;
            }
        }
        assertThat(left).as("messages that leave 7-bit (%d held)", held).isGreaterThan(held);
    }

    /** The entities of {@code message} (attached messages not entered) labelled {@code 8bit} or {@code binary}. */
    static List<String> eightBitLabels(byte[] message) throws Exception {
        List<String> labelled = new ArrayList<>();
        new MimeTreeReader(ConversionLimits.defaults().mime()).read(new ByteArrayInputStream(message),
            new MimeTreeVisitor<Void, ConversionException>() {
                @Override
                public Void newData() {
                    return null;
                }

                @Override
                public ConversionException create(String text, Throwable cause) {
                    return new ConversionException(text, cause);
                }

                @Override
                public void entity(MimeNode<Void> node) {
                    for (MimeNode.Header h : node.headers()) {
                        String field = new String(h.raw(), StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
                        if (h.is("Content-Transfer-Encoding")
                            && (field.contains("8bit") || field.contains("binary"))) {
                            labelled.add(node.path() + " " + node.mimeType());
                        }
                    }
                }
            });
        return labelled;
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
