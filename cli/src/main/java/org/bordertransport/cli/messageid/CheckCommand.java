package org.bordertransport.cli.messageid;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.bordertransport.cli.common.CommandException;
import org.bordertransport.cli.common.ConfOption;
import org.bordertransport.cli.common.Context;
import org.bordertransport.cli.common.Exit;
import org.bordertransport.cli.common.InputFiles;
import org.bordertransport.cli.common.Json;
import org.bordertransport.cli.common.LeafCommand;
import org.bordertransport.cli.common.UsageException;
import org.bordertransport.cli.config.JamesConfiguration;
import org.bordertransport.cli.mail.RawHeader;
import org.bordertransport.core.mail.HeaderText;
import org.bordertransport.core.messageid.InternalHosts;
import org.bordertransport.core.messageid.MessageIdSyntax;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code border message-id check FILE...}: the Message-ID of each message, as {@code AddMessageId} and
 * {@code HasNoMessageId} judge it, and whether it names an internal host by the {@code ReplaceInternalMessageId}
 * settings.
 */
@Command(name = "check")
final class CheckCommand extends LeafCommand {
    @Mixin
    private ConfOption conf;

    CheckCommand() {
        super("check the Message-ID of messages", "FILE.eml [FILE.eml...]",
            "Reads the header of each FILE ('-' for standard input) and prints one JSON object per line:\n"
                + "  {\"file\":\"a.eml\",\"status\":\"VALID\",\"messageId\":\"<id@host>\",\"internal\":false}\n"
                + "status is one of " + statuses() + ";\n"
                + "messageId is the (first) Message-ID, unfolded, or null when there is none;\n"
                + "internal is true when its right-hand side is an internal host by the parameters of the\n"
                + "ReplaceInternalMessageId mailet in DIR/mailetcontainer.xml (internalSuffixes, internalDomains,\n"
                + "unqualifiedIsInternal).\n\n"
                + "Exit status: 0 every Message-ID is valid and not internal, 1 one is missing, malformed or\n"
                + "internal, 2 usage, configuration or I/O error (a file that cannot be read is reported on\n"
                + "standard error and the others are still checked).\n");
    }

    private static String statuses() {
        StringBuilder out = new StringBuilder();
        for (MessageIdSyntax.Status status : MessageIdSyntax.Status.values()) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(status.name());
        }
        return out.toString();
    }

    @Override
    protected int execute(Context context) throws UsageException, CommandException {
        if (positionals().isEmpty()) {
            throw new UsageException("no file given");
        }
        InternalHosts hosts = PrivacyConfiguration.outbound(JamesConfiguration.in(context.confDir())).internalHosts();
        int status = Exit.OK;
        for (String file : positionals()) {
            RawHeader header;
            try (InputStream in = new BufferedInputStream(InputFiles.open(context, file))) {
                header = RawHeader.read(in);
            } catch (IOException e) {
                context.err().println(Exit.NAME + ": cannot read " + file + ": " + InputFiles.reason(e));
                status = Exit.ERROR;
                continue;
            }
            List<String> values = header.values("Message-ID");
            MessageIdSyntax.Status syntax = MessageIdSyntax.check(values.toArray(new String[0]));
            String messageId = values.isEmpty() ? null : HeaderText.unfold(values.get(0)).trim();
            if (messageId != null && messageId.isEmpty()) {
                messageId = null;
            }
            boolean internal = messageId != null && hosts.isInternalId(messageId);
            context.out().println(Json.object().put("file", file).put("status", syntax.name())
                .put("messageId", messageId).put("internal", internal));
            if ((syntax != MessageIdSyntax.Status.VALID || internal) && status == Exit.OK) {
                status = Exit.FINDINGS;
            }
        }
        return status;
    }
}
