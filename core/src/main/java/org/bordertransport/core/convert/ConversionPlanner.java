package org.bordertransport.core.convert;

import org.bordertransport.core.encoding.BodyKind;
import org.bordertransport.core.encoding.TransferEncoding;
import org.bordertransport.core.encoding.TransferEncodingChooser;
import org.bordertransport.core.mime.MimeNode;
import org.bordertransport.core.policy.ByteEncoderTypeFor7BitCharsets;
import org.bordertransport.core.policy.ContentType;

/**
 * Between the passes of {@link MessageConverter}: decides for each entity what the second pass writes (header
 * fields to encode, the alternative that replaces a {@code multipart/alternative}, text to convert, bodies to
 * transfer-encode, attached messages to convert) and records each change.
 */
final class ConversionPlanner {
    private final ConversionRun run;

    ConversionPlanner(ConversionRun run) {
        this.run = run;
    }

    void plan(MimeNode<PartPlan> node) throws ConversionException {
        for (MimeNode.Header h : node.headers()) {
            if (run.rewriteHeader(h, node.parent() == null).isPresent()) {
                node.data().headersChanged = true;
                run.changes.add(node.path() + ": header " + h.name() + " encoded");
            }
        }
        if (node.isMultipart()) {
            boolean eightBitLabel = node.transferEncoding() == TransferEncoding.EIGHT_BIT
                || node.transferEncoding() == TransferEncoding.BINARY;
            // the full scope makes every part 7-bit, and so does the mandatory one for a SevenBitOnly destination
            if (eightBitLabel && (!run.mandatoryOnly() || !run.repairOnly() && run.settings.sevenBitOnly())) {
                node.data().relabelSevenBit = true;
                run.changes.add(node.path() + ": " + node.mimeType() + " labelled 7bit (its parts are 7-bit)");
            }
            if (node.isType("multipart/alternative")) {
                MimeNode<PartPlan> keep = chooseAlternative(node);
                if (keep != null) {
                    node.data().replacement = keep;
                    run.changes.add(node.path() + ": multipart/alternative reduced to " + keep.mimeType() + " ("
                        + run.settings.contentType() + ")");
                    plan(keep);
                    return;
                }
            }
            for (MimeNode<PartPlan> child : node.children()) {
                plan(child);
            }
            return;
        }
        planLeaf(node);
    }

    private MimeNode<PartPlan> chooseAlternative(MimeNode<PartPlan> node) {
        ContentType target = run.settings.contentType();
        if (target == ContentType.MIME_HTML_TEXT || node.children().isEmpty() || run.mandatoryOnly()) {
            return null;
        }
        MimeNode<PartPlan> text = null;
        MimeNode<PartPlan> html = null;
        for (MimeNode<PartPlan> child : node.children()) {
            if (text == null && child.isType("text/plain") && !child.data().attachment) {
                text = child;
            }
            if (html == null && (child.isType("text/html") && !child.data().attachment
                || child.isType("multipart/related"))) {
                html = child;
            }
        }
        if (target == ContentType.MIME_TEXT) {
            if (text != null && html != null && html.isMultipart()) {
                return null; // keep the related images: the HTML root is rendered as text in place
            }
            return text != null ? text : html;
        }
        return html != null ? html : text;
    }

