package org.bordertransport.core.tnefmime;

/**
 * A message whose TNEF cannot be turned into MIME: a TNEF part the reader refuses (the message names the part path
 * and the reader's reason), broken MIME around it, or a {@link TnefMimeOptions} limit. The caller delivers the
 * original message unchanged and logs this message.
 */
public class TnefConversionException extends Exception {
    private static final long serialVersionUID = 1L;

    public TnefConversionException(String message) {
        super(message);
    }

    public TnefConversionException(String message, Throwable cause) {
        super(message, cause);
    }
}
