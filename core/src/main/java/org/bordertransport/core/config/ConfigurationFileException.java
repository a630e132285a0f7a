package org.bordertransport.core.config;

/**
 * A James configuration file that cannot be used: missing, unreadable, not valid XML, or a mailet's parameters that
 * are not valid. The message names the file and the reason, never a secret.
 */
public final class ConfigurationFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean missing;

    public ConfigurationFileException(String message, boolean missing, Throwable cause) {
        super(message, cause);
        this.missing = missing;
    }

    public ConfigurationFileException(String message, Throwable cause) {
        this(message, false, cause);
    }

    /** True when the file does not exist (callers may add a hint where to find it). */
    public boolean isMissing() {
        return missing;
    }
}
