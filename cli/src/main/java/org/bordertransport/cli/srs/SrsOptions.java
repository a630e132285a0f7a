package org.bordertransport.cli.srs;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.bordertransport.cli.common.CommandException;
import org.bordertransport.cli.common.Context;
import org.bordertransport.cli.common.Exit;
import org.bordertransport.cli.common.Json;
import org.bordertransport.cli.common.SecretsFiles;
import org.bordertransport.cli.common.UsageException;
import org.bordertransport.core.srs.SrsException;
import org.bordertransport.core.srs.SrsFormat;
import org.bordertransport.core.srs.SrsOperations;
import org.bordertransport.core.srs.SrsSecrets;
import org.bordertransport.core.srs.StandardSrs;

import picocli.CommandLine.Option;

/**
 * The options the {@code srs} commands share (a picocli mixin) ({@code --format}, {@code --secret-file}, {@code --now},
 * {@code --max-age}, {@code --json}), their checks, and the report of an address the engines refuse.
 */
final class SrsOptions {
    static final String FORMAT = "--format";
    static final String SECRET_FILE = "--secret-file";
    static final String DOMAIN = "--domain";
    static final String NOW = "--now";
    static final String MAX_AGE = "--max-age";
    static final String JSON = "--json";
    static final String DEFAULT_SECRET_FILE = "srs-secrets";
    /**
     * The domain the engines are built with when the command does not use one: reversal reads the domain from the
     * address, and the m365 forward form writes the forwarding address's domain. Reserved by RFC 2606.
     */
    static final String UNUSED_DOMAIN = SrsOperations.UNUSED_DOMAIN;

    static final String HELP_SECRET_FILE =
        "  --secret-file FILE   SRS secrets, one per line: the first signs, every line verifies\n"
            + "                       (default CONF/" + DEFAULT_SECRET_FILE + "; make one with 'border srs keygen')\n";
    static final String HELP_NOW =
        "  --now WHEN           evaluate at this date (2026-01-26, start of the day UTC) or instant\n"
            + "                       (2026-01-26T10:00:00Z) instead of the current time\n";
    static final String HELP_MAX_AGE =
        "  --max-age DAYS       days an address stays valid, 1 to " + StandardSrs.MAX_MAX_AGE_DAYS + " (default "
            + StandardSrs.DEFAULT_MAX_AGE_DAYS + ")\n";
    static final String HELP_REFUSED =
        "An address the engine refuses is reported on standard error as one JSON line:\n"
            + "  {\"error\":\"NOT_SRS|BAD_HASH|EXPIRED|MALFORMED\",\"message\":\"...\"}\n";

    @Option(names = FORMAT)
    private String format;

    @Option(names = SECRET_FILE)
    private String secretFile;

    @Option(names = NOW)
    private String now;

    @Option(names = MAX_AGE)
    private String maxAge;

    @Option(names = JSON, arity = "0")
    private boolean json;

    /** {@code --format}, empty when not given. */
    Optional<SrsFormat> format() throws UsageException {
        if (format == null) {
            return Optional.empty();
        }
        Optional<SrsFormat> known = SrsFormat.of(format);
        if (known.isEmpty()) {
            throw new UsageException("invalid parameter '" + FORMAT + "': '" + format
                + "' is not a format: allowed are m365, srs0");
        }
        return known;
    }

    /** The clock of {@code --now}, or the context's. */
    Clock clock(Context context) throws UsageException {
        if (now == null) {
            return context.clock();
        }
        return Clock.fixed(instant(now), ZoneOffset.UTC);
    }

    private static Instant instant(String value) throws UsageException {
        try {
            if (value.indexOf('T') < 0) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new UsageException("invalid parameter '" + NOW + "': '" + value + "' is not an ISO date"
                + " (2026-01-26) or instant (2026-01-26T10:00:00Z)");
        }
    }

    /** {@code --max-age}, checked by the engines' rules, or the default. */
    int maxAge() throws UsageException {
        if (maxAge == null) {
            return StandardSrs.DEFAULT_MAX_AGE_DAYS;
        }
        int days;
        try {
            days = Integer.parseInt(maxAge);
        } catch (NumberFormatException e) {
            days = -1;
        }
        if (days < 1 || days > StandardSrs.MAX_MAX_AGE_DAYS) {
            throw new UsageException("invalid parameter '" + MAX_AGE + "': '" + maxAge
                + "' is not a number of days from 1 to " + StandardSrs.MAX_MAX_AGE_DAYS);
        }
        return days;
    }

    /** Reads {@code --secret-file}, default {@code CONF/srs-secrets}; messages name the file, never a secret. */
    SrsSecrets secrets(Context context) throws CommandException {
        Path file = secretFile != null ? Paths.get(secretFile) : context.confDir().resolve(DEFAULT_SECRET_FILE);
        return SecretsFiles.load(context, file, SECRET_FILE);
    }

    /** Prints the address itself, or with {@code --json} the details. */
    void print(Context context, String address, Json details) {
        context.out().println(json ? details.toString() : address);
    }

    /** Reports a refused address on standard error; returns {@link Exit#FINDINGS}. */
    static int refused(Context context, SrsException e) {
        context.err().println(Json.object().put("error", e.reason().name()).put("message", SrsOperations.detail(e)));
        return Exit.FINDINGS;
    }
}
