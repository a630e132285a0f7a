package org.bordertransport.cli.srs;

import java.time.Clock;

import org.bordertransport.cli.common.CommandException;
import org.bordertransport.cli.common.ConfOption;
import org.bordertransport.cli.common.Context;
import org.bordertransport.cli.common.Exit;
import org.bordertransport.cli.common.Json;
import org.bordertransport.cli.common.LeafCommand;
import org.bordertransport.cli.common.UsageException;
import org.bordertransport.cli.config.JamesConfiguration;
import org.bordertransport.core.srs.Microsoft365Srs;
import org.bordertransport.core.srs.SrsException;
import org.bordertransport.core.srs.SrsFormat;
import org.bordertransport.core.srs.SrsForward;
import org.bordertransport.core.srs.SrsSecrets;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code border srs relay SENDER --domain DOMAIN}: the envelope sender of a mail from SENDER relayed through us, in
 * the Microsoft 365 form {@code bounces+SRS=hash=TT@DOMAIN}.
 */
@Command(name = "relay")
final class RelayCommand extends LeafCommand {
    @Mixin
    private ConfOption conf;

    @Mixin
    private SrsOptions srs;

    @Option(names = SrsOptions.DOMAIN)
    private String srsDomain;

    RelayCommand() {
        super("print the envelope sender of a relayed mail", "[--domain DOMAIN] [OPTIONS] SENDER",
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
                + "Exit status: 0 printed, 1 refused (MALFORMED), 2 usage, configuration or I/O error.\n");
    }

    @Override
    protected int execute(Context context) throws UsageException, CommandException {
        if (srs.format().orElse(SrsFormat.M365) != SrsFormat.M365) {
            throw new UsageException("srs0 has no relay form: use 'border srs forward --format srs0'");
        }
        if (positionals().isEmpty()) {
            throw new UsageException("no sender given");
        }
        if (positionals().size() > 1) {
            throw new UsageException("unexpected argument '" + positionals().get(1) + "'");
        }
        String sender = positionals().get(0);
        Clock clock = srs.clock(context);
        int maxAge = srs.maxAge();
        String domain = domain(context);
        SrsSecrets secrets = srs.secrets(context);
        Microsoft365Srs.Builder builder;
        try {
            builder = Microsoft365Srs.builder(secrets, domain);
        } catch (IllegalArgumentException e) {
            if (srsDomain != null) {
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
        srs.print(context, result.address(), Json.object()
            .put("address", result.address())
            .put("format", SrsFormat.M365.word())
            .put("outcome", result.outcome().name())
            .put("rewritten", result.isRewritten())
            .put("sender", sender)
            .put("domain", domain));
        return Exit.OK;
    }

    private String domain(Context context) throws UsageException, CommandException {
        if (srsDomain != null) {
            return srsDomain;
        }
        JamesConfiguration conf = JamesConfiguration.in(context.confDir());
        return conf.defaultDomain().orElseThrow(() -> new UsageException("no domain: give " + SrsOptions.DOMAIN
            + " DOMAIN (" + conf.dir().resolve(JamesConfiguration.DOMAIN_LIST) + " names no <defaultDomain>)"));
    }
}
