package org.bordertransport.cli.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.bordertransport.cli.common.CommandException;
import org.bordertransport.cli.common.Context;
import org.bordertransport.cli.common.Exit;
import org.bordertransport.cli.common.InputFiles;
import org.bordertransport.cli.common.Json;
import org.bordertransport.cli.common.LeafCommand;
import org.bordertransport.cli.common.UsageException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code border import-exchange --remote-domains FILE --mail-contacts FILE [-o OUT] [--force]}: Exchange's remote
 * domains ({@code Get-RemoteDomain}) and mail contacts ({@code Get-MailContact}), exported with {@code Export-Clixml}
 * or {@code Export-Csv}, as a {@code remotedomains.xml} that the mailets' loader has loaded before it is written.
 */
@Command(name = "import-exchange")
public final class ImportExchangeCommand extends LeafCommand {
    static final String REMOTE_DOMAINS = "--remote-domains";
    static final String MAIL_CONTACTS = "--mail-contacts";
    static final String OUTPUT = "--output";
    static final String FORCE = "--force";

    @Option(names = REMOTE_DOMAINS)
    private String remoteDomains;

    @Option(names = MAIL_CONTACTS)
    private String mailContacts;

    @Option(names = {OUTPUT, "-o"})
    private String output;

    @Option(names = FORCE, arity = "0")
    private boolean force;

    public ImportExchangeCommand() {
        super("write remotedomains.xml from Exchange's remote domains and mail contacts",
            "[--remote-domains FILE] [--mail-contacts FILE] [-o OUT] [--force]",
            "Reads what Exchange's PowerShell exports with Export-Clixml or Export-Csv (told apart by the\n"
                + "content; UTF-8, or UTF-16 with a byte order mark):\n"
                + "  --remote-domains FILE   Get-RemoteDomain | Export-Clixml FILE  (or | Export-Csv FILE)\n"
                + "  --mail-contacts FILE    Get-MailContact | Export-Clixml FILE   (or | Export-Csv FILE)\n"
                + "(at least one; '-' is standard input) and writes the equivalent remote-domain file, the\n"
                + "conf/remotedomains.xml format: one <remoteDomain> per remote domain (DomainName * is the\n"
                + "Default), one <recipient> per mail contact whose UseMapiRichTextFormat, UsePreferMessageFormat,\n"
                + "MessageFormat or MessageBodyFormat differ from Exchange's defaults. Settings at Exchange's\n"
                + "default are left out (they are the default here too). The file is loaded with the mailets'\n"
                + "loader first: a file it refuses is not written.\n\n"
                + "Options:\n"
                + "  -o, --output OUT   write there instead of standard output (through a temporary file\n"
                + "                     renamed at the end)\n"
                + "  --force            replace OUT when it exists (without it, an existing OUT is an error)\n\n"
                + "Standard error gets one line per property without an equivalent here (note: at Exchange's\n"
                + "default, nothing is lost; warning: not taken over) and per value that cannot be mapped, then a\n"
                + "summary as one JSON line:\n"
                + "  {\"output\":OUT|\"-\"|null,\"remoteDomains\":N,\"recipients\":N,\"contactsWithoutEntry\":N,\n"
                + "   \"unmapped\":[{\"object\":\"remoteDomain\"|\"recipient\",\"name\":...,"
                + "\"domain\"|\"address\":...,\n"
                + "                \"property\":...,\"value\":...|null,\"exchangeDefault\":true|false|null}],\n"
                + "   \"invalid\":[{\"object\":...,\"name\":...,\"domain\"|\"address\":...,\"property\":...,\n"
                + "               \"value\":...,\"reason\":...}],\n"
                + "   \"ignored\":[PROPERTY,...],\"notes\":[...],\"lost\":N,\"error\":CODE|null,\"message\":...|null}\n"
                + "exchangeDefault: null for a property this import does not know; ignored: directory data\n"
                + "(Identity, Guid, WhenChanged, ...); lost: values not taken over that may matter (unmapped\n"
                + "ones that are not Exchange's default, and invalid ones).\n\n"
                + "Limits per export: " + Exports.MAX_BYTES / (1024 * 1024) + " MiB, " + String.format("%,d",
                Exports.MAX_OBJECTS) + " objects, " + String.format("%,d", Exports.MAX_PROPERTIES)
                + " properties per object, " + Exports.MAX_DEPTH + " levels of nesting.\n\n"
                + "Exit status: 0 written, nothing lost; 1 written but something was lost (lost > 0), or nothing\n"
                + "written because an export cannot be imported (error: NOT_EXPORT, MALFORMED, LIMIT, WRONG_KIND,\n"
                + "DUPLICATE, REFUSED); 2 usage or I/O error, or OUT exists without --force.\n");
    }

