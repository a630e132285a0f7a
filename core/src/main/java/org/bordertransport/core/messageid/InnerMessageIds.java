package org.bordertransport.core.messageid;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.bordertransport.core.encoding.TransferEncoder;
import org.bordertransport.core.encoding.TransferEncoding;
import org.bordertransport.core.io.CountingOutput;
import org.bordertransport.core.io.MimeOutput;
import org.bordertransport.core.io.ReadGuard;
import org.bordertransport.core.mail.HeaderField;
import org.bordertransport.core.mime.MimeLimits;
import org.bordertransport.core.mime.MimeTreeReader;
import org.bordertransport.core.mime.ProtectedContent;

/**
 * The Message-IDs inside a message: the same rewrite as {@link MessageIdRewriter} (same keys, same public IDs),
 * applied to
 * <ul>
 *   <li>the header of every attached message ({@code message/rfc822}, {@code message/global}), recursively;</li>
 *   <li>the returned header of a report ({@code text/rfc822-headers}, {@code message/global-headers}): its first
 *   block of fields;</li>
 *   <li>the {@code Original-Message-ID} of a disposition notification ({@code message/disposition-notification},
 *   {@code message/global-disposition-notification}, RFC 8098).</li>
 * </ul>
 * A delivery status ({@code message/delivery-status}, RFC 3464) has no Message-ID field ({@code Original-Envelope-Id}
 * is the envelope's ID, not a Message-ID) and is copied as it is.
 *
 * <p>Two passes over the same octets, streamed with mime4j ({@link MimeTreeReader#open}), nothing kept in memory but
 * one header field at a time: {@link #scan} finds what would change (most messages: nothing, and nothing is written);
 * {@link #write} writes the message with those header blocks rewritten. Every body is copied octet for octet; header
 * fields that do not change are copied as read; the MIME framing (delimiter lines, the empty line after a header) is
 * written with CRLF, as the converters write it. An attached message or report part sent in base64 or
 * quoted-printable is decoded, rewritten and encoded again the same way, but only when something inside it changes;
 * one in another encoding is left as it is. Signed or encrypted content ({@link ProtectedContent}) is never
 * entered.</p>
 *
 * <p>Limits ({@link MimeLimits}): levels of nesting (multiparts and attached messages together), entities in all,
 * header fields per block and octets per field, octets of preamble or epilogue, octets of message. Beyond one, or on a
 * broken structure or encoded body, {@link InnerMessageIdException}: the message goes on with its top-level header
 * rewritten only.</p>
 *
 * <p>Instances are immutable and thread-safe.</p>
 */
public final class InnerMessageIds {
    /** The limits of the mailets: 32 levels, 1000 entities, 1000 fields of 64 KiB per block, 512 MiB. */
    public static final MimeLimits LIMITS = MimeLimits.builder().build();
    /** The ID field of a disposition notification (RFC 8098 section 3.2.5). */
    public static final List<String> DISPOSITION_ID_FIELDS = List.of("Original-Message-ID");

    private static final Set<String> MESSAGE_TYPES = Set.of("message/rfc822", "message/global");
    private static final Set<String> HEADER_TYPES = Set.of("text/rfc822-headers", "message/global-headers");
    private static final Set<String> DISPOSITION_TYPES = Set.of("message/disposition-notification",
        "message/global-disposition-notification");
    private static final byte[] CRLF = {'\r', '\n'};
    /** Stands for the boundary of a multipart whose closing delimiter is written (no boundary has a space). */
    private static final String CLOSED = " closed";

    private final MessageIdRewriter rewriter;
    private final MimeTreeReader reader;

    public InnerMessageIds(MessageIdRewriter rewriter, MimeLimits limits) {
        this.rewriter = Objects.requireNonNull(rewriter, "rewriter");
        this.reader = new MimeTreeReader(limits);
    }

    /** Which way IDs are rewritten. */
    public enum Direction {
        /** Outbound: {@link MessageIdRewriter#toPublic}. */
        TO_PUBLIC,
        /** Inbound: {@link MessageIdRewriter#toInternal}. */
        TO_INTERNAL
    }

