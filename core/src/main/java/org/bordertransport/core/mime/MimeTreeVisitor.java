package org.bordertransport.core.mime;

import java.io.IOException;
import java.io.InputStream;

/**
 * What a converter does while {@link MimeTreeReader} reads a message: the data it keeps per entity, what it derives
 * from an entity's header fields, what it learns from a leaf body. Events come in message order.
 *
 * @param <T> the converter's per-entity data
 * @param <E> the converter's exception
 */
public interface MimeTreeVisitor<T, E extends Exception> extends MimeFailure<E> {
    /** The data of a new entity (its header fields are not read yet). */
    T newData();

    /**
     * The header of {@code node} is read and its media type and boundary are known (called for multiparts at their
     * start, for leaves before their body).
     */
    default void entity(MimeNode<T> node) throws E {
    }

    /** {@code node} is signed or encrypted ({@link ProtectedContent#isProtectedType}); called after {@link #entity}. */
    default void protectedEntity(MimeNode<T> node) {
    }

    /**
     * The body of leaf {@code node}, as sent (transfer-encoded); what is not read is skipped.
     *
     * @return whether to read on; false ends the reading, with the tree read so far
     */
    default boolean body(MimeNode<T> node, InputStream raw) throws IOException, E {
        return true;
    }

    /** Whether preambles and epilogues are kept (within {@link MimeLimits#maxPreambleOctets()}); else skipped. */
    /** A header field mime4j cannot read (a name with a space, {@code Bad Header: x}) was dropped from the tree. */
    default void invalidField() {
    }

    default boolean keepsPreambles() {
        return true;
    }
}