    @Override
    protected int execute(Context context) throws UsageException, CommandException {
        if (!positionals().isEmpty()) {
            throw new UsageException("unexpected argument '" + positionals().get(0) + "': give the exports with "
                + REMOTE_DOMAINS + " and " + MAIL_CONTACTS);
        }
        if (remoteDomains == null && mailContacts == null) {
            throw new UsageException("missing " + REMOTE_DOMAINS + " or " + MAIL_CONTACTS);
        }
        if ("-".equals(remoteDomains) && "-".equals(mailContacts)) {
            throw new UsageException("only one export can be read from standard input");
        }
        Path target = output == null || output.equals("-") ? null : Paths.get(output);
        if (target != null && Files.exists(target) && !force) {
            throw new CommandException(target + " exists: give " + FORCE + " to replace it");
        }
        ImportReport report = new ImportReport();
        ExchangeImport result;
        try {
            ExchangeImport.Source domains = remoteDomains == null ? null : read(context, remoteDomains);
            ExchangeImport.Source contacts = mailContacts == null ? null : read(context, mailContacts);
            result = ExchangeImport.run(domains, contacts, target == null ? "remotedomains.xml"
                : target.getFileName().toString(), report);
        } catch (ExportException e) {
            // what was found before the failure is left out: it describes no file
            context.err().println(Exit.NAME + ": nothing written: " + e.getMessage());
            context.err().println(summary(new ImportReport(), null, null).put("error", e.code().name())
                .put("message", e.getMessage()));
            return Exit.FINDINGS;
        }
        byte[] bytes = result.xml().getBytes(StandardCharsets.UTF_8);
        if (target == null) {
            context.out().write(bytes, 0, bytes.length);
            context.out().flush();
            if (context.out().checkError()) {
                throw new CommandException("cannot write to standard output");
            }
        } else {
            write(target, bytes);
        }
        print(context, report);
        context.err().println(summary(report, result, target == null ? "-" : target.toString()).put("error", null)
            .put("message", null));
        return report.lost() == 0 ? Exit.OK : Exit.FINDINGS;
    }

    private static ExchangeImport.Source read(Context context, String file) throws CommandException,
        ExportException {
        String name = file.equals("-") ? "standard input" : file;
        try (InputStream in = InputFiles.open(context, file)) {
            return new ExchangeImport.Source(name, Exports.read(in, name));
        } catch (IOException e) {
            throw new CommandException("cannot read " + name + ": " + InputFiles.reason(e), e);
        }
    }

    private static void print(Context context, ImportReport report) {
        for (String line : report.lines()) {
            context.err().println(Exit.NAME + ": " + line);
        }
    }

    private static Json summary(ImportReport report, ExchangeImport result, String written) {
        List<Object> ignored = new ArrayList<>(report.ignored());
        List<Object> notes = new ArrayList<>(report.notes());
        return Json.object()
            .put("output", written)
            .put("remoteDomains", result == null ? 0 : result.remoteDomains())
            .put("recipients", result == null ? 0 : result.recipients())
            .put("contactsWithoutEntry", result == null ? 0 : result.contactsWithoutEntry())
            .put("unmapped", ImportReport.json(report.unmapped()))
            .put("invalid", ImportReport.json(report.invalid()))
            .put("ignored", ignored)
            .put("notes", notes)
            .put("lost", report.lost());
    }

    /**
     * Writes next to the target and renames, so that the target is never half written; without --force the rename
     * fails if the target appeared meanwhile. A new file is readable by all (James reads it), a replaced one keeps
     * its permissions.
     */
    private void write(Path target, byte[] bytes) throws CommandException {
        Path directory = target.toAbsolutePath().getParent();
        Path temp;
        try {
            temp = Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
        } catch (NoSuchFileException e) {
            throw new CommandException("cannot write " + target + ": no such directory", e);
        } catch (IOException e) {
            throw new CommandException("cannot write " + target + ": " + InputFiles.reason(e), e);
        }
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                out.write(bytes);
            }
            if (Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(temp, Files.exists(target) ? Files.getPosixFilePermissions(target)
                    : PosixFilePermissions.fromString("rw-r--r--"));
            }
            if (force) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(temp, target); // fails when the target exists (a rename would replace it)
            }
        } catch (FileAlreadyExistsException e) {
            throw new CommandException(target + " exists: give " + FORCE + " to replace it", e);
        } catch (IOException e) {
            throw new CommandException("cannot write " + target + ": " + InputFiles.reason(e), e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // nothing more can be done; the failure that matters is already reported
            }
        }
    }
}
