package org.bordertransport.core.mime;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import org.bordertransport.core.io.MimeOutput;

/**
 * Writes entities with CRLF line ends: header fields as read, the body of a multipart read by
 * {@link MimeTreeReader} (preamble, each part between delimiters, closing delimiter, epilogue), and a multipart
 * made of parts written by the caller.
 */
public final class MimeEntityWriter {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] CLOSE = {'-', '-', '\r', '\n'};

    private MimeEntityWriter() {
    }

    /** Writes a part of a multipart: its header fields, an empty line and its body. */
    @FunctionalInterface
    public interface Part<E extends Exception> {
        void write(OutputStream out) throws IOException, E;
    }

    /** Writes one child entity of a multipart: header fields, empty line, body. */
    @FunctionalInterface
    public interface ChildWriter<T, E extends Exception> {
        void write(MimeNode<T> child, OutputStream out) throws IOException, E;
    }

    /** A header field as read, with CRLF line ends. */
    public static void writeField(MimeNode.Header header, OutputStream out) throws IOException {
        MimeOutput.writeCanonical(header.raw(), out);
        out.write(CRLF);
    }

    /**
     * The body of multipart {@code node} (after its header and empty line): the preamble as read, then each child
     * that {@code include} accepts, written by {@code writer}, between delimiters of the node's boundary, then the
     * closing delimiter and the epilogue as read.
     *
     * @param placeholder a whole part (header, empty line, body, CRLF) written when no child is, or null
     */
    public static <T, E extends Exception> void writeMultipartBody(MimeNode<T> node, Predicate<MimeNode<T>> include,
                                                                   ChildWriter<T, E> writer, byte[] placeholder,
                                                                   OutputStream out) throws IOException, E {
        if (node.preamble() != null && node.preamble().length > 0) {
            MimeOutput.writeCanonical(node.preamble(), out);
            out.write(CRLF);
        }
        byte[] delimiter = ("--" + node.boundary()).getBytes(StandardCharsets.US_ASCII);
        boolean written = false;
        for (MimeNode<T> child : node.children()) {
            if (!include.test(child)) {
                continue;
            }
            out.write(delimiter);
            out.write(CRLF);
            writer.write(child, out);
            out.write(CRLF);
            written = true;
        }
        if (!written && placeholder != null) {
            out.write(delimiter);
            out.write(CRLF);
            out.write(placeholder);
        }
        out.write(delimiter);
        out.write(CLOSE);
        writeEpilogue(node.epilogue(), out);
    }

    /** The parts between delimiters of {@code boundary}, then the closing delimiter (no preamble, no epilogue). */
    public static <E extends Exception> void writeParts(String boundary, List<? extends Part<E>> parts,
                                                        OutputStream out) throws IOException, E {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        for (Part<E> part : parts) {
            out.write(delimiter);
            out.write(CRLF);
            part.write(out);
            out.write(CRLF);
        }
        out.write(delimiter);
        out.write(CLOSE);
    }

    /** The epilogue as read, without the line end that ends the closing delimiter. */
    private static void writeEpilogue(byte[] epilogue, OutputStream out) throws IOException {
        if (epilogue != null && epilogue.length > 0) {
            byte[] e = epilogue;
            int skip = e[0] == '\r' && e.length > 1 && e[1] == '\n' ? 2 : e[0] == '\n' ? 1 : 0;
            MimeOutput.writeCanonical(Arrays.copyOfRange(e, skip, e.length), out);
        }
    }
}