    /**
     * Whether a message with this top-level {@code Content-Type} value (null when absent) can hold Message-IDs
     * inside: a multipart (but for signed or encrypted ones), or itself an attached message, returned header or
     * disposition notification. Anything else needs no {@link #scan}.
     */
    public static boolean mayHoldInnerIds(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType;
        int semicolon = type.indexOf(';');
        if (semicolon >= 0) {
            type = type.substring(0, semicolon);
        }
        type = type.trim().toLowerCase(Locale.ROOT);
        if (ProtectedContent.isProtectedType(type)) {
            return false;
        }
        return type.startsWith("multipart/") || kindOf(type) != null;
    }

    /** What {@link #scan} found. */
    public static final class Scan {
        private final Direction direction;
        private final List<String> changedBlocks;
        private final Set<String> encodedParts;
        private final int rewritten;
        private final int oneWay;
        private final int unverified;
        private final int protectedParts;

        Scan(Run run) {
            this.direction = run.direction;
            this.changedBlocks = Collections.unmodifiableList(new ArrayList<>(run.changedBlocks));
            this.encodedParts = Collections.unmodifiableSet(new LinkedHashSet<>(run.encodedParts));
            this.rewritten = run.rewritten;
            this.oneWay = run.oneWay;
            this.unverified = run.unverified;
            this.protectedParts = run.protectedParts;
        }

        public Direction direction() {
            return direction;
        }

        /** Whether a header block inside the message changes: only then is {@link #write} needed. */
        public boolean changed() {
            return !changedBlocks.isEmpty();
        }

        /**
         * Where the changing blocks are, for logs: the entity path ({@code 2}, {@code 2.1}; {@code /m} enters an
         * attached message) and what kind of block ({@code 2/m header}, {@code 3 returned header},
         * {@code 2 disposition}).
         */
        public List<String> changedBlocks() {
            return changedBlocks;
        }

        /** IDs replaced or restored, counted once per header block. */
        public int rewritten() {
            return rewritten;
        }

        /** Of those, IDs too long to encrypt reversibly that got the one-way form. */
        public int oneWay() {
            return oneWay;
        }

        /** Public-looking IDs on our domain that did not verify and were left alone. */
        public int unverified() {
            return unverified;
        }

        /** Signed or encrypted entities that were not entered. */
        public int protectedParts() {
            return protectedParts;
        }
    }

    /**
     * Reads {@code message} (the whole message: header, empty line, body) and finds what {@link #write} would change;
     * the top-level header is not looked at (that is {@link MessageIdRewriter}'s).
     *
     * @throws InnerMessageIdException a limit is passed, or the structure or an encoded body is broken
     * @throws IOException reading {@code message} failed
     */
    public Scan scan(InputStream message, Direction direction) throws IOException, InnerMessageIdException {
        Run run = new Run(direction, null);
        run.top(message, OutputStream.nullOutputStream(), false);
        return new Scan(run);
    }

    /**
     * Writes {@code message} (the octets {@code scan} was made from, its top-level header possibly different) to
     * {@code out} with the blocks {@code scan} found rewritten, and the top-level header rewritten too (the same
     * rewrite as {@link MessageIdRewriter} on its own; a header already rewritten stays as it is).
     *
     * @throws InnerMessageIdException as for {@link #scan}
     * @throws IOException reading {@code message} or writing {@code out} failed
     */
    public void write(InputStream message, Scan scan, OutputStream out) throws IOException, InnerMessageIdException {
        Run run = new Run(scan.direction, scan.encodedParts);
        run.top(message, out, true);
    }

    private enum Kind {
        MESSAGE, HEADERS, DISPOSITION
    }

    private static Kind kindOf(String type) {
        if (MESSAGE_TYPES.contains(type)) {
            return Kind.MESSAGE;
        }
        if (HEADER_TYPES.contains(type)) {
            return Kind.HEADERS;
        }
        return DISPOSITION_TYPES.contains(type) ? Kind.DISPOSITION : null;
    }

    /** One pass: a scan ({@code encodedToRewrite} null) records, a write uses what the scan recorded. */
    private final class Run {
        private final Direction direction;
        private final Set<String> encodedToRewrite;
        private final List<String> changedBlocks = new ArrayList<>();
        private final Set<String> encodedParts = new LinkedHashSet<>();
        private int entities;
        private int rewritten;
        private int oneWay;
        private int unverified;
        private int protectedParts;

