package org.bordertransport.james;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import javax.mail.MessagingException;

import org.apache.james.metrics.api.Metric;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one component (a mailet, a matcher, the SMTP hook) loaded from one configuration file, kept current while
 * James runs. The mail path calls {@link #current()}: a volatile read, plus, at most once per interval and by one
 * thread only, a look at the file's modification time, size and identity. When those changed, the file is read for
 * a SHA-256 digest; when the content differs from the one in use, it is loaded completely with the loader of the
 * startup (same parsing, same checks, same warnings) and swapped in at once. A file that cannot be loaded (invalid,
 * unreadable, deleted) is rejected with one WARN line and one {@code border.reload.rejected} per distinct bad version,
 * and the value in use stays. Other threads never wait for a check: they go on with the value in use.
 *
 * <p>Each component owns its holder (mailets, matchers and hooks may live in different class loaders). Build one
 * with {@link ReloadContext#open}.</p>
 *
 * @param <T> what the file is loaded into (immutable)
 */
public final class ReloadingFile<T> {
    /** A digest is only computed for files up to this size; a larger one goes to the loader, which refuses it. */
    static final long MAX_DIGEST_BYTES = 4L * 1024 * 1024;
    private static final Logger LOGGER = LoggerFactory.getLogger(ReloadingFile.class);

    /** Loads the file completely, as at startup. */
    @FunctionalInterface
    public interface Loader<T> {
        /**
         * @throws MessagingException naming the component, the file and why it cannot be used
         */
        Loaded<T> load() throws MessagingException;
    }

    /** A loaded value and how the INFO line describes it (counts, never a secret). */
    public static final class Loaded<T> {
        private final T value;
        private final String summary;

        private Loaded(T value, String summary) {
            this.value = Objects.requireNonNull(value, "value");
            this.summary = Objects.requireNonNull(summary, "summary");
        }

        public static <T> Loaded<T> of(T value, String summary) {
            return new Loaded<>(value, summary);
        }

        public T value() {
            return value;
        }

        public String summary() {
            return summary;
        }
    }

    private final String component;
    private final String location;
    private final Path path;
    private final long intervalNanos;
    private final LongSupplier ticker;
    private final Metric applied;
    private final Metric rejected;
    private final Loader<T> loader;
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile T value;
    private volatile long nextCheck;
    // only touched by the thread holding 'checking' (or the constructor)
    private Stamp seen;
    private String inUse;
    private String lastRejected;

    ReloadingFile(String component, String location, Path path, long intervalNanos, LongSupplier ticker,
                  Metric applied, Metric rejected, Loader<T> loader) throws MessagingException {
        this.component = component;
        this.location = location;
        this.path = path;
        this.intervalNanos = intervalNanos;
        this.ticker = ticker;
        this.applied = applied;
        this.rejected = rejected;
        this.loader = loader;
        // the stamp and digest before the load: a change made while loading is seen at the first check
        try {
            Stamp stamp = Stamp.of(path);
            String digest = digest(stamp);
            this.seen = stamp;
            this.inUse = digest;
        } catch (IOException e) {
            this.seen = null;
            this.inUse = null;
        }
        // startup stays strict: the loader's exception, as it was before reloading existed
        this.value = loader.load().value();
        this.nextCheck = ticker.getAsLong() + intervalNanos;
    }

    /** The value in use; checks the file first when the interval has passed (one thread, the others do not wait). */
    public T current() {
        if (intervalNanos > 0 && ticker.getAsLong() - nextCheck >= 0 && checking.compareAndSet(false, true)) {
            try {
                check();
            } finally {
                nextCheck = ticker.getAsLong() + intervalNanos;
                checking.set(false);
            }
        }
        return value;
    }

    /** The file this holder watches. */
    public Path path() {
        return path;
    }

    private void check() {
        Stamp stamp;
        try {
            stamp = Stamp.of(path);
        } catch (NoSuchFileException e) {
            unusable("missing", "the file is gone (deleted or renamed)");
            return;
        } catch (IOException e) {
            unusable("unreadable:" + e, "the file cannot be read (" + e + ")");
            return;
        }
        if (!stamp.regularFile) {
            unusable("not-a-file", "it is not a regular file");
            return;
        }
        if (stamp.equals(seen)) {
            return;
        }
        String version;
        try {
            version = digest(stamp);
        } catch (IOException e) {
            unusable("unreadable:" + e, "the file cannot be read (" + e + ")");
            return;
        }
        seen = stamp;
        if (version.equals(inUse)) {
            // touched, or back to the content in use: nothing to load
            lastRejected = null;
            LOGGER.debug("{}: '{}' changed on disk but not in content; nothing to reload", component, location);
            return;
        }
        if (version.equals(lastRejected)) {
            return;
        }
        Loaded<T> loaded;
        try {
            loaded = loader.load();
        } catch (MessagingException e) {
            reject(version, e.getMessage());
            return;
        }
        value = loaded.value();
        inUse = version;
        lastRejected = null;
        applied.increment();
        LOGGER.info("{}: reloaded '{}' ({}): in use from now on", component, location, loaded.summary());
    }

    /** No file to look at: the next look that finds one compares its content again. */
    private void unusable(String version, String reason) {
        seen = null;
        reject(version, reason);
    }

    /** Logged and counted once per distinct bad version, not at every interval while it stays. */
    private void reject(String version, String reason) {
        if (version.equals(lastRejected)) {
            return;
        }
        lastRejected = version;
        rejected.increment();
        LOGGER.warn("{}: changed '{}' rejected, the one loaded before stays in use: {}", component, location, reason);
    }

    /** SHA-256 of the content, or, for a file too large to read here, its stamp (the loader refuses it anyway). */
    private String digest(Stamp stamp) throws IOException {
        if (stamp.size > MAX_DIGEST_BYTES) {
            return "large:" + stamp;
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        byte[] buffer = new byte[8192];
        long total = 0;
        try (InputStream in = Files.newInputStream(path)) {
            for (int n = in.read(buffer); n >= 0 && total <= MAX_DIGEST_BYTES; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
                total += n;
            }
        }
        if (total > MAX_DIGEST_BYTES) {
            return "large:" + stamp;
        }
        StringBuilder hex = new StringBuilder("sha256:");
        for (byte b : sha.digest()) {
            hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return hex.toString();
    }

    /** What a stat tells: modification time, size, the file's identity (a replaced file is another). */
    private static final class Stamp {
        private final long modifiedNanos;
        private final long size;
        private final Object fileKey;
        private final boolean regularFile;

        private Stamp(BasicFileAttributes attributes) {
            this.modifiedNanos = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
            this.size = attributes.size();
            this.fileKey = attributes.fileKey();
            this.regularFile = attributes.isRegularFile();
        }

        static Stamp of(Path path) throws IOException {
            return new Stamp(Files.readAttributes(path, BasicFileAttributes.class));
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Stamp)) {
                return false;
            }
            Stamp that = (Stamp) other;
            return modifiedNanos == that.modifiedNanos && size == that.size && regularFile == that.regularFile
                && Objects.equals(fileKey, that.fileKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(modifiedNanos, size, fileKey, regularFile);
        }

        @Override
        public String toString() {
            return modifiedNanos + "/" + size + "/" + fileKey;
        }
    }
}
