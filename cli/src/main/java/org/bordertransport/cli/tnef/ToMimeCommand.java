package org.bordertransport.cli.tnef;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.bordertransport.cli.common.CommandException;
import org.bordertransport.cli.common.Context;
import org.bordertransport.cli.common.Exit;
import org.bordertransport.cli.common.InputFiles;
import org.bordertransport.cli.common.Json;
import org.bordertransport.cli.common.LeafCommand;
import org.bordertransport.cli.common.UsageException;
import org.bordertransport.core.encoding.HeaderEncoding;
import org.bordertransport.core.tnef.TnefException;
import org.bordertransport.core.tnef.TnefMessage;
import org.bordertransport.core.tnef.TnefReadOptions;
import org.bordertransport.core.tnef.TnefReader;
import org.bordertransport.core.tnefmime.TnefConversionException;
import org.bordertransport.core.tnefmime.TnefConversionResult;
import org.bordertransport.core.tnefmime.TnefMimeConverter;
import org.bordertransport.core.tnefmime.TnefMimeOptions;
import org.bordertransport.core.tnefmime.TnefMimeWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code border tnef to-mime FILE [-o OUT]}: the MIME message the ConvertTnef mailet makes. FILE is a TNEF file
 * (winmail.dat) or a whole message (.eml) carrying TNEF; the engine is the mailet's.
 */
@Command(name = "to-mime")
final class ToMimeCommand extends LeafCommand {
    static final String OUTPUT = "-o";
    static final String KEEP_RTF = "--keep-rtf";
    private static final byte[] SIGNATURE = {0x78, (byte) 0x9F, 0x3E, 0x22};

    @Option(names = OUTPUT)
    private String output;

    @Option(names = KEEP_RTF, arity = "0")
    private boolean keepRtf;

    ToMimeCommand() {
        super("write a TNEF file or a message with TNEF as MIME", "FILE|- [-o OUT] [--keep-rtf]",
            "Reads FILE ('-' for standard input): a TNEF file (winmail.dat, recognised by its signature) becomes\n"
                + "a MIME message (Subject from the TNEF, MIME-Version, then the decoded body and attachments);\n"
                + "a MIME message (.eml) has each TNEF part replaced, as the ConvertTnef mailet does, its other\n"
                + "headers kept. The result goes to standard output, or OUT. --keep-rtf also attaches the RTF body.\n"
                + "TNEF is told by its content: a renamed part (ATT00001.dat), a winmail.dat uuencoded in a text\n"
                + "body, TNEF inside an attached message are decoded too.\n"
                + "A one-line JSON summary goes to standard error: {\"modified\":true|false,\"changes\":\"...\"},\n"
                + "with \"mislabelled\":[paths] for parts labelled TNEF that are not TNEF (left as they are).\n\n"
                + "Exit status: 0 written; 1 the TNEF cannot be decoded (nothing written, the reason on standard\n"
                + "  error as {\"error\":...,\"message\":...}); 2 usage or I/O error.\n");
    }

    @Override
    protected int execute(Context context) throws UsageException, CommandException, IOException {
        String file = TnefFiles.file(positionals());
        TnefMimeOptions options = TnefMimeOptions.builder().keepRtf(keepRtf).build();
        Path input = Files.createTempFile("border-tnef-in-", ".bin");
        Path output = Files.createTempFile("border-tnef-out-", ".eml");
        try {
            try (InputStream in = InputFiles.open(context, file)) {
                Files.copy(in, input, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new CommandException("cannot read " + file + ": " + InputFiles.reason(e), e);
            }
            String changes;
            boolean modified;
            List<String> mislabelled = List.of();
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(output))) {
                if (isTnef(input)) {
                    changes = writeMessage(input, out, options);
                    modified = true;
                } else {
                    TnefConversionResult result;
                    try (InputStream in = new BufferedInputStream(Files.newInputStream(input))) {
                        result = TnefMimeConverter.of(options).convert(in, out);
                    }
                    modified = result.modified();
                    mislabelled = result.mislabelled();
                    changes = modified ? String.join("; ", result.changes()) : result.unchangedReason().orElse("");
                }
            } catch (TnefException e) {
                return TnefFiles.rejected(context, e);
            } catch (TnefConversionException e) {
                context.err().println(Json.object().put("error", "UNDECODABLE").put("message", e.getMessage()));
                return Exit.FINDINGS;
            }
            if (this.output != null) {
                Files.copy(output, Paths.get(this.output), StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.copy(output, context.out());
                context.out().flush();
            }
            Json summary = Json.object().put("modified", modified).put("changes", changes);
            if (!mislabelled.isEmpty()) {
                summary.put("mislabelled", mislabelled);
            }
            context.err().println(summary);
            return Exit.OK;
        } finally {
            Files.deleteIfExists(input);
            Files.deleteIfExists(output);
        }
    }

    private static boolean isTnef(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return java.util.Arrays.equals(head, SIGNATURE);
        }
    }

    private static String writeMessage(Path input, OutputStream out, TnefMimeOptions options)
        throws IOException, TnefException, TnefConversionException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(input));
             TnefMessage message = TnefReader.read(in, TnefReadOptions.defaults())) {
            String subject = message.subject().map(String::trim).orElse("");
            if (!subject.isEmpty()) {
                String value;
                try {
                    value = HeaderEncoding.encodeUnstructured("Subject", subject, StandardCharsets.UTF_8,
                        HeaderEncoding.WordEncoding.SHORTEST);
                } catch (org.bordertransport.core.encoding.EncodingException e) {
                    throw new TnefConversionException("cannot encode the subject: " + e.getMessage());
                }
                out.write(("Subject: " + value + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.write("MIME-Version: 1.0\r\n".getBytes(StandardCharsets.US_ASCII));
            return "TNEF file -> " + TnefMimeWriter.of(options).write(message, out);
        }
    }
}
