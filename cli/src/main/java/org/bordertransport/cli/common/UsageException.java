package org.bordertransport.cli.common;

import java.util.Optional;

/** The command line is wrong: the launcher prints the message and a pointer to the help, and exits with 2. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String commandPath;

    public UsageException(String message) {
        this(message, null);
    }

    /** @param commandPath the command whose help to point to ({@code border message-id check}) */
    public UsageException(String message, String commandPath) {
        super(message);
        this.commandPath = commandPath;
    }

    public Optional<String> commandPath() {
        return Optional.ofNullable(commandPath);
    }
}
