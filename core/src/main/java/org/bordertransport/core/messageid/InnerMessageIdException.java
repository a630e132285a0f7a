package org.bordertransport.core.messageid;

/**
 * The Message-IDs inside a message cannot be rewritten: a MIME limit is passed or the structure or an encoded body
 * is broken. The message itself is fine to send as it is (with its top-level header rewritten only).
 */
public final class InnerMessageIdException extends Exception {
    private static final long serialVersionUID = 1L;

    public InnerMessageIdException(String message) {
        super(message);
    }

    public InnerMessageIdException(String message, Throwable cause) {
        super(message, cause);
    }
}
