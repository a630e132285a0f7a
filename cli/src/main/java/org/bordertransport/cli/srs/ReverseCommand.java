package org.bordertransport.cli.srs;

import java.time.Clock;

import org.bordertransport.cli.common.CommandException;
import org.bordertransport.cli.common.ConfOption;
import org.bordertransport.cli.common.Context;
import org.bordertransport.cli.common.Exit;
import org.bordertransport.cli.common.Json;
import org.bordertransport.cli.common.LeafCommand;
import org.bordertransport.cli.common.UsageException;
import org.bordertransport.core.srs.SrsException;
import org.bordertransport.core.srs.SrsFormat;
import org.bordertransport.core.srs.SrsOperations;
import org.bordertransport.core.srs.SrsOperations.Target;
import org.bordertransport.core.srs.SrsReverse;
import org.bordertransport.core.srs.SrsSecrets;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code border srs reverse ADDRESS}: where a bounce sent to a rewritten address goes, or why it is refused. */
@Command(name = "reverse")
final class ReverseCommand extends LeafCommand {
    @Mixin
    private ConfOption conf;

    @Mixin
    private SrsOptions srs;

    ReverseCommand() {
        super("print where a bounce to a rewritten address goes", "[--format m365|srs0] [OPTIONS] ADDRESS",
            "Verifies ADDRESS (hash under any secret of the file, age) and prints on standard output, one line:\n"
                + "  SRS0, m365 forward form   the original sender\n"
                + "  SRS1                      the SRS0 address at the first forwarder, which reverses it in turn\n"
                + "  bounces+SRS=              ADDRESS itself: it is ours and recent but does not record the sender,\n"
                + "                            so the bounce goes to that bounces mailbox\n\n"
                + "Options:\n"
                + "  --format m365|srs0   address format (default: srs0 when ADDRESS starts with an SRS0 or SRS1 tag,\n"
                + "                       m365 otherwise)\n"
                + SrsOptions.HELP_SECRET_FILE
                + SrsOptions.HELP_NOW
                + SrsOptions.HELP_MAX_AGE
                + "  --json               print one JSON line instead of the bare address:\n"
                + "                       {\"address\":...,\"format\":\"m365|srs0\",\"kind\":\"SRS0|SRS1|FORWARD|BOUNCES\",\n"
                + "                        \"target\":\"" + targets() + "\",\n"
                + "                        \"forwardingAddress\":...|null}   (the forwarding mailbox of the m365 form)\n\n"
                + SrsOptions.HELP_REFUSED
                + "NOT_SRS: not in the format; BAD_HASH: forged, altered, or signed by a secret no longer in the file;\n"
                + "EXPIRED: authentic but older than --max-age days; MALFORMED: not an address, or a part is missing.\n\n"
                + "Exit status: 0 printed, 1 refused, 2 usage, configuration or I/O error.\n");
    }

    private static String targets() {
        StringBuilder out = new StringBuilder();
        for (Target target : Target.values()) {
            out.append(out.length() == 0 ? "" : "|").append(target.name());
        }
        return out.toString();
    }

    @Override
    protected int execute(Context context) throws UsageException, CommandException {
        if (positionals().isEmpty()) {
            throw new UsageException("no address given");
        }
        if (positionals().size() > 1) {
            throw new UsageException("unexpected argument '" + positionals().get(1) + "'");
        }
        String address = positionals().get(0);
        SrsFormat format = srs.format().orElse(SrsFormat.ofAddress(address));
        Clock clock = srs.clock(context);
        int maxAge = srs.maxAge();
        SrsSecrets secrets = srs.secrets(context);
        SrsReverse result;
        try {
            result = SrsOperations.reverse(secrets, format, address, maxAge, clock);
        } catch (SrsException e) {
            return SrsOptions.refused(context, e);
        }
        String recipient = result.bounceRecipient().orElse(address);
        srs.print(context, recipient, Json.object()
            .put("address", recipient)
            .put("format", format.word())
            .put("kind", result.kind().name())
            .put("target", SrsOperations.target(result.kind()).name())
            .put("forwardingAddress", result.forwardingAddress().orElse(null)));
        return Exit.OK;
    }

}
