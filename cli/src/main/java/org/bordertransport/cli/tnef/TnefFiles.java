package org.bordertransport.cli.tnef;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.bordertransport.cli.common.CommandException;
import org.bordertransport.cli.common.Context;
import org.bordertransport.cli.common.Exit;
import org.bordertransport.cli.common.InputFiles;
import org.bordertransport.cli.common.Json;
import org.bordertransport.cli.common.UsageException;
import org.bordertransport.core.tnef.TnefException;
import org.bordertransport.core.tnef.TnefMessage;
import org.bordertransport.core.tnef.TnefReadOptions;
import org.bordertransport.core.tnef.TnefReader;

/** What the {@code tnef} commands share: their one file argument, the read, and how a rejected file is reported. */
final class TnefFiles {
    private TnefFiles() {
    }

    /** The one FILE argument ({@code -} for standard input). */
    static String file(List<String> positionals) throws UsageException {
        if (positionals.isEmpty()) {
            throw new UsageException("no file given");
        }
        if (positionals.size() > 1) {
            throw new UsageException("unexpected argument '" + positionals.get(1) + "'");
        }
        return positionals.get(0);
    }

    /**
     * Reads the whole file with the default options (checksum mismatches are warnings).
     *
     * @throws CommandException when the file cannot be read
     * @throws TnefException when the reader rejects it
     */
    static TnefMessage read(Context context, String file) throws CommandException, TnefException {
        try (InputStream in = InputFiles.open(context, file)) {
            return TnefReader.read(in, TnefReadOptions.defaults());
        } catch (IOException e) {
            throw new CommandException("cannot read " + file + ": " + InputFiles.reason(e), e);
        }
    }

    /** Prints {@code {"error":REASON,"message":...}} on standard error; returns {@link Exit#FINDINGS}. */
    static int rejected(Context context, TnefException e) {
        context.err().println(Json.object().put("error", e.reason().name()).put("message", e.getMessage()));
        return Exit.FINDINGS;
    }
}
