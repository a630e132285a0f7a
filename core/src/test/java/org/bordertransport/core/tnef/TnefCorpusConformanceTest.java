package org.bordertransport.core.tnef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.bordertransport.core.charset.CodePages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reads every file of the TNEF corpus ({@code tnef/} under {@code border.corpus.dir}) and compares with what Debian
 * {@code tnef} 1.4.18 extracted (MANIFEST.tsv): attachment names, sizes and SHA-256, HTML and text bodies, message
 * class. Files tnef refused must give a clean result or a {@link TnefException}. Fails when the corpus is missing.
 */
class TnefCorpusConformanceTest {
    @Test
    void corpusIsComplete() throws IOException {
        List<Map<String, String>> rows = TnefCorpus.manifest();
        assertThat(rows.size()).isEqualTo(23);
        for (Map<String, String> r : rows) {
            assertThat(TnefCorpus.corpus().resolve(r.get("corpus_path"))).isRegularFile();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.bordertransport.core.tnef.TnefCorpus#files")
    void matchesTheReferenceTool(String path) throws Exception {
        matchesReference(TnefCorpus.row(path), TnefCorpus.corpus().resolve(path));
    }

    /** Reads {@code file} in every checksum mode and compares with its MANIFEST.tsv {@code row}. */
    static void matchesReference(Map<String, String> row, Path file) throws Exception {
        assertThat(file).isRegularFile();
        if (!row.get("tnef_rc").equals("0")) {
            refusedCleanly(file);
            return;
        }
        for (ChecksumMode mode : ChecksumMode.values()) {
            TnefReadOptions options = TnefReadOptions.builder().checksumMode(mode).build();
            try (InputStream in = Files.newInputStream(file); TnefMessage message = TnefReader.read(in, options)) {
                assertThat(message.codePage()).hasToString(row.get("oem_codepage"));
                if (!row.get("message_class").isEmpty()) {
                    assertThat(message.messageClass()).contains(row.get("message_class"));
                }
                assertAttachments(message, row.get("tnef_attachments"), Integer.parseInt(row.get("oem_codepage")));
                assertBodies(message, row.get("tnef_bodies"));
                if (row.get("tnef_err").contains("garbage at end")) {
                    assertThat(message.warnings()).anyMatch(w -> w.startsWith("ignored trailing data from offset"));
                } else {
                    assertThat(message.warnings()).isEmpty();
                }
            }
        }
    }

    private static void refusedCleanly(Path file) throws IOException {
        for (ChecksumMode mode : ChecksumMode.values()) {
            TnefReadOptions options = TnefReadOptions.builder().checksumMode(mode).build();
            try (InputStream in = Files.newInputStream(file)) {
                assertThatThrownBy(() -> TnefReader.read(in, options).close()).isInstanceOf(TnefException.class);
            }
        }
    }

    private static void assertAttachments(TnefMessage message, String expected, int codePage) throws IOException {
        List<String[]> entries = expected.isEmpty() ? List.of()
            : Stream.of(expected.split(" ; ")).map(e -> e.split("\\|")).collect(Collectors.toList());
        List<String> names = entries.stream().map(e -> e[0]).collect(Collectors.toList());
        List<TnefAttachment> withContent = message.attachments().stream()
            .filter(a -> a.content().isPresent()).collect(Collectors.toList());
        assertThat(withContent).hasSameSizeAs(entries);
        List<TnefAttachment> unmatched = new ArrayList<>(withContent);
        for (String[] entry : entries) {
            String name = referenceName(entry[0], names, codePage);
            long size = Long.parseLong(entry[1]);
            String sha = entry[2];
            TnefAttachment match = null;
            for (TnefAttachment a : unmatched) {
                if (referenceBytes(a).equals(size + "|" + sha)) {
                    match = a;
                    break;
                }
            }
            if (match == null) {
                fail("no attachment with " + size + " bytes and sha256 " + sha + " for " + name + " in " + unmatched);
            }
            unmatched.remove(match);
            if (name.equals("Untitled Attachment")) {
                assertThat(match.name()).startsWith("attachment-");
            } else {
                assertThat(match.name()).isEqualTo(name);
            }
        }
    }

    /** What tnef writes: the attachment bytes, or the whole PT_OBJECT value (IID included) for OLE objects. */
    private static String referenceBytes(TnefAttachment a) throws IOException {
        if (a.method() == TnefAttachment.METHOD_OLE) {
            TnefContent raw = a.properties().get(MapiTag.PR_ATTACH_DATA, MapiTag.PT_OBJECT)
                .flatMap(MapiProperty::contentValue).orElseThrow();
            assertThat(a.content().orElseThrow().sha256Hex()).isEqualTo(raw.slice(16).sha256Hex());
            return raw.size() + "|" + raw.sha256Hex();
        }
        TnefContent content = a.content().orElseThrow();
        return content.size() + "|" + content.sha256Hex();
    }

    /** tnef's file name back to the real one: \xNN bytes in the code page, .N duplicates suffix dropped. */
    static String referenceName(String shown, List<String> all, int codePage) {
        String name = shown;
        java.util.regex.Matcher dup = java.util.regex.Pattern.compile("(.*)\\.\\d+$").matcher(name);
        if (dup.matches() && all.contains(dup.group(1))) {
            name = dup.group(1);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < name.length(); i++) {
            if (name.startsWith("\\x", i) && i + 4 <= name.length()) {
                bytes.write(Integer.parseInt(name.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                byte[] utf8 = String.valueOf(name.charAt(i)).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        Charset charset = CodePages.charset(codePage);
        return name.contains("\\x") ? new String(bytes.toByteArray(), charset) : name;
    }

    private static void assertBodies(TnefMessage message, String expected) throws IOException {
        if (expected.isEmpty()) {
            return;
        }
        for (String entry : expected.split(" ; ")) {
            String[] e = entry.split("\\|");
            String sizeAndSha = e[1] + "|" + e[2];
            switch (e[0]) {
                case "body.html":
                    TnefContent html = message.htmlBody().orElseThrow();
                    assertThat(html.size() + "|" + html.sha256Hex()).isEqualTo(sizeAndSha);
                    break;
                case "body.txt":
                    TnefContent text = message.attribute(TnefAttribute.ATT_BODY).orElseThrow().content();
                    assertThat(text.size() + "|" + text.sha256Hex()).isEqualTo(sizeAndSha);
                    assertThat(message.textBody()).contains(Strings.decode(text, message.charset()));
                    break;
                case "body.rtf":
                    assertThat(message.compressedRtf()).isPresent();
                    break;
                default:
                    fail("unexpected body " + e[0]);
            }
        }
    }

    @Test
    void oomDeclaresHugeValueCountAndIsRefusedFast() throws IOException {
        Path file = TnefCorpus.corpus().resolve("apache+poi/test-data/hmef/oom.tnef");
        try (InputStream in = Files.newInputStream(file)) {
            assertThatThrownBy(() -> TnefReader.read(in)).isInstanceOf(TnefException.class)
                .hasMessage("attribute 0x00069003 at offset 6: property 0x80001003 declares 873267203 values but"
                    + " only 0 bytes remain");
        }
    }

}
