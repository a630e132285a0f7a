package org.bordertransport.core.tnefmime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.james.mime4j.MimeException;
import org.bordertransport.core.encoding.TransferEncoding;
import org.bordertransport.core.io.CountingOutput;
import org.bordertransport.core.io.Spool;
import org.bordertransport.core.mime.MimeNode;
import org.bordertransport.core.mime.MimeTreeReader;
import org.bordertransport.core.mime.MimeTreeVisitor;

/**
 * Replaces the TNEF in a message by the MIME it stands for (see {@link TnefMimeWriter}).
 *
 * <p>A TNEF part is an entity of type {@code application/ms-tnef} or {@code application/vnd.ms-tnef}, or one named
 * {@code winmail.dat} (any case; such a part that does not start with the TNEF signature is left alone), at any depth
 * of multiparts; attached messages ({@code message/rfc822}) are not entered. With {@code X-MS-TNEF-Correlator} in
 * the message header, an {@code application/octet-stream} part named {@code *.dat} (a renamed winmail.dat, such as
 * {@code ATT00001.dat}) is a candidate too, decoded only if it starts with the TNEF signature. A TNEF part is replaced by the decoded entity (in a {@code multipart/mixed}, the decoded
 * multipart takes the part's place); when the message body itself is TNEF (summary TNEF, often with
 * {@code Content-Transfer-Encoding: binary}), the top-level {@code Content-*} fields give way to those of the decoded
 * entity. Other header fields are kept as read; a {@code Subject} is added from the TNEF when the message has none,
 * and {@code MIME-Version} when missing.</p>
 *
 * <p>The message is read once into a spool (memory, then a temporary file past
 * {@link TnefMimeOptions#memoryThreshold()}) and parsed three times by the MIME engine ({@link MimeTreeReader},
 * within {@link TnefMimeOptions#mimeLimits()}): the structure ({@link TnefRun}), then each TNEF part decoded into a
 * spool of its own ({@link TnefPartDecoder}), then the output ({@link TnefMessageRewriter}). Every failure happens before
 * anything is written. Signed or encrypted messages ({@code multipart/signed}, {@code multipart/encrypted},
 * {@code application/pkcs7-mime} anywhere) and messages without TNEF are copied byte for byte.</p>
 *
 * <p>Instances are immutable and thread-safe.</p>
 */
public final class TnefMimeConverter {
    private final TnefMimeOptions options;
    private final TnefMimeWriter writer;
    private final MimeTreeReader reader;

    private TnefMimeConverter(TnefMimeOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.writer = TnefMimeWriter.of(options);
        this.reader = new MimeTreeReader(options.mimeLimits());
    }

    public static TnefMimeConverter of(TnefMimeOptions options) {
        return new TnefMimeConverter(options);
    }

    public static TnefMimeConverter withDefaults() {
        return new TnefMimeConverter(TnefMimeOptions.defaults());
    }

    /**
     * Reads the whole message from {@code mimeMessage} and writes it, its TNEF replaced, to {@code out}. Neither
     * stream is closed. When the result is not {@link TnefConversionResult#modified()}, {@code out} holds the input
     * byte for byte.
     *
     * @throws TnefConversionException a TNEF part cannot be decoded (the message names its path and the reader's
     *     reason), the MIME structure is broken, or a limit is reached; nothing has been written to {@code out}
     * @throws IOException reading the message, writing {@code out} or the temporary storage failed
     */
    public TnefConversionResult convert(InputStream mimeMessage, OutputStream out)
        throws IOException, TnefConversionException {
        return run(mimeMessage, out, false);
    }

    /**
     * Like {@link #convert} but removes each TNEF part of a multipart instead of decoding it (a multipart left
     * without parts gets a short text part saying so). Summary TNEF, the whole body, cannot be removed: it is
     * decoded as by {@link #convert}.
     *
     * @throws TnefConversionException as {@link #convert}
     * @throws IOException as {@link #convert}
     */
    public TnefConversionResult strip(InputStream mimeMessage, OutputStream out)
        throws IOException, TnefConversionException {
        return run(mimeMessage, out, true);
    }