        Run(Direction direction, Set<String> encodedToRewrite) {
            this.direction = direction;
            this.encodedToRewrite = encodedToRewrite;
        }

        private boolean scanning() {
            return encodedToRewrite == null;
        }

        private MimeLimits limits() {
            return reader.limits();
        }

        void top(InputStream message, OutputStream out, boolean rewriteHeader) throws IOException,
            InnerMessageIdException {
            ReadGuard in = new ReadGuard(message, limits().maxMessageOctets(),
                "message over the limit of " + limits().maxMessageOctets() + " octets");
            CountingOutput counted = new CountingOutput(out);
            try {
                message(in, counted, "root", 0, rewriteHeader);
            } catch (CountingOutput.OutputFailure e) {
                throw e.getCause();
            } catch (IOException e) {
                if (in.failure() != null) {
                    throw in.failure();
                }
                // a limit, or a broken encoded body (mime4j's strict decoding): the input, not the machine
                throw new InnerMessageIdException(reason(e), e);
            } catch (InnerMessageIdException e) {
                if (in.failure() != null) {
                    throw in.failure(); // mime4j may report a failing source as a broken structure
                }
                throw e;
            }
            counted.flush();
        }

        /** One message (the top-level one or an attached one) from its first header field to its end. */
        private void message(InputStream in, OutputStream out, String base, int depth, boolean rewriteHeader)
            throws IOException, InnerMessageIdException {
            if (depth > limits().maxDepth()) {
                throw new InnerMessageIdException("MIME nesting deeper than " + limits().maxDepth() + " levels");
            }
            LastOctetInput source = new LastOctetInput(in);
            MimeTokenStream s = reader.open(source);
            try {
                walk(s, source, out, base, depth, rewriteHeader);
            } catch (MimeException e) {
                throw new InnerMessageIdException("broken MIME structure: " + e.getMessage(), e);
            }
        }

        private void walk(MimeTokenStream s, LastOctetInput source, OutputStream out, String base, int depth,
                          boolean rewriteHeader)
            throws IOException, MimeException, InnerMessageIdException {
            Deque<String> paths = new ArrayDeque<>();
            Deque<int[]> children = new ArrayDeque<>();
            Deque<String> boundaries = new ArrayDeque<>();
            Deque<Boolean> firstPart = new ArrayDeque<>();
            Deque<Boolean> insideProtected = new ArrayDeque<>();
            insideProtected.push(false);
            List<Field> fields = new ArrayList<>();
            boolean messageHeader = false;
            for (EntityState state = s.getState(); state != EntityState.T_END_OF_STREAM; state = s.next()) {
                switch (state) {
                    case T_START_MESSAGE:
                        paths.push(base);
                        fields.clear();
                        messageHeader = true;
                        break;
                    case T_START_BODYPART:
                        if (++entities > limits().maxParts()) {
                            throw new InnerMessageIdException("more than " + limits().maxParts() + " MIME parts");
                        }
                        out.write(Boolean.TRUE.equals(firstPart.peek()) ? new byte[0] : CRLF);
                        out.write(("--" + boundaries.peek()).getBytes(StandardCharsets.US_ASCII));
                        out.write(CRLF);
                        firstPart.pop();
                        firstPart.push(false);
                        int index = ++children.peek()[0];
                        paths.push(paths.peek().equals("root") ? String.valueOf(index) : paths.peek() + "." + index);
                        fields.clear();
                        messageHeader = false;
                        break;
                    case T_FIELD:
                        fields.add(s.getField());
                        break;
                    case T_END_HEADER:
                        if (messageHeader && rewriteHeader) {
                            writeHeader(fields, MessageIdRewriter.ID_HEADERS, paths.peek() + " header", out);
                        } else {
                            for (Field field : fields) {
                                MimeOutput.writeCanonical(field.getRaw().toByteArray(), out);
                                out.write(CRLF);
                            }
                        }
                        out.write(CRLF);
                        break;
                    case T_START_MULTIPART:
                        if (depth + boundaries.size() + 1 > limits().maxDepth()) {
                            throw new InnerMessageIdException("MIME nesting deeper than " + limits().maxDepth()
                                + " levels");
                        }
                        boundaries.push(s.getBodyDescriptor().getBoundary());
                        firstPart.push(true);
                        children.push(new int[1]);
                        boolean isProtected = ProtectedContent.isProtectedType(s.getBodyDescriptor().getMimeType());
                        if (isProtected && !insideProtected.peek()) {
                            protectedParts++;
                        }
                        insideProtected.push(insideProtected.peek() || isProtected);
                        break;
                    case T_PREAMBLE:
                        byte[] preamble = MimeTreeReader.readLimited(s.getInputStream(), limits().maxPreambleOctets(),
                            "preamble", InnerMessageIdException::new);
                        out.write(preamble);
                        if (preamble.length > 0) {
                            out.write(CRLF);
                        }
                        break;
                    case T_EPILOGUE:
                        // mime4j reports a non-empty epilogue (without the line end of the closing delimiter) before
                        // the end of its multipart: close the multipart here
                        byte[] epilogue = MimeTreeReader.readLimited(s.getInputStream(), limits().maxPreambleOctets(),
                            "epilogue", InnerMessageIdException::new);
                        closeMultipart(boundaries.pop(), out);
                        out.write(CRLF);
                        out.write(epilogue);
                        boundaries.push(CLOSED);
                        break;
                    case T_END_MULTIPART:
                        String boundary = boundaries.pop();
                        if (!CLOSED.equals(boundary)) {
                            closeMultipart(boundary, out);
                            // no epilogue: an outer delimiter's CRLF follows, or the end of the stream, after a line
                            // end when the source has one
                            if (boundaries.isEmpty() && source.endsWithLineEnd()) {
                                out.write(CRLF);
                            }
                        }
                        firstPart.pop();
                        children.pop();
                        insideProtected.pop();
                        break;
                    case T_BODY:
                        body(s, paths.peek(), depth + boundaries.size(), insideProtected.peek(), out);
                        break;
                    case T_END_BODYPART:
                        paths.pop();
                        break;
                    default:
                        break;
                }
            }
        }

