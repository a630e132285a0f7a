package org.bordertransport.cli.common;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.bordertransport.core.srs.SrsSecrets;

/**
 * Reads an SRS secrets file for the commands that need one ({@code srs}, {@code ndr classify}) as the mailets read
 * it: every secret postsrsd accepts is accepted, and weak (short) ones are reported on standard error. Messages name
 * the file, never a secret.
 */
public final class SecretsFiles {
    private SecretsFiles() {
    }

    /**
     * @param option the option that names the file, for the hint when it is missing
     * @throws CommandException when the file is missing, unreadable or holds no valid secret
     */
    public static SrsSecrets load(Context context, Path file, String option) throws CommandException {
        SrsSecrets secrets;
        try {
            secrets = SrsSecrets.load(file);
        } catch (NoSuchFileException e) {
            throw new CommandException("cannot read SRS secrets file " + file + ": no such file (make one with"
                + " 'border srs keygen > FILE', or give " + option + " FILE)", e);
        } catch (IOException e) {
            throw new CommandException("cannot read SRS secrets file " + file + ": " + InputFiles.reason(e), e);
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage(), e);
        }
        int weak = secrets.shortSecrets();
        if (weak > 0) {
            context.err().println("border: warning: SRS secrets file '" + file + "' holds " + weak + " secret(s)"
                + " shorter than " + SrsSecrets.RECOMMENDED_BYTES + " bytes: accepted, as postsrsd accepts them, but"
                + " weak; make a new one with 'border srs keygen'");
        }
        return secrets;
    }
}
