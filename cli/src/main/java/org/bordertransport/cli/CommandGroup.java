package org.bordertransport.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** A command made of sub-commands: {@code border message-id check|rewrite|keygen}. */
public class CommandGroup implements Command {
    private final String name;
    private final String summary;
    private final String description;
    private final List<Command> commands;

    public CommandGroup(String name, String summary, String description, List<Command> commands) {
        this.name = name;
        this.summary = summary;
        this.description = description;
        this.commands = Collections.unmodifiableList(new ArrayList<>(commands));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String summary() {
        return summary;
    }

    public List<Command> commands() {
        return commands;
    }

    @Override
    public String help(String path) {
        StringBuilder out = new StringBuilder();
        out.append("Usage: ").append(path).append(" COMMAND [OPTIONS] [ARGS]\n\n");
        out.append(description).append("\n\nCommands:\n");
        out.append(listing(commands));
        out.append("\nRun '").append(path).append(" COMMAND --help' for the options of one command.\n");
        return out.toString();
    }

    static String listing(List<Command> commands) {
        int width = 0;
        for (Command command : commands) {
            width = Math.max(width, command.name().length());
        }
        StringBuilder out = new StringBuilder();
        for (Command command : commands) {
            out.append("  ").append(command.name());
            for (int i = command.name().length(); i < width + 3; i++) {
                out.append(' ');
            }
            out.append(command.summary()).append('\n');
        }
        return out.toString();
    }

    @Override
    public int run(Context context, String path, List<String> args) throws UsageException, CommandException, IOException {
        if (args.isEmpty()) {
            throw new UsageException("'" + path + "' needs a command: " + names(), path);
        }
        String first = args.get(0);
        if (first.equals("--help") || first.equals("-h") || first.equals("help")) {
            context.out().print(help(path));
            return Border.EXIT_OK;
        }
        Optional<Command> command = find(first);
        if (command.isEmpty()) {
            throw new UsageException("unknown command '" + first + "' for '" + path + "': expected one of " + names(), path);
        }
        return command.get().run(context, path + " " + first, args.subList(1, args.size()));
    }

    private Optional<Command> find(String word) {
        for (Command command : commands) {
            if (command.name().equals(word)) {
                return Optional.of(command);
            }
        }
        return Optional.empty();
    }

    private String names() {
        List<String> names = new ArrayList<>();
        for (Command command : commands) {
            names.add(command.name());
        }
        return String.join(", ", names);
    }
}
