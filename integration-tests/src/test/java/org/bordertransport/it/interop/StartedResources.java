package org.bordertransport.it.interop;

import java.util.ArrayDeque;
import java.util.Deque;

/** What a test started (MTAs, taps, fake MXs, James), closed in reverse order after it — every one, even if one fails. */
final class StartedResources implements AutoCloseable {
    private final Deque<AutoCloseable> running = new ArrayDeque<>();

    /** Remembers {@code resource} for {@link #close()}; returns it. */
    <T extends AutoCloseable> T add(T resource) {
        running.push(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
