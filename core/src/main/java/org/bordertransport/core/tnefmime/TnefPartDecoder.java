package org.bordertransport.core.tnefmime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.apache.james.mime4j.MimeIOException;
import org.apache.james.mime4j.stream.EntityState;
import org.bordertransport.core.encoding.ContentScan;
import org.bordertransport.core.encoding.TransferEncoder;
import org.bordertransport.core.encoding.TransferEncoding;
import org.bordertransport.core.io.MimeOutput;
import org.bordertransport.core.io.Spool;
import org.bordertransport.core.mime.MimeCursor;
import org.bordertransport.core.mime.MimeEntityWriter;
import org.bordertransport.core.mime.MimeNode;
import org.bordertransport.core.tnef.TnefException;
import org.bordertransport.core.tnef.TnefMessage;
import org.bordertransport.core.tnef.TnefReader;

/**
 * The middle pass of {@link TnefMimeConverter}: reads each TNEF part and writes the MIME entity it stands for
 * ({@link TnefMimeWriter}) to a spool of its own, or marks it removed when stripping; a text with uuencoded TNEF
 * becomes the text without the blocks plus their decoded entities ({@link UuTextDecoder}); an attached message with
 * TNEF inside is converted as a message of its own.
 */
final class TnefPartDecoder {
    private final TnefMimeConverter converter;
    private final TnefMimeOptions options;
    private final TnefMimeWriter writer;
    private final TnefRun run;
    private MimeCursor cursor;

    TnefPartDecoder(TnefMimeConverter converter, TnefMimeOptions options, TnefMimeWriter writer, TnefRun run) {
        this.converter = converter;
        this.options = options;
        this.writer = writer;
        this.run = run;
    }

    /** Decodes each TNEF part of the message in {@code in}. */
    void decode(InputStream in) throws IOException, TnefConversionException {
        cursor = run.scope.reader().cursor(in);
        try {
            for (MimeNode<TnefPart> node : run.tnef) {
                cursor.advanceTo(node, EntityState.T_BODY, TnefConversionException::new);
                switch (node.data().kind) {
                    case UUENCODED:
                        new UuTextDecoder(this, node).decode(TnefSniffer.decoded(cursor.body(), node));
                        break;
                    case MESSAGE:
                        decodeMessage(node);
                        break;
                    default:
                        decode(node);
                        break;
                }
            }
        } catch (MimeIOException e) {
            throw new TnefConversionException("broken MIME structure: " + e.getMessage(), e);
        }
    }

    TnefRun run() {
        return run;
    }

    TnefMimeOptions options() {
        return options;
    }

    private void decode(MimeNode<TnefPart> node) throws IOException, TnefConversionException {
        TnefPart part = node.data();
        boolean stnef = node.parent() == null || node.transferEncoding() == TransferEncoding.BINARY;
        if (run.strip && node.parent() != null) {
            part.stripped = true;
            run.decoded++;
            run.summary |= stnef;
            run.changes.add(node.path() + ": " + TnefPart.describe(node) + " removed");
            return;
        }
        Spool spool = newSpool(node);
        part.replacement = spool;
        String summaryText = write(TnefSniffer.decoded(cursor.body(), node), node, TnefPart.describe(node), spool);
        spool.finish();
        run.decoded++;
        run.summary |= stnef;
        run.changes.add(node.path() + ": " + TnefPart.describe(node) + (stnef ? " (summary TNEF)" : "") + " -> "
            + summaryText);
    }

    Spool newSpool(MimeNode<TnefPart> node) {
        return new Spool(options.memoryThreshold(), options.maxMessageOctets(), "decoded TNEF part "
            + run.scope.prefix() + node.path());
    }

    /**
     * Reads the TNEF in {@code tnef} and writes the entity it stands for to {@code out}, noting the subject and the
     * reader's warnings ({@code what}: how the part is named in an error).
     *
     * @return the summary of the entity for the changes
     */
    String write(InputStream tnef, MimeNode<TnefPart> node, String what, OutputStream out)
        throws IOException, TnefConversionException {
        TnefMessage message;
        try {
            message = TnefReader.read(tnef, options.readOptions());
        } catch (TnefException e) {
            throw new TnefConversionException("TNEF part " + run.scope.prefix() + node.path() + " (" + what
                + ") cannot be decoded: " + e.getMessage(), e);
        }
        try (TnefMessage m = message) {
            String summaryText = writer.write(m, out);
            if (run.tnefSubject.isEmpty()) {
                run.tnefSubject = m.subject().map(String::trim).filter(t -> !t.isEmpty());
            }
            if (run.tnefCharset == null) {
                run.tnefCharset = m.charset();
            }
            for (String warning : m.warnings()) {
                run.changes.add(node.path() + ": TNEF warning: " + warning);
            }
            return summaryText;
        } catch (Spool.LimitException e) {
            throw new TnefConversionException(e.getMessage());
        }
    }

    /**
     * The message attached at {@code node}, converted as a message of its own (within what is left of the limits),
     * replaces it with its header fields, {@code Content-Transfer-Encoding} as the result needs.
     */
    private void decodeMessage(MimeNode<TnefPart> node) throws IOException, TnefConversionException {
        TnefScope inner = run.scope.inner(node);
        try (Spool original = new Spool(options.memoryThreshold(), options.maxMessageOctets(), "attached message");
             Spool converted = new Spool(options.memoryThreshold(), options.maxMessageOctets(), "attached message")) {
            try {
                TnefSniffer.decoded(cursor.body(), node).transferTo(original);
            } catch (Spool.LimitException e) {
                throw new TnefConversionException(e.getMessage());
            }
            original.finish();
            TnefConversionResult result = converter.run(original, converted, run.strip, inner);
            converted.finish();
            run.mislabelled.addAll(result.mislabelled());
            if (!result.modified()) {
                run.changes.add(node.path() + ": attached message left as is: " + result.unchangedReason().get());
                return;
            }
            for (String change : result.changes()) {
                run.changes.add(node.path() + "/" + change);
            }
            run.decoded += result.tnefParts();
            run.summary |= result.summaryTnef();
            Spool spool = newSpool(node);
            node.data().replacement = spool;
            writeMessage(node, converted, spool);
            spool.finish();
        }
    }

    /** The header fields of the attached message's entity, then the converted message, encoded as it needs. */
    private static void writeMessage(MimeNode<TnefPart> node, Spool converted, OutputStream out) throws IOException {
        ContentScan scan;
        try (InputStream in = converted.open()) {
            scan = ContentScan.of(in);
        }
        TransferEncoding encoding;
        if (scan.isSevenBitSafe(true)) {
            encoding = TransferEncoding.SEVEN_BIT;
        } else if (node.transferEncoding().isSevenBitEncoding()) {
            encoding = node.transferEncoding();
        } else {
            encoding = scan.hasNul() || scan.hasLongLines() || scan.hasBareCr() ? TransferEncoding.BINARY
                : TransferEncoding.EIGHT_BIT;
        }
        for (MimeNode.Header h : node.headers()) {
            if (h.isContent() && !h.is("Content-Transfer-Encoding")) {
                MimeEntityWriter.writeField(h, out);
            }
        }
        MimeOutput.writeLine("Content-Transfer-Encoding: " + encoding.token(), out);
        out.write('\r');
        out.write('\n');
        try (InputStream in = converted.open()) {
            if (encoding.isSevenBitEncoding()) {
                try (OutputStream encoder = TransferEncoder.encoder(out, encoding,
                    encoding == TransferEncoding.QUOTED_PRINTABLE)) {
                    in.transferTo(encoder);
                }
            } else {
                in.transferTo(out);
            }
        }
    }
}
