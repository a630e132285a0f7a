package org.bordertransport.cli.common;

/**
 * The root command: gives the commands below it what they run with ({@code --conf} before the command name already
 * applied), so that no command needs to know the launcher.
 */
public interface ContextSource {
    Context context();
}
