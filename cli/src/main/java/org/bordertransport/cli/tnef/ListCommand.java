package org.bordertransport.cli.tnef;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bordertransport.cli.common.CommandException;
import org.bordertransport.cli.common.Context;
import org.bordertransport.cli.common.Exit;
import org.bordertransport.cli.common.Json;
import org.bordertransport.cli.common.LeafCommand;
import org.bordertransport.cli.common.UsageException;
import org.bordertransport.core.tnef.TnefAttachment;
import org.bordertransport.core.tnef.TnefContent;
import org.bordertransport.core.tnef.TnefException;
import org.bordertransport.core.tnef.TnefMessage;

import picocli.CommandLine.Command;

/** {@code border tnef list FILE}: what a TNEF file holds, as one JSON object. */
@Command(name = "list")
final class ListCommand extends LeafCommand {
    ListCommand() {
        super("list the bodies and attachments of a TNEF file", "FILE|-",
            "Reads FILE ('-' for standard input) and prints one JSON object on one line:\n"
                + "  {\"messageClass\":\"IPM.Note\"|null,\"subject\":...|null,\"codePage\":1252,\n"
                + "   \"bodies\":[{\"type\":\"text\",\"size\":N,\"charset\":\"UTF-8\"},\n"
                + "             {\"type\":\"html\",\"size\":N,\"charset\":\"windows-1252\"},\n"
                + "             {\"type\":\"rtf\",\"size\":N|null,\"compressedSize\":N}],\n"
                + "   \"warnings\":[...],\n"
                + "   \"attachments\":[{\"name\":...,\"size\":N,\"sha256\":HEX|null,\"mimeType\":...|null,\n"
                + "                    \"contentId\":...|null,\"method\":1,\"embedded\":LISTING|null}]}\n"
                + "Only the bodies present are listed; sizes are in bytes as 'tnef decode' writes them (text in\n"
                + "UTF-8, HTML as stored, RTF decompressed: null when it cannot be). mimeType is PR_ATTACH_MIME_TAG,\n"
                + "method PR_ATTACH_METHOD (1 by value, 5 embedded message, 6 OLE); an embedded message is listed\n"
                + "recursively in 'embedded', with the same fields. Warnings: checksum mismatches, trailing data,\n"
                + "bodies that cannot be decoded.\n\n"
                + "Exit status: 0 listed; 1 the file is not TNEF or is broken: nothing on standard output and\n"
                + "  {\"error\":\"NOT_TNEF|TRUNCATED|MALFORMED|CHECKSUM|LIMIT\",\"message\":...}\n"
                + "on standard error; 2 usage or I/O error.\n");
    }

    @Override
    protected int execute(Context context) throws UsageException, CommandException, IOException {
        String file = TnefFiles.file(positionals());
        try (TnefMessage message = TnefFiles.read(context, file)) {
            context.out().println(listing(message));
            return Exit.OK;
        } catch (TnefException e) {
            return TnefFiles.rejected(context, e);
        }
    }

    static Json listing(TnefMessage message) throws IOException {
        List<Body> bodies = Body.of(message);
        List<Json> bodyJson = new ArrayList<>();
        List<String> warnings = new ArrayList<>(message.warnings());
        for (Body body : bodies) {
            bodyJson.add(body.json());
            warnings.addAll(body.warnings());
        }
        List<Json> attachments = new ArrayList<>();
        for (TnefAttachment attachment : message.attachments()) {
            Optional<TnefContent> content = attachment.content();
            Optional<TnefMessage> embedded = attachment.embeddedMessage();
            attachments.add(Json.object()
                .put("name", attachment.name())
                .put("size", attachment.size())
                .put("sha256", content.isPresent() ? content.get().sha256Hex() : null)
                .put("mimeType", attachment.mimeTag().orElse(null))
                .put("contentId", attachment.contentId().orElse(null))
                .put("method", attachment.method())
                .put("embedded", embedded.isPresent() ? listing(embedded.get()) : null));
        }
        return Json.object()
            .put("messageClass", message.messageClass().orElse(null))
            .put("subject", message.subject().orElse(null))
            .put("codePage", message.codePage())
            .put("bodies", bodyJson)
            .put("warnings", warnings)
            .put("attachments", attachments);
    }
}