    private void planLeaf(MimeNode<PartPlan> node) throws ConversionException {
        PartPlan plan = node.data();
        if (run.repairOnly()) {
            plan.action = PartPlan.Action.COPY;
            return;
        }
        if (plan.action == PartPlan.Action.CONVERT) {
            BodyKind kind = run.kindOf(node);
            ContentType target = run.settings.contentType();
            boolean html = kind == BodyKind.HTML_TEXT;
            boolean inAlternative = node.parent() != null && node.parent().isType("multipart/alternative");
            plan.targetType = html && target == ContentType.MIME_TEXT ? "text/plain"
                : !html && target == ContentType.MIME_HTML ? "text/html" : node.mimeType();
            plan.addTextAlternative = html && target == ContentType.MIME_HTML_TEXT && !inAlternative;
            run.changes.add(node.path() + ": " + node.mimeType() + (plan.addTextAlternative
                ? " -> multipart/alternative (text/plain, text/html)" : " -> " + plan.targetType)
                + run.settings.characterSet().map(c -> ", charset " + c.name() + " if it fits").orElse("")
                + (run.settings.wrapColumn().isPresent() ? ", wrapped at " + run.settings.wrapColumn().getAsInt()
                : ""));
            return;
        }
        if (ConversionRun.COMPOSITE_MESSAGE_TYPES.contains(node.mimeType())) {
            if (plan.rawScan.isSevenBitSafe(false) || run.mandatoryOnly() && !unsendable(node, plan)) {
                plan.action = PartPlan.Action.COPY;
                boolean eightBitLabel = node.transferEncoding() == TransferEncoding.EIGHT_BIT
                    || node.transferEncoding() == TransferEncoding.BINARY;
                if (eightBitLabel && plan.rawScan.isSevenBitSafe(false)
                    && (!run.mandatoryOnly() || !run.repairOnly() && run.settings.sevenBitOnly())) {
                    plan.relabelSevenBit = true;
                    run.changes.add(node.path() + ": " + node.mimeType() + " labelled 7bit (it is 7-bit)");
                }
                return;
            }
            if (!node.isType("message/rfc822") && !node.isType("message/global")) {
                throw new ConversionException(node.mimeType() + " at " + node.path() + " is not 7-bit clean and "
                    + "cannot be transfer-encoded");
            }
            plan.action = PartPlan.Action.MESSAGE;
            run.changes.add(node.path() + ": embedded message converted");
            return;
        }
        if (run.mandatoryOnly() && !unsendable(node, plan)) {
            plan.action = PartPlan.Action.COPY;
            return;
        }
        TransferEncodingChooser.Decision d = run.chooser.choose(run.kindOf(node), node.transferEncoding(),
            plan.decodedScan);
        boolean rawClean = plan.rawScan.isSevenBitSafe(false);
        boolean cleanSevenBit = node.transferEncoding() == TransferEncoding.SEVEN_BIT
            && run.settings.byteEncoderTypeFor7BitCharsets() == ByteEncoderTypeFor7BitCharsets.UNDEFINED;
        // an attachment that can already cross as it is keeps its encoding: ByteEncoderTypeFor7BitCharsets is about
        // the message's text, and a text/html attachment re-encoded from base64 to quoted-printable gains nothing
        boolean keptAttachment = plan.attachment && node.transferEncoding().isSevenBitEncoding();
        if (rawClean && (d.unchanged() || cleanSevenBit || keptAttachment || d.encoding() == node.transferEncoding()
            && node.transferEncoding().isSevenBitEncoding())) {
            plan.action = PartPlan.Action.COPY;
            return;
        }
        plan.targetEncoding = d.encoding();
        plan.action = d.treatAsOctetStream() ? PartPlan.Action.OCTET_STREAM : PartPlan.Action.REENCODE;
        run.changes.add(node.path() + ": " + node.mimeType() + " " + d.reason());
    }

    /**
     * Whether the body as it is cannot cross SMTP to this destination: labelled {@code binary} (nothing announces
     * BINARYMIME to James's RemoteDelivery), a NUL, a line over 998 octets (RFC 5322 §2.1.1), or 8-bit octets (or an
     * {@code 8bit} label) for a {@code SevenBitOnly} destination.
     */
    private boolean unsendable(MimeNode<PartPlan> node, PartPlan plan) {
        return node.transferEncoding() == TransferEncoding.BINARY || plan.rawScan.hasNul()
            || plan.rawScan.hasLongLines() || run.settings.sevenBitOnly()
            && (plan.rawScan.hasEightBit() || node.transferEncoding() == TransferEncoding.EIGHT_BIT);
    }
}
