package org.bordertransport.core.tnefmime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bordertransport.core.tnef.MapiProperty;
import org.bordertransport.core.tnef.MapiTag;
import org.bordertransport.core.tnef.TnefAttachment;
import org.bordertransport.core.tnef.TnefContent;
import org.bordertransport.core.tnef.TnefCorpus;
import org.bordertransport.core.tnef.TnefMessage;
import org.bordertransport.core.tnef.TnefReader;
import org.bordertransport.core.tnefmime.MimeFixture.Part;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wraps every file of the TNEF corpus ({@code tnef/} under {@code border.corpus.dir}) as a base64
 * {@code winmail.dat} in a MIME message, converts it, and checks that every attachment Debian {@code tnef} 1.4.18
 * extracted (MANIFEST.tsv {@code tnef_attachments}: size and SHA-256; for OLE objects the PT_OBJECT value, whose bytes
 * 16..end are the attachment) is a decoded MIME part with its name, that the output is 7-bit clean, and that the
 * files the tool refused give a {@link TnefConversionException}. Fails when the corpus is missing.
 */
class TnefMimeCorpusConformanceTest {
    @Test
    void corpusIsComplete() throws IOException {
        assertThat(TnefCorpus.manifest()).hasSize(23);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.bordertransport.core.tnef.TnefCorpus#files")
    void everyReferenceAttachmentIsADecodedMimePart(String path) throws Exception {
        convertsLikeTheReference(TnefCorpus.row(path), Files.readAllBytes(TnefCorpus.corpus().resolve(path)));
    }

    /** Converts {@code tnef} wrapped as winmail.dat and compares with its MANIFEST.tsv {@code row}. */
    static void convertsLikeTheReference(Map<String, String> row, byte[] tnef) throws Exception {
        convertsLikeTheReference(row, tnef, MimeFixture.winmail(tnef),
            "TNEF part 2 (application/ms-tnef (winmail.dat)) cannot be decoded: ");
    }

    /**
     * Converts {@code message}, which carries {@code tnef} in some form, and compares with its MANIFEST.tsv
     * {@code row}; a file the tool refused must fail with a message starting with {@code failure}.
     */
    static void convertsLikeTheReference(Map<String, String> row, byte[] tnef, byte[] message, String failure)
        throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!row.get("tnef_rc").equals("0")) {
            assertThatThrownBy(() -> TnefMimeConverter.withDefaults().convert(new ByteArrayInputStream(message), out))
                .isInstanceOf(TnefConversionException.class)
                .hasMessageStartingWith(failure);
            assertThat(out.size()).isZero();
            return;
        }
        TnefConversionResult result = TnefMimeConverter.withDefaults().convert(new ByteArrayInputStream(message), out);
        assertThat(result.tnefParts()).isEqualTo(1);
        byte[] converted = out.toByteArray();
        MimeFixture.assertSevenBitClean(converted);
        List<Part> leaves = new ArrayList<>();
        collectLeaves(converted, leaves);
        List<Part> unmatched = new ArrayList<>(leaves);
        try (InputStream in = new ByteArrayInputStream(tnef); TnefMessage read = TnefReader.read(in)) {
            String expected = row.get("tnef_attachments");
            List<TnefAttachment> unused = new ArrayList<>(read.attachments());
            for (String entry : expected.isEmpty() ? new String[0] : expected.split(" ; ")) {
                String[] e = entry.split("\\|");
                TnefAttachment attachment = reference(unused, Long.parseLong(e[1]), e[2]);
                unused.remove(attachment);
                String sha = attachment.content().orElseThrow().sha256Hex();
                String name = TnefMimeParts.clean(attachment.name(), 255);
                Part match = null;
                for (Part p : unmatched) {
                    if (p.sha256().equals(sha) && name.equals(p.fileName())) {
                        match = p;
                        break;
                    }
                }
                if (match == null) {
                    fail("no MIME part named '" + name + "' with sha256 " + sha + " for " + entry + " in " + unmatched);
                }
                unmatched.remove(match);
            }
        }
    }

    /** The attachment whose reference bytes (whole PT_OBJECT value for OLE objects) have this size and digest. */
    private static TnefAttachment reference(List<TnefAttachment> attachments, long size, String sha)
        throws IOException {
        for (TnefAttachment a : attachments) {
            TnefContent bytes = a.method() == TnefAttachment.METHOD_OLE
                ? a.properties().get(MapiTag.PR_ATTACH_DATA, MapiTag.PT_OBJECT).flatMap(MapiProperty::contentValue)
                .orElseThrow() : a.content().orElse(null);
            if (bytes != null && bytes.size() == size && bytes.sha256Hex().equals(sha)) {
                return a;
            }
        }
        return fail("no attachment of " + size + " bytes with sha256 " + sha);
    }

    /** Leaf parts, descending into attached messages. */
    private static void collectLeaves(byte[] message, List<Part> leaves) throws Exception {
        for (Part p : MimeFixture.parse(message)) {
            if (p.decoded == null) {
                continue;
            }
            if (p.mimeType.equals("message/rfc822")) {
                collectLeaves(p.decoded, leaves);
            } else {
                leaves.add(p);
            }
        }
    }
}