    private TnefConversionResult run(InputStream mimeMessage, OutputStream out, boolean strip)
        throws IOException, TnefConversionException {
        Objects.requireNonNull(mimeMessage, "mimeMessage");
        Objects.requireNonNull(out, "out");
        try (Spool spool = new Spool(options.memoryThreshold(), options.maxMessageOctets(), "message")) {
            try {
                mimeMessage.transferTo(spool);
            } catch (Spool.LimitException e) {
                throw new TnefConversionException(e.getMessage());
            }
            spool.finish();
            return run(spool, out, strip);
        }
    }

    /**
     * As {@link #convert(InputStream, OutputStream)}, from a message already spooled by the caller (finished; not
     * closed here), which saves a copy of the whole message.
     */
    public TnefConversionResult convert(Spool message, OutputStream out) throws IOException, TnefConversionException {
        return run(Objects.requireNonNull(message, "message"), Objects.requireNonNull(out, "out"), false);
    }

    /** As {@link #strip(InputStream, OutputStream)}, from a message already spooled by the caller. */
    public TnefConversionResult strip(Spool message, OutputStream out) throws IOException, TnefConversionException {
        return run(Objects.requireNonNull(message, "message"), Objects.requireNonNull(out, "out"), true);
    }

    private TnefConversionResult run(Spool spool, OutputStream out, boolean strip)
        throws IOException, TnefConversionException {
        TnefRun run = new TnefRun(strip);
        MimeNode<TnefPart> root;
        try (InputStream in = spool.open()) {
            root = run.structure(reader, in);
        }
        if (run.protectedReason != null) {
            spool.copyTo(out);
            return TnefConversionResult.unchanged(run.protectedReason, spool.size());
        }
        if (run.tnef.isEmpty()) {
            spool.copyTo(out);
            return TnefConversionResult.unchanged("no TNEF part", spool.size());
        }
        try {
            try (InputStream in = spool.open()) {
                new TnefPartDecoder(options, writer, run).decode(reader, in);
            }
            if (run.decoded == 0) {
                spool.copyTo(out);
                return TnefConversionResult.unchanged("no TNEF part", spool.size());
            }
            CountingOutput counting = new CountingOutput(out);
            try (InputStream in = spool.open()) {
                new TnefMessageRewriter(run).write(reader, in, root, counting);
            } catch (CountingOutput.OutputFailure e) {
                throw e.getCause();
            }
            return TnefConversionResult.converted(run.changes, run.decoded, run.summary, spool.size(),
                counting.count());
        } finally {
            run.closeReplacements();
        }
    }

    /**
     * Finds the TNEF of a message from its MIME headers, without decoding anything. When the message is not a
     * multipart, only its header is read. Never fails on broken MIME: what was found before the break is reported.
     *
     * @throws IOException reading failed
     */
    public TnefDetection detect(InputStream mimeMessage) throws IOException {
        Objects.requireNonNull(mimeMessage, "mimeMessage");
        Detection detection = new Detection();
        try {
            reader.read(mimeMessage, detection);
        } catch (MimeException | TnefConversionException e) {
            // broken MIME or a limit: what was found before is the answer
        }
        return TnefDetection.of(detection.summary ? TnefDetection.Kind.SUMMARY_TNEF : TnefDetection.Kind.TNEF_PARTS,
            detection.paths);
    }

    /** Notes the TNEF parts from the header fields alone; stops after the header of a message that is one part. */
    private static final class Detection implements MimeTreeVisitor<TnefPart, TnefConversionException> {
        private final List<String> paths = new ArrayList<>();
        private boolean summary;

        @Override
        public TnefConversionException create(String message, Throwable cause) {
            return new TnefConversionException(message, cause);
        }

        @Override
        public TnefPart newData() {
            return new TnefPart();
        }

        @Override
        public boolean keepsPreambles() {
            return false;
        }

        @Override
        public boolean body(MimeNode<TnefPart> leaf, InputStream raw) {
            TnefPart.describeFields(leaf);
            if (leaf.data().isTnef()) {
                paths.add(leaf.path());
                summary |= leaf.parent() == null || leaf.transferEncoding() == TransferEncoding.BINARY;
            }
            return leaf.parent() != null;
        }
    }
}
