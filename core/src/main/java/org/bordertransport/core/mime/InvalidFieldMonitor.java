package org.bordertransport.core.mime;

import org.apache.james.mime4j.codec.DecodeMonitor;

/**
 * mime4j's decode monitor of {@link MimeLimits} (strict or silent), except for a header field mime4j cannot read (a
 * name with a space, {@code Bad Header: x}): that field is dropped, and {@code onInvalidField} hears of it, instead of
 * the whole message being refused.
 */
final class InvalidFieldMonitor extends DecodeMonitor {
    /** mime4j's text for {@code MimeEntity.Event.INVALID_HEADER}. */
    static final String INVALID_HEADER = "Invalid header encountered";

    private final DecodeMonitor delegate;
    private final Runnable onInvalidField;

    InvalidFieldMonitor(DecodeMonitor delegate, Runnable onInvalidField) {
        this.delegate = delegate;
        this.onInvalidField = onInvalidField;
    }

    @Override
    public boolean warn(String problem, String handling) {
        if (INVALID_HEADER.equals(problem)) {
            onInvalidField.run();
            return false;
        }
        return delegate.warn(problem, handling);
    }

    @Override
    public boolean isListening() {
        return true;
    }
}
