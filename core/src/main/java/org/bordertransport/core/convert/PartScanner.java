package org.bordertransport.core.convert;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.OptionalInt;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.bordertransport.core.encoding.Base64Input;
import org.bordertransport.core.encoding.BodyKind;
import org.bordertransport.core.encoding.ContentScan;
import org.bordertransport.core.encoding.ParameterEncoding;
import org.bordertransport.core.encoding.TransferEncoding;
import org.bordertransport.core.mime.MimeNode;
import org.bordertransport.core.mime.MimeTreeReader;
import org.bordertransport.core.mime.MimeTreeVisitor;
import org.bordertransport.core.mime.ProtectedContent;
import org.bordertransport.core.policy.MessageFormat;

/**
 * The first pass of {@link MessageConverter}: describes each entity from its header fields (charset, attachment,
 * file name, transfer encoding), notes signed or encrypted content and inline PGP, scans each leaf body (raw and
 * decoded, for the transfer-encoding decision) and, for inline text that may need converting, decides from its
 * content whether it does.
 */
final class PartScanner implements MimeTreeVisitor<PartPlan, ConversionException> {
    private final ConversionRun run;
    /** One read buffer for all the bodies of the message (most bodies are a few KB: 8 KB, not more). */
    private byte[] chunk;

    private PartScanner(ConversionRun run) {
        this.run = run;
    }

