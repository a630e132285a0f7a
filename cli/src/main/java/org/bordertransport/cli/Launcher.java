package org.bordertransport.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bordertransport.cli.common.Context;
import org.bordertransport.cli.common.Described;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Configures picocli to parse as {@code bin/border} always has: no {@code @file} expansion, no clustered short
 * options, an option's value may look like an option, and the help of every command is its own text
 * ({@link Described#help}). Errors are reported by {@link ErrorReports}.
 */
final class Launcher {
    private static final String HELP_SECTION = "border";

    private Launcher() {
    }

    static int run(CommandLine line, Context context, List<String> args) {
        PrintWriter out = new PrintWriter(context.out());
        PrintWriter err = new PrintWriter(context.err());
        ErrorReports errors = new ErrorReports(context.err(), args);
        line.setOut(out)
            .setErr(err)
            .setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF))
            .setExpandAtFiles(false)
            .setPosixClusteredShortOptionsAllowed(false)
            .setAllowOptionsAsOptionParameters(true)
            .setOverwrittenOptionsAllowed(true)
            .setParameterExceptionHandler(errors)
            .setExecutionExceptionHandler(errors)
            .setExecutionStrategy(new StrictParsing(args));
        useOwnHelp(line);
        try {
            return line.execute(args.toArray(new String[0]));
        } finally {
            out.flush();
            err.flush();
            context.out().flush();
        }
    }

    private static void useOwnHelp(CommandLine line) {
        Map<String, IHelpSectionRenderer> sections = new HashMap<>();
        sections.put(HELP_SECTION, help -> text(help.commandSpec()));
        line.setHelpSectionKeys(List.of(HELP_SECTION));
        line.setHelpSectionMap(sections);
        for (CommandLine sub : line.getSubcommands().values()) {
            useOwnHelp(sub);
        }
    }

    private static String text(CommandSpec spec) {
        if (spec.userObject() instanceof Described) {
            return ((Described) spec.userObject()).help(spec.qualifiedName());
        }
        // the hidden help word
        return "Usage: " + spec.qualifiedName() + "\n\nPrints the help of '" + spec.parent().qualifiedName() + "'.\n";
    }
}
