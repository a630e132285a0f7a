package org.bordertransport.cli.ndr;

import org.bordertransport.cli.common.CommandGroup;
import org.bordertransport.cli.common.HelpWord;

import picocli.CommandLine.Command;

/** {@code border ndr}: non-delivery reports and where bounces to rewritten (SRS) addresses go. */
@Command(name = "ndr", subcommands = {ClassifyCommand.class, HelpWord.class})
public final class NdrCommands extends CommandGroup {
    public NdrCommands() {
        super("classify non-delivery reports and show where SRS bounces go",
            "Non-delivery report tools, with the engine of the NDR mailets: is a message a bounce, which recipients"
                + "\nfailed, and where a bounce to one of our SRS addresses goes (only bounces are sent on).");
    }
}
