package org.bordertransport.cli.exchange;

/**
 * An export that cannot be imported: nothing is written. {@link #code()} is the machine-readable reason of the
 * summary, the message says what and where for a person.
 */
final class ExportException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why an export cannot be imported. */
    enum Code {
        /** Neither PowerShell CLIXML nor CSV. */
        NOT_EXPORT,
        /** CLIXML or CSV, but broken. */
        MALFORMED,
        /** Beyond a fixed limit (size, objects, properties, nesting). */
        LIMIT,
        /** Not an export of the expected cmdlet (a Get-MailContact export given as remote domains). */
        WRONG_KIND,
        /** Two remote domains with one DomainName or one Name, two contacts with one address. */
        DUPLICATE,
        /** The generated file is refused by the remote-domain loader. */
        REFUSED
    }

    private final Code code;

    ExportException(Code code, String message) {
        super(message);
        this.code = code;
    }

    ExportException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    Code code() {
        return code;
    }
}
