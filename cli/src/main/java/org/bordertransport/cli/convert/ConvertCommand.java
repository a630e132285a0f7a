package org.bordertransport.cli.convert;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

import org.bordertransport.cli.Border;
import org.bordertransport.cli.CommandException;
import org.bordertransport.cli.Context;
import org.bordertransport.cli.Json;
import org.bordertransport.cli.LeafCommand;
import org.bordertransport.cli.Options;
import org.bordertransport.cli.UsageException;
import org.bordertransport.core.convert.ConversionException;
import org.bordertransport.core.convert.ConversionResult;
import org.bordertransport.core.convert.MessageConverter;
import org.bordertransport.core.policy.RemoteDomain;
import org.bordertransport.core.policy.RemoteDomainPolicy;
import org.bordertransport.core.policy.RemoteDomainPolicyLoader;

/**
 * {@code border convert --domain DOMAIN [--policy FILE] [FILE|-] [-o OUT]}: what a recipient at DOMAIN receives,
 * converted by the same engine and the same {@code remotedomains.xml} as the ConvertForRemoteDomain mailet.
 */
public final class ConvertCommand extends LeafCommand {
    static final String DOMAIN = "--domain";
    static final String POLICY = "--policy";
    static final String OUTPUT = "-o";

    public ConvertCommand() {
        super("convert", "preview what a remote domain receives", "--domain DOMAIN [--policy FILE] [FILE|-] [-o OUT]",
            "Converts the message (FILE, or standard input) as the ConvertForRemoteDomain mailet does for a\n"
                + "recipient at DOMAIN, with the remote domain resolved from remotedomains.xml (--policy, default\n"
                + "CONF/remotedomains.xml), and writes it to standard output or OUT.\n\n"
                + "A summary goes to standard error as one JSON line:\n"
                + "  {\"remoteDomain\":NAME,\"modified\":true|false,\"changes\":\"...\",\"unconverted\":REASON|null}\n\n"
                + "Exit status: 0 converted or nothing to do; 1 the message cannot be converted (it is written\n"
                + "unchanged, as the mailet would deliver it); 2 usage, configuration or I/O error.\n",
            true);
    }

    @Override
    protected Options options() {
        return new Options().valued(DOMAIN).valued(POLICY).valued(OUTPUT);
    }

    @Override
    protected int execute(Context context, Options.Parsed args) throws UsageException, CommandException, IOException {
        String domain = args.value(DOMAIN).orElseThrow(() -> new UsageException("missing " + DOMAIN))
            .trim().toLowerCase(Locale.ROOT);
        if (args.positionals().size() > 1) {
            throw new UsageException("unexpected argument '" + args.positionals().get(1) + "'");
        }
        Path policyFile = args.value(POLICY).map(Paths::get).orElse(context.confDir().resolve("remotedomains.xml"));
        RemoteDomainPolicy policy;
        try {
            policy = RemoteDomainPolicyLoader.load(policyFile);
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage(), e);
        }
        RemoteDomain remoteDomain = policy.resolve(domain);
        String file = args.positionals().isEmpty() ? "-" : args.positionals().get(0);

        Path original = Files.createTempFile("border-convert-in-", ".eml");
        Path converted = Files.createTempFile("border-convert-out-", ".eml");
        try {
            try (InputStream in = Border.open(context, file)) {
                Files.copy(in, original, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            ConversionResult result = null;
            String failure = null;
            try (InputStream in = Files.newInputStream(original);
                 OutputStream out = new BufferedOutputStream(Files.newOutputStream(converted))) {
                result = MessageConverter.withDefaults().convert(in, out, remoteDomain.settings());
            } catch (ConversionException e) {
                failure = e.getMessage();
            }
            boolean modified = result != null && result.modified();
            Path chosen = modified ? converted : original;
            if (args.value(OUTPUT).isPresent()) {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Paths.get(args.value(OUTPUT).get())))) {
                    Files.copy(chosen, out);
                }
            } else {
                Files.copy(chosen, context.out());
                context.out().flush();
            }
            context.err().println(Json.object()
                .put("remoteDomain", remoteDomain.name())
                .put("modified", modified)
                .put("changes", result == null ? "" : String.join("; ", result.changes()))
                .put("unconverted", failure != null ? failure : result.unchangedReason().orElse(null)));
            return failure == null ? Border.EXIT_OK : Border.EXIT_FINDINGS;
        } finally {
            Files.deleteIfExists(original);
            Files.deleteIfExists(converted);
        }
    }
}
