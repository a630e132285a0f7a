package org.bordertransport.cli.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command made of sub-commands ({@code border message-id check|rewrite|keygen}): a picocli {@code @Command} whose
 * {@code subcommands} are {@link LeafCommand}s or groups. Run without a sub-command it is a usage error.
 */
public abstract class CommandGroup implements Callable<Integer>, Described {
    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, arity = "0")
    private boolean help;

    private final String summary;
    private final String description;

    protected CommandGroup(String summary, String description) {
        this.summary = summary;
        this.description = description;
    }

    @Override
    public final String summary() {
        return summary;
    }

    @Override
    public String help(String path) {
        return "Usage: " + path + " COMMAND [OPTIONS] [ARGS]\n\n"
            + description + "\n\nCommands:\n"
            + listing()
            + "\nRun '" + path + " COMMAND --help' for the options of one command.\n";
    }

    @Override
    public Integer call() throws UsageException {
        String path = spec.qualifiedName();
        throw new UsageException("'" + path + "' needs a command: " + String.join(", ", names()), path);
    }

    protected final CommandSpec spec() {
        return spec;
    }

    /** The names of the sub-commands, in their order (picocli's own {@code help} is not listed). */
    public final List<String> names() {
        List<String> names = new ArrayList<>();
        for (CommandLine sub : spec.subcommands().values()) {
            if (sub.getCommandSpec().userObject() instanceof Described && !names.contains(sub.getCommandName())) {
                names.add(sub.getCommandName());
            }
        }
        return names;
    }

    private String listing() {
        List<String> names = names();
        int width = 0;
        for (String name : names) {
            width = Math.max(width, name.length());
        }
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            out.append("  ").append(name);
            for (int i = name.length(); i < width + 3; i++) {
                out.append(' ');
            }
            Described command = (Described) spec.subcommands().get(name).getCommandSpec().userObject();
            out.append(command.summary()).append('\n');
        }
        return out.toString();
    }
}