        /** The closing delimiter, with the CRLF before it but not its own line end. */
        private void closeMultipart(String boundary, OutputStream out) throws IOException {
            out.write(CRLF);
            out.write(("--" + boundary + "--").getBytes(StandardCharsets.US_ASCII));
        }

        private void body(MimeTokenStream s, String path, int depth, boolean insideProtected, OutputStream out)
            throws IOException, InnerMessageIdException {
            String type = s.getBodyDescriptor().getMimeType().toLowerCase(Locale.ROOT);
            Kind kind = kindOf(type);
            if (kind == null || insideProtected) {
                if (ProtectedContent.isProtectedType(type) && !insideProtected) {
                    protectedParts++;
                }
                s.getInputStream().transferTo(out);
                return;
            }
            TransferEncoding encoding = TransferEncoding.parse(s.getBodyDescriptor().getTransferEncoding());
            switch (encoding) {
                case SEVEN_BIT:
                case EIGHT_BIT:
                case BINARY:
                    content(kind, s.getInputStream(), out, path, depth);
                    return;
                case BASE64:
                case QUOTED_PRINTABLE:
                    break;
                default:
                    s.getInputStream().transferTo(out); // x-uuencode and the like: cannot be read here
                    return;
            }
            if (scanning()) {
                int before = changedBlocks.size();
                content(kind, s.getDecodedInputStream(), out, path, depth);
                if (changedBlocks.size() > before) {
                    encodedParts.add(path);
                }
            } else if (encodedToRewrite.contains(path)) {
                try (OutputStream encoder = TransferEncoder.encoder(out, encoding, true)) {
                    content(kind, s.getDecodedInputStream(), encoder, path, depth);
                }
            } else {
                s.getInputStream().transferTo(out);
            }
        }

        private void content(Kind kind, InputStream in, OutputStream out, String path, int depth)
            throws IOException, InnerMessageIdException {
            switch (kind) {
                case MESSAGE:
                    if (++entities > limits().maxParts()) {
                        throw new InnerMessageIdException("more than " + limits().maxParts() + " MIME parts");
                    }
                    message(in, out, path + "/m", depth + 1, true);
                    break;
                case HEADERS:
                    fieldBlock(in, out, MessageIdRewriter.ID_HEADERS, path + " returned header");
                    break;
                default:
                    fieldBlock(in, out, DISPOSITION_ID_FIELDS, path + " disposition");
                    break;
            }
        }

