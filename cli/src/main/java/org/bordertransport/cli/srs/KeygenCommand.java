package org.bordertransport.cli.srs;

import org.bordertransport.cli.common.Context;
import org.bordertransport.cli.common.Exit;
import org.bordertransport.cli.common.LeafCommand;
import org.bordertransport.cli.common.UsageException;
import org.bordertransport.core.srs.SrsSecrets;

import picocli.CommandLine.Command;

/** {@code border srs keygen}: a new random secret line for the SRS secrets file. */
@Command(name = "keygen")
final class KeygenCommand extends LeafCommand {
    KeygenCommand() {
        super("print a new line for the SRS secrets file", "[--help]",
            "Prints a new random secret (24 random bytes in base64, 32 characters) on standard output.\n\n"
                + "Start a secrets file with:\n"
                + "  border srs keygen > conf/" + SrsOptions.DEFAULT_SECRET_FILE + " && chmod 600 conf/"
                + SrsOptions.DEFAULT_SECRET_FILE + "\n"
                + "To rotate, put a new line first and keep the old ones after it: the first line signs new\n"
                + "addresses, every line verifies. Remove an old line once the maximum address age (21 days by\n"
                + "default) has passed since it stopped signing. The file is postsrsd's format: one file can serve\n"
                + "both. Keep it secret.\n");
    }

    @Override
    protected int execute(Context context) throws UsageException {
        if (!positionals().isEmpty()) {
            throw new UsageException("unexpected argument '" + positionals().get(0) + "'");
        }
        context.out().println(SrsSecrets.generate(context.random()));
        return Exit.OK;
    }
}
