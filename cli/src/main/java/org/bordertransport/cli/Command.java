package org.bordertransport.cli;

import java.io.IOException;
import java.util.List;

/**
 * One word of the command line ({@code message-id}, {@code check}, ...). A command is either a {@link CommandGroup}
 * of sub-commands or a leaf that does the work. Adding a command means adding one class and listing it in
 * {@link Border#commands()} (or in its group).
 */
public interface Command {
    /** The word that selects this command. */
    String name();

    /** One line for the list of commands. */
    String summary();

    /** The full help text, printed by {@code --help}; {@code path} is the command line up to this command. */
    String help(String path);

    /**
     * @param path the command line up to and including this command, for messages ({@code border message-id check})
     * @param args what follows this command's name
     * @return the exit status
     */
    int run(Context context, String path, List<String> args) throws UsageException, CommandException, IOException;
}
