package org.bordertransport.cli.srs;

import org.bordertransport.cli.common.CommandGroup;
import org.bordertransport.cli.common.HelpWord;

import picocli.CommandLine.Command;

/** {@code border srs}: rewrite envelope senders for forwarding, reverse bounce addresses, make secrets. */
@Command(name = "srs", subcommands = {ForwardCommand.class, RelayCommand.class, ReverseCommand.class,
    KeygenCommand.class, HelpWord.class})
public final class SrsCommands extends CommandGroup {
    public SrsCommands() {
        super("rewrite senders of forwarded mail (SRS), reverse bounce addresses, make secrets",
            "Sender Rewriting Scheme tools, with the engines of the SRS mailets: the Microsoft 365 shape (m365,\n"
                + "the default) and standard SRS0/SRS1 as postsrsd writes it (srs0). Secrets come from a file with\n"
                + "one secret per line (default CONF/" + SrsOptions.DEFAULT_SECRET_FILE + "): the first signs new"
                + " addresses, every line verifies.");
    }
}
