package org.bordertransport.core.convert;

/**
 * A message or part that cannot be converted (too large, too deep, broken). The caller delivers it unconverted,
 * logs the message of this exception and counts it; it never loses the mail.
 */
public class ConversionException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConversionException(String message) {
        super(message);
    }

    public ConversionException(String message, Throwable cause) {
        super(message, cause);
    }
}
