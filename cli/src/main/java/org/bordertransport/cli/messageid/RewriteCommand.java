package org.bordertransport.cli.messageid;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;

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
import org.bordertransport.core.messageid.MessageIdPrivacySettings;
import org.bordertransport.core.messageid.MessageIdRewriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code border message-id rewrite [--inbound] FILE [-o OUT]}: what {@code ReplaceInternalMessageId} (outbound) or
 * {@code RestoreInternalMessageId} (inbound) would do to a message, done to a file. Only the changed header fields
 * differ from the input; the body is copied byte for byte without being held in memory.
 */
@Command(name = "rewrite")
final class RewriteCommand extends LeafCommand {
    static final String INBOUND = "--inbound";
    static final String OUT = "--output";

    @Mixin
    private ConfOption conf;

    @Option(names = INBOUND, arity = "0")
    private boolean inbound;

    @Option(names = {OUT, "-o"})
    private String output;

    RewriteCommand() {
        super("hide internal Message-IDs of a message, or restore them", "[--inbound] FILE.eml [-o OUT.eml]",
            "Outbound (default): internal Message-IDs in Message-ID, Resent-Message-ID, In-Reply-To and\n"
                + "References become public ones, as the ReplaceInternalMessageId mailet does.\n"
                + "Inbound (--inbound): public IDs made with our keys are restored, as RestoreInternalMessageId does\n"
                + "(its parameters, or the keys and publicDomain of ReplaceInternalMessageId when it is absent).\n\n"
                + "Options:\n"
                + "  --inbound            restore instead of hide\n"
                + "  -o, --output FILE    write there instead of standard output (through a temporary file\n"
                + "                       renamed at the end: FILE may be the input; a replaced FILE keeps its\n"
                + "                       permissions, a new one is readable by its owner only)\n"
                + "FILE may be '-' for standard input. Unchanged header fields and the body are copied byte for\n"
                + "byte. A summary goes to standard error: {\"rewritten\":N,\"oneWay\":N,\"unverified\":N}\n"
                + "(IDs replaced or restored; of those, too long to be restored later; public-looking IDs on our\n"
                + "domain that did not verify and were left alone).\n\n"
                + "Exit status: 0 done, 2 usage, configuration or I/O error.\n");
    }

    @Override
    protected int execute(Context context) throws UsageException, CommandException {
        if (positionals().size() != 1) {
            throw new UsageException(positionals().isEmpty() ? "no file given"
                : "one file at a time, got " + positionals().size());
        }
        String file = positionals().get(0);
        JamesConfiguration conf = JamesConfiguration.in(context.confDir());
        MessageIdPrivacySettings settings = inbound ? PrivacyConfiguration.inbound(conf) : PrivacyConfiguration.outbound(conf);
        if (settings.keys().containsSampleKey()) {
            context.err().println(Exit.NAME + ": warning: " + conf.mailetContainerFile()
                + " uses the public sample key: generate your own with 'border message-id keygen'");
        }
        MessageIdRewriter rewriter = settings.rewriter();
        MessageIdRewriter.Outcome outcome;
        try (InputStream in = new BufferedInputStream(InputFiles.open(context, file))) {
            RawHeader header = RawHeader.read(in);
            outcome = inbound ? rewriter.toInternal(header.fields()) : rewriter.toPublic(header.fields());
            if (output != null) {
                writeFile(Paths.get(output), header, outcome, in, file);
            } else {
                OutputStream out = new BufferedOutputStream(context.out(), 64 * 1024);
                write(out, header, outcome, in, file);
                out.flush();
                if (context.out().checkError()) {
                    throw new CommandException("cannot write to standard output");
                }
            }
        } catch (IOException e) {
            throw new CommandException("cannot read " + file + ": " + InputFiles.reason(e), e);
        }
        context.err().println(Json.object().put("rewritten", outcome.rewritten()).put("oneWay", outcome.oneWay())
            .put("unverified", outcome.unverified()));
        return Exit.OK;
    }

    /** Writes next to the target and renames, so that the target is never half written (and may be the input). */
    private static void writeFile(Path target, RawHeader header, MessageIdRewriter.Outcome outcome, InputStream body,
                                  String file) throws CommandException {
        Path temp;
        try {
            temp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp");
        } catch (NoSuchFileException e) {
            throw new CommandException("cannot write " + target + ": no such directory", e);
        } catch (IOException e) {
            throw new CommandException("cannot write " + target + ": " + InputFiles.reason(e), e);
        }
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 64 * 1024)) {
                write(out, header, outcome, body, file);
            } catch (IOException e) {
                throw new CommandException("cannot write " + target + ": " + InputFiles.reason(e), e);
            }
            try {
                keepPermissions(target, temp);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new CommandException("cannot write " + target + ": " + InputFiles.reason(e), e);
            }
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // nothing more can be done; the failure that matters is already reported
            }
        }
    }

    /** A replaced file keeps its permissions; a new one keeps those of the temporary file (owner only). */
    private static void keepPermissions(Path target, Path temp) throws IOException {
        if (Files.exists(target) && Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
        }
    }

    private static void write(OutputStream out, RawHeader header, MessageIdRewriter.Outcome outcome, InputStream body,
                              String file) throws CommandException {
        try {
            header.writeTo(out, outcome.headers());
            body.transferTo(out);
        } catch (IOException e) {
            throw new CommandException("cannot copy " + file + ": " + InputFiles.reason(e), e);
        }
    }
}
