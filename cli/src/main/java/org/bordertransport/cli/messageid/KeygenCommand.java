package org.bordertransport.cli.messageid;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import org.bordertransport.cli.common.Context;
import org.bordertransport.cli.common.Exit;
import org.bordertransport.cli.common.LeafCommand;
import org.bordertransport.cli.common.UsageException;
import org.bordertransport.core.messageid.MessageIdKeys;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code border message-id keygen [--id ID]}: a new random key for the {@code keys} parameter. */
@Command(name = "keygen")
final class KeygenCommand extends LeafCommand {
    static final String ID = "--id";
    private static final DateTimeFormatter DEFAULT_ID = DateTimeFormatter.ofPattern("'k'yyMMdd");

    @Option(names = ID)
    private String id;

    KeygenCommand() {
        super("print a new key for the keys parameter", "[--id ID]",
            "Prints ID:BASE64 (64 random bytes, AES-256-SIV) for the keys parameter of\n"
                + "ReplaceInternalMessageId and RestoreInternalMessageId.\n\n"
                + "Options:\n"
                + "  --id ID    key id, 1-8 lower-case letters or digits (default: k and today's date, yyMMdd)\n\n"
                + "To rotate, put the new key first and keep the old ones after it:\n"
                + "  <keys>k250101:NEW...,k240101:OLD...</keys>\n"
                + "The first key makes new public IDs; all of them restore replies. Keep the keys secret.\n");
    }

    @Override
    protected int execute(Context context) throws UsageException {
        if (!positionals().isEmpty()) {
            throw new UsageException("unexpected argument '" + positionals().get(0) + "'");
        }
        String keyId = id != null ? id : LocalDate.now(context.clock()).format(DEFAULT_ID);
        try {
            context.out().println(MessageIdKeys.generate(keyId, context.random()));
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid parameter '" + ID + "': " + e.getMessage());
        }
        return Exit.OK;
    }
}
