package org.bordertransport.core.mime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Objects;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * The first pass of the two-pass engine: reads a message with mime4j's streaming {@link MimeTokenStream} (attached
 * messages not entered) into a tree of {@link MimeNode}s within one {@link MimeLimits}, reporting each entity, each
 * signed or encrypted entity and each leaf body to a {@link MimeTreeVisitor}. Bodies are not kept: the second pass
 * reads them again through a {@link MimeCursor} over the same octets.
 *
 * <p>Instances are immutable and thread-safe.</p>
 */
public final class MimeTreeReader {
    private final MimeLimits limits;

    public MimeTreeReader(MimeLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public MimeLimits limits() {
        return limits;
    }

    /**
     * A token stream over {@code in} with these limits and decode monitor, attached messages not entered; a header
     * field mime4j cannot read (a name with a space) is dropped, not fatal.
     */
    public MimeTokenStream open(InputStream in) {
        return open(in, () -> { });
    }

    private MimeTokenStream open(InputStream in, Runnable onInvalidField) {
        MimeTokenStream s = new MimeTokenStream(limits.mimeConfig(),
            new InvalidFieldMonitor(limits.decodeMonitor(), onInvalidField), null);
        s.setRecursionMode(RecursionMode.M_NO_RECURSE);
        s.parse(in);
        return s;
    }

    /** A cursor for the second pass over {@code in}, which holds the octets the tree was read from. */
    public MimeCursor cursor(InputStream in) {
        return new MimeCursor(open(in));
    }

    /**
     * Reads the tree of the message in {@code in}.
     *
     * @return the message entity
     * @throws E a limit is passed ("MIME nesting deeper than 32 levels", "more than 1000 MIME parts", "preamble over
     *     the limit of 65536 octets"), a multipart has no boundary, the message is empty, or the visitor refuses
     * @throws MimeException mime4j finds the structure broken
     * @throws IOException reading failed (mime4j's {@code MimeIOException} included)
     */
    public <T, E extends Exception> MimeNode<T> read(InputStream in, MimeTreeVisitor<T, E> visitor)
        throws IOException, MimeException, E {
        MimeTokenStream s = open(in, visitor::invalidField);
        try {
            return read(s, visitor);
        } finally {
            // gives mime4j's header buffer back to its per-thread pool (every message is read several times): the
            // fields read keep their own copies, and nothing reads this stream again
            s.stop();
        }
    }

    private <T, E extends Exception> MimeNode<T> read(MimeTokenStream s, MimeTreeVisitor<T, E> visitor)
        throws IOException, MimeException, E {
        Deque<MimeNode<T>> stack = new ArrayDeque<>();
        MimeNode<T> root = null;
        int entities = 0;
        for (EntityState state = s.getState(); state != EntityState.T_END_OF_STREAM; state = s.next()) {
            switch (state) {
                case T_START_MESSAGE:
                    root = new MimeNode<>(entities++, "root", null, visitor.newData());
                    stack.push(root);
                    break;
                case T_START_BODYPART:
                    MimeNode<T> parent = stack.peek();
                    if (stack.size() > limits.maxDepth()) {
                        throw visitor.create("MIME nesting deeper than " + limits.maxDepth() + " levels", null);
                    }
                    if (++entities > limits.maxParts()) {
                        throw visitor.create("more than " + limits.maxParts() + " MIME parts", null);
                    }
                    MimeNode<T> child = new MimeNode<>(entities - 1,
                        parent.childPath(parent.children().size() + 1), parent, visitor.newData());
                    parent.addChild(child);
                    stack.push(child);
                    break;
                case T_FIELD:
                    Field field = s.getField();
                    stack.peek().addHeader(new MimeNode.Header(field.getName(), field.getRaw().toByteArray(), field));
                    break;
                case T_START_MULTIPART:
                    stack.peek().multipart = true;
                    describe(stack.peek(), s, visitor);
                    break;
                case T_PREAMBLE:
                    if (visitor.keepsPreambles()) {
                        stack.peek().preamble = readLimited(s.getInputStream(), "preamble", visitor);
                    }
                    break;
                case T_EPILOGUE:
                    if (visitor.keepsPreambles()) {
                        stack.peek().epilogue = readLimited(s.getInputStream(), "epilogue", visitor);
                    }
                    break;
                case T_BODY:
                    describe(stack.peek(), s, visitor);
                    if (!visitor.body(stack.peek(), s.getInputStream())) {
                        return root;
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
        if (root == null) {
            throw visitor.create("empty message", null);
        }
        return root;
    }

    private static <T, E extends Exception> void describe(MimeNode<T> node, MimeTokenStream s,
                                                          MimeTreeVisitor<T, E> visitor) throws E {
        node.mimeType = s.getBodyDescriptor().getMimeType().toLowerCase(Locale.ROOT);
        node.boundary = s.getBodyDescriptor().getBoundary();
        visitor.entity(node);
        if (ProtectedContent.isProtectedType(node.mimeType)) {
            visitor.protectedEntity(node);
        }
        if ((node.multipart || node.mimeType.startsWith("multipart/")) && node.boundary == null) {
            throw visitor.create("multipart entity at " + node.path() + " without a boundary", null);
        }
    }

    private <E extends Exception> byte[] readLimited(InputStream in, String what, MimeFailure<E> failure)
        throws IOException, E {
        return readLimited(in, limits.maxPreambleOctets(), what, failure);
    }

    /** Reads {@code in} to its end, failing past {@code max} octets ("text over the limit of 16 octets"). */
    public static <E extends Exception> byte[] readLimited(InputStream in, int max, String what,
                                                           MimeFailure<E> failure) throws IOException, E {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int n;
        while ((n = in.read(chunk)) > 0) {
            if (buffer.size() + n > max) {
                throw failure.create(what + " over the limit of " + max + " octets", null);
            }
            buffer.write(chunk, 0, n);
        }
        return buffer.toByteArray();
    }
}
