package org.bordertransport.core.convert;

import org.bordertransport.core.io.CountingOutput;
import org.bordertransport.core.io.MimeOutput;
import org.bordertransport.core.io.Spool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;
import org.bordertransport.core.charset.CharsetConversionException;
import org.bordertransport.core.charset.Iso2022JpEncoder;
import org.bordertransport.core.charset.Iso2022JpVariant;
import org.bordertransport.core.encoding.BodyKind;
import org.bordertransport.core.encoding.ContentScan;
import org.bordertransport.core.encoding.EncodingException;
import org.bordertransport.core.encoding.ParameterEncoding;
import org.bordertransport.core.encoding.TransferEncoder;
import org.bordertransport.core.encoding.TransferEncoding;
import org.bordertransport.core.encoding.TransferEncodingChooser;
import org.bordertransport.core.encoding.UuEncoder;
import org.bordertransport.core.policy.ByteEncoderTypeFor7BitCharsets;
import org.bordertransport.core.policy.ContentType;
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
 * temporary file), parsed twice with mime4j's {@link MimeTokenStream}: the first pass records the structure and
 * decides what to do with each part, the second writes the result, streaming every body that is not converted.
 * A message that needs nothing, and every signed or encrypted message, is copied byte for byte.</p>
 *
 * <p>{@code MessageFormat=Text} gives a non-MIME message instead: the text parts as plain text in one charset
 * ({@code NonMimeCharacterSet}, else {@code CharacterSet}, when the text fits; else UTF-8), every other part
 * uuencoded after it ({@link UuEncoder}).</p>
 */
public final class MessageConverter {
    private static final Set<String> PROTECTED_TYPES = Set.of("multipart/signed", "multipart/encrypted",
        "application/pkcs7-mime", "application/x-pkcs7-mime", "application/pgp-encrypted");
    private static final Set<String> COMPOSITE_MESSAGE_TYPES = Set.of("message/rfc822", "message/global",
        "message/partial", "message/external-body");
    private static final byte[] CRLF = {'\r', '\n'};

    private final ConversionLimits limits;
    private final ConversionOptions options;
    private final HtmlToText htmlToText;

