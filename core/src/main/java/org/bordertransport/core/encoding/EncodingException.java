package org.bordertransport.core.encoding;

/**
 * Content or a header value that cannot be encoded or decoded as asked: a character the charset cannot represent, a
 * value over a size limit, a line that cannot be folded, content that is not what its 7bit label promises. The
 * message names the value (shortened) and what is allowed; callers deliver the part unconverted and log it.
 */
public class EncodingException extends Exception {
    private static final long serialVersionUID = 1L;

    public EncodingException(String message) {
        super(message);
    }

    public EncodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
