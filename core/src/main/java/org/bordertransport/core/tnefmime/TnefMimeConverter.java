package org.bordertransport.core.tnefmime;

import org.bordertransport.core.io.CountingOutput;
import org.bordertransport.core.io.MimeOutput;
import org.bordertransport.core.io.Spool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.MimeIOException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;
import org.bordertransport.core.encoding.EncodingException;
import org.bordertransport.core.encoding.ParameterEncoding;
import org.bordertransport.core.encoding.TransferEncoding;
import org.bordertransport.core.mail.HeaderText;
import org.bordertransport.core.tnef.TnefException;
import org.bordertransport.core.tnef.TnefMessage;
import org.bordertransport.core.tnef.TnefReader;

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
 * {@link TnefMimeOptions#memoryThreshold()}) and parsed three times with mime4j's {@link MimeTokenStream}: the
 * structure, then each TNEF part decoded into a spool of its own, then the output. Every failure happens before
 * anything is written. Signed or encrypted messages ({@code multipart/signed}, {@code multipart/encrypted},
 * {@code application/pkcs7-mime} anywhere) and messages without TNEF are copied byte for byte.</p>
 *
 * <p>Instances are immutable and thread-safe.</p>
 */
public final class TnefMimeConverter {
    private static final Set<String> TNEF_TYPES = Set.of("application/ms-tnef", "application/vnd.ms-tnef");
    private static final Set<String> PROTECTED_TYPES = Set.of("multipart/signed", "multipart/encrypted",
        "application/pkcs7-mime", "application/x-pkcs7-mime", "application/pgp-encrypted");
    private static final String TNEF_NAME = "winmail.dat";
    private static final int MAX_HEADER_COUNT = 1000;
    private static final int MAX_HEADER_OCTETS = 65_536;
    private static final int MAX_PREAMBLE_OCTETS = 64 * 1024;
    private static final byte[] CRLF = {'\r', '\n'};

    private final TnefMimeOptions options;
    private final TnefMimeWriter writer;

    private TnefMimeConverter(TnefMimeOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.writer = TnefMimeWriter.of(options);
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
        Run run = new Run(strip);
        Node root;
        try (InputStream in = spool.open()) {
            root = run.structure(in);
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
                run.decode(in);
            }
            if (run.decoded == 0) {
                spool.copyTo(out);
                return TnefConversionResult.unchanged("no TNEF part", spool.size());
            }
            CountingOutput counting = new CountingOutput(out);
            try (InputStream in = spool.open()) {
                run.write(in, root, counting);
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
        MimeTokenStream s = newStream(mimeMessage, DecodeMonitor.SILENT);
        List<String> paths = new ArrayList<>();
        boolean summary = false;
        Deque<Node> stack = new ArrayDeque<>();
        int count = 0;
        try {
            for (EntityState state = s.getState(); state != EntityState.T_END_OF_STREAM; state = s.next()) {
                switch (state) {
                    case T_START_MESSAGE:
                        stack.push(new Node(count++, "root", null));
                        break;
                    case T_START_BODYPART:
                        if (stack.size() > options.maxDepth() || ++count > options.maxParts()) {
                            return result(paths, summary);
                        }
                        Node parent = stack.peek();
                        Node child = new Node(count, parent.childPath(parent.children.size() + 1), parent);
                        parent.children.add(child);
                        stack.push(child);
                        break;
                    case T_FIELD:
                        Field field = s.getField();
                        stack.peek().headers.add(new Node.Header(field.getName(), new byte[0],
                            HeaderText.unfold(field.getBody())));
                        break;
                    case T_BODY:
                        Node leaf = stack.peek();
                        describe(leaf, s);
                        if (leaf.isTnef()) {
                            paths.add(leaf.path);
                            summary |= leaf.parent == null || leaf.transferEncoding == TransferEncoding.BINARY;
                        }
                        if (leaf.parent == null) {
                            return result(paths, summary);
                        }
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
            return result(paths, summary);
        }
        return result(paths, summary);
    }

    private static TnefDetection result(List<String> paths, boolean summary) {
        return TnefDetection.of(summary ? TnefDetection.Kind.SUMMARY_TNEF : TnefDetection.Kind.TNEF_PARTS, paths);
    }

    private static MimeTokenStream newStream(InputStream in, DecodeMonitor monitor) {
        MimeConfig config = new MimeConfig.Builder()
            .setMaxHeaderCount(MAX_HEADER_COUNT)
            .setMaxHeaderLen(MAX_HEADER_OCTETS)
            .setMaxLineLen(-1)
            .setMaxContentLen(-1)
            .setStrictParsing(false)
            .build();
        MimeTokenStream s = new MimeTokenStream(config, monitor, null);
        s.setRecursionMode(RecursionMode.M_NO_RECURSE);
        s.parse(in);
        return s;
    }

    /** Type, transfer encoding, file name and TNEF-ness of an entity, from its header fields. */
    private static void describe(Node node, MimeTokenStream s) {
        node.mimeType = s.getBodyDescriptor().getMimeType().toLowerCase(Locale.ROOT);
        node.boundary = s.getBodyDescriptor().getBoundary();
        String name = null;
        String fileName = null;
        for (Node.Header h : node.headers) {
            if (h.is("Content-Transfer-Encoding")) {
                node.transferEncoding = TransferEncoding.parse(h.value);
            } else if (h.is("Content-Type")) {
                name = parameter(h.value, "name").orElse(name);
            } else if (h.is("Content-Disposition")) {
                fileName = parameter(h.value, "filename").orElse(fileName);
            }
        }
        node.fileName = fileName != null ? fileName : name;
        node.tnefType = TNEF_TYPES.contains(node.mimeType);
        node.tnefName = isTnefName(fileName) || isTnefName(name);
        // Exchange marks messages whose TNEF it attached with X-MS-TNEF-Correlator; gateways sometimes rename the
        // part (ATT00001.dat) and type it application/octet-stream: with the marker such a part is a candidate
        // (decoded only if it starts with the TNEF signature)
        String candidate = node.fileName == null ? "" : node.fileName.trim().toLowerCase(Locale.ROOT);
        node.tnefHint = node.mimeType.equals("application/octet-stream") && candidate.endsWith(".dat")
            && hasCorrelator(node);
    }

    private static boolean hasCorrelator(Node node) {
        Node root = node;
        while (root.parent != null) {
            root = root.parent;
        }
        return root.headers.stream().anyMatch(h -> h.is("X-MS-TNEF-Correlator"));
    }

    private static boolean isTnefName(String name) {
        if (name == null) {
            return false;
        }
        String n = name.replace('\\', '/');
        return n.substring(n.lastIndexOf('/') + 1).trim().equalsIgnoreCase(TNEF_NAME);
    }

    private static Optional<String> parameter(String value, String name) {
        try {
            return ParameterEncoding.parse(value).parameter(name);
        } catch (EncodingException e) {
            return Optional.empty();
        }
    }

    /** One conversion: the structure, the decoded TNEF parts and the changes. */
    private final class Run {
        private final List<Node> tnef = new ArrayList<>();
        private final List<String> changes = new ArrayList<>();
        private String protectedReason;
        private boolean hasSubject;
        private Optional<String> tnefSubject = Optional.empty();
        private boolean summary;
        private int decoded;
        private MimeTokenStream stream;
        private int seen;
        private final boolean strip;

        Run(boolean strip) {
            this.strip = strip;
        }

        Node structure(InputStream in) throws IOException, TnefConversionException {
            MimeTokenStream s = newStream(in, DecodeMonitor.SILENT);
            Deque<Node> stack = new ArrayDeque<>();
            Node root = null;
            int count = 0;
            try {
                for (EntityState state = s.getState(); state != EntityState.T_END_OF_STREAM; state = s.next()) {
                    switch (state) {
                        case T_START_MESSAGE:
                            root = new Node(count++, "root", null);
                            stack.push(root);
                            break;
                        case T_START_BODYPART:
                            if (stack.size() > options.maxDepth()) {
                                throw new TnefConversionException("MIME nesting deeper than " + options.maxDepth()
                                    + " levels");
                            }
                            if (++count > options.maxParts()) {
                                throw new TnefConversionException("more than " + options.maxParts() + " MIME parts");
                            }
                            Node parent = stack.peek();
                            Node child = new Node(count - 1, parent.childPath(parent.children.size() + 1), parent);
                            parent.children.add(child);
                            stack.push(child);
                            break;
                        case T_FIELD:
                            Field field = s.getField();
                            Node node = stack.peek();
                            node.headers.add(new Node.Header(field.getName(), field.getRaw().toByteArray(),
                                HeaderText.unfold(field.getBody())));
                            if (node == root && field.getName().equalsIgnoreCase("Subject")) {
                                hasSubject = true;
                            }
                            break;
                        case T_START_MULTIPART:
                            stack.peek().multipart = true;
                            check(stack.peek(), s);
                            break;
                        case T_PREAMBLE:
                            stack.peek().preamble = readLimited(s.getInputStream(), "preamble");
                            break;
                        case T_EPILOGUE:
                            stack.peek().epilogue = readLimited(s.getInputStream(), "epilogue");
                            break;
                        case T_BODY:
                            check(stack.peek(), s);
                            if (stack.peek().isTnef()) {
                                tnef.add(stack.peek());
                            }
                            break;
                        case T_END_BODYPART:
                        case T_END_MESSAGE:
                            stack.pop();
                            break;
                        default:
                            break;
                    }
                }
            } catch (MimeException | MimeIOException e) {
                throw new TnefConversionException("broken MIME structure: " + e.getMessage(), e);
            }
            if (root == null) {
                throw new TnefConversionException("empty message");
            }
            return root;
        }

        private void check(Node node, MimeTokenStream s) throws TnefConversionException {
            describe(node, s);
            if (PROTECTED_TYPES.contains(node.mimeType) && protectedReason == null) {
                protectedReason = "signed or encrypted content (" + node.mimeType + " at " + node.path
                    + "): never modified";
            }
            if (node.multipart && node.boundary == null) {
                throw new TnefConversionException("multipart entity at " + node.path + " without a boundary");
            }
        }

        /** Reads each TNEF part and writes its decoded entity to a spool. */
        void decode(InputStream in) throws IOException, TnefConversionException {
            stream = newStream(in, DecodeMonitor.SILENT);
            seen = -1;
            try {
                for (Node node : tnef) {
                    advanceTo(node, EntityState.T_BODY);
                    decode(node);
                }
            } catch (MimeException | MimeIOException e) {
                throw new TnefConversionException("broken MIME structure: " + e.getMessage(), e);
            }
        }

        private void decode(Node node) throws IOException, TnefConversionException {
            if (strip && node.parent != null) {
                node.stripped = true;
                decoded++;
                summary |= node.transferEncoding == TransferEncoding.BINARY;
                changes.add(node.path + ": " + node.describe() + " removed");
                return;
            }
            TnefMessage message;
            try {
                message = TnefReader.read(stream.getDecodedInputStream(), options.readOptions());
            } catch (TnefException e) {
                if (!node.tnefType && e.reason() == TnefException.Reason.NOT_TNEF) {
                    changes.add(node.path + ": " + node.describe() + " is not TNEF, left as is");
                    return;
                }
                throw new TnefConversionException("TNEF part " + node.path + " (" + node.describe()
                    + ") cannot be decoded: " + e.getMessage(), e);
            }
            Spool spool = new Spool(options.memoryThreshold(), options.maxMessageOctets(), "decoded TNEF part "
                + node.path);
            node.replacement = spool;
            String summaryText;
            try (TnefMessage m = message) {
                summaryText = writer.write(m, spool);
                if (tnefSubject.isEmpty()) {
                    tnefSubject = m.subject().map(String::trim).filter(t -> !t.isEmpty());
                }
                for (String warning : m.warnings()) {
                    changes.add(node.path + ": TNEF warning: " + warning);
                }
            } catch (Spool.LimitException e) {
                throw new TnefConversionException(e.getMessage());
            }
            spool.finish();
            decoded++;
            boolean stnef = node.parent == null || node.transferEncoding == TransferEncoding.BINARY;
            summary |= stnef;
            changes.add(node.path + ": " + node.describe() + (stnef ? " (summary TNEF)" : "") + " -> " + summaryText);
        }

        void closeReplacements() throws IOException {
            IOException failure = null;
            for (Node node : tnef) {
                if (node.replacement != null) {
                    try {
                        node.replacement.close();
                    } catch (IOException e) {
                        failure = e;
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }

        void write(InputStream in, Node root, OutputStream out) throws IOException, TnefConversionException {
            stream = newStream(in, DecodeMonitor.SILENT);
            seen = -1;
            try {
                writeEntity(root, out);
            } catch (MimeException | MimeIOException e) {
                throw new TnefConversionException("broken MIME structure: " + e.getMessage(), e);
            }
        }

        /** Advances the parser to the given entity's body or preamble. */
        private void advanceTo(Node node, EntityState wanted) throws IOException, MimeException,
            TnefConversionException {
            while (true) {
                EntityState state = stream.getState();
                if (state == EntityState.T_END_HEADER) {
                    seen++;
                }
                if (seen == node.id && state == wanted) {
                    return;
                }
                if (seen > node.id || stream.next() == EntityState.T_END_OF_STREAM) {
                    throw new TnefConversionException("message changed between passes at " + node.path);
                }
            }
        }

        private void writeEntity(Node node, OutputStream out) throws IOException, MimeException,
            TnefConversionException {
            boolean root = node.parent == null;
            if (node.replacement != null) {
                writeHeaders(node, out, false);
                if (root && node.headers.stream().noneMatch(h -> h.is("MIME-Version"))) {
                    MimeOutput.writeLine("MIME-Version: 1.0", out);
                }
                node.replacement.copyTo(out);
                return;
            }
            writeHeaders(node, out, true);
            out.write(CRLF);
            if (!node.multipart) {
                advanceTo(node, EntityState.T_BODY);
                stream.getInputStream().transferTo(out);
                return;
            }
            if (node.preamble != null && node.preamble.length > 0) {
                MimeOutput.writeCanonical(node.preamble, out);
                out.write(CRLF);
            }
            byte[] delimiter = ("--" + node.boundary).getBytes(StandardCharsets.US_ASCII);
            boolean written = false;
            for (Node child : node.children) {
                if (child.stripped) {
                    continue;
                }
                out.write(delimiter);
                out.write(CRLF);
                writeEntity(child, out);
                out.write(CRLF);
                written = true;
            }
            if (!written) {
                out.write(delimiter);
                out.write(CRLF);
                out.write(("Content-Type: text/plain; charset=us-ascii\r\n\r\n"
                    + "A winmail.dat (TNEF) attachment was removed from this message.\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
                out.write(CRLF);
            }
            out.write(delimiter);
            out.write(new byte[] {'-', '-', '\r', '\n'});
            if (node.epilogue != null && node.epilogue.length > 0) {
                byte[] e = node.epilogue;
                int skip = e[0] == '\r' && e.length > 1 && e[1] == '\n' ? 2 : e[0] == '\n' ? 1 : 0;
                MimeOutput.writeCanonical(java.util.Arrays.copyOfRange(e, skip, e.length), out);
            }
        }

        /** The header fields as read (without the {@code Content-*} ones unless asked), and the Subject if added. */
        private void writeHeaders(Node node, OutputStream out, boolean content) throws IOException {
            for (Node.Header h : node.headers) {
                if (content || !h.isContent()) {
                    MimeOutput.writeCanonical(h.raw, out);
                    out.write(CRLF);
                }
            }
            if (node.parent == null && !hasSubject && tnefSubject.isPresent()) {
                Optional<String> value = TnefMimeWriter.subjectValue(tnefSubject.get());
                if (value.isPresent()) {
                    MimeOutput.writeLine("Subject: " + value.get(), out);
                    changes.add("root: Subject added from the TNEF");
                    hasSubject = true;
                }
            }
        }

        private byte[] readLimited(InputStream in, String what) throws IOException, TnefConversionException {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            int n;
            while ((n = in.read(chunk)) > 0) {
                if (buffer.size() + n > MAX_PREAMBLE_OCTETS) {
                    throw new TnefConversionException(what + " over the limit of " + MAX_PREAMBLE_OCTETS + " octets");
                }
                buffer.write(chunk, 0, n);
            }
            return buffer.toByteArray();
        }
    }
}
