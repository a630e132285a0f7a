package org.bordertransport.cli;

import java.io.IOException;
import java.nio.file.Paths;
import java.util.List;

/**
 * A command that does the work: parses its options, answers {@code --help}, and, when it reads the James
 * configuration, also takes {@code --conf DIR} after its name.
 */
public abstract class LeafCommand implements Command {
    public static final String CONF = "--conf";

    private final String name;
    private final String summary;
    private final String synopsis;
    private final String description;
    private final boolean readsConfiguration;

    /**
     * @param synopsis the arguments after the command name, for the usage line
     * @param description the help text after the usage line (options, output, exit status)
     */
    protected LeafCommand(String name, String summary, String synopsis, String description, boolean readsConfiguration) {
        this.name = name;
        this.summary = summary;
        this.synopsis = synopsis;
        this.description = description;
        this.readsConfiguration = readsConfiguration;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String summary() {
        return summary;
    }

    @Override
    public String help(String path) {
        String usage = "Usage: " + (readsConfiguration ? path.replaceFirst("^" + Border.NAME,
            Border.NAME + " [--conf DIR]") : path) + " " + synopsis + "\n\n"
            + Character.toUpperCase(summary.charAt(0)) + summary.substring(1) + ".\n\n" + description;
        return usage.endsWith("\n") ? usage : usage + "\n";
    }

    /** The options of this command, besides {@code --help} and {@code --conf}. */
    protected abstract Options options();

    protected abstract int execute(Context context, Options.Parsed args) throws UsageException, CommandException, IOException;

    @Override
    public final int run(Context context, String path, List<String> args) throws UsageException, CommandException, IOException {
        Options options = options();
        if (readsConfiguration) {
            options.valued(CONF);
        }
        Options.Parsed parsed;
        try {
            parsed = options.parse(args);
        } catch (UsageException e) {
            throw new UsageException(path + ": " + e.getMessage(), path);
        }
        if (parsed.has(Options.HELP)) {
            context.out().print(help(path));
            return Border.EXIT_OK;
        }
        Context ctx = parsed.value(CONF).map(dir -> context.withConfDir(Paths.get(dir))).orElse(context);
        try {
            return execute(ctx, parsed);
        } catch (UsageException e) {
            throw e.commandPath().isPresent() ? e : new UsageException(path + ": " + e.getMessage(), path);
        }
    }
}
