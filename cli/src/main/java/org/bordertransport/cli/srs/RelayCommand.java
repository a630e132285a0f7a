package org.bordertransport.cli.srs;

import java.time.Clock;
import java.util.Optional;

import org.bordertransport.cli.Border;
import org.bordertransport.cli.CommandException;
import org.bordertransport.cli.Context;
import org.bordertransport.cli.Json;
import org.bordertransport.cli.LeafCommand;
import org.bordertransport.cli.Options;
import org.bordertransport.cli.UsageException;
import org.bordertransport.cli.config.JamesConfiguration;
import org.bordertransport.core.srs.Microsoft365Srs;
import org.bordertransport.core.srs.SrsException;
import org.bordertransport.core.srs.SrsForward;
import org.bordertransport.core.srs.SrsSecrets;

/**
 * {@code border srs relay SENDER --domain DOMAIN}: the envelope sender of a mail from SENDER relayed through us, in
 * the Microsoft 365 form {@code bounces+SRS=hash=TT@DOMAIN}.
 */
final class RelayCommand extends LeafCommand {
    RelayCommand() {
        super("relay", "print the envelope sender of a relayed mail", "[--domain DOMAIN] [OPTIONS] SENDER",
            "Prints bounces+SRS=hash=TT@DOMAIN on standard output, one line: the Microsoft 365 form for relayed\n"
                + "mail, which does not record SENDER ('border srs reverse' tells whether such an address is ours and\n"
                + "recent). The null sender ('' or <>), a sender at DOMAIN and an already rewritten sender are printed\n"
                + "unchanged.\n\n"
                + "Options:\n"
                + "  --domain DOMAIN      domain of the bounces address (default: <defaultDomain> of\n"
                + "                       CONF/" + JamesConfiguration.DOMAIN_LIST + ")\n"
                + "  --format m365        the only format with a relay form (srs0 has none)\n"
                + SrsOptions.HELP_SECRET_FILE
                + SrsOptions.HELP_NOW
                + "  --max-age DAYS       accepted for symmetry with forward and reverse; relay does not use it\n"
                + "  --json               print one JSON line instead of the bare address:\n"
                + "                       {\"address\":...,\"format\":\"m365\",\"outcome\":\"BOUNCES|NULL_SENDER|ALREADY_REWRITTEN|\n"
                + "                        SAME_DOMAIN\",\"rewritten\":true|false,\"sender\":...,\"domain\":...}\n\n"
                + SrsOptions.HELP_REFUSED + "\n"
                + "Exit status: 0 printed, 1 refused (MALFORMED), 2 usage, configuration or I/O error.\n",
            true);
    }

    @Override
    protected Options options() {
        return SrsOptions.common().valued(SrsOptions.DOMAIN);
    }

    @Override
    protected int execute(Context context, Options.Parsed args) throws UsageException, CommandException {
        if (SrsOptions.format(args).orElse(SrsFormat.M365) != SrsFormat.M365) {
            throw new UsageException("srs0 has no relay form: use 'border srs forward --format srs0'");
        }
        if (args.positionals().isEmpty()) {
            throw new UsageException("no sender given");
        }
        if (args.positionals().size() > 1) {
            throw new UsageException("unexpected argument '" + args.positionals().get(1) + "'");
        }
        String sender = args.positionals().get(0);
        Clock clock = SrsOptions.clock(context, args);
        int maxAge = SrsOptions.maxAge(args);
        String domain = domain(context, args);
        SrsSecrets secrets = SrsOptions.secrets(context, args);
        Microsoft365Srs.Builder builder;
        try {
            builder = Microsoft365Srs.builder(secrets, domain);
        } catch (IllegalArgumentException e) {
            if (args.value(SrsOptions.DOMAIN).isPresent()) {
                throw new UsageException("invalid parameter '" + SrsOptions.DOMAIN + "': " + e.getMessage());
            }
            throw new CommandException("<defaultDomain> of " + context.confDir().resolve(JamesConfiguration.DOMAIN_LIST)
                + ": " + e.getMessage(), e);
        }
        SrsForward result;
        try {
            result = builder.maxAgeDays(maxAge).clock(clock).build().relay(sender);
        } catch (SrsException e) {
            return SrsOptions.refused(context, e);
        }
        SrsOptions.print(context, args, result.address(), Json.object()
            .put("address", result.address())
            .put("format", SrsFormat.M365.word())
            .put("outcome", result.outcome().name())
            .put("rewritten", result.isRewritten())
            .put("sender", sender)
            .put("domain", domain));
        return Border.EXIT_OK;
    }

    private static String domain(Context context, Options.Parsed args) throws UsageException, CommandException {
        Optional<String> domain = args.value(SrsOptions.DOMAIN);
        if (domain.isPresent()) {
            return domain.get();
        }
        JamesConfiguration conf = JamesConfiguration.in(context.confDir());
        return conf.defaultDomain().orElseThrow(() -> new UsageException("no domain: give " + SrsOptions.DOMAIN
            + " DOMAIN (" + conf.dir().resolve(JamesConfiguration.DOMAIN_LIST) + " names no <defaultDomain>)"));
    }
}