    /** Reads the tree of the message in {@code in} for {@code run}. */
    static MimeNode<PartPlan> read(MimeTreeReader reader, InputStream in, ConversionRun run)
        throws ConversionException {
        try {
            return reader.read(in, new PartScanner(run));
        } catch (MimeException e) {
            throw new ConversionException("broken MIME structure: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ConversionException("unreadable message: " + e.getMessage(), e);
        }
    }

    @Override
    public ConversionException create(String message, Throwable cause) {
        return new ConversionException(message, cause);
    }

    @Override
    public PartPlan newData() {
        run.count++;
        return new PartPlan();
    }

    @Override
    public void entity(MimeNode<PartPlan> node) throws ConversionException {
        PartPlan plan = node.data();
        for (MimeNode.Header h : node.headers()) {
            // only these four fields are read here: the others' values are not decoded
            if (h.is("MIME-Version")) {
                run.mimeMessage = true;
            } else if (h.is("Content-Type")) {
                ParameterEncoding.Parsed parsed = run.parse(run.headers.value(h.raw()), node);
                plan.declaredCharset = parsed.parameter("charset").map(String::trim).filter(c -> !c.isEmpty());
                if (parsed.parameter("name").isPresent()) {
                    plan.attachment = true;
                    if (node.fileName() == null) {
                        node.fileName(parsed.parameter("name").get());
                    }
                }
            } else if (h.is("Content-Transfer-Encoding")) {
                node.transferEncoding(TransferEncoding.parse(run.headers.value(h.raw())));
            } else if (h.is("Content-Disposition")) {
                ParameterEncoding.Parsed parsed = run.parse(run.headers.value(h.raw()), node);
                if (parsed.value().equalsIgnoreCase("attachment") || parsed.parameter("filename").isPresent()) {
                    plan.attachment = true;
                }
                if (parsed.parameter("filename").isPresent()) {
                    node.fileName(parsed.parameter("filename").get());
                }
            }
        }
    }

    @Override
    public void invalidField() {
        // dropped by the reader; in the full scope that is a change of its own (the message is written without it)
        run.invalidFields++;
        if (!run.mandatoryOnly()) {
            run.changes.add("a header field with an invalid name dropped");
        }
    }

    @Override
    public void protectedEntity(MimeNode<PartPlan> node) {
        if (run.protectedReason == null) {
            run.protectedReason = "signed or encrypted content (" + node.mimeType() + " at " + node.path()
                + "): sent unconverted";
        }
    }

    @Override
    public boolean body(MimeNode<PartPlan> node, InputStream body) throws IOException, ConversionException {
        if (run.repairOnly()) {
            return true; // bodies are copied as they are: not read (the reader skips them)
        }
        // an attachment's encoding depends only on whether it is 7-bit safe: its scan may stop at the first
        // octet that says no (half of the work of a large binary attachment)
        PartPlan plan = node.data();
        boolean composite = ConversionRun.COMPOSITE_MESSAGE_TYPES.contains(node.mimeType());
        boolean binary = !run.kindOf(node).isText() && !composite;
        ContentScan.Scanner rawScanner = binary ? ContentScan.binaryScanner() : ContentScan.scanner();
        InputStream raw = new ScanningInput(body, rawScanner);
        // a non-text body or an attachment in base64 or quoted-printable keeps that encoding whatever it decodes to
        // (TransferEncodingChooser, ConversionPlanner): its decoded octets are never looked at, so they are not
        // decoded (a text/html attachment of 100 KB, as ConvertTnef writes them: 640 -> 260 us per message). Should
        // its raw octets not cross as they are, it is re-encoded from what the raw scan says
        boolean keptEncoding = (binary || plan.attachment) && node.transferEncoding().isSevenBitEncoding();
        if (node.transferEncoding() == TransferEncoding.UNKNOWN || composite || keptEncoding) {
            drain(raw);
            plan.rawScan = rawScanner.result();
            plan.decodedScan = plan.rawScan;
            return true;
        }
        InputStream decoded = node.transferEncoding() == TransferEncoding.BASE64
            ? Base64Input.strict(raw)
            : node.transferEncoding() == TransferEncoding.QUOTED_PRINTABLE
            ? new QuotedPrintableInputStream(raw, DecodeMonitor.STRICT) : raw;
        BodyKind kind = run.kindOf(node);
        boolean text = run.isInlineText(node, kind) && mayNeedTextWork(node, kind);
        boolean identity = decoded == raw;
        // with an identity encoding the decoded octets are the raw ones: one scan serves both
        ContentScan.Scanner decodedScanner = identity ? rawScanner
            : binary ? ContentScan.binaryScanner() : ContentScan.scanner();
        ByteArrayOutputStream buffer = text ? new ByteArrayOutputStream() : null;
        byte[] bytes = chunk();
        int n;
        while ((n = decoded.read(bytes)) > 0) {
            if (!identity) {
                decodedScanner.update(bytes, 0, n);
            }
            if (buffer != null) {
                if (buffer.size() + n > run.limits.maxTextOctets()) {
                    throw new ConversionException("text of part " + node.path() + " over the limit of "
                        + run.limits.maxTextOctets() + " octets");
                }
                buffer.write(bytes, 0, n);
            }
        }
        drain(raw);
        plan.rawScan = rawScanner.result();
        plan.decodedScan = decodedScanner.result();
        if (buffer != null && needsTextWork(node, kind, buffer.toByteArray())) {
            plan.action = PartPlan.Action.CONVERT;
        }
        return true;
    }

    private boolean mayNeedTextWork(MimeNode<PartPlan> node, BodyKind kind) {
        if (run.settings.messageFormat() == MessageFormat.TEXT && !run.repairOnly()) {
            return true;
        }
        if (run.mandatoryOnly()) {
            return false; // content type, charset and wrapping are presentation
        }
        return run.typeChange(node, kind)
            || run.settings.characterSet().isPresent() || node.data().declaredCharset.isEmpty()
            || run.settings.wrapColumn().isPresent() && kind == BodyKind.PLAIN_TEXT;
    }

    /** Content-dependent decisions for an inline text part. */
    private boolean needsTextWork(MimeNode<PartPlan> node, BodyKind kind, byte[] decoded)
        throws ConversionException {
        PartPlan plan = node.data();
        boolean html = kind == BodyKind.HTML_TEXT;
        boolean undeclared = plan.declaredCharset.isEmpty();
        String text = run.decode(node, decoded);
        if (ProtectedContent.hasInlinePgp(text)) {
            if (run.protectedReason == null) {
                run.protectedReason = "inline PGP at " + node.path() + ": sent unconverted";
            }
            return false;
        }
        if (run.typeChange(node, kind)) {
            return true;
        }
        if (undeclared && plan.decodedScan.hasEightBit()) {
            // 8-bit text without a charset (non-MIME mail): it must leave labelled with the charset it was read in
            return true;
        }
        OptionalInt wrap = run.settings.wrapColumn();
        if (wrap.isPresent() && !html && plan.decodedScan.longestLine() > wrap.getAsInt()) {
            return true;
        }
        if (run.settings.characterSet().isPresent()) {
            Charset targetCharset = run.settings.characterSet().get();
            boolean same = plan.declaredCharset.map(d -> TextCharsets.sameCharset(d, targetCharset)).orElse(false);
            return !same && run.fits(text, targetCharset);
        }
        return false;
    }

    private byte[] chunk() {
        if (chunk == null) {
            chunk = new byte[8192];
        }
        return chunk;
    }

    /** Reads {@code in} to its end (what reading it does is the point: its scanner sees every octet). */
    private void drain(InputStream in) throws IOException {
        byte[] buffer = chunk();
        int n;
        do {
            n = in.read(buffer);
        } while (n >= 0);
    }
}
