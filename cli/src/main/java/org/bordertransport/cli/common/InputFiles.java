package org.bordertransport.cli.common;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;

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
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
