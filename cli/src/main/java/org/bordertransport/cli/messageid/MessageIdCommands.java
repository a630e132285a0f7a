package org.bordertransport.cli.messageid;

import java.util.Arrays;

import org.bordertransport.cli.CommandGroup;

/** {@code border message-id}: check, rewrite and key generation for the Message-ID mailets. */
public final class MessageIdCommands {
    private MessageIdCommands() {
    }

    public static CommandGroup group() {
        return new CommandGroup("message-id", "check Message-IDs, hide or restore internal ones, make keys",
            "Message-ID tools, with the engines and configuration of the AddMessageId, ReplaceInternalMessageId"
                + "\nand RestoreInternalMessageId mailets.",
            Arrays.asList(new CheckCommand(), new RewriteCommand(), new KeygenCommand()));
    }
}
