package org.bordertransport.james;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.mail.MessagingException;

import org.apache.james.metrics.api.Metric;
import org.bordertransport.core.srs.SrsSecrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the SRS secrets ({@code conf/srs-secrets} by default) for the SRS mailets and the SMTP hook: at startup,
 * strictly, and again while James runs when the file changes ({@link #open}); warns at every load while the shipped
 * public sample is in use. Secrets never reach a message or a log.
 */
public final class SrsSecretsFile {
    /** The parameter naming the file, in James's FileSystem notation. */
    public static final String PARAMETER = "secretsFile";
    public static final String DEFAULT_LOCATION = "file://conf/srs-secrets";
    /** Counts the weak (short) secrets found at each load. */
    public static final String SHORT_SECRET_METRIC = "border.srs.secret.short";
    /** The secret of the shipped sample file: public, so it protects nothing. */
    public static final String SAMPLE_SECRET = "PUBLIC-SAMPLE-SRS-SECRET-replace-me-with-bin-border-srs-keygen";
    private static final Logger LOGGER = LoggerFactory.getLogger(SrsSecretsFile.class);

    private SrsSecretsFile() {
    }

    /**
     * Loads the file; every secret postsrsd accepts is accepted, and each one shorter than
     * {@value SrsSecrets#RECOMMENDED_BYTES} bytes is counted on {@code shortSecrets} with a WARN at every start.
     *
     * @param component names the mailet or hook in messages
     * @param shortSecrets counts the weak secrets found ({@value #SHORT_SECRET_METRIC})
     * @throws MessagingException naming the component, the parameter and the location when the file cannot be found
     *     or read, or holds no valid secret
     */
    public static SrsSecrets load(String component, FileResolver resolver, String location, Metric shortSecrets)
        throws MessagingException {
        return load(component, resolve(component, resolver, location), location, shortSecrets);
    }

    /** What a component builds from the secrets (its SRS engines); fails naming the component and the reason. */
    @FunctionalInterface
    public interface Engines<T> {
        T build(SrsSecrets secrets) throws MessagingException;
    }

    /**
     * Loads the secrets as {@link #load} does (same messages and warnings), builds the component's engines from them,
     * and does both again when the file changes, every {@code interval} at most ({@link Duration#ZERO}: never). The
     * INFO line of a reload gives the number of secrets, never one.
     */
    public static <T> ReloadingFile<T> open(String component, FileResolver resolver, String location,
                                            Metric shortSecrets, ReloadContext reload, Duration interval,
                                            Engines<T> engines) throws MessagingException {
        Path path = resolve(component, resolver, location);
        return reload.open(component, location, path, interval, () -> {
            SrsSecrets secrets = load(component, path, location, shortSecrets);
            return ReloadingFile.Loaded.of(engines.build(secrets), secrets.count() + " secret(s)");
        });
    }

    private static Path resolve(String component, FileResolver resolver, String location) throws MessagingException {
        try {
            return resolver.resolve(location);
        } catch (FileNotFoundException e) {
            throw new MessagingException(component + ": Invalid parameter '" + PARAMETER + "': '" + location
                + "' cannot be found; make one with 'bin/border srs keygen > conf/srs-secrets'", e);
        }
    }

    private static SrsSecrets load(String component, Path path, String location, Metric shortSecrets)
        throws MessagingException {
        try {
            SrsSecrets secrets = SrsSecrets.load(path);
            if (Files.readAllLines(path, StandardCharsets.UTF_8).stream().map(String::trim)
                .anyMatch(SAMPLE_SECRET::equals)) {
                LOGGER.warn("{}: '{}' holds the PUBLIC SAMPLE SECRET from the shipped configuration: anybody can "
                    + "forge SRS addresses that this server accepts. Generate one with 'bin/border srs keygen' "
                    + "before going live.", component, location);
            }
            int weak = secrets.shortSecrets();
            if (weak > 0) {
                shortSecrets.add(weak);
                LOGGER.warn("{}: '{}' holds {} secret(s) shorter than {} bytes: accepted, as postsrsd accepts them, "
                    + "but weak; generate one with 'bin/border srs keygen'.", component, location, weak,
                    SrsSecrets.RECOMMENDED_BYTES);
            }
            return secrets;
        } catch (IOException | IllegalArgumentException e) {
            throw new MessagingException(component + ": Invalid parameter '" + PARAMETER + "': '" + location + "': "
                + e.getMessage(), e);
        }
    }
}
