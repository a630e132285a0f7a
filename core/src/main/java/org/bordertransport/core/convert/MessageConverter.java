package org.bordertransport.core.convert;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;

import org.apache.james.mime4j.MimeException;
import org.bordertransport.core.charset.Iso2022JpEncoder;
import org.bordertransport.core.encoding.UuEncoder;
import org.bordertransport.core.io.CountingOutput;
import org.bordertransport.core.io.Spool;
import org.bordertransport.core.mime.MimeNode;
import org.bordertransport.core.mime.MimeTreeReader;
import org.bordertransport.core.mime.MimeTreeVisitor;
import org.bordertransport.core.policy.MessageFormat;
import org.bordertransport.core.policy.RemoteDomainSettings;

/**
 * Converts one message for one remote domain (Exchange's content conversion): signed or encrypted messages are never
 * touched; 8-bit and binary bodies get quoted-printable or base64 per {@code ByteEncoderTypeFor7BitCharsets} and
 * 8-bit header values RFC 2047/2231 encoding, so the result is 7-bit clean; {@code ContentType} turns HTML into text,
 * text into HTML or adds a text alternative; {@code CharacterSet} re-encodes text bodies that fit the charset
 * (ISO-2022-JP through {@link Iso2022JpEncoder}); {@code LineWrapSize} wraps plain text.
 *
 * <p>The message is read once into a spool (in memory up to {@link ConversionLimits#memoryThreshold()}, then a
 * temporary file), parsed twice by the MIME engine ({@link MimeTreeReader}): the first pass ({@link PartScanner})
 * records the structure and what each part needs, {@link ConversionPlanner} decides what to do with each part, the
 * second pass ({@link ConvertedMessageWriter}, or {@link NonMimeWriter}) writes the result, streaming every body
 * that is not converted. A message that needs nothing, and every signed or encrypted message, is copied byte for
 * byte.</p>
 *
 * <p>{@code MessageFormat=Text} gives a non-MIME message instead: the text parts as plain text in one charset
 * ({@code NonMimeCharacterSet}, else {@code CharacterSet}, when the text fits; else UTF-8), every other part
 * uuencoded after it ({@link UuEncoder}).</p>
 */
public final class MessageConverter {
    private final ConversionLimits limits;
    private final ConversionOptions options;
    private final HtmlToText htmlToText;
    private final MimeTreeReader reader;