        /**
         * A block of header fields that is a body's content (returned header, disposition notification): read line by
         * line, octet for octet; the block ends at the first empty line, which is copied with everything after it.
         */
        private void fieldBlock(InputStream in, OutputStream out, List<String> idFields, String where)
            throws IOException, InnerMessageIdException {
            List<RawHeaderField> block = new ArrayList<>();
            ByteArrayOutputStream line = new ByteArrayOutputStream(128);
            RawHeaderField current = null;
            while (true) {
                line.reset();
                int b;
                while ((b = in.read()) >= 0) {
                    line.write(b);
                    if (line.size() > limits().maxHeaderOctets()) {
                        throw new InnerMessageIdException(where + ": line over " + limits().maxHeaderOctets()
                            + " octets");
                    }
                    if (b == '\n') {
                        break;
                    }
                }
                String text = line.toString(StandardCharsets.ISO_8859_1);
                boolean blank = text.isEmpty() || text.equals("\n") || text.equals("\r\n");
                boolean continuation = !blank && (text.charAt(0) == ' ' || text.charAt(0) == '\t');
                if (continuation && current != null) {
                    current.append(text);
                    if (current.length() > limits().maxHeaderOctets()) {
                        throw new InnerMessageIdException(where + ": field over " + limits().maxHeaderOctets()
                            + " octets");
                    }
                    continue;
                }
                if (blank) {
                    writeBlock(block, idFields, where, out);
                    out.write(line.toByteArray());
                    in.transferTo(out);
                    return;
                }
                if (block.size() >= limits().maxHeaderCount()) {
                    throw new InnerMessageIdException(where + ": more than " + limits().maxHeaderCount()
                        + " fields");
                }
                current = new RawHeaderField(text);
                block.add(current);
            }
        }

        private void writeBlock(List<RawHeaderField> block, List<String> idFields, String where, OutputStream out)
            throws IOException {
            List<HeaderField> before = new ArrayList<>();
            for (RawHeaderField field : block) {
                if (field.field() != null) {
                    before.add(field.field());
                }
            }
            List<HeaderField> after = rewrite(before, idFields, where);
            int i = 0;
            for (RawHeaderField field : block) {
                if (field.field() == null) {
                    out.write(field.text().getBytes(StandardCharsets.ISO_8859_1));
                    continue;
                }
                HeaderField changed = after.get(i++);
                String text = changed.equals(field.field()) ? field.text()
                    : field.prefix() + changed.value() + field.lineEnd();
                out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            }
        }

        /** The header of a message: fields as mime4j read them, without their final line end. */
        private void writeHeader(List<Field> fields, List<String> idFields, String where, OutputStream out)
            throws IOException {
            List<RawHeaderField> raw = new ArrayList<>();
            List<HeaderField> before = new ArrayList<>();
            for (Field field : fields) {
                RawHeaderField parsed = new RawHeaderField(new String(field.getRaw().toByteArray(),
                    StandardCharsets.ISO_8859_1));
                raw.add(parsed);
                if (parsed.field() != null) {
                    before.add(parsed.field());
                }
            }
            List<HeaderField> after = rewrite(before, idFields, where);
            int i = 0;
            for (RawHeaderField field : raw) {
                String text = field.text();
                if (field.field() != null) {
                    HeaderField changed = after.get(i++);
                    if (!changed.equals(field.field())) {
                        text = field.prefix() + changed.value();
                    }
                }
                MimeOutput.writeCanonical(text.getBytes(StandardCharsets.ISO_8859_1), out);
                out.write(CRLF);
            }
        }

        /** One direction of the rewriter on one block; a scan counts what changes. */
        private List<HeaderField> rewrite(List<HeaderField> before, List<String> idFields, String where) {
            MessageIdRewriter.Outcome outcome = direction == Direction.TO_PUBLIC
                ? rewriter.toPublic(before, idFields)
                : rewriter.toInternal(before, idFields);
            if (scanning()) {
                rewritten += outcome.rewritten();
                oneWay += outcome.oneWay();
                unverified += outcome.unverified();
                if (outcome.changed()) {
                    changedBlocks.add(where);
                }
            }
            return outcome.headers();
        }
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
