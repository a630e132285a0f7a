package org.bordertransport.core.tnefmime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;

import org.bordertransport.core.io.CountingOutput;
import org.bordertransport.core.io.Spool;
import org.bordertransport.core.mime.MimeNode;
import org.bordertransport.core.mime.MimeTreeReader;

/**
 * Replaces the TNEF in a message by the MIME it stands for (see {@link TnefMimeWriter}).
 *
 * <p>TNEF is told by its content ({@link TnefSniffer}), never by a label: a leaf whose decoded body (base64,
 * quoted-printable, uuencode) starts with the TNEF signature {@code 0x223E9F78} is TNEF whatever its type or name
 * ({@code application/ms-tnef}, {@code application/octet-stream}, {@code ATT00001.dat}, ...), at any depth of
 * multiparts; a {@code text/plain} body with uuencoded blocks that are TNEF ({@code begin 600 WINMAIL.DAT}) has them
 * decoded ({@link UuTextDecoder}); an attached message ({@code message/rfc822}, {@code message/global}) with TNEF
 * inside is converted as a message of its own, within what is left of the limits ({@link TnefScope}). An entity
 * labelled TNEF (its type, or the name {@code winmail.dat}) without the signature is not TNEF: it is left as it is and
 * reported ({@link TnefConversionResult#mislabelled()}). A TNEF part is replaced by the decoded entity (in a
 * {@code multipart/mixed}, the decoded multipart takes the part's place); when the message body itself is TNEF
 * (summary TNEF, often with {@code Content-Transfer-Encoding: binary}), the top-level {@code Content-*} fields give way
 * to those of the decoded entity. Other header fields are kept as read; a {@code Subject} is added from the TNEF when
 * the message has none, and {@code MIME-Version} when missing.</p>
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
    private final int maxUuBlocks;
    private final long maxUuBlockOctets;

    private TnefMimeConverter(TnefMimeOptions options, int maxUuBlocks, long maxUuBlockOctets) {
        this.options = Objects.requireNonNull(options, "options");
        this.writer = TnefMimeWriter.of(options);
        this.maxUuBlocks = maxUuBlocks;
        this.maxUuBlockOctets = maxUuBlockOctets;
    }

    public static TnefMimeConverter of(TnefMimeOptions options) {
        return new TnefMimeConverter(options, TnefScope.MAX_UU_BLOCKS, TnefScope.MAX_UU_BLOCK_OCTETS);
    }

    public static TnefMimeConverter withDefaults() {
        return of(TnefMimeOptions.defaults());
    }

    /** With other limits of uuencoded TNEF in text (tests). */
    static TnefMimeConverter of(TnefMimeOptions options, int maxUuBlocks, long maxUuBlockOctets) {
        return new TnefMimeConverter(options, maxUuBlocks, maxUuBlockOctets);
    }

    private TnefScope scope() {
        return TnefScope.message(options.mimeLimits(), maxUuBlocks, maxUuBlockOctets);
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
        return run(spool, out, strip, scope());
    }

    /** One message, or an attached message in its {@code scope} (its changes without the scope's prefix). */
    TnefConversionResult run(Spool spool, OutputStream out, boolean strip, TnefScope scope)
        throws IOException, TnefConversionException {
        TnefRun run = new TnefRun(strip, scope);
        MimeNode<TnefPart> root;
        try (InputStream in = spool.open()) {
            root = run.structure(in);
        }
        if (run.protectedReason != null) {
            spool.copyTo(out);
            return TnefConversionResult.unchanged(run.protectedReason, spool.size(), List.of());
        }
        if (run.tnef.isEmpty()) {
            spool.copyTo(out);
            return TnefConversionResult.unchanged("no TNEF part", spool.size(), run.mislabelled);
        }
        try {
            try (InputStream in = spool.open()) {
                new TnefPartDecoder(this, options, writer, run).decode(in);
            }
            if (run.decoded == 0) {
                spool.copyTo(out);
                return TnefConversionResult.unchanged("no TNEF part", spool.size(), run.mislabelled);
            }
            CountingOutput counting = new CountingOutput(out);
            try (InputStream in = spool.open()) {
                new TnefMessageRewriter(run).write(scope.reader(), in, root, counting);
            } catch (CountingOutput.OutputFailure e) {
                throw e.getCause();
            }
            return TnefConversionResult.converted(run.changes, run.decoded, run.summary, spool.size(),
                counting.count(), run.mislabelled);
        } finally {
            run.closeReplacements();
        }
    }

    /**
     * Whether {@link #detect} would find TNEF, or a part labelled TNEF that is not TNEF, in the message: read only up
     * to the first such part (a message whose TNEF comes first is not read to its end). Never fails on broken MIME.
     *
     * @throws IOException reading failed
     */
    public boolean carriesTnef(InputStream mimeMessage) throws IOException {
        Objects.requireNonNull(mimeMessage, "mimeMessage");
        TnefDetector.Findings findings = TnefDetector.detectFirst(mimeMessage, scope());
        return !findings.paths().isEmpty() || !findings.mislabelled().isEmpty();
    }

    /**
     * Finds the TNEF of a message without decoding it: each leaf by the first octets of its decoded body (at most
     * {@value TnefSniffer#PEEK_RAW_OCTETS} octets of it as sent are read), text/plain bodies for uuencoded TNEF (read
     * once, line by line), attached messages recursively. When the message is one entity, only its header and body
     * are read. Never fails on broken MIME: what was found before the break is reported.
     *
     * @throws IOException reading failed
     */
    public TnefDetection detect(InputStream mimeMessage) throws IOException {
        Objects.requireNonNull(mimeMessage, "mimeMessage");
        TnefDetector.Findings findings = TnefDetector.detect(mimeMessage, scope());
        return TnefDetection.of(findings.summary() ? TnefDetection.Kind.SUMMARY_TNEF : TnefDetection.Kind.TNEF_PARTS,
            findings.paths(), findings.mislabelled());
    }
}
