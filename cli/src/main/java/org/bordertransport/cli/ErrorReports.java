package org.bordertransport.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.bordertransport.cli.common.CommandException;
import org.bordertransport.cli.common.CommandGroup;
import org.bordertransport.cli.common.Exit;
import org.bordertransport.cli.common.UsageException;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MaxValuesExceededException;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How {@code bin/border} reports errors, on standard error and with exit status 2: a usage error as
 * {@code border: PATH: what is wrong} and {@code Run 'PATH --help' for usage.}; a command that cannot do its work
 * as {@code border: why}; a bug as an internal error with its stack trace. picocli's own parse errors are worded
 * as the CLI always worded them (unknown option, needs a value, takes no value, given twice, unknown command).
 */
final class ErrorReports implements IParameterExceptionHandler, IExecutionExceptionHandler {
    private final PrintStream err;
    private final List<String> args;

    ErrorReports(PrintStream err, List<String> args) {
        this.err = err;
        this.args = args;
    }

    @Override
    public int handleParseException(ParameterException e, String[] ignored) {
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        String path = spec.qualifiedName();
        boolean root = spec.parent() == null;
        boolean group = spec.userObject() instanceof CommandGroup;
        String message;
        if (e instanceof UnmatchedArgumentException) {
            String first = ((UnmatchedArgumentException) e).getUnmatched().get(0);
            if (group && !(root && first.startsWith("-"))) {
                message = "unknown command '" + first + "' for '" + path + "': expected one of "
                    + String.join(", ", ((CommandGroup) spec.userObject()).names());
            } else if (root) {
                message = "unknown option '" + first + "'";
            } else if (first.startsWith("-")) {
                message = "unknown option '" + word(first) + "'";
            } else {
                message = "unexpected argument '" + first + "'";
            }
        } else if (e instanceof MissingParameterException && !args.isEmpty()) {
            String option = args.get(args.size() - 1);
            message = root ? "option '" + option + "' needs a directory" : "option '" + option + "' needs a value";
        } else if (e instanceof OverwrittenOptionException) {
            message = "option '" + typed((OptionSpec) ((OverwrittenOptionException) e).getOverwritten(), 2)
                + "' is given twice";
        } else if (e instanceof MaxValuesExceededException) {
            String arg = flagWithValue(spec);
            // only long options take an inline value: -h=x is an unknown option
            message = arg.startsWith("--") ? "option '" + word(arg) + "' takes no value"
                : "unknown option '" + arg + "'";
        } else {
            message = e.getMessage();
        }
        return usage(root || group ? message : path + ": " + message, path);
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine line, ParseResult parseResult) {
        if (e instanceof UsageException) {
            UsageException usage = (UsageException) e;
            if (usage.commandPath().isPresent()) {
                return usage(usage.getMessage(), usage.commandPath().get());
            }
            String path = line.getCommandSpec().qualifiedName();
            return usage(path + ": " + usage.getMessage(), path);
        }
        if (e instanceof CommandException || e instanceof IOException || e instanceof UncheckedIOException) {
            err.println(Exit.NAME + ": " + e.getMessage());
            return Exit.ERROR;
        }
        err.println(Exit.NAME + ": internal error, please report it: " + e);
        e.printStackTrace(err);
        return Exit.ERROR;
    }

    private int usage(String message, String path) {
        err.println(Exit.NAME + ": " + message);
        err.println("Run '" + path + " --help' for usage.");
        return Exit.ERROR;
    }

    /** An option word as typed, without an inline value ({@code --out=x} is {@code --out}). */
    private static String word(String arg) {
        int equals = arg.indexOf('=');
        return arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
    }

    /** The name the option had at its {@code occurrence}-th use on the command line. */
    private String typed(OptionSpec option, int occurrence) {
        List<String> names = List.of(option.names());
        int seen = 0;
        for (String arg : args) {
            if (names.contains(word(arg)) && ++seen == occurrence) {
                return word(arg);
            }
        }
        return option.longestName();
    }

    /** The first flag given with an inline value ({@code --json=yes}), as typed. */
    private String flagWithValue(CommandSpec spec) {
        List<String> flags = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            if (option.arity().max() == 0) {
                flags.addAll(List.of(option.names()));
            }
        }
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals > 0 && flags.contains(arg.substring(0, equals))) {
                return arg;
            }
        }
        return "?";
    }
}