    private MessageConverter(ConversionLimits limits, ConversionOptions options) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.options = Objects.requireNonNull(options, "options");
        this.htmlToText = HtmlToText.withMaxChars(limits.maxTextOctets());
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
            return convert(spool, out, settings);
        }
    }

    /**
     * As {@link #convert(InputStream, OutputStream, RemoteDomainSettings)}, from a message already spooled by the
     * caller (finished; not closed here), which saves a copy of the whole message.
     */
    public ConversionResult convert(Spool spool, OutputStream out, RemoteDomainSettings settings)
        throws IOException, ConversionException {
        Objects.requireNonNull(spool, "spool");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(settings, "settings");
        if (!settings.ndrDiagnosticInfoEnabled() && isReport(spool)) {
            try (Spool stripped = new Spool(limits.memoryThreshold(), limits.maxMessageOctets(), "message")) {
                int removed;
                try (InputStream in = spool.open()) {
                    removed = NdrDiagnostics.strip(in, stripped, limits);
                } catch (Spool.LimitException e) {
                    throw new ConversionException(e.getMessage());
                }
                stripped.finish();
                if (removed > 0) {
                    return convert(stripped, out, settings, 0, List.of("root: " + removed + " diagnostic "
                        + "field(s) removed from the report (NDRDiagnosticInfoEnabled=false)"), spool);
                }
            }
        }
        return convert(spool, out, settings, 0, List.of(), spool);
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
    private ConversionResult convert(Spool spool, OutputStream out, RemoteDomainSettings settings, int depth,
                                     List<String> earlier, Spool original) throws IOException, ConversionException {
        Run run = new Run(settings, depth);
        run.changes.addAll(earlier);
        MimeNode root;
        try (InputStream in = spool.open()) {
            root = run.firstPass(in);
        }
        if (run.protectedReason != null) {
            original.copyTo(out);
            return ConversionResult.unchanged(run.protectedReason, run.count, original.size());
        }
        if (settings.messageFormat() == MessageFormat.TEXT) {
            CountingOutput counting = new CountingOutput(out);
            try {
                run.writeNonMime(spool, root, counting);
            } catch (CountingOutput.OutputFailure e) {
                throw e.getCause();
            }
            return ConversionResult.converted(run.changes, run.count, original.size(), counting.count());
        }
        run.plan(root);
        if (run.changes.isEmpty()) {
            spool.copyTo(out);
            return ConversionResult.unchanged("nothing to convert", run.count, spool.size());
        }
        if (run.changes.size() == earlier.size()) {
            spool.copyTo(out);
            return ConversionResult.converted(run.changes, run.count, original.size(), spool.size());
        }
        CountingOutput counting = new CountingOutput(out);
        try (InputStream in = spool.open()) {
            run.secondPass(in, root, counting);
        } catch (CountingOutput.OutputFailure e) {
            throw e.getCause();
        }
        return ConversionResult.converted(run.changes, run.count, original.size(), counting.count());
    }

    /** One conversion: the parser state and the decisions for one message. */
    private final class Run {
        private final RemoteDomainSettings settings;
        private final int depth;
        private final TransferEncodingChooser chooser;
        private final HeaderRewriter headers;
        private final Optional<Iso2022JpEncoder> japanese;
        private final List<String> changes = new ArrayList<>();
        private String protectedReason;
        private int count;
        private boolean mimeMessage;
        private MimeTokenStream stream;
        private int seen;

        Run(RemoteDomainSettings settings, int depth) {
            this.settings = settings;
            this.depth = depth;
            this.chooser = TransferEncodingChooser.of(settings.byteEncoderTypeFor7BitCharsets(),
                settings.wrapColumn().isPresent());
            this.japanese = settings.characterSet().filter(MessageConverter::isIso2022Jp)
                .map(c -> Iso2022JpEncoder.of(variant(settings)));
            this.headers = new HeaderRewriter(settings.nonMimeCharacterSet().orElse(Charset.forName("windows-1252")),
                japanese.isPresent(), options.legacyFilenames(), SenderNames.of(settings));
        }

        private MimeTokenStream newStream(InputStream in) {
            MimeConfig config = new MimeConfig.Builder()
                .setMaxHeaderCount(limits.maxHeaderCount())
                .setMaxHeaderLen(limits.maxHeaderOctets())
                .setMaxLineLen(limits.maxLineOctets())
                .setMaxContentLen(-1)
                .setStrictParsing(false)
                .build();
            MimeTokenStream s = new MimeTokenStream(config, DecodeMonitor.STRICT, null);
            s.setRecursionMode(RecursionMode.M_NO_RECURSE);
            s.parse(in);
            return s;
        }

        MimeNode firstPass(InputStream in) throws IOException, ConversionException {
            MimeTokenStream s = newStream(in);
            Deque<MimeNode> stack = new ArrayDeque<>();
            MimeNode root = null;
            try {
                for (EntityState state = s.getState(); state != EntityState.T_END_OF_STREAM; state = s.next()) {
                    switch (state) {
                        case T_START_MESSAGE:
                            root = new MimeNode(0, "root", null);
                            count++;
                            stack.push(root);
                            break;
                        case T_START_BODYPART:
                            MimeNode parent = stack.peek();
                            if (stack.size() > limits.maxDepth()) {
                                throw new ConversionException("MIME nesting deeper than " + limits.maxDepth()
                                    + " levels");
                            }
                            if (++count > limits.maxParts()) {
                                throw new ConversionException("more than " + limits.maxParts() + " MIME parts");
                            }
                            MimeNode child = new MimeNode(count - 1, parent.childPath(parent.children.size() + 1),
                                parent);
                            parent.children.add(child);
                            stack.push(child);
                            break;
                        case T_FIELD:
                            Field field = s.getField();
                            stack.peek().headers.add(new MimeNode.Header(field.getName(),
                                field.getRaw().toByteArray()));
                            break;
                        case T_START_MULTIPART:
                            stack.peek().multipart = true;
                            describe(stack.peek(), s);
                            break;
                        case T_PREAMBLE:
                            stack.peek().preamble = readLimited(s.getInputStream(), limits.maxPreambleOctets(),
                                "preamble");
                            break;
                        case T_EPILOGUE:
                            stack.peek().epilogue = readLimited(s.getInputStream(), limits.maxPreambleOctets(),
                                "epilogue");
                            break;
                        case T_BODY:
                            describe(stack.peek(), s);
                            scanLeaf(stack.peek(), s);
                            break;
                        case T_END_BODYPART:
                        case T_END_MESSAGE:
                            stack.pop();
                            break;
                        default:
                            break;
                    }
                }
            } catch (MimeException e) {
                throw new ConversionException("broken MIME structure: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new ConversionException("unreadable message: " + e.getMessage(), e);
            }
            if (root == null) {
                throw new ConversionException("empty message");
            }
            return root;
        }

        private void describe(MimeNode node, MimeTokenStream s) throws ConversionException {
            node.mimeType = s.getBodyDescriptor().getMimeType().toLowerCase(Locale.ROOT);
            node.boundary = s.getBodyDescriptor().getBoundary();
            for (MimeNode.Header h : node.headers) {
                String value = headers.value(h.raw);
                if (h.is("MIME-Version")) {
                    mimeMessage = true;
                } else if (h.is("Content-Type")) {
                    ParameterEncoding.Parsed parsed = parse(value, node);
                    node.declaredCharset = parsed.parameter("charset").map(String::trim).filter(c -> !c.isEmpty());
                    if (parsed.parameter("name").isPresent()) {
                        node.attachment = true;
                        if (node.fileName == null) {
                            node.fileName = parsed.parameter("name").get();
                        }
                    }
                } else if (h.is("Content-Transfer-Encoding")) {
                    node.transferEncoding = TransferEncoding.parse(value);
                } else if (h.is("Content-Disposition")) {
                    ParameterEncoding.Parsed parsed = parse(value, node);
                    if (parsed.value().equalsIgnoreCase("attachment") || parsed.parameter("filename").isPresent()) {
                        node.attachment = true;
                    }
                    if (parsed.parameter("filename").isPresent()) {
                        node.fileName = parsed.parameter("filename").get();
                    }
                }
            }
            if (PROTECTED_TYPES.contains(node.mimeType) && protectedReason == null) {
                protectedReason = "signed or encrypted content (" + node.mimeType + " at " + node.path
                    + "): sent unconverted";
            }
            if (node.mimeType.startsWith("multipart/") && node.boundary == null) {
                throw new ConversionException("multipart entity at " + node.path + " without a boundary");
            }
        }

        private ParameterEncoding.Parsed parse(String value, MimeNode node) throws ConversionException {
            try {
                return ParameterEncoding.parse(value);
            } catch (EncodingException e) {
                throw new ConversionException("unreadable header at " + node.path + ": " + e.getMessage(), e);
            }
        }

        private void scanLeaf(MimeNode node, MimeTokenStream s) throws IOException, ConversionException {
            // an attachment's encoding depends only on whether it is 7-bit safe: its scan may stop at the first
            // octet that says no (half of the work of a large binary attachment)
            boolean binary = !kindOf(node).isText() && !COMPOSITE_MESSAGE_TYPES.contains(node.mimeType);
            ContentScan.Scanner rawScanner = binary ? ContentScan.binaryScanner() : ContentScan.scanner();
            InputStream raw = new ScanningInput(s.getInputStream(), rawScanner);
            if (node.transferEncoding == TransferEncoding.UNKNOWN || COMPOSITE_MESSAGE_TYPES.contains(node.mimeType)) {
                raw.transferTo(OutputStream.nullOutputStream());
                node.rawScan = rawScanner.result();
                node.decodedScan = node.rawScan;
                return;
            }
            InputStream decoded = node.transferEncoding == TransferEncoding.BASE64
                ? new Base64InputStream(raw, DecodeMonitor.STRICT)
                : node.transferEncoding == TransferEncoding.QUOTED_PRINTABLE
                ? new QuotedPrintableInputStream(raw, DecodeMonitor.STRICT) : raw;
            BodyKind kind = kindOf(node);
            boolean text = isInlineText(node, kind) && mayNeedTextWork(node, kind);
            boolean identity = decoded == raw;
            // with an identity encoding the decoded octets are the raw ones: one scan serves both
            ContentScan.Scanner decodedScanner = identity ? rawScanner
                : binary ? ContentScan.binaryScanner() : ContentScan.scanner();
            ByteArrayOutputStream buffer = text ? new ByteArrayOutputStream() : null;
            byte[] chunk = new byte[65536];
            int n;
            while ((n = decoded.read(chunk)) > 0) {
                if (!identity) {
                    decodedScanner.update(chunk, 0, n);
                }
                if (buffer != null) {
                    if (buffer.size() + n > limits.maxTextOctets()) {
                        throw new ConversionException("text of part " + node.path + " over the limit of "
                            + limits.maxTextOctets() + " octets");
                    }
                    buffer.write(chunk, 0, n);
                }
            }
            raw.transferTo(OutputStream.nullOutputStream());
            node.rawScan = rawScanner.result();
            node.decodedScan = decodedScanner.result();
            if (buffer != null && needsTextWork(node, kind, buffer.toByteArray())) {
                node.action = MimeNode.Action.CONVERT;
            }
        }

        private boolean typeChange(MimeNode node, BodyKind kind) {
            boolean html = kind == BodyKind.HTML_TEXT;
            boolean inAlternative = node.parent != null && node.parent.isType("multipart/alternative");
            ContentType target = settings.contentType();
            return html && target == ContentType.MIME_TEXT
                || !html && target == ContentType.MIME_HTML
                || html && target == ContentType.MIME_HTML_TEXT && !inAlternative;
        }

        private boolean mayNeedTextWork(MimeNode node, BodyKind kind) {
            return settings.messageFormat() == MessageFormat.TEXT || typeChange(node, kind)
                || settings.characterSet().isPresent() || node.declaredCharset.isEmpty()
                || settings.wrapColumn().isPresent() && kind == BodyKind.PLAIN_TEXT;
        }

        /** Content-dependent decisions for an inline text part. */
        private boolean needsTextWork(MimeNode node, BodyKind kind, byte[] decoded) throws ConversionException {
            boolean html = kind == BodyKind.HTML_TEXT;
            boolean undeclared = node.declaredCharset.isEmpty();
            String text = decode(node, decoded);
            if (text.contains("-----BEGIN PGP SIGNED MESSAGE-----") || text.contains("-----BEGIN PGP MESSAGE-----")) {
                if (protectedReason == null) {
                    protectedReason = "inline PGP at " + node.path + ": sent unconverted";
                }
                return false;
            }
            if (typeChange(node, kind)) {
                return true;
            }
            if (undeclared && node.decodedScan.hasEightBit()) {
                // 8-bit text without a charset (non-MIME mail): it must leave labelled with the charset it was read in
                return true;
            }
            OptionalInt wrap = settings.wrapColumn();
            if (wrap.isPresent() && !html && node.decodedScan.longestLine() > wrap.getAsInt()) {
                return true;
            }
            if (settings.characterSet().isPresent()) {
                Charset targetCharset = settings.characterSet().get();
                boolean same = node.declaredCharset.map(d -> sameCharset(d, targetCharset)).orElse(false);
                return !same && fits(text, targetCharset);
            }
            return false;
        }

        void plan(MimeNode node) throws ConversionException {
            for (MimeNode.Header h : node.headers) {
                if (headers.rewrite(h, node.parent == null).isPresent()) {
                    node.headersChanged = true;
                    changes.add(node.path + ": header " + h.name + " encoded");
                }
            }
            if (node.multipart) {
                if (node.isType("multipart/alternative")) {
                    MimeNode keep = chooseAlternative(node);
                    if (keep != null) {
                        node.replacement = keep;
                        changes.add(node.path + ": multipart/alternative reduced to " + keep.mimeType + " ("
                            + settings.contentType() + ")");
                        plan(keep);
                        return;
                    }
                }
                for (MimeNode child : node.children) {
                    plan(child);
                }
                return;
            }
            planLeaf(node);
        }

        private MimeNode chooseAlternative(MimeNode node) {
            ContentType target = settings.contentType();
            if (target == ContentType.MIME_HTML_TEXT || node.children.isEmpty()) {
                return null;
            }
            MimeNode text = null;
            MimeNode html = null;
            for (MimeNode child : node.children) {
                if (text == null && child.isType("text/plain") && !child.attachment) {
                    text = child;
                }
                if (html == null && (child.isType("text/html") && !child.attachment
                    || child.isType("multipart/related"))) {
                    html = child;
                }
            }
            if (target == ContentType.MIME_TEXT) {
                if (text != null && html != null && html.multipart) {
                    return null; // keep the related images: the HTML root is rendered as text in place
                }
                return text != null ? text : html;
            }
            return html != null ? html : text;
        }

        private void planLeaf(MimeNode node) throws ConversionException {
            if (node.action == MimeNode.Action.CONVERT) {
                BodyKind kind = kindOf(node);
                ContentType target = settings.contentType();
                boolean html = kind == BodyKind.HTML_TEXT;
                boolean inAlternative = node.parent != null && node.parent.isType("multipart/alternative");
                node.targetType = html && target == ContentType.MIME_TEXT ? "text/plain"
                    : !html && target == ContentType.MIME_HTML ? "text/html" : node.mimeType;
                node.addTextAlternative = html && target == ContentType.MIME_HTML_TEXT && !inAlternative;
                changes.add(node.path + ": " + node.mimeType + (node.addTextAlternative
                    ? " -> multipart/alternative (text/plain, text/html)" : " -> " + node.targetType)
                    + settings.characterSet().map(c -> ", charset " + c.name() + " if it fits").orElse("")
                    + (settings.wrapColumn().isPresent() ? ", wrapped at " + settings.wrapColumn().getAsInt() : ""));
                return;
            }
            if (COMPOSITE_MESSAGE_TYPES.contains(node.mimeType)) {
                if (node.rawScan.isSevenBitSafe(false)) {
                    node.action = MimeNode.Action.COPY;
                    return;
                }
                if (!node.isType("message/rfc822") && !node.isType("message/global")) {
                    throw new ConversionException(node.mimeType + " at " + node.path + " is not 7-bit clean and "
                        + "cannot be transfer-encoded");
                }
                node.action = MimeNode.Action.MESSAGE;
                changes.add(node.path + ": embedded message converted");
                return;
            }
            TransferEncodingChooser.Decision d = chooser.choose(kindOf(node), node.transferEncoding, node.decodedScan);
            boolean rawClean = node.rawScan.isSevenBitSafe(false);
            boolean cleanSevenBit = node.transferEncoding == TransferEncoding.SEVEN_BIT
                && settings.byteEncoderTypeFor7BitCharsets() == ByteEncoderTypeFor7BitCharsets.UNDEFINED;
            if (rawClean && (d.unchanged() || cleanSevenBit || d.encoding() == node.transferEncoding
                && node.transferEncoding.isSevenBitEncoding())) {
                node.action = MimeNode.Action.COPY;
                return;
            }
            node.targetEncoding = d.encoding();
            node.action = d.treatAsOctetStream() ? MimeNode.Action.OCTET_STREAM : MimeNode.Action.REENCODE;
            changes.add(node.path + ": " + node.mimeType + " " + d.reason());
        }

        // ---- MessageFormat=Text: non-MIME output ----

        /**
         * Writes the message as RFC 5322 plain text without MIME: the top-level headers except {@code MIME-Version}
         * and {@code Content-*} (8-bit values still RFC 2047 encoded), the text parts (HTML rendered as text; of a
         * multipart/alternative only the text, else the HTML) in one charset, then every other part uuencoded.
         */
        void writeNonMime(Spool spool, MimeNode root, OutputStream out) throws IOException, ConversionException {
            List<MimeNode> texts = new ArrayList<>();
            List<MimeNode> files = new ArrayList<>();
            collectNonMime(root, texts, files);
            List<String> bodies = new ArrayList<>();
            try (InputStream in = spool.open()) {
                stream = newStream(in);
                seen = -1;
                for (MimeNode node : texts) {
                    advanceTo(node, EntityState.T_BODY);
                    String text = decode(node, readLimited(stream.getDecodedInputStream(), limits.maxTextOctets(),
                        "text"));
                    bodies.add(node.isType("text/html") ? htmlToText.render(text) : text);
                }
            } catch (MimeException e) {
                throw new ConversionException("broken MIME structure: " + e.getMessage(), e);
            }
            String text = plainOf(String.join("\r\n\r\n", bodies));
            Charset charset = nonMimeCharset(text);
            text = withinLineLimit(text, charset);
            for (MimeNode.Header h : root.headers) {
                if (h.isContent() || h.is("MIME-Version")) {
                    continue;
                }
                Optional<String> rewritten = headers.rewrite(h, true);
                if (rewritten.isPresent()) {
                    MimeOutput.writeLine(rewritten.get(), out);
                } else {
                    MimeOutput.writeCanonical(h.raw, out);
                    out.write(CRLF);
                }
            }
            out.write(CRLF);
            byte[] body = encode(text.replaceAll("\r\n|\r|\n", "\r\n"), charset);
            out.write(body);
            boolean endsInLineEnd = body.length >= 2 && body[body.length - 2] == '\r' && body[body.length - 1] == '\n';
            if (!endsInLineEnd && body.length > 0) {
                out.write(CRLF);
            }
            changes.add("root: non-MIME plain text in " + label(charset) + " (MessageFormat=Text), " + texts.size()
                + " text part(s), " + files.size() + " attachment(s) uuencoded");
            if (files.isEmpty()) {
                return;
            }
            try (InputStream in = spool.open()) {
                stream = newStream(in);
                seen = -1;
                int number = 0;
                for (MimeNode node : files) {
                    number++;
                    advanceTo(node, EntityState.T_BODY);
                    boolean raw = node.transferEncoding == TransferEncoding.UNKNOWN
                        || COMPOSITE_MESSAGE_TYPES.contains(node.mimeType);
                    out.write(CRLF);
                    UuEncoder.encode(raw ? stream.getInputStream() : stream.getDecodedInputStream(),
                        fileName(node, number), charset, out);
                }
            } catch (MimeException e) {
                throw new ConversionException("broken MIME structure: " + e.getMessage(), e);
            }
        }

        private void collectNonMime(MimeNode node, List<MimeNode> texts, List<MimeNode> files) {
            if (node.multipart) {
                if (node.isType("multipart/alternative") && !node.children.isEmpty()) {
                    MimeNode chosen = null;
                    for (MimeNode child : node.children) {
                        if (child.isType("text/plain") && !child.attachment) {
                            chosen = child;
                            break;
                        }
                    }
                    if (chosen == null) {
                        for (MimeNode child : node.children) {
                            if (child.isType("text/html") && !child.attachment || child.isType("multipart/related")) {
                                chosen = child;
                                break;
                            }
                        }
                    }
                    collectNonMime(chosen != null ? chosen : node.children.get(0), texts, files);
                    return;
                }
                for (MimeNode child : node.children) {
                    collectNonMime(child, texts, files);
                }
                return;
            }
            BodyKind kind = kindOf(node);
            if (isInlineText(node, kind) && node.transferEncoding != TransferEncoding.UNKNOWN) {
                texts.add(node);
            } else {
                files.add(node);
            }
        }

        /** The first of NonMimeCharacterSet, CharacterSet, the first declared charset and UTF-8 the text fits. */
        private Charset nonMimeCharset(String text) {
            List<Charset> candidates = new ArrayList<>();
            settings.nonMimeCharacterSet().ifPresent(candidates::add);
            settings.characterSet().ifPresent(candidates::add);
            for (Charset c : candidates) {
                if (fits(text, c)) {
                    return c;
                }
            }
            return StandardCharsets.UTF_8;
        }

        /** Lines that would be over 998 octets in {@code charset} are wrapped, words too long cut. */
        private String withinLineLimit(String text, Charset charset) {
            int maxChars = isIso2022Jp(charset) ? 480
                : (int) (998 / Math.max(1f, charset.newEncoder().maxBytesPerChar()));
            boolean tooLong = false;
            for (String line : text.split("\r\n|\r|\n", -1)) {
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

        private String fileName(MimeNode node, int number) {
            if (node.fileName != null && !node.fileName.isBlank()) {
                String name = node.fileName.replace('\\', '/');
                return name.substring(name.lastIndexOf('/') + 1);
            }
            String extension = COMPOSITE_MESSAGE_TYPES.contains(node.mimeType) ? ".eml"
                : node.isType("text/plain") ? ".txt" : node.isType("text/html") ? ".htm" : ".dat";
            return "attachment-" + number + extension;
        }

        // ---- second pass ----

        void secondPass(InputStream in, MimeNode root, OutputStream out) throws IOException, ConversionException {
            stream = newStream(in);
            seen = -1;
            try {
                writeEntity(root, root.headers, out, true);
            } catch (MimeException e) {
                throw new ConversionException("broken MIME structure: " + e.getMessage(), e);
            } catch (CountingOutput.OutputFailure e) {
                throw e;
            } catch (IOException e) {
                throw new ConversionException("unreadable message: " + e.getMessage(), e);
            }
        }

        /** Advances the parser to the given entity's end of header, then to its body or preamble. */
        private void advanceTo(MimeNode node, EntityState wanted) throws IOException, MimeException,
            ConversionException {
            while (true) {
                EntityState state = stream.getState();
                if (state == EntityState.T_END_HEADER) {
                    seen++;
                }
                if (seen == node.id && state == wanted) {
                    return;
                }
                if (seen > node.id || stream.next() == EntityState.T_END_OF_STREAM) {
                    throw new ConversionException("message changed between passes at " + node.path);
                }
            }
        }

        private void writeEntity(MimeNode node, List<MimeNode.Header> fields, OutputStream out, boolean root)
            throws IOException, MimeException, ConversionException {
            if (node.replacement != null) {
                List<MimeNode.Header> merged = new ArrayList<>();
                for (MimeNode.Header h : fields) {
                    if (!h.isContent()) {
                        merged.add(h);
                    }
                }
                merged.addAll(node.replacement.headers);
                writeEntity(node.replacement, merged, out, root);
                return;
            }
            if (node.multipart) {
                writeHeaders(fields, Map.of(), out, root, false);
                out.write(CRLF);
                if (node.preamble != null && node.preamble.length > 0) {
                    MimeOutput.writeCanonical(node.preamble, out);
                    out.write(CRLF);
                }
                byte[] delimiter = ("--" + node.boundary).getBytes(StandardCharsets.US_ASCII);
                for (MimeNode child : node.children) {
                    out.write(delimiter);
                    out.write(CRLF);
                    writeEntity(child, child.headers, out, false);
                    out.write(CRLF);
                }
                out.write(delimiter);
                out.write('-');
                out.write('-');
                out.write(CRLF);
                if (node.epilogue != null && node.epilogue.length > 0) {
                    byte[] e = node.epilogue;
                    int skip = e[0] == '\r' && e.length > 1 && e[1] == '\n' ? 2 : e[0] == '\n' ? 1 : 0;
                    MimeOutput.writeCanonical(java.util.Arrays.copyOfRange(e, skip, e.length), out);
                }
                return;
            }
            advanceTo(node, EntityState.T_BODY);
            switch (node.action) {
                case COPY:
                    writeHeaders(fields, Map.of(), out, root, false);
                    out.write(CRLF);
                    stream.getInputStream().transferTo(out);
                    return;
                case REENCODE:
                case OCTET_STREAM:
                    Map<String, String> replaced = new LinkedHashMap<>();
                    replaced.put("content-transfer-encoding", "Content-Transfer-Encoding: "
                        + node.targetEncoding.token());
                    if (node.action == MimeNode.Action.OCTET_STREAM) {
                        replaced.put("content-type", "Content-Type: application/octet-stream");
                    }
                    writeHeaders(fields, replaced, out, root, true);
                    out.write(CRLF);
                    InputStream body = node.action == MimeNode.Action.OCTET_STREAM ? stream.getInputStream()
                        : stream.getDecodedInputStream();
                    boolean text = node.action != MimeNode.Action.OCTET_STREAM && kindOf(node).isText();
                    encodeBody(body, out, node.targetEncoding, text);
                    return;
                case MESSAGE:
                    writeMessage(node, fields, out, root);
                    return;
                case CONVERT:
                    writeConverted(node, fields, out, root);
                    return;
                default:
                    throw new IllegalStateException(node.action.toString());
            }
        }

        private void writeMessage(MimeNode node, List<MimeNode.Header> fields, OutputStream out, boolean root)
            throws IOException, ConversionException {
            if (depth + 1 > limits.maxDepth()) {
                throw new ConversionException("embedded messages nested deeper than " + limits.maxDepth());
            }
            try (Spool inner = new Spool(limits.memoryThreshold(), limits.maxMessageOctets(), "message");
                 Spool converted = new Spool(limits.memoryThreshold(), limits.maxMessageOctets(), "message")) {
                stream.getDecodedInputStream().transferTo(inner);
                inner.finish();
                ConversionResult result = convert(inner, converted, settings, depth + 1, List.of(), inner);
                converted.finish();
                if (!result.modified() && !result.unchangedReason().orElse("").equals("nothing to convert")) {
                    throw new ConversionException("embedded message at " + node.path + " is not 7-bit clean but "
                        + result.unchangedReason().get());
                }
                for (String change : result.changes()) {
                    changes.add(node.path + "/" + change);
                }
                writeHeaders(fields, Map.of("content-transfer-encoding", "Content-Transfer-Encoding: 7bit"),
                    out, root, true);
                out.write(CRLF);
                converted.copyTo(out);
            }
        }

        private void writeConverted(MimeNode node, List<MimeNode.Header> fields, OutputStream out, boolean root)
            throws IOException, ConversionException {
            byte[] decoded = readLimited(stream.getDecodedInputStream(), limits.maxTextOctets(), "text");
            String text = decode(node, decoded);
            boolean fromHtml = node.isType("text/html");
            Map<String, String> replaced = new LinkedHashMap<>();
            if (node.addTextAlternative) {
                String boundary = "=_bt_" + UUID.randomUUID().toString().replace("-", "");
                replaced.put("content-type", "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"");
                replaced.put("content-transfer-encoding", null);
                writeHeaders(fields, replaced, out, root, true);
                out.write(CRLF);
                byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
                out.write(delimiter);
                out.write(CRLF);
                writeTextLeaf(List.of(), node, "text/plain", plainOf(htmlToText.render(text)), out, false);
                out.write(CRLF);
                out.write(delimiter);
                out.write(CRLF);
                writeTextLeaf(List.of(), node, "text/html", text, out, false);
                out.write(CRLF);
                out.write(delimiter);
                out.write("--\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            String result;
            if (fromHtml && node.targetType.equals("text/plain")) {
                result = plainOf(htmlToText.render(text));
            } else if (!fromHtml && node.targetType.equals("text/html")) {
                Charset charset = outputCharset(node, text);
                result = TextToHtml.render(text, label(charset));
            } else if (!fromHtml) {
                result = plainOf(text);
            } else {
                result = text;
            }
            writeTextLeaf(fields, node, node.targetType, result, out, root);
        }

        private String plainOf(String text) {
            OptionalInt wrap = settings.wrapColumn();
            return wrap.isPresent() ? LineWrapper.wrap(text, wrap) : text;
        }

        private void writeTextLeaf(List<MimeNode.Header> fields, MimeNode node, String type, String text,
                                   OutputStream out, boolean root) throws IOException, ConversionException {
            String canonical = text.replaceAll("\r\n|\r|\n", "\r\n");
            Charset charset = outputCharset(node, canonical);
            byte[] bytes = encode(canonical, charset);
            ContentScan scan = ContentScan.of(bytes);
            TransferEncoding encoding;
            if (isIso2022Jp(charset) && scan.isSevenBitSafe(true)) {
                encoding = TransferEncoding.SEVEN_BIT;
            } else {
                encoding = chooser.choose(BodyKind.of(type), TransferEncoding.EIGHT_BIT, scan).encoding();
            }
            Map<String, String> params = new LinkedHashMap<>();
            if (type.equals(node.mimeType)) {
                for (MimeNode.Header h : node.headers) {
                    if (h.is("Content-Type")) {
                        params.putAll(parse(headers.value(h.raw), node).parameters());
                    }
                }
            }
            params.remove("charset");
            params.put("charset", label(charset));
            Map<String, String> replaced = new LinkedHashMap<>();
            replaced.put("content-type", "Content-Type: " + headers.parameterized("Content-Type", type, params));
            replaced.put("content-transfer-encoding", "Content-Transfer-Encoding: " + encoding.token());
            writeHeaders(fields, replaced, out, root, true);
            out.write(CRLF);
            encodeBody(new java.io.ByteArrayInputStream(bytes), out, encoding, true);
        }

        /**
         * Writes header fields; fields whose lower-case name is a key of {@code replaced} are replaced by the value
         * (dropped when null) at the place of the first one, or appended.
         */
        private void writeHeaders(List<MimeNode.Header> fields, Map<String, String> replaced,
                                  OutputStream out, boolean root, boolean mime) throws IOException,
            ConversionException {
            Map<String, String> pending = new LinkedHashMap<>(replaced);
            boolean mimeVersion = false;
            for (MimeNode.Header h : fields) {
                String lower = h.name.toLowerCase(Locale.ROOT);
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
                Optional<String> rewritten = headers.rewrite(h, root);
                if (rewritten.isPresent()) {
                    MimeOutput.writeLine(rewritten.get(), out);
                } else {
                    MimeOutput.writeCanonical(h.raw, out);
                    out.write(CRLF);
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

        private Charset outputCharset(MimeNode node, String text) {
            Optional<Charset> target = settings.characterSet();
            if (target.isPresent() && fits(text, target.get())) {
                return target.get();
            }
            Optional<Charset> declared = node.declaredCharset.flatMap(MessageConverter::charsetFor);
            if (declared.isPresent() && !isIso2022Jp(declared.get()) && fits(text, declared.get())) {
                return declared.get();
            }
            return StandardCharsets.UTF_8;
        }

        private boolean fits(String text, Charset charset) {
            if (isIso2022Jp(charset)) {
                return Iso2022JpEncoder.of(Iso2022JpVariant.CP50220).canEncode(text);
            }
            if (!charset.canEncode()) {
                return false;
            }
            return charset.newEncoder().canEncode(text);
        }

        private byte[] encode(String text, Charset charset) throws ConversionException {
            try {
                if (isIso2022Jp(charset)) {
                    return japanese.orElse(Iso2022JpEncoder.of(Iso2022JpVariant.CP50220)).encode(text);
                }
                CharsetEncoder encoder = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
                ByteBuffer buffer = encoder.encode(java.nio.CharBuffer.wrap(text));
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return bytes;
            } catch (CharacterCodingException | CharsetConversionException e) {
                throw new ConversionException("cannot encode text in " + charset.name() + ": " + e.getMessage(), e);
            }
        }

        private String decode(MimeNode node, byte[] decoded) throws ConversionException {
            Charset charset;
            if (node.declaredCharset.isPresent()) {
                String name = node.declaredCharset.get();
                charset = charsetFor(name).orElseThrow(() -> new ConversionException("unknown charset '" + name
                    + "' in part " + node.path));
            } else {
                Optional<Charset> assumed = mimeMessage ? settings.characterSet() : settings.nonMimeCharacterSet()
                    .or(settings::characterSet);
                charset = assumed.filter(c -> strictDecode(decoded, c).isPresent()).orElseGet(() ->
                    strictDecode(decoded, StandardCharsets.UTF_8).isPresent() ? StandardCharsets.UTF_8
                        : Charset.forName("windows-1252"));
                node.declaredCharset = Optional.of(charset.name());
            }
            if (isIso2022Jp(charset)) {
                try {
                    return org.bordertransport.core.charset.Iso2022JpDecoder.withMaxChars(limits.maxTextOctets())
                        .decode(decoded);
                } catch (CharsetConversionException e) {
                    throw new ConversionException("invalid ISO-2022-JP text in part " + node.path + ": "
                        + e.getMessage(), e);
                }
            }
            return new String(decoded, charset);
        }

        private BodyKind kindOf(MimeNode node) {
            if (COMPOSITE_MESSAGE_TYPES.contains(node.mimeType) || node.mimeType.startsWith("multipart/")) {
                return BodyKind.NON_TEXT;
            }
            return BodyKind.of(node.mimeType);
        }

        private boolean isInlineText(MimeNode node, BodyKind kind) {
            return (kind == BodyKind.PLAIN_TEXT || kind == BodyKind.HTML_TEXT) && !node.attachment;
        }
    }

    private static Optional<String> strictDecode(byte[] bytes, Charset charset) {
        try {
            return Optional.of(charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    static Optional<Charset> charsetFor(String name) {
        try {
            return Optional.of(Charset.forName(name.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static boolean isIso2022Jp(Charset charset) {
        String name = charset.name().toLowerCase(Locale.ROOT);
        return name.equals("iso-2022-jp") || name.equals("x-windows-iso2022jp");
    }

    private static boolean sameCharset(String declared, Charset target) {
        return charsetFor(declared).map(target::equals).orElse(false);
    }

    private static Iso2022JpVariant variant(RemoteDomainSettings settings) {
        OptionalInt codePage = settings.preferredInternetCodePageForShiftJis().codePage();
        return codePage.isPresent() ? Iso2022JpVariant.fromCodePage(String.valueOf(codePage.getAsInt()))
            : Iso2022JpVariant.CP50220;
    }

    private static String label(Charset charset) {
        return isIso2022Jp(charset) ? Iso2022JpVariant.MIME_CHARSET : charset.name();
    }

    private static void encodeBody(InputStream in, OutputStream out, TransferEncoding encoding, boolean text)
        throws IOException, ConversionException {
        try {
            TransferEncoder.encode(in, out, encoding, text);
        } catch (EncodingException e) {
            throw new ConversionException("cannot encode body as " + encoding.token() + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readLimited(InputStream in, int max, String what) throws IOException, ConversionException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int n;
        while ((n = in.read(chunk)) > 0) {
            if (buffer.size() + n > max) {
                throw new ConversionException(what + " over the limit of " + max + " octets");
            }
            buffer.write(chunk, 0, n);
        }
        return buffer.toByteArray();
    }

    /** Feeds what is read to a scanner. */
    private static final class ScanningInput extends java.io.FilterInputStream {
        private final ContentScan.Scanner scanner;

        ScanningInput(InputStream in, ContentScan.Scanner scanner) {
            super(in);
            this.scanner = scanner;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                scanner.update(b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                scanner.update(b, off, n);
            }
            return n;
        }
    }
}
