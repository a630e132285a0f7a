package org.bordertransport.cli.srs;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.bordertransport.cli.common.CommandException;
import org.bordertransport.cli.common.ConfOption;
import org.bordertransport.cli.common.Context;
import org.bordertransport.cli.common.Exit;
import org.bordertransport.cli.common.Json;
import org.bordertransport.cli.common.LeafCommand;
import org.bordertransport.cli.common.UsageException;
import org.bordertransport.core.srs.SrsException;
import org.bordertransport.core.srs.SrsFormat;
import org.bordertransport.core.srs.SrsForward;
import org.bordertransport.core.srs.SrsOperations;
import org.bordertransport.core.srs.SrsSecrets;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code border srs forward SENDER FORWARDING-ADDRESS}: the envelope sender of a mail from SENDER forwarded by the
 * mailbox FORWARDING-ADDRESS, in the Microsoft 365 shape or as standard SRS0/SRS1.
 */
@Command(name = "forward")
final class ForwardCommand extends LeafCommand {
    @Mixin
    private ConfOption conf;

    @Mixin
    private SrsOptions srs;

    @Option(names = SrsOptions.DOMAIN)
    private String srsDomain;

    ForwardCommand() {
        super("print the envelope sender of a forwarded mail",
            "[--format m365|srs0] [--domain DOMAIN] [OPTIONS] SENDER FORWARDING-ADDRESS",
            "Prints the rewritten envelope sender on standard output, one line:\n"
                + "  m365 (default)  FWD.LOCAL+SRS=hash=TT=SENDER.DOMAIN=SENDER.LOCAL@FWD.DOMAIN, whose hash also\n"
                + "                  covers FORWARDING-ADDRESS; bounces+SRS=hash=TT@FWD.DOMAIN when that local part\n"
                + "                  would pass 64 characters\n"
                + "  srs0            SRS0=HHHH=TT=SENDER.DOMAIN=SENDER.LOCAL@DOMAIN (SRS1=... for an SRS0 or SRS1\n"
                + "                  sender of another forwarder), as postsrsd writes it; DOMAIN is --domain, else\n"
                + "                  the domain of FORWARDING-ADDRESS (which may then be left out)\n"
                + "The null sender ('' or <>), a sender at the rewriting domain and an already rewritten sender are\n"
                + "printed unchanged.\n\n"
                + "Options:\n"
                + "  --format m365|srs0   address format (default m365)\n"
                + "  --domain DOMAIN      srs0 only: the SRS domain written after '@'\n"
                + SrsOptions.HELP_SECRET_FILE
                + SrsOptions.HELP_NOW
                + SrsOptions.HELP_MAX_AGE
                + "                       (srs0: an SRS0/SRS1 sender of ours within it is already rewritten)\n"
                + "  --json               print one JSON line instead of the bare address:\n"
                + "                       {\"address\":...,\"format\":\"m365|srs0\",\"outcome\":OUTCOME,\"rewritten\":true|false,\n"
                + "                        \"sender\":...,\"forwardingAddress\":...|null}\n"
                + "                       OUTCOME: " + outcomes() + "\n\n"
                + SrsOptions.HELP_REFUSED + "\n"
                + "Exit status: 0 printed, 1 refused (MALFORMED), 2 usage, configuration or I/O error.\n");
    }

    private static String outcomes() {
        StringBuilder out = new StringBuilder();
        for (SrsForward.Outcome outcome : SrsForward.Outcome.values()) {
            out.append(out.length() == 0 ? "" : ", ").append(outcome.name());
        }
        return out.toString();
    }

    @Override
    protected int execute(Context context) throws UsageException, CommandException {
        SrsFormat format = srs.format().orElse(SrsFormat.M365);
        List<String> positionals = positionals();
        if (positionals.isEmpty()) {
            throw new UsageException("no sender given");
        }
        if (positionals.size() > 2) {
            throw new UsageException("unexpected argument '" + positionals.get(2) + "'");
        }
        String sender = positionals.get(0);
        Optional<String> forwarder = positionals.size() > 1 ? Optional.of(positionals.get(1)) : Optional.empty();
        Optional<String> domain = Optional.ofNullable(srsDomain);
        if (format == SrsFormat.M365) {
            if (domain.isPresent()) {
                throw new UsageException("'" + SrsOptions.DOMAIN + "' is for --format srs0: the m365 form is written"
                    + " at the domain of FORWARDING-ADDRESS");
            }
            if (forwarder.isEmpty()) {
                throw new UsageException("no forwarding address given: the m365 form needs the mailbox that forwards");
            }
        } else if (domain.isEmpty() && forwarder.isEmpty()) {
            throw new UsageException("no SRS domain: give " + SrsOptions.DOMAIN + " DOMAIN or FORWARDING-ADDRESS");
        }
        Clock clock = srs.clock(context);
        int maxAge = srs.maxAge();
        SrsSecrets secrets = srs.secrets(context);
        SrsForward result;
        try {
            if (format == SrsFormat.M365) {
                result = SrsOperations.forwardM365(secrets, sender, forwarder.get(), Optional.empty(), maxAge, clock);
            } else {
                result = standard(secrets, domain, forwarder, sender, maxAge, clock);
            }
        } catch (SrsException e) {
            return SrsOptions.refused(context, e);
        }
        srs.print(context, result.address(), Json.object()
            .put("address", result.address())
            .put("format", format.word())
            .put("outcome", result.outcome().name())
            .put("rewritten", result.isRewritten())
            .put("sender", sender)
            .put("forwardingAddress", forwarder.orElse(null)));
        return Exit.OK;
    }

    /** The srs0 form at {@code --domain}, else at the domain of the forwarding address. */
    private static SrsForward standard(SrsSecrets secrets, Optional<String> domain, Optional<String> forwarder,
                                       String sender, int maxAge, Clock clock) throws UsageException, SrsException {
        try {
            return SrsOperations.forwardStandard(secrets, domain, forwarder, sender,
                SrsOperations.StandardOptions.maxAge(maxAge), clock);
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid parameter '" + SrsOptions.DOMAIN + "': " + e.getMessage());
        }
    }
}
