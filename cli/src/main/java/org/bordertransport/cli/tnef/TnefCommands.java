package org.bordertransport.cli.tnef;

import org.bordertransport.cli.common.CommandGroup;
import org.bordertransport.cli.common.HelpWord;

import picocli.CommandLine.Command;

/** {@code border tnef}: list and decode TNEF ({@code winmail.dat}) files with the reader of the TNEF mailets. */
@Command(name = "tnef", subcommands = {ListCommand.class, DecodeCommand.class, ToMimeCommand.class, HelpWord.class})
public final class TnefCommands extends CommandGroup {
    public TnefCommands() {
        super("list and decode TNEF (winmail.dat) files",
            "TNEF (application/ms-tnef, winmail.dat) tools, with the TNEF reader of the mailets.");
    }
}
