package org.bordertransport.core.convert;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

import org.apache.james.mime4j.stream.EntityState;
import org.bordertransport.core.encoding.BodyKind;
import org.bordertransport.core.encoding.TransferEncoding;
import org.bordertransport.core.encoding.UuEncoder;
import org.bordertransport.core.io.CountingOutput;
import org.bordertransport.core.io.MimeOutput;
import org.bordertransport.core.io.Spool;
import org.bordertransport.core.mime.MimeCursor;
import org.bordertransport.core.mime.MimeEntityWriter;
import org.bordertransport.core.mime.MimeNode;
import org.bordertransport.core.mime.MimeTreeReader;

/**
 * {@code MessageFormat=Text}: writes the message as RFC 5322 plain text without MIME: the top-level headers except
 * {@code MIME-Version} and {@code Content-*} (8-bit values still RFC 2047 encoded), the text parts (HTML rendered as
 * text; of a multipart/alternative only the text, else the HTML) in one charset, then every other part uuencoded.
 */
final class NonMimeWriter {
    private static final Pattern LINE_END = Pattern.compile("\r\n|\r|\n");
    private static final byte[] CRLF = {'\r', '\n'};

    private final ConversionRun run;

    NonMimeWriter(ConversionRun run) {
        this.run = run;
    }

    void write(MimeTreeReader reader, Spool spool, MimeNode<PartPlan> root, OutputStream out)
        throws IOException, ConversionException {
        try {
            writeMessage(reader, spool, root, out);
        } catch (CountingOutput.OutputFailure e) {
            throw e;
        } catch (IOException e) {
            // a body that cannot be decoded (invalid base64 in an attachment to uuencode, say), as the MIME writer says
            throw new ConversionException("unreadable message: " + e.getMessage(), e);
        }
    }

    private void writeMessage(MimeTreeReader reader, Spool spool, MimeNode<PartPlan> root, OutputStream out)
        throws IOException, ConversionException {
        List<MimeNode<PartPlan>> texts = new ArrayList<>();
        List<MimeNode<PartPlan>> files = new ArrayList<>();
        collect(root, texts, files);
        List<String> bodies = new ArrayList<>();
        try (InputStream in = spool.open()) {
            MimeCursor cursor = reader.cursor(in);
            for (MimeNode<PartPlan> node : texts) {
                cursor.advanceTo(node, EntityState.T_BODY, ConversionException::new);
                String text = run.decode(node, MimeTreeReader.readLimited(cursor.decodedBody(),
                    run.limits.maxTextOctets(), "text", ConversionException::new));
                bodies.add(node.isType("text/html") ? run.htmlToText.render(text) : text);
            }
        }
        String text = run.plainOf(String.join("\r\n\r\n", bodies));
        Charset charset = charset(text);
        text = withinLineLimit(text, charset);
        for (MimeNode.Header h : root.headers()) {
            if (h.isContent() || h.is("MIME-Version")) {
                continue;
            }
            Optional<String> rewritten = run.headers.rewrite(h, true);
            if (rewritten.isPresent()) {
                MimeOutput.writeLine(rewritten.get(), out);
            } else {
                MimeEntityWriter.writeField(h, out);
            }
        }
        out.write(CRLF);
        byte[] body = run.encode(LineEnds.crlf(text), charset);
        out.write(body);
        boolean endsInLineEnd = body.length >= 2 && body[body.length - 2] == '\r' && body[body.length - 1] == '\n';
        if (!endsInLineEnd && body.length > 0) {
            out.write(CRLF);
        }
        run.changes.add("root: non-MIME plain text in " + TextCharsets.label(charset) + " (MessageFormat=Text), "
            + texts.size() + " text part(s), " + files.size() + " attachment(s) uuencoded");
        if (files.isEmpty()) {
            return;
        }
        try (InputStream in = spool.open()) {
            MimeCursor cursor = reader.cursor(in);
            int number = 0;
            for (MimeNode<PartPlan> node : files) {
                number++;
                cursor.advanceTo(node, EntityState.T_BODY, ConversionException::new);
                boolean raw = node.transferEncoding() == TransferEncoding.UNKNOWN
                    || ConversionRun.COMPOSITE_MESSAGE_TYPES.contains(node.mimeType());
                out.write(CRLF);
                UuEncoder.encode(raw ? cursor.body() : cursor.decodedBody(), fileName(node, number), charset, out);
            }
        }
    }

    private void collect(MimeNode<PartPlan> node, List<MimeNode<PartPlan>> texts, List<MimeNode<PartPlan>> files) {
        if (node.isMultipart()) {
            if (node.isType("multipart/alternative") && !node.children().isEmpty()) {
                MimeNode<PartPlan> chosen = null;
                for (MimeNode<PartPlan> child : node.children()) {
                    if (child.isType("text/plain") && !child.data().attachment) {
                        chosen = child;
                        break;
                    }
                }
                if (chosen == null) {
                    for (MimeNode<PartPlan> child : node.children()) {
                        if (child.isType("text/html") && !child.data().attachment
                            || child.isType("multipart/related")) {
                            chosen = child;
                            break;
                        }
                    }
                }
                collect(chosen != null ? chosen : node.children().get(0), texts, files);
                return;
            }
            for (MimeNode<PartPlan> child : node.children()) {
                collect(child, texts, files);
            }
            return;
        }
        BodyKind kind = run.kindOf(node);
        if (run.isInlineText(node, kind) && node.transferEncoding() != TransferEncoding.UNKNOWN) {
            texts.add(node);
        } else {
            files.add(node);
        }
    }

    /** The first of NonMimeCharacterSet, CharacterSet, the first declared charset and UTF-8 the text fits. */
    private Charset charset(String text) {
        List<Charset> candidates = new ArrayList<>();
        run.settings.nonMimeCharacterSet().ifPresent(candidates::add);
        run.settings.characterSet().ifPresent(candidates::add);
        for (Charset c : candidates) {
            if (run.fits(text, c)) {
                return c;
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** Lines that would be over 998 octets in {@code charset} are wrapped, words too long cut. */
    private static String withinLineLimit(String text, Charset charset) {
        int maxChars = TextCharsets.isIso2022Jp(charset) ? 480
            : (int) (998 / Math.max(1f, charset.newEncoder().maxBytesPerChar()));
        boolean tooLong = false;
        for (String line : LINE_END.split(text, -1)) {
            if (line.length() > maxChars) {
                tooLong = true;
                break;
            }
        }
        if (!tooLong) {
            return text;
        }
        String wrapped = LineWrapper.wrap(text, OptionalInt.of(maxChars));
        StringBuilder b = new StringBuilder(wrapped.length() + 16);
        for (String line : wrapped.split("\r\n", -1)) {
            if (b.length() > 0) {
                b.append("\r\n");
            }
            int start = 0;
            while (line.length() - start > maxChars) {
                int end = start + maxChars;
                if (Character.isHighSurrogate(line.charAt(end - 1))) {
                    end--;
                }
                b.append(line, start, end).append("\r\n");
                start = end;
            }
            b.append(line, start, line.length());
        }
        return b.toString();
    }

    private static String fileName(MimeNode<PartPlan> node, int number) {
        if (node.fileName() != null && !node.fileName().isBlank()) {
            String name = node.fileName().replace('\\', '/');
            return name.substring(name.lastIndexOf('/') + 1);
        }
        String extension = ConversionRun.COMPOSITE_MESSAGE_TYPES.contains(node.mimeType()) ? ".eml"
            : node.isType("text/plain") ? ".txt" : node.isType("text/html") ? ".htm" : ".dat";
        return "attachment-" + number + extension;
    }
}
