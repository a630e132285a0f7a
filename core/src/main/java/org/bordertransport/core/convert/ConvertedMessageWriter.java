package org.bordertransport.core.convert;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.james.mime4j.stream.EntityState;
import org.bordertransport.core.encoding.BodyKind;
import org.bordertransport.core.encoding.ContentScan;
import org.bordertransport.core.encoding.TransferEncoding;
import org.bordertransport.core.io.CountingOutput;
import org.bordertransport.core.io.MimeOutput;
import org.bordertransport.core.io.Spool;
import org.bordertransport.core.mime.MimeCursor;
import org.bordertransport.core.mime.MimeEntityWriter;
import org.bordertransport.core.mime.MimeNode;
import org.bordertransport.core.mime.MimeTreeReader;

/**
 * The second pass of {@link MessageConverter}: writes the planned message, streaming every body that is copied or
 * only transfer-encoded again, converting text parts, and converting attached messages through the converter.
 */
final class ConvertedMessageWriter {
    private static final byte[] CRLF = {'\r', '\n'};

    private final MessageConverter converter;
    private final ConversionRun run;
    private MimeCursor cursor;

    ConvertedMessageWriter(MessageConverter converter, ConversionRun run) {
        this.converter = converter;
        this.run = run;
    }

    void write(MimeTreeReader reader, InputStream in, MimeNode<PartPlan> root, OutputStream out)
        throws IOException, ConversionException {
        cursor = reader.cursor(in);
        try {
            writeEntity(root, root.headers(), out, true);
        } catch (CountingOutput.OutputFailure e) {
            throw e;
        } catch (IOException e) {
            throw new ConversionException("unreadable message: " + e.getMessage(), e);
        }
    }

    private void writeEntity(MimeNode<PartPlan> node, List<MimeNode.Header> fields, OutputStream out, boolean root)
        throws IOException, ConversionException {
        PartPlan plan = node.data();
        if (plan.replacement != null) {
            List<MimeNode.Header> merged = new ArrayList<>();
            for (MimeNode.Header h : fields) {
                if (!h.isContent()) {
                    merged.add(h);
                }
            }
            merged.addAll(plan.replacement.headers());
            writeEntity(plan.replacement, merged, out, root);
            return;
        }
        if (node.isMultipart()) {
            writeHeaders(fields, plan.relabelSevenBit
                ? Map.of("content-transfer-encoding", "Content-Transfer-Encoding: 7bit") : Map.of(), out, root, false);
            out.write(CRLF);
            MimeEntityWriter.writeMultipartBody(node, child -> true,
                (child, o) -> writeEntity(child, child.headers(), o, false), null, out);
            return;
        }
        cursor.advanceTo(node, EntityState.T_BODY, ConversionException::new);
        switch (plan.action) {
            case COPY:
                writeHeaders(fields, plan.relabelSevenBit
                    ? Map.of("content-transfer-encoding", "Content-Transfer-Encoding: 7bit") : Map.of(), out, root,
                    false);
                out.write(CRLF);
                cursor.body().transferTo(out);
                return;
            case REENCODE:
            case OCTET_STREAM:
                Map<String, String> replaced = new LinkedHashMap<>();
                replaced.put("content-transfer-encoding", "Content-Transfer-Encoding: "
                    + plan.targetEncoding.token());
                if (plan.action == PartPlan.Action.OCTET_STREAM) {
                    replaced.put("content-type", "Content-Type: application/octet-stream");
                }
                writeHeaders(fields, replaced, out, root, true);
                out.write(CRLF);
                InputStream body = plan.action == PartPlan.Action.OCTET_STREAM ? cursor.body()
                    : cursor.decodedBody();
                boolean text = plan.action != PartPlan.Action.OCTET_STREAM && run.kindOf(node).isText();
                ConversionRun.encodeBody(body, out, plan.targetEncoding, text);
                return;
            case MESSAGE:
                writeMessage(node, fields, out, root);
                return;
            case CONVERT:
                writeConverted(node, fields, out, root);
                return;
            default:
                throw new IllegalStateException(plan.action.toString());
        }
    }

    private void writeMessage(MimeNode<PartPlan> node, List<MimeNode.Header> fields, OutputStream out, boolean root)
        throws IOException, ConversionException {
        if (run.depth + 1 > run.limits.maxDepth()) {
            throw new ConversionException("embedded messages nested deeper than " + run.limits.maxDepth());
        }
        try (Spool inner = new Spool(run.limits.memoryThreshold(), run.limits.maxMessageOctets(), "message");
             Spool converted = new Spool(run.limits.memoryThreshold(), run.limits.maxMessageOctets(), "message")) {
            cursor.decodedBody().transferTo(inner);
            inner.finish();
            ConversionResult result = converter.convert(inner, converted, run.settings, run.scope, run.depth + 1,
                List.of(), inner);
            converted.finish();
            if (!result.modified() && !result.needsNothing()) {
                throw new ConversionException("embedded message at " + node.path() + " is not 7-bit clean but "
                    + result.unchangedReason().get());
            }
            for (String change : result.changes()) {
                run.changes.add(node.path() + "/" + change);
            }
            // a full conversion is 7-bit clean; a mandatory-only one may keep 8-bit text inside
            String encoding = "7bit";
            if (run.mandatoryOnly()) {
                try (InputStream in = converted.open()) {
                    encoding = ContentScan.of(in).isSevenBitSafe(true) ? "7bit" : "8bit";
                }
            }
            writeHeaders(fields, Map.of("content-transfer-encoding", "Content-Transfer-Encoding: " + encoding),
                out, root, true);
            out.write(CRLF);
            converted.copyTo(out);
        }
    }

