package org.bordertransport.core.tnefmime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.bordertransport.core.rtf.CompressedRtf;
import org.bordertransport.core.rtf.RtfBody;
import org.bordertransport.core.rtf.RtfDeencapsulator;
import org.bordertransport.core.rtf.RtfLimits;
import org.bordertransport.core.rtf.RtfMode;
import org.bordertransport.core.rtf.RtfRenderer;
import org.bordertransport.core.rtf.RtfRendering;
import org.bordertransport.core.tnef.TnefContent;
import org.bordertransport.core.tnef.TnefCorpus;
import org.bordertransport.core.tnef.TnefMessage;
import org.bordertransport.core.tnef.TnefReader;
import org.bordertransport.core.tnefmime.MimeFixture.Part;
import org.junit.jupiter.api.Test;

/**
 * Every genuine RTF body of the TNEF corpus (a {@code body.rtf} in MANIFEST.tsv {@code tnef_bodies} that
 * encapsulates nothing) renders to readable text (a phrase of the message, no RTF control word) and HTML, and the
 * converted message carries them as text/plain and text/html. Fails when the corpus is missing.
 */
class TnefRtfCorpusConformanceTest {
    /** A phrase of each genuine RTF body, read from the reference {@code body.rtf}. */
    private static final Map<String, String> PHRASES = Map.of(
        "verdammelt+tnef/tests/files/datafiles/rtf.tnef", "Senior Engineer/QADirector Team",
        "verdammelt+tnef/tests/files/datafiles/rtf2.tnef", "Compuware Corporation",
        "verdammelt+tnef/tests/files/datafiles/MAPI_OBJECT.tnef", "refurbished HP products",
        "verdammelt+tnef/tests/files/datafiles/MAPI_ATTACH_DATA_OBJ.tnef", "Tirsdagshilsen",
        "verdammelt+tnef/tests/files/datafiles/data-before-name.tnef", "asdf",
        "verdammelt+tnef/tests/files/datafiles/triples.tnef", "Sample description",
        "apache+poi/test-data/hmef/quick-winmail.dat", "(Well Outlook actually)",
        "apache+poi/test-data/hmef/winmail-sample1.dat", "Casdasdfasdfasd");

    @Test
    void everyGenuineRtfBodyRendersReadably() throws Exception {
        List<String> withRtf = TnefCorpus.manifest().stream()
            .filter(r -> r.get("tnef_rc").equals("0") && r.get("tnef_bodies").contains("body.rtf|"))
            .map(r -> r.get("corpus_path")).collect(Collectors.toList());
        int genuine = 0;
        for (String path : withRtf) {
            byte[] tnef = Files.readAllBytes(TnefCorpus.corpus().resolve(path));
            byte[] rtf = rtf(tnef).orElseThrow();
            if (RtfDeencapsulator.create().deencapsulate(rtf).kind() != RtfBody.Kind.RTF_ONLY) {
                continue;
            }
            genuine++;
            RtfRendering r = RtfRenderer.create().render(rtf);
            assertThat(PHRASES).as(path).containsKey(path);
            assertThat(r.text()).as(path).contains(PHRASES.get(path)).doesNotContain("\\par", "fonttbl", "\\f0",
                "Arial;");
            assertThat(r.html()).as(path).contains(PHRASES.get(path).replace("&", "&amp;"));
            assertThat(r.warnings()).as(path).isEmpty();
            convertedHasTextAndHtml(path, tnef);
        }
        assertThat(genuine).isEqualTo(PHRASES.size());
    }

    private static void convertedHasTextAndHtml(String path, byte[] tnef) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TnefMimeConverter.withDefaults().convert(new ByteArrayInputStream(MimeFixture.winmail(tnef)), out);
        List<Part> parts = MimeFixture.parse(out.toByteArray());
        assertThat(parts).as(path).anyMatch(p -> p.mimeType.equals("multipart/alternative"));
        assertThat(parts).as(path).filteredOn(p -> p.mimeType.equals("text/html")
            && p.header("Content-Disposition") == null).singleElement()
            .satisfies(p -> assertThat(p.text()).contains("<div"));
        assertThat(parts).as(path).noneMatch(p -> p.mimeType.equals("text/rtf"));
    }

    private static Optional<byte[]> rtf(byte[] tnef) throws Exception {
        try (InputStream in = new ByteArrayInputStream(tnef); TnefMessage m = TnefReader.read(in)) {
            Optional<TnefContent> compressed = m.compressedRtf();
            if (compressed.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(CompressedRtf.decompress(compressed.get().toByteArray(), RtfMode.LENIENT,
                RtfLimits.defaults()).rtf());
        }
    }
}
