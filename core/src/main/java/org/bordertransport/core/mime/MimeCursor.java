package org.bordertransport.core.mime;

import java.io.IOException;
import java.io.InputStream;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeTokenStream;

/**
 * The second pass of the two-pass engine: walks a token stream over the same octets as the first pass, forward
 * only, to the entities of the tree in reading order, so that their bodies stream from the source again.
 */
public final class MimeCursor {
    private final MimeTokenStream stream;
    private int seen = -1;

    MimeCursor(MimeTokenStream stream) {
        this.stream = stream;
    }

    /**
     * Advances to the body ({@link EntityState#T_BODY}) or preamble of {@code node}.
     *
     * @throws E the octets are not those the tree was read from ("message changed between passes at 1.2"), or
     *     mime4j finds the structure broken ("broken MIME structure: ...")
     */
    public <E extends Exception> void advanceTo(MimeNode<?> node, EntityState wanted, MimeFailure<E> failure)
        throws IOException, E {
        try {
            advance(node, wanted, failure);
        } catch (MimeException e) {
            throw failure.create("broken MIME structure: " + e.getMessage(), e);
        }
    }

    private <E extends Exception> void advance(MimeNode<?> node, EntityState wanted, MimeFailure<E> failure)
        throws IOException, MimeException, E {
        while (true) {
            EntityState state = stream.getState();
            if (state == EntityState.T_END_HEADER) {
                seen++;
            }
            if (seen == node.id() && state == wanted) {
                return;
            }
            if (seen > node.id() || stream.next() == EntityState.T_END_OF_STREAM) {
                throw failure.create("message changed between passes at " + node.path(), null);
            }
        }
    }

    /** The current body as sent. */
    public InputStream body() {
        return stream.getInputStream();
    }

    /** The current body without its transfer encoding. */
    public InputStream decodedBody() {
        return stream.getDecodedInputStream();
    }
}
