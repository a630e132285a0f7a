package org.bordertransport.cli;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bordertransport.cli.common.CommandGroup;
import org.bordertransport.cli.common.LeafCommand;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The checks picocli leaves out, before the last command runs ({@link RunLast}), so that a command line is refused
 * or helped exactly as before: picocli lets {@code --help} win over an unknown option or command anywhere, where a
 * command refused its whole line first and a group only looked at the word after its name; and an option with a
 * value given twice after a command name is refused (picocli is told to allow repeats, so that repeated flags and
 * the root's {@code --conf} pass); only long options take an inline value.
 */
final class StrictParsing implements IExecutionStrategy {
    private static final List<String> HELP = List.of("-h", "--help", "help");

    private final List<String> args;

    StrictParsing(List<String> args) {
        this.args = args;
    }

    @Override
    public int execute(ParseResult parseResult) throws CommandLine.ExecutionException, ParameterException {
        int position = -1;
        for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
            CommandLine line = result.commandSpec().commandLine();
            if (result != parseResult) {
                position = args.subList(position + 1, args.size()).indexOf(line.getCommandName()) + position + 1;
            }
            if (!result.unmatched().isEmpty()) {
                if (result.commandSpec().userObject() instanceof LeafCommand) {
                    throw new UnmatchedArgumentException(line, result.unmatched());
                }
                if (result.commandSpec().userObject() instanceof CommandGroup) {
                    checkWordOrder(line, result == parseResult ? 0 : position + 1);
                }
            }
            if (result != parseResult) {
                refuseRepeatedValues(result);
            }
            if (result.commandSpec().userObject() instanceof LeafCommand) {
                refuseInlineShortValues(line, position + 1);
            }
        }
        return new RunLast().execute(parseResult);
    }

    /** A group dispatched on the first word after its name; the root read its options up to the first word. */
    private void checkWordOrder(CommandLine group, int from) {
        boolean root = from == 0;
        for (int i = from; i < args.size(); i++) {
            String arg = args.get(i);
            if (HELP.contains(arg) || root && arg.equals("--version") || group.getSubcommands().containsKey(arg)) {
                return;
            }
            if (root && arg.equals("--conf")) {
                i++;
            } else if (!root || !arg.startsWith("--conf=")) {
                throw new UnmatchedArgumentException(group, List.of(arg));
            }
        }
    }

    /** Only long options take an inline value ({@code --out=DIR}); {@code -o=DIR} is an unknown option. */
    private void refuseInlineShortValues(CommandLine leaf, int from) {
        boolean optionsEnded = false;
        for (String arg : args.subList(from, args.size())) {
            optionsEnded |= arg.equals("--");
            int equals = arg.indexOf('=');
            if (!optionsEnded && equals == 2 && arg.charAt(0) == '-' && arg.charAt(1) != '-'
                && leaf.getCommandSpec().findOption(arg.substring(0, 2)) != null) {
                throw new UnmatchedArgumentException(leaf, List.of(arg));
            }
        }
    }

    private static void refuseRepeatedValues(ParseResult result) {
        Set<ArgSpec> seen = new HashSet<>();
        for (ArgSpec arg : result.matchedArgs()) {
            if (arg.isOption() && !arg.isMultiValue() && arg.arity().max() > 0 && !seen.add(arg)) {
                throw new OverwrittenOptionException(result.commandSpec().commandLine(), arg, "option given twice");
            }
        }
    }
}
