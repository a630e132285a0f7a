package org.bordertransport.core.tnef;

import java.io.IOException;

/** State shared by a top message and its embedded messages while reading: options, counters, storage. */
final class ReadSession {
    final TnefReadOptions options;
    final TnefLimits limits;
    final SpillStore store;
    private byte[] copyBuffer;
    private int attributes;
    private int attachments;
    private long properties;
    private long memoryUsed;

    ReadSession(TnefReadOptions options) {
        this.options = options;
        this.limits = options.limits();
        this.store = new SpillStore(options.tempDirectory());
    }

    void countAttribute(String where) throws TnefException {
        if (++attributes > limits.maxAttributes()) {
            throw limit(where + "more than maxAttributes " + limits.maxAttributes() + " attributes");
        }
    }

    void countAttachment(String where) throws TnefException {
        if (++attachments > limits.maxAttachments()) {
            throw limit(where + "more than maxAttachments " + limits.maxAttachments() + " attachments");
        }
    }

    void countProperties(AttributeInput a, long n) throws TnefException {
        properties += n;
        if (properties > limits.maxProperties()) {
            throw limit(a.describe() + ": more than maxProperties " + limits.maxProperties() + " MAPI property values");
        }
    }

    static TnefException limit(String message) {
        return new TnefException(TnefException.Reason.LIMIT, message);
    }

    /**
     * The next {@code n} bytes of the attribute, after {@code prefix} (may be null) already read from it: in memory
     * when small and within budget, otherwise appended to the temporary file.
     */
    TnefContent take(AttributeInput a, long n, byte[] prefix, String what) throws IOException, TnefException {
        a.require(n, what);
        int prefixLength = prefix == null ? 0 : prefix.length;
        long total = n + prefixLength;
        if (total == 0) {
            return TnefContent.wrap(new byte[0]);
        }
        if (total <= options.memoryThreshold() && memoryUsed + total <= options.memoryBudget()) {
            byte[] b = new byte[(int) total];
            if (prefixLength > 0) {
                System.arraycopy(prefix, 0, b, 0, prefixLength);
            }
            a.readFully(b, prefixLength, (int) n, what);
            memoryUsed += total;
            return TnefContent.wrap(b);
        }
        long start = store.position();
        if (prefixLength > 0) {
            store.append(prefix, 0, prefixLength);
        }
        if (copyBuffer == null) {
            copyBuffer = new byte[64 * 1024];
        }
        long left = n;
        while (left > 0) {
            int r = a.read(copyBuffer, 0, (int) Math.min(copyBuffer.length, left));
            store.append(copyBuffer, 0, r);
            left -= r;
        }
        return TnefContent.stored(store, start, total);
    }
}
