package org.bordertransport.cli.common;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code help} after a group's name ({@code border help}, {@code border srs help}): the group's help on standard
 * output, whatever follows, as {@code --help} prints it. Not listed among the group's commands.
 */
@Command(name = "help", hidden = true)
public final class HelpWord implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    /** Anything after {@code help} is ignored. */
    @Unmatched
    private List<String> ignored;

    @Override
    public Integer call() {
        spec.parent().commandLine().usage(spec.parent().commandLine().getOut());
        return Exit.OK;
    }
}
