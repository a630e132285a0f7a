package org.bordertransport.cli.tnef;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bordertransport.cli.common.Json;
import org.bordertransport.core.rtf.CompressedRtf;
import org.bordertransport.core.rtf.DecompressedRtf;
import org.bordertransport.core.rtf.RtfException;
import org.bordertransport.core.rtf.RtfLimits;
import org.bordertransport.core.rtf.RtfMode;
import org.bordertransport.core.tnef.TnefContent;
import org.bordertransport.core.tnef.TnefMessage;

/**
 * One body of a TNEF message as the {@code tnef} commands show and write it: the text body in UTF-8, the HTML body
 * as stored (in its own charset), the RTF body decompressed (leniently: a CRC or size mismatch is a warning).
 */
final class Body {
    static final String TEXT = "text";
    static final String HTML = "html";
    static final String RTF = "rtf";

    /** Compressed RTF larger than this is not decompressed (LZFu output is never much smaller than its input). */
    private static final long MAX_COMPRESSED_RTF = 2L * RtfLimits.DEFAULT_MAX_RTF_BYTES;

    private final String type;
    private final String fileName;
    private final Optional<String> charset;
    private final Optional<TnefContent> content;
    private final Optional<byte[]> bytes;
    private final long storedSize;
    private final List<String> warnings;

    private Body(String type, String fileName, Optional<String> charset, Optional<TnefContent> content,
                 Optional<byte[]> bytes, long storedSize, List<String> warnings) {
        this.type = type;
        this.fileName = fileName;
        this.charset = charset;
        this.content = content;
        this.bytes = bytes;
        this.storedSize = storedSize;
        this.warnings = List.copyOf(warnings);
    }

    /** The bodies the message has, in the order text, HTML, RTF. */
    static List<Body> of(TnefMessage message) throws IOException {
        List<Body> bodies = new ArrayList<>();
        Optional<String> text = message.textBody();
        if (text.isPresent()) {
            byte[] utf8 = text.get().getBytes(StandardCharsets.UTF_8);
            bodies.add(new Body(TEXT, "body.txt", Optional.of("UTF-8"), Optional.empty(), Optional.of(utf8),
                utf8.length, List.of()));
        }
        Optional<TnefContent> html = message.htmlBody();
        if (html.isPresent()) {
            bodies.add(new Body(HTML, "body.html", Optional.of(message.htmlCharset().name()), html, Optional.empty(),
                html.get().size(), List.of()));
        }
        Optional<TnefContent> rtf = message.compressedRtf();
        if (rtf.isPresent()) {
            bodies.add(rtf(rtf.get()));
        }
        return bodies;
    }

    private static Body rtf(TnefContent compressed) throws IOException {
        long size = compressed.size();
        if (size > MAX_COMPRESSED_RTF) {
            return new Body(RTF, "body.rtf", Optional.empty(), Optional.empty(), Optional.empty(), size,
                List.of("rtf body: compressed RTF of " + size + " bytes is over the limit of " + MAX_COMPRESSED_RTF
                    + " bytes"));
        }
        try {
            DecompressedRtf rtf = CompressedRtf.decompress(compressed.toByteArray(), RtfMode.LENIENT,
                RtfLimits.defaults());
            List<String> warnings = new ArrayList<>();
            for (String warning : rtf.warnings()) {
                warnings.add("rtf body: " + warning);
            }
            return new Body(RTF, "body.rtf", Optional.empty(), Optional.empty(), Optional.of(rtf.rtf()), size,
                warnings);
        } catch (RtfException e) {
            return new Body(RTF, "body.rtf", Optional.empty(), Optional.empty(), Optional.empty(), size,
                List.of("rtf body: " + e.getMessage()));
        }
    }

    /** {@value #TEXT}, {@value #HTML} or {@value #RTF}. */
    String type() {
        return type;
    }

    /** {@code body.txt}, {@code body.html} or {@code body.rtf}. */
    String fileName() {
        return fileName;
    }

    /** Whether the bytes can be written (false for RTF that cannot be decompressed). */
    boolean decoded() {
        return content.isPresent() || bytes.isPresent();
    }

    /** Bytes of the decoded body; -1 when not {@link #decoded()}. */
    long size() {
        return content.map(TnefContent::size).orElse(bytes.map(b -> (long) b.length).orElse(-1L));
    }

    /** Bytes as stored in the TNEF (for RTF: compressed). */
    long storedSize() {
        return storedSize;
    }

    InputStream open() {
        if (content.isPresent()) {
            return content.get().openStream();
        }
        return new ByteArrayInputStream(bytes.orElseThrow(() -> new IllegalStateException(fileName
            + " could not be decoded")));
    }

    /** The JSON of {@code tnef list}: type, size (null when not decoded), charset or, for RTF, compressedSize. */
    Json json() {
        Json json = Json.object().put("type", type).put("size", decoded() ? size() : null);
        if (type.equals(RTF)) {
            json.put("compressedSize", storedSize);
        } else {
            json.put("charset", charset.orElse(null));
        }
        return json;
    }

    /** What was wrong with the body; empty when it decoded cleanly. */
    List<String> warnings() {
        return warnings;
    }
}
