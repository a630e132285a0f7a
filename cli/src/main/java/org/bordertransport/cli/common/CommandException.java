package org.bordertransport.cli.common;

/**
 * A command cannot do its work (bad configuration, unreadable file): the launcher prints the message and exits
 * with {@link Exit#ERROR}.
 */
public final class CommandException extends Exception {
    private static final long serialVersionUID = 1L;

    public CommandException(String message) {
        super(message);
    }

    public CommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
