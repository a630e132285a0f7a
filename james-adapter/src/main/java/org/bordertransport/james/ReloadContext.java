package org.bordertransport.james;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.mail.MessagingException;

import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;

/**
 * How a component re-reads its configuration files while James runs: the {@value #PARAMETER} parameter, the
 * {@value #APPLIED_METRIC} and {@value #REJECTED_METRIC} counters and the ticker that times the checks. A component
 * makes one in its constructor (tests give it their own ticker) and opens one {@link ReloadingFile} per file in
 * {@code init()}.
 */
public final class ReloadContext {
    /** The parameter (or matcher condition option) giving the interval between two looks at a file. */
    public static final String PARAMETER = "reloadInterval";
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    public static final Duration MAX_INTERVAL = Duration.ofDays(1);
    /** What the values of {@value #PARAMETER} may be, as messages say it. */
    public static final String ALLOWED = "0 (never reload) or a whole number of seconds, minutes or hours from 1s to "
        + "24h, e.g. 10s, 5m, 1h";
    public static final String APPLIED_METRIC = "border.reload.applied";
    public static final String REJECTED_METRIC = "border.reload.rejected";
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smh])");

    private final Metric applied;
    private final Metric rejected;
    private final LongSupplier ticker;

    private ReloadContext(MetricFactory metricFactory, LongSupplier ticker) {
        this.applied = metricFactory.generate(APPLIED_METRIC);
        this.rejected = metricFactory.generate(REJECTED_METRIC);
        this.ticker = ticker;
    }

    /** Timed by {@link System#nanoTime()}. */
    public static ReloadContext of(MetricFactory metricFactory) {
        return of(metricFactory, System::nanoTime);
    }

    /** @param nanoTicker a monotonic time in nanoseconds (tests move it by hand) */
    public static ReloadContext of(MetricFactory metricFactory, LongSupplier nanoTicker) {
        return new ReloadContext(metricFactory, nanoTicker);
    }

    /**
     * {@value #PARAMETER}: {@code 0} (never), or {@code Ns}, {@code Nm}, {@code Nh} from 1 s to 24 h.
     *
     * @throws IllegalArgumentException naming the value and what is allowed
     */
    public static Duration parseInterval(String value) {
        String trimmed = value.trim().toLowerCase(Locale.ROOT);
        if (trimmed.equals("0")) {
            return Duration.ZERO;
        }
        Matcher matcher = DURATION.matcher(trimmed);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a duration; allowed: " + ALLOWED);
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration;
        switch (matcher.group(2)) {
            case "s":
                duration = Duration.ofSeconds(amount);
                break;
            case "m":
                duration = Duration.ofMinutes(amount);
                break;
            default:
                duration = Duration.ofHours(amount);
                break;
        }
        if (duration.isZero() || duration.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("'" + value + "' is out of range; allowed: " + ALLOWED);
        }
        return duration;
    }

    /** The component's {@value #PARAMETER}, {@link #DEFAULT_INTERVAL} when not given. */
    public static Duration interval(InitParameters parameters) throws MessagingException {
        Optional<String> value = parameters.string(PARAMETER);
        if (value.isEmpty()) {
            return DEFAULT_INTERVAL;
        }
        try {
            return parseInterval(value.get());
        } catch (IllegalArgumentException e) {
            throw parameters.failure("Invalid parameter '" + PARAMETER + "': " + e.getMessage(), e);
        }
    }

    /**
     * Loads the file now (the loader's exception fails the start, as before) and keeps it current.
     *
     * @param component names the mailet, matcher or hook in log lines
     * @param location the file as configured (James FileSystem notation), for log lines
     * @param path the file, resolved once
     * @param interval {@link Duration#ZERO}: loaded once, never looked at again
     */
    public <T> ReloadingFile<T> open(String component, String location, Path path, Duration interval,
                                     ReloadingFile.Loader<T> loader) throws MessagingException {
        return new ReloadingFile<>(component, location, path, interval.toNanos(), ticker, applied, rejected, loader);
    }
}
