package org.bordertransport.cli.common;

/** A command's own words: one line for its group's list of commands, and the full text of {@code --help}. */
public interface Described {
    /** One line for the list of commands. */
    String summary();

    /** The full help text, printed by {@code --help}; {@code path} is the command line up to this command. */
    String help(String path);
}
