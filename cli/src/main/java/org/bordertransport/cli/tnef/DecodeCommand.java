package org.bordertransport.cli.tnef;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bordertransport.cli.common.CommandException;
import org.bordertransport.cli.common.Context;
import org.bordertransport.cli.common.Exit;
import org.bordertransport.cli.common.InputFiles;
import org.bordertransport.cli.common.Json;
import org.bordertransport.cli.common.LeafCommand;
import org.bordertransport.cli.common.UsageException;
import org.bordertransport.core.tnef.TnefAttachment;
import org.bordertransport.core.tnef.TnefContent;
import org.bordertransport.core.tnef.TnefException;
import org.bordertransport.core.tnef.TnefMessage;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code border tnef decode FILE --out DIR}: the bodies and attachments of a TNEF file as files under DIR, with
 * names made safe by {@link SafeNames} and never overwriting anything ({@link OutputDirectory}).
 */
@Command(name = "decode")
final class DecodeCommand extends LeafCommand {
    static final String OUT = "--out";

    @Option(names = {OUT, "-o"})
    private String dir;

    DecodeCommand() {
        super("write the bodies and attachments of a TNEF file to a directory", "FILE|- --out DIR",
            "Reads FILE ('-' for standard input) and writes under DIR (created if missing):\n"
                + "  body.txt (UTF-8), body.html (as stored), body.rtf (decompressed), for the bodies present;\n"
                + "  each attachment under its name, made safe: last path segment only, no control or\n"
                + "  reserved characters (< > : \" | ? * become _), no leading dots or spaces, Windows device\n"
                + "  names (CON, NUL.txt...) prefixed with _, at most " + SafeNames.MAX_BYTES + " UTF-8 bytes,\n"
                + "  attachment-N if nothing is left;\n"
                + "  each embedded message decoded the same way into a sub-directory named after its attachment.\n"
                + "Nothing is overwritten: a name already taken becomes 'name (2).ext', 'name (3).ext'...\n\n"
                + "Prints one JSON object on one line:\n"
                + "  {\"out\":DIR,\"files\":[{\"path\":\"body.txt\",\"size\":N,\"sha256\":HEX,\"name\":null},\n"
                + "                       {\"path\":\"Forwarded/report.pdf\",\"size\":N,\"sha256\":HEX,\n"
                + "                        \"name\":\"report.pdf\"}],\n"
                + "   \"directories\":[\"Forwarded\"],\"warnings\":[...]}\n"
                + "path is relative to DIR ('/'-separated), name the attachment's own name (null for bodies).\n\n"
                + "Exit status: 0 written; 1 the file is not TNEF or is broken (nothing written, and\n"
                + "  {\"error\":\"NOT_TNEF|TRUNCATED|MALFORMED|CHECKSUM|LIMIT\",\"message\":...} on standard error),\n"
                + "  or the RTF body cannot be decompressed (the rest is written, see warnings); 2 usage or I/O\n"
                + "  error.\n");
    }

    @Override
    protected int execute(Context context) throws UsageException, CommandException, IOException {
        String file = TnefFiles.file(positionals());
        if (dir == null) {
            throw new UsageException("missing " + OUT + " DIR");
        }
        if (dir.isEmpty()) {
            throw new UsageException("empty " + OUT + " directory");
        }
        try (TnefMessage message = TnefFiles.read(context, file)) {
            OutputDirectory out;
            try {
                out = OutputDirectory.create(Paths.get(dir));
            } catch (FileAlreadyExistsException e) {
                throw new CommandException("cannot create " + dir + ": " + e.getFile() + " is not a directory", e);
            } catch (IOException e) {
                throw new CommandException("cannot create " + dir + ": " + InputFiles.reason(e), e);
            }
            Summary summary = new Summary();
            decode(message, out, out.root(), "", summary);
            context.out().println(Json.object()
                .put("out", dir)
                .put("files", summary.files)
                .put("directories", summary.directories)
                .put("warnings", summary.warnings));
            return summary.undecoded ? Exit.FINDINGS : Exit.OK;
        } catch (TnefException e) {
            return TnefFiles.rejected(context, e);
        }
    }

    /** What was written, for the JSON line. */
    private static final class Summary {
        final List<Json> files = new ArrayList<>();
        final List<String> directories = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        boolean undecoded;
    }

    private static void decode(TnefMessage message, OutputDirectory out, Path dir, String where, Summary summary)
        throws IOException, CommandException {
        for (String warning : message.warnings()) {
            summary.warnings.add(where + warning);
        }
        for (Body body : Body.of(message)) {
            for (String warning : body.warnings()) {
                summary.warnings.add(where + warning);
            }
            if (!body.decoded()) {
                summary.undecoded = true;
                continue;
            }
            try (InputStream in = body.open()) {
                written(out, out.write(dir, body.fileName(), in), null, summary);
            }
        }
        for (TnefAttachment attachment : message.attachments()) {
            String name = SafeNames.sanitise(attachment.name(), "attachment-" + attachment.number());
            Optional<TnefMessage> embedded = attachment.embeddedMessage();
            if (embedded.isPresent()) {
                Path sub = out.directory(dir, name);
                String relative = out.relative(sub);
                summary.directories.add(relative);
                decode(embedded.get(), out, sub, relative + ": ", summary);
                continue;
            }
            try (InputStream in = attachment.content().map(TnefContent::openStream)
                .orElseGet(InputStream::nullInputStream)) {
                written(out, out.write(dir, name, in), attachment.name(), summary);
            }
        }
    }

    private static void written(OutputDirectory out, OutputDirectory.Written file, String name, Summary summary) {
        summary.files.add(Json.object()
            .put("path", out.relative(file.path()))
            .put("size", file.size())
            .put("sha256", file.sha256())
            .put("name", name));
    }
}
