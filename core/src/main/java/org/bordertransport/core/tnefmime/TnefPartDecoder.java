package org.bordertransport.core.tnefmime;

import java.io.IOException;
import java.io.InputStream;

import org.apache.james.mime4j.MimeIOException;
import org.apache.james.mime4j.stream.EntityState;
import org.bordertransport.core.encoding.TransferEncoding;
import org.bordertransport.core.io.Spool;
import org.bordertransport.core.mime.MimeCursor;
import org.bordertransport.core.mime.MimeNode;
import org.bordertransport.core.mime.MimeTreeReader;
import org.bordertransport.core.tnef.TnefException;
import org.bordertransport.core.tnef.TnefMessage;
import org.bordertransport.core.tnef.TnefReader;

/**
 * The middle pass of {@link TnefMimeConverter}: reads each TNEF part and writes the MIME entity it stands for
 * ({@link TnefMimeWriter}) to a spool of its own, or marks it removed when stripping.
 */
final class TnefPartDecoder {
    private final TnefMimeOptions options;
    private final TnefMimeWriter writer;
    private final TnefRun run;
    private MimeCursor cursor;

    TnefPartDecoder(TnefMimeOptions options, TnefMimeWriter writer, TnefRun run) {
        this.options = options;
        this.writer = writer;
        this.run = run;
    }

    /** Decodes each TNEF part of the message in {@code in}. */
    void decode(MimeTreeReader reader, InputStream in) throws IOException, TnefConversionException {
        cursor = reader.cursor(in);
        try {
            for (MimeNode<TnefPart> node : run.tnef) {
                cursor.advanceTo(node, EntityState.T_BODY, TnefConversionException::new);
                decode(node);
            }
        } catch (MimeIOException e) {
            throw new TnefConversionException("broken MIME structure: " + e.getMessage(), e);
        }
    }

    private void decode(MimeNode<TnefPart> node) throws IOException, TnefConversionException {
        TnefPart part = node.data();
        if (run.strip && node.parent() != null) {
            part.stripped = true;
            run.decoded++;
            run.summary |= node.transferEncoding() == TransferEncoding.BINARY;
            run.changes.add(node.path() + ": " + TnefPart.describe(node) + " removed");
            return;
        }
        TnefMessage message;
        try {
            message = TnefReader.read(cursor.decodedBody(), options.readOptions());
        } catch (TnefException e) {
            if (!part.tnefType && e.reason() == TnefException.Reason.NOT_TNEF) {
                run.changes.add(node.path() + ": " + TnefPart.describe(node) + " is not TNEF, left as is");
                return;
            }
            throw new TnefConversionException("TNEF part " + node.path() + " (" + TnefPart.describe(node)
                + ") cannot be decoded: " + e.getMessage(), e);
        }
        Spool spool = new Spool(options.memoryThreshold(), options.maxMessageOctets(), "decoded TNEF part "
            + node.path());
        part.replacement = spool;
        String summaryText;
        try (TnefMessage m = message) {
            summaryText = writer.write(m, spool);
            if (run.tnefSubject.isEmpty()) {
                run.tnefSubject = m.subject().map(String::trim).filter(t -> !t.isEmpty());
            }
            for (String warning : m.warnings()) {
                run.changes.add(node.path() + ": TNEF warning: " + warning);
            }
        } catch (Spool.LimitException e) {
            throw new TnefConversionException(e.getMessage());
        }
        spool.finish();
        run.decoded++;
        boolean stnef = node.parent() == null || node.transferEncoding() == TransferEncoding.BINARY;
        run.summary |= stnef;
        run.changes.add(node.path() + ": " + TnefPart.describe(node) + (stnef ? " (summary TNEF)" : "") + " -> "
            + summaryText);
    }
}
