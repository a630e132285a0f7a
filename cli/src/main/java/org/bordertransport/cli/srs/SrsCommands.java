package org.bordertransport.cli.srs;

import java.util.Arrays;

import org.bordertransport.cli.CommandGroup;

/** {@code border srs}: rewrite envelope senders for forwarding, reverse bounce addresses, make secrets. */
public final class SrsCommands {
    private SrsCommands() {
    }

    public static CommandGroup group() {
        return new CommandGroup("srs", "rewrite senders of forwarded mail (SRS), reverse bounce addresses, make secrets",
            "Sender Rewriting Scheme tools, with the engines of the SRS mailets: the Microsoft 365 shape (m365,\n"
                + "the default) and standard SRS0/SRS1 as postsrsd writes it (srs0). Secrets come from a file with\n"
                + "one secret per line (default CONF/" + SrsOptions.DEFAULT_SECRET_FILE + "): the first signs new"
                + " addresses, every line verifies.",
            Arrays.asList(new ForwardCommand(), new RelayCommand(), new ReverseCommand(), new KeygenCommand()));
    }
}
