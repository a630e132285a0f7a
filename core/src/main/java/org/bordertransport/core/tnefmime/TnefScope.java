package org.bordertransport.core.tnefmime;

import org.bordertransport.core.mime.MimeLimits;
import org.bordertransport.core.mime.MimeNode;
import org.bordertransport.core.mime.MimeTreeReader;

/**
 * Where a message is read: the message itself, or an attached message inside it (at any depth), with what is left
 * of the MIME limits of the whole message: the levels of nesting above an attached message count against
 * {@link TnefMimeOptions#maxDepth()}, the entities before it against {@link TnefMimeOptions#maxParts()}. Also the
 * limits of uuencoded TNEF in text: blocks in one conversion (attached messages included), octets of one block.
 */
final class TnefScope {
    /** uuencoded TNEF blocks in one message, attached messages included. */
    static final int MAX_UU_BLOCKS = 16;
    /** Decoded octets of one uuencoded TNEF block. */
    static final long MAX_UU_BLOCK_OCTETS = 128L * 1024 * 1024;

    private final MimeLimits limits;
    private final MimeTreeReader reader;
    private final String prefix;
    private final int maxDepth;
    private final int[] uuBlocks;
    private final int maxUuBlocks;
    private final long maxUuBlockOctets;

    private TnefScope(MimeLimits limits, String prefix, int maxDepth, int[] uuBlocks, int maxUuBlocks,
                      long maxUuBlockOctets) {
        this.limits = limits;
        this.reader = new MimeTreeReader(limits);
        this.prefix = prefix;
        this.maxDepth = maxDepth;
        this.uuBlocks = uuBlocks;
        this.maxUuBlocks = maxUuBlocks;
        this.maxUuBlockOctets = maxUuBlockOctets;
    }

    /** The scope of a whole message. */
    static TnefScope message(MimeLimits limits, int maxUuBlocks, long maxUuBlockOctets) {
        return new TnefScope(limits, "", limits.maxDepth(), new int[1], maxUuBlocks, maxUuBlockOctets);
    }

    /** The reader for this scope, within what is left of the limits. */
    MimeTreeReader reader() {
        return reader;
    }

    /** Prefix of the paths of this scope: empty for the message, {@code "2/"} inside the message attached at 2. */
    String prefix() {
        return prefix;
    }

    long maxUuBlockOctets() {
        return maxUuBlockOctets;
    }

    /** uuencoded TNEF blocks still allowed; a scan counts one more to tell that the limit is passed. */
    int uuBlocksLeft() {
        return maxUuBlocks - uuBlocks[0];
    }

    /**
     * Counts uuencoded TNEF blocks found by a conversion (never by a detection, which only looks).
     *
     * @throws TnefConversionException past the limit
     */
    void countUuBlocks(int blocks) throws TnefConversionException {
        uuBlocks[0] += blocks;
        if (uuBlocks[0] > maxUuBlocks) {
            throw new TnefConversionException("more than " + maxUuBlocks + " uuencoded TNEF blocks");
        }
    }

    /**
     * The scope of the message attached at {@code node} of this scope.
     *
     * @throws TnefConversionException no level or entity of the limits is left for it
     */
    TnefScope inner(MimeNode<?> node) throws TnefConversionException {
        int ancestors = 0;
        for (MimeNode<?> n = node; n.parent() != null; n = n.parent()) {
            ancestors++;
        }
        int levels = limits.maxDepth() - ancestors - 1;
        if (levels < 1) {
            throw new TnefConversionException("attached message at " + prefix + node.path() + ": MIME nesting deeper"
                + " than " + maxDepth + " levels");
        }
        int entities = limits.maxParts() - node.id() - 1;
        if (entities < 1) {
            throw new TnefConversionException("more than " + limits.maxParts() + " MIME parts");
        }
        MimeLimits inner = limits.toBuilder().maxDepth(levels).maxParts(entities).build();
        return new TnefScope(inner, prefix + node.path() + "/", maxDepth, uuBlocks, maxUuBlocks, maxUuBlockOctets);
    }
}
