package org.bordertransport.cli.messageid;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import org.bordertransport.cli.Border;
import org.bordertransport.cli.Context;
import org.bordertransport.cli.LeafCommand;
import org.bordertransport.cli.Options;
import org.bordertransport.cli.UsageException;
import org.bordertransport.core.messageid.MessageIdKeys;

/** {@code border message-id keygen [--id ID]}: a new random key for the {@code keys} parameter. */
final class KeygenCommand extends LeafCommand {
    static final String ID = "--id";
    private static final DateTimeFormatter DEFAULT_ID = DateTimeFormatter.ofPattern("'k'yyMMdd");

    KeygenCommand() {
        super("keygen", "print a new key for the keys parameter", "[--id ID]",
            "Prints ID:BASE64 (64 random bytes, AES-256-SIV) for the keys parameter of\n"
                + "ReplaceInternalMessageId and RestoreInternalMessageId.\n\n"
                + "Options:\n"
                + "  --id ID    key id, 1-8 lower-case letters or digits (default: k and today's date, yyMMdd)\n\n"
                + "To rotate, put the new key first and keep the old ones after it:\n"
                + "  <keys>k250101:NEW...,k240101:OLD...</keys>\n"
                + "The first key makes new public IDs; all of them restore replies. Keep the keys secret.\n",
            false);
    }

    @Override
    protected Options options() {
        return new Options().valued(ID);
    }

    @Override
    protected int execute(Context context, Options.Parsed args) throws UsageException {
        if (!args.positionals().isEmpty()) {
            throw new UsageException("unexpected argument '" + args.positionals().get(0) + "'");
        }
        String id = args.value(ID).orElseGet(() -> LocalDate.now(context.clock()).format(DEFAULT_ID));
        try {
            context.out().println(MessageIdKeys.generate(id, context.random()));
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid parameter '" + ID + "': " + e.getMessage());
        }
        return Border.EXIT_OK;
    }
}