    private void writeConverted(MimeNode<PartPlan> node, List<MimeNode.Header> fields, OutputStream out,
                                boolean root) throws IOException, ConversionException {
        PartPlan plan = node.data();
        byte[] decoded = MimeTreeReader.readLimited(cursor.decodedBody(), run.limits.maxTextOctets(), "text",
            ConversionException::new);
        String text = run.decode(node, decoded);
        boolean fromHtml = node.isType("text/html");
        Map<String, String> replaced = new LinkedHashMap<>();
        if (plan.addTextAlternative) {
            String boundary = "=_bt_" + UUID.randomUUID().toString().replace("-", "");
            replaced.put("content-type", "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"");
            replaced.put("content-transfer-encoding", null);
            writeHeaders(fields, replaced, out, root, true);
            out.write(CRLF);
            List<MimeEntityWriter.Part<ConversionException>> parts = List.of(
                o -> writeTextLeaf(List.of(), node, "text/plain", run.plainOf(run.htmlToText.render(text)), o, false),
                o -> writeTextLeaf(List.of(), node, "text/html", text, o, false));
            MimeEntityWriter.writeParts(boundary, parts, out);
            return;
        }
        String result;
        if (fromHtml && plan.targetType.equals("text/plain")) {
            result = run.plainOf(run.htmlToText.render(text));
        } else if (!fromHtml && plan.targetType.equals("text/html")) {
            Charset charset = run.outputCharset(node, text);
            result = TextToHtml.render(text, TextCharsets.label(charset));
        } else if (!fromHtml) {
            result = run.plainOf(text);
        } else {
            result = text;
        }
        writeTextLeaf(fields, node, plan.targetType, result, out, root);
    }

    private void writeTextLeaf(List<MimeNode.Header> fields, MimeNode<PartPlan> node, String type, String text,
                               OutputStream out, boolean root) throws IOException, ConversionException {
        String canonical = LineEnds.crlf(text);
        Charset charset = run.outputCharset(node, canonical);
        byte[] bytes = run.encode(canonical, charset);
        ContentScan scan = ContentScan.of(bytes);
        TransferEncoding encoding;
        if (TextCharsets.isIso2022Jp(charset) && scan.isSevenBitSafe(true)) {
            encoding = TransferEncoding.SEVEN_BIT;
        } else {
            encoding = run.chooser.choose(BodyKind.of(type), TransferEncoding.EIGHT_BIT, scan).encoding();
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (type.equals(node.mimeType())) {
            for (MimeNode.Header h : node.headers()) {
                if (h.is("Content-Type")) {
                    params.putAll(run.parse(run.headers.value(h.raw()), node).parameters());
                }
            }
        }
        params.remove("charset");
        params.put("charset", TextCharsets.label(charset));
        Map<String, String> replaced = new LinkedHashMap<>();
        replaced.put("content-type", "Content-Type: " + run.headers.parameterized("Content-Type", type, params));
        replaced.put("content-transfer-encoding", "Content-Transfer-Encoding: " + encoding.token());
        writeHeaders(fields, replaced, out, root, true);
        out.write(CRLF);
        ConversionRun.encodeBody(new ByteArrayInputStream(bytes), out, encoding, true);
    }

    /**
     * Writes header fields; fields whose lower-case name is a key of {@code replaced} are replaced by the value
     * (dropped when null) at the place of the first one, or appended.
     */
    private void writeHeaders(List<MimeNode.Header> fields, Map<String, String> replaced, OutputStream out,
                              boolean root, boolean mime) throws IOException, ConversionException {
        Map<String, String> pending = new LinkedHashMap<>(replaced);
        boolean mimeVersion = false;
        for (MimeNode.Header h : fields) {
            String lower = h.name().toLowerCase(Locale.ROOT);
            if (lower.equals("mime-version")) {
                mimeVersion = true;
            }
            if (replaced.containsKey(lower)) {
                if (pending.containsKey(lower)) {
                    String value = pending.remove(lower);
                    if (value != null) {
                        MimeOutput.writeLine(value, out);
                    }
                }
                continue;
            }
            Optional<String> rewritten = run.rewriteHeader(h, root);
            if (rewritten.isPresent()) {
                MimeOutput.writeLine(rewritten.get(), out);
            } else {
                MimeEntityWriter.writeField(h, out);
            }
        }
        if (root && mime && !mimeVersion) {
            MimeOutput.writeLine("MIME-Version: 1.0", out);
        }
        for (String value : pending.values()) {
            if (value != null) {
                MimeOutput.writeLine(value, out);
            }
        }
    }
}
