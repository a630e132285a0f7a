package org.bordertransport.cli.ndr;

import java.util.List;

import org.bordertransport.cli.CommandGroup;

/** {@code border ndr}: non-delivery reports and where bounces to rewritten (SRS) addresses go. */
public final class NdrCommands {
    private NdrCommands() {
    }

    public static CommandGroup group() {
        return new CommandGroup("ndr", "classify non-delivery reports and show where SRS bounces go",
            "Non-delivery report tools, with the engine of the NDR mailets: is a message a bounce, which recipients"
                + "\nfailed, and where a bounce to one of our SRS addresses goes (only bounces are sent on).",
            List.of(new ClassifyCommand()));
    }
}
