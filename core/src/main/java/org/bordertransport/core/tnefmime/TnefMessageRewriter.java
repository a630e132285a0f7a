package org.bordertransport.core.tnefmime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.james.mime4j.MimeIOException;
import org.apache.james.mime4j.stream.EntityState;
import org.bordertransport.core.io.MimeOutput;
import org.bordertransport.core.mime.MimeCursor;
import org.bordertransport.core.mime.MimeEntityWriter;
import org.bordertransport.core.mime.MimeNode;
import org.bordertransport.core.mime.MimeTreeReader;

/**
 * The last pass of {@link TnefMimeConverter}: writes the message with each TNEF part replaced by its decoded entity
 * (or left out when stripped), every other entity as read.
 */
final class TnefMessageRewriter {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] REMOVED = ("Content-Type: text/plain; charset=us-ascii\r\n\r\n"
        + "A winmail.dat (TNEF) attachment was removed from this message.\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);

    private final TnefRun run;
    private MimeCursor cursor;

    TnefMessageRewriter(TnefRun run) {
        this.run = run;
    }

    void write(MimeTreeReader reader, InputStream in, MimeNode<TnefPart> root, OutputStream out)
        throws IOException, TnefConversionException {
        cursor = reader.cursor(in);
        try {
            writeEntity(root, out);
        } catch (MimeIOException e) {
            throw new TnefConversionException("broken MIME structure: " + e.getMessage(), e);
        }
    }

    private void writeEntity(MimeNode<TnefPart> node, OutputStream out) throws IOException, TnefConversionException {
        boolean root = node.parent() == null;
        if (node.data().replacement != null) {
            writeHeaders(node, out, false);
            if (root && node.headers().stream().noneMatch(h -> h.is("MIME-Version"))) {
                MimeOutput.writeLine("MIME-Version: 1.0", out);
            }
            node.data().replacement.copyTo(out);
            return;
        }
        writeHeaders(node, out, true);
        out.write(CRLF);
        if (!node.isMultipart()) {
            cursor.advanceTo(node, EntityState.T_BODY, TnefConversionException::new);
            cursor.body().transferTo(out);
            return;
        }
        MimeEntityWriter.writeMultipartBody(node, child -> !child.data().stripped, this::writeEntity, REMOVED, out);
    }

    /** The header fields as read (without the {@code Content-*} ones unless asked), and the Subject if added. */
    private void writeHeaders(MimeNode<TnefPart> node, OutputStream out, boolean content) throws IOException {
        for (MimeNode.Header h : node.headers()) {
            if (content || !h.isContent()) {
                MimeEntityWriter.writeField(h, out);
            }
        }
        if (node.parent() == null && !run.hasSubject && run.tnefSubject.isPresent()) {
            Optional<String> value = AttachedMessageHeaders.subjectValue(run.tnefSubject.get());
            if (value.isPresent()) {
                MimeOutput.writeLine("Subject: " + value.get(), out);
                run.changes.add("root: Subject added from the TNEF");
                run.hasSubject = true;
            }
        }
    }
}