    private MessageConverter(ConversionLimits limits, ConversionOptions options) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.options = Objects.requireNonNull(options, "options");
        this.htmlToText = HtmlToText.withMaxChars(limits.maxTextOctets());
        this.reader = new MimeTreeReader(limits.mime());
    }

    public static MessageConverter withDefaults() {
        return new MessageConverter(ConversionLimits.defaults(), ConversionOptions.defaults());
    }

    public static MessageConverter of(ConversionLimits limits, ConversionOptions options) {
        return new MessageConverter(limits, options);
    }

    /**
     * Reads the whole message from {@code original} and writes its conversion for one remote domain to {@code out}.
     * Neither stream is closed.
     *
     * @throws ConversionException the message cannot be converted (broken MIME, unknown charset, invalid base64, a
     *     limit exceeded): the caller sends the original; {@code out} may hold partial output
     * @throws IOException reading {@code original} or writing {@code out} failed
     */
    public ConversionResult convert(InputStream original, OutputStream out, RemoteDomainSettings settings)
        throws IOException, ConversionException {
        return convert(original, out, settings, ConversionScope.FULL);
    }

    /** As {@link #convert(InputStream, OutputStream, RemoteDomainSettings)}, making only the changes {@code scope} allows. */
    public ConversionResult convert(InputStream original, OutputStream out, RemoteDomainSettings settings,
                                    ConversionScope scope) throws IOException, ConversionException {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(settings, "settings");
        try (Spool spool = new Spool(limits.memoryThreshold(), limits.maxMessageOctets(), "message")) {
            try {
                original.transferTo(spool);
            } catch (Spool.LimitException e) {
                throw new ConversionException(e.getMessage());
            }
            spool.finish();
            return convert(spool, out, settings, scope);
        }
    }

    /**
     * As {@link #convert(InputStream, OutputStream, RemoteDomainSettings)}, from a message already spooled by the
     * caller (finished; not closed here), which saves a copy of the whole message.
     */
    public ConversionResult convert(Spool spool, OutputStream out, RemoteDomainSettings settings)
        throws IOException, ConversionException {
        return convert(spool, out, settings, ConversionScope.FULL);
    }

    /**
     * As {@link #convert(Spool, OutputStream, RemoteDomainSettings)}, making only the changes {@code scope} allows:
     * {@link ConversionScope#MANDATORY} for a message whose DKIM signature must keep verifying.
     */
    public ConversionResult convert(Spool spool, OutputStream out, RemoteDomainSettings settings,
                                    ConversionScope scope) throws IOException, ConversionException {
        return convert(spool, out, settings, scope, true);
    }

    /**
     * As {@link #convert(Spool, OutputStream, RemoteDomainSettings, ConversionScope)}, but {@code out} receives
     * something only when the result is {@link ConversionResult#modified() modified}: a caller that sends the original
     * when nothing changed (most mail) saves a copy of the whole message.
     */
    public ConversionResult convertIfChanged(Spool spool, OutputStream out, RemoteDomainSettings settings,
                                             ConversionScope scope) throws IOException, ConversionException {
        return convert(spool, out, settings, scope, false);
    }

    private ConversionResult convert(Spool spool, OutputStream out, RemoteDomainSettings settings,
                                     ConversionScope scope, boolean copyUnchanged)
        throws IOException, ConversionException {
        Objects.requireNonNull(spool, "spool");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(scope, "scope");
        if (scope == ConversionScope.FULL && !settings.ndrDiagnosticInfoEnabled() && isReport(spool)) {
            try (Spool stripped = new Spool(limits.memoryThreshold(), limits.maxMessageOctets(), "message")) {
                int removed;
                try (InputStream in = spool.open()) {
                    removed = NdrDiagnostics.strip(in, stripped, limits);
                } catch (Spool.LimitException e) {
                    throw new ConversionException(e.getMessage());
                }
                stripped.finish();
                if (removed > 0) {
                    List<String> stripping = List.of("root: " + removed + " diagnostic field(s) removed from the "
                        + "report (NDRDiagnosticInfoEnabled=false)");
                    return convert(stripped, out, settings, scope, 0, copyUnchanged, stripping, spool);
                }
            }
        }
        return convert(spool, out, settings, scope, 0, copyUnchanged, List.of(), spool);
    }

    /**
     * Whether {@link ConversionScope#REPAIR} would change {@code message}: a {@code Content-Type} or
     * {@code Content-Disposition} of an entity (attached messages not entered) that a strict reader cannot parse. One
     * pass over the stream, bodies skipped, nothing copied; it stops at the first such field. A structure the reader
     * cannot read counts as yes: the conversion then decides (and says why it cannot).
     */
    public boolean needsRepair(InputStream message) throws IOException {
        Objects.requireNonNull(message, "message");
        boolean[] malformed = {false};
        try {
            reader.read(message, new MimeTreeVisitor<Void, ConversionException>() {
                @Override
                public Void newData() {
                    return null;
                }

                @Override
                public ConversionException create(String text, Throwable cause) {
                    return new ConversionException(text, cause);
                }

                @Override
                public void entity(MimeNode<Void> node) {
                    for (MimeNode.Header h : node.headers()) {
                        malformed[0] |= HeaderRewriter.hasMalformedParameters(h);
                    }
                }

                @Override
                public boolean body(MimeNode<Void> node, InputStream raw) {
                    return !malformed[0];
                }
            });
        } catch (ConversionException | MimeException e) {
            return true;
        }
        return malformed[0];
    }

    private boolean isReport(Spool spool) throws IOException, ConversionException {
        try (InputStream in = spool.open()) {
            return NdrDiagnostics.isReport(in, limits);
        }
    }

    /**
     * Converts {@code spool}; {@code earlier} are changes already made to it (it is then not the original), and
     * {@code original} is what a signed or encrypted message is sent as.
     */
    ConversionResult convert(Spool spool, OutputStream out, RemoteDomainSettings settings, ConversionScope scope,
                             int depth, List<String> earlier, Spool original) throws IOException, ConversionException {
        return convert(spool, out, settings, scope, depth, true, earlier, original);
    }

    private ConversionResult convert(Spool spool, OutputStream out, RemoteDomainSettings settings, ConversionScope scope,
                                     int depth, boolean copyUnchanged, List<String> earlier, Spool original)
        throws IOException, ConversionException {
        ConversionRun run = new ConversionRun(settings, scope, depth, limits, options, htmlToText);
        run.changes.addAll(earlier);
        MimeNode<PartPlan> root;
        try (InputStream in = spool.open()) {
            root = PartScanner.read(reader, in, run);
        }
        if (run.protectedReason != null) {
            if (copyUnchanged) {
                original.copyTo(out);
            }
            return ConversionResult.unchanged(run.protectedReason, run.count, original.size());
        }
        if (settings.messageFormat() == MessageFormat.TEXT && scope != ConversionScope.REPAIR) {
            CountingOutput counting = new CountingOutput(out);
            try {
                new NonMimeWriter(run).write(reader, spool, root, counting);
            } catch (CountingOutput.OutputFailure e) {
                throw e.getCause();
            }
            return ConversionResult.converted(run.changes, run.count, original.size(), counting.count(),
                run.invalidFields);
        }
        new ConversionPlanner(run).plan(root);
        if (run.changes.isEmpty()) {
            if (copyUnchanged) {
                spool.copyTo(out);
            }
            return ConversionResult.unchanged(ConversionResult.NOTHING_TO_CONVERT, run.count, spool.size());
        }
        if (run.changes.size() == earlier.size()) {
            spool.copyTo(out);
            return ConversionResult.converted(run.changes, run.count, original.size(), spool.size());
        }
        CountingOutput counting = new CountingOutput(out);
        try (InputStream in = spool.open()) {
            new ConvertedMessageWriter(this, run).write(reader, in, root, counting);
        } catch (CountingOutput.OutputFailure e) {
            throw e.getCause();
        }
        return ConversionResult.converted(run.changes, run.count, original.size(), counting.count(),
                run.invalidFields);
    }
}
