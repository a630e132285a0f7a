package org.bordertransport.cli.common;

/**
 * The exit status of {@code bin/border}: {@value #OK} success, {@value #FINDINGS} the command ran and found a problem
 * in its input (for instance a malformed Message-ID), {@value #ERROR} usage, configuration or I/O error.
 */
public final class Exit {
    public static final int OK = 0;
    public static final int FINDINGS = 1;
    public static final int ERROR = 2;
    /** The program name, first word of every message on standard error. */
    public static final String NAME = "border";

    private Exit() {
    }
}
