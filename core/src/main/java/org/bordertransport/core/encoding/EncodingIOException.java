package org.bordertransport.core.encoding;

import java.io.IOException;

/**
 * Carries an {@link EncodingException} through the {@link java.io.OutputStream} API of the streams made by
 * {@link TransferEncoder#encoder}; {@link TransferEncoder#encode} unwraps it.
 */
public final class EncodingIOException extends IOException {
    private static final long serialVersionUID = 1L;

    EncodingIOException(EncodingException cause) {
        super(cause.getMessage(), cause);
    }

    @Override
    public synchronized EncodingException getCause() {
        return (EncodingException) super.getCause();
    }
}
