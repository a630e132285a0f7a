package org.bordertransport.cli.tnef;

import java.util.Arrays;

import org.bordertransport.cli.CommandGroup;

/** {@code border tnef}: list and decode TNEF ({@code winmail.dat}) files with the reader of the TNEF mailets. */
public final class TnefCommands {
    private TnefCommands() {
    }

    public static CommandGroup group() {
        return new CommandGroup("tnef", "list and decode TNEF (winmail.dat) files",
            "TNEF (application/ms-tnef, winmail.dat) tools, with the TNEF reader of the mailets.",
            Arrays.asList(
                new ListCommand(),
                new DecodeCommand(),
                new ToMimeCommand()
            ));
    }
}
