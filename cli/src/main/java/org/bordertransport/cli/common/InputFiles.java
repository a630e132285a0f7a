package org.bordertransport.cli.common;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;

import org.bordertransport.core.config.JamesConfigurationFiles;

/** The files named on the command line. */
public final class InputFiles {
    private InputFiles() {
    }

    /** Opens a file named on the command line; {@code -} is standard input (left open by {@code close()}). */
    public static InputStream open(Context context, String file) throws IOException {
        if (file.equals("-")) {
            return new FilterInputStream(context.in()) {
                @Override
                public void close() {
                    // standard input stays open
                }
            };
        }
        return Files.newInputStream(Paths.get(file));
    }

    /** A short reason for an I/O failure on a named file, for messages such as "cannot read x.eml: no such file". */
    public static String reason(IOException e) {
        return JamesConfigurationFiles.reason(e); // the one wording, shared with the configuration reader
    }
}
