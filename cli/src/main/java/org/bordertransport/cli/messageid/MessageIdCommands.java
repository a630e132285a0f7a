package org.bordertransport.cli.messageid;

import org.bordertransport.cli.common.CommandGroup;
import org.bordertransport.cli.common.HelpWord;

import picocli.CommandLine.Command;

/** {@code border message-id}: check, rewrite and key generation for the Message-ID mailets. */
@Command(name = "message-id", subcommands = {CheckCommand.class, RewriteCommand.class, KeygenCommand.class,
    HelpWord.class})
public final class MessageIdCommands extends CommandGroup {
    public MessageIdCommands() {
        super("check Message-IDs, hide or restore internal ones, make keys",
            "Message-ID tools, with the engines and configuration of the AddMessageId, ReplaceInternalMessageId"
                + "\nand RestoreInternalMessageId mailets.");
    }
}
