package org.bordertransport.cli.common;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A command that does the work: a picocli {@code @Command} whose options are its fields. Its positional arguments
 * are collected as they come and checked by the command, so that its messages name what is wrong. A command that
 * reads the James configuration also takes {@code --conf DIR} after its name ({@code @Mixin ConfOption}).
 */
public abstract class LeafCommand implements Callable<Integer>, Described {
    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, arity = "0")
    private boolean help;

    @Parameters
    private List<String> positionals;

    private final String summary;
    private final String synopsis;
    private final String description;

    /**
     * @param synopsis the arguments after the command name, for the usage line
     * @param description the help text after the usage line (options, output, exit status)
     */
    protected LeafCommand(String summary, String synopsis, String description) {
        this.summary = summary;
        this.synopsis = synopsis;
        this.description = description;
    }

    @Override
    public final String summary() {
        return summary;
    }

    @Override
    public String help(String path) {
        String usage = "Usage: " + (confOption().isPresent() ? path.replaceFirst("^" + Exit.NAME,
            Exit.NAME + " [--conf DIR]") : path) + " " + synopsis + "\n\n"
            + Character.toUpperCase(summary.charAt(0)) + summary.substring(1) + ".\n\n" + description;
        return usage.endsWith("\n") ? usage : usage + "\n";
    }

    @Override
    public final Integer call() throws UsageException, CommandException, IOException {
        Context context = ((ContextSource) spec.root().userObject()).context();
        Optional<ConfOption> conf = confOption();
        return execute(conf.isPresent() ? conf.get().apply(context) : context);
    }

    /** The arguments that are not options, in order ({@code -} included). */
    protected final List<String> positionals() {
        return positionals == null ? List.of() : positionals;
    }

    protected abstract int execute(Context context) throws UsageException, CommandException, IOException;

    private Optional<ConfOption> confOption() {
        for (CommandSpec mixin : spec.mixins().values()) {
            if (mixin.userObject() instanceof ConfOption) {
                return Optional.of((ConfOption) mixin.userObject());
            }
        }
        return Optional.empty();
    }
}
