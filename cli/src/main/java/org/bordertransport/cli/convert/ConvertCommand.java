package org.bordertransport.cli.convert;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

import org.bordertransport.cli.common.CommandException;
import org.bordertransport.cli.common.ConfOption;
import org.bordertransport.cli.common.Context;
import org.bordertransport.cli.common.Exit;
import org.bordertransport.cli.common.InputFiles;
import org.bordertransport.cli.common.Json;
import org.bordertransport.cli.common.LeafCommand;
import org.bordertransport.cli.common.UsageException;
import org.bordertransport.cli.mail.RawHeader;
import org.bordertransport.core.auth.DkimSignatures;
import org.bordertransport.core.convert.ConversionException;
import org.bordertransport.core.convert.ConversionResult;
import org.bordertransport.core.convert.ConversionScope;
import org.bordertransport.core.convert.MessageConverter;
import org.bordertransport.core.policy.RecipientEntry;
import org.bordertransport.core.policy.RecipientResolution;
import org.bordertransport.core.policy.RemoteDomain;
import org.bordertransport.core.policy.RemoteDomainPolicy;
import org.bordertransport.core.policy.RemoteDomainPolicyLoader;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code border convert --domain DOMAIN|--recipient ADDRESS [--policy FILE] [FILE|-] [-o OUT]}: what a recipient at
 * DOMAIN (or the recipient ADDRESS, with its per-recipient entry) receives, converted by the same engine and the same
 * {@code remotedomains.xml} as the ConvertForRemoteDomain mailet.
 */
@Command(name = "convert")
public final class ConvertCommand extends LeafCommand {
    static final String DOMAIN = "--domain";
    static final String RECIPIENT = "--recipient";
    static final String POLICY = "--policy";
    static final String OUTPUT = "-o";
    static final String THIRD_PARTY_DKIM = "--third-party-dkim";

    @Mixin
    private ConfOption conf;

    @Option(names = DOMAIN)
    private String domain;

    @Option(names = RECIPIENT)
    private String recipient;

    @Option(names = POLICY)
    private String policyFile;

    @Option(names = OUTPUT)
    private String output;

    @Option(names = THIRD_PARTY_DKIM)
    private String thirdPartyDkim;

    public ConvertCommand() {
        super("preview what a remote domain receives",
            "--domain DOMAIN|--recipient ADDRESS [--policy FILE] [--third-party-dkim preserve|ignore] [FILE|-] [-o OUT]",
            "Converts the message (FILE, or standard input) as the ConvertForRemoteDomain mailet does for a\n"
                + "recipient at DOMAIN, with the remote domain resolved from remotedomains.xml (--policy, default\n"
                + "CONF/remotedomains.xml), and writes it to standard output or OUT. With --recipient ADDRESS it\n"
                + "converts for that one recipient: its <recipient> entry, if the file has one for the address\n"
                + "(case-insensitive), over the remote domain of its domain.\n\n"
                + "A message carrying a DKIM-Signature gets only the changes its destination cannot do without\n"
                + "(non-MIME text, binary, NUL, lines over 998 octets), as the mailet does with thirdPartyDkim=preserve\n"
                + "for a signature that verifies or cannot be checked: signatures are not verified here. With\n"
                + "--third-party-dkim ignore it is converted in full.\n\n"
                + "A summary goes to standard error as one JSON line:\n"
                + "  {\"remoteDomain\":NAME,\"recipient\":NAME|null,\"modified\":true|false,\"changes\":\"...\",\n"
                + "   \"unconverted\":REASON|null,\"scope\":\"full\"|\"mandatory\"}\n"
                + "(recipient: the name of the <recipient> entry that applied; null with --domain or without one)\n\n"
                + "Exit status: 0 converted or nothing to do; 1 the message cannot be converted (it is written\n"
                + "unchanged, as the mailet would deliver it); 2 usage, configuration or I/O error.\n");
    }

    @Override
    protected int execute(Context context) throws UsageException, CommandException, IOException {
        if (domain == null && recipient == null) {
            throw new UsageException("missing " + DOMAIN + " or " + RECIPIENT);
        }
        if (domain != null && recipient != null) {
            throw new UsageException("give " + DOMAIN + " or " + RECIPIENT + ", not both");
        }
        if (recipient != null && !validRecipient(recipient.trim())) {
            throw new UsageException("invalid " + RECIPIENT + " '" + recipient + "': allowed an address such as "
                + "someone@partner.example.net");
        }
        boolean preserve = thirdPartyDkim == null || thirdPartyDkim.equalsIgnoreCase("preserve");
        if (!preserve && !thirdPartyDkim.equalsIgnoreCase("ignore")) {
            throw new UsageException("invalid " + THIRD_PARTY_DKIM + " '" + thirdPartyDkim
                + "': allowed values are preserve, ignore");
        }
        if (positionals().size() > 1) {
            throw new UsageException("unexpected argument '" + positionals().get(1) + "'");
        }
        Path policyPath = policyFile != null ? Paths.get(policyFile) : context.confDir().resolve("remotedomains.xml");
        RemoteDomainPolicy policy;
        try {
            policy = RemoteDomainPolicyLoader.load(policyPath);
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage(), e);
        }
        RecipientResolution resolution = recipient != null ? policy.resolveRecipient(recipient.trim())
            : policy.resolveDomain(domain.trim().toLowerCase(Locale.ROOT));
        RemoteDomain remoteDomain = resolution.remoteDomain();
        String file = positionals().isEmpty() ? "-" : positionals().get(0);

        Path original = Files.createTempFile("border-convert-in-", ".eml");
        Path converted = Files.createTempFile("border-convert-out-", ".eml");
        try {
            try (InputStream in = InputFiles.open(context, file)) {
                Files.copy(in, original, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            ConversionScope scope = ConversionScope.FULL;
            if (preserve) {
                try (InputStream in = Files.newInputStream(original)) {
                    if (!DkimSignatures.ofValues(RawHeader.read(in).values(DkimSignatures.FIELD)).isEmpty()) {
                        scope = ConversionScope.MANDATORY;
                    }
                }
            }
            ConversionResult result = null;
            String failure = null;
            try (InputStream in = Files.newInputStream(original);
                 OutputStream out = new BufferedOutputStream(Files.newOutputStream(converted))) {
                result = MessageConverter.withDefaults().convert(in, out, resolution.settings(), scope);
            } catch (ConversionException e) {
                failure = e.getMessage();
            }
            boolean modified = result != null && result.modified();
            Path chosen = modified ? converted : original;
            if (output != null) {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Paths.get(output)))) {
                    Files.copy(chosen, out);
                }
            } else {
                Files.copy(chosen, context.out());
                context.out().flush();
            }
            context.err().println(Json.object()
                .put("remoteDomain", remoteDomain.name())
                .put("recipient", resolution.recipient().map(RecipientEntry::name).orElse(null))
                .put("modified", modified)
                .put("changes", result == null ? "" : String.join("; ", result.changes()))
                .put("unconverted", failure != null ? failure : result.unchangedReason().orElse(null))
                .put("scope", scope.name().toLowerCase(Locale.ROOT)));
            return failure == null ? Exit.OK : Exit.FINDINGS;
        } finally {
            Files.deleteIfExists(original);
            Files.deleteIfExists(converted);
        }
    }

    /** {@code local@domain} with something on both sides and no control characters: the policy decides the rest. */
    private static boolean validRecipient(String address) {
        int at = address.lastIndexOf('@');
        return at > 0 && at < address.length() - 1 && address.chars().noneMatch(Character::isISOControl);
    }
}
