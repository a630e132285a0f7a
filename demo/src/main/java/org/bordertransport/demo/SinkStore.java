package org.bordertransport.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes received messages as {@code NNNN.eml} + {@code NNNN.envelope.json}. Each file is written to a temporary
 * name first and moved into place, the {@code .eml} before its envelope, so a visible envelope means a complete
 * message.
 */
final class SinkStore {
    private static final Logger LOGGER = LoggerFactory.getLogger(SinkStore.class);
    private static final Pattern NUMBERED = Pattern.compile("(\\d+)\\.eml");

    private final Path directory;
    private final Clock clock;
    private final Consumer<StoredMessage> listener;
    private final List<StoredMessage> stored = new ArrayList<>();
    private int lastNumber;

    SinkStore(Path directory, Clock clock, Consumer<StoredMessage> listener) throws IOException {
        this.directory = directory.toAbsolutePath().normalize();
        this.clock = clock;
        this.listener = listener;
        Files.createDirectories(this.directory);
        this.lastNumber = highestNumber(this.directory);
    }

    Path directory() {
        return directory;
    }

    synchronized List<StoredMessage> stored() {
        return Collections.unmodifiableList(new ArrayList<>(stored));
    }

    /** Stores one message and tells the listener. */
    StoredMessage store(String mailFrom, List<String> rcptTo, byte[] content, int length) throws IOException {
        StoredMessage message = write(mailFrom, rcptTo, content, length);
        try {
            listener.accept(message);
        } catch (RuntimeException e) {
            LOGGER.warn("The sink's listener failed on {}", message.emlFile().getFileName(), e);
        }
        return message;
    }

    /** Numbers are handed out under the lock, so concurrent sessions never collide. */
    private synchronized StoredMessage write(String mailFrom, List<String> rcptTo, byte[] content, int length)
        throws IOException {
        int number = lastNumber + 1;
        String base = String.format(Locale.ROOT, "%04d", number);
        Instant receivedAt = clock.instant();
        Path eml = directory.resolve(base + ".eml");
        Path envelope = directory.resolve(base + ".envelope.json");
        Path emlTemp = directory.resolve("." + base + ".eml.tmp");
        Path envelopeTemp = directory.resolve("." + base + ".envelope.json.tmp");
        try {
            try (var out = Files.newOutputStream(emlTemp)) {
                out.write(content, 0, length);
            }
            Files.write(envelopeTemp, EnvelopeJson.write(mailFrom, rcptTo, receivedAt)
                .getBytes(StandardCharsets.UTF_8));
            move(emlTemp, eml);
            move(envelopeTemp, envelope);
        } finally {
            Files.deleteIfExists(emlTemp);
            Files.deleteIfExists(envelopeTemp);
        }
        lastNumber = number;
        StoredMessage message = new StoredMessage(number, eml, envelope, mailFrom, rcptTo, receivedAt, length);
        stored.add(message);
        return message;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static int highestNumber(Path directory) throws IOException {
        int highest = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.eml")) {
            for (Path file : files) {
                Matcher m = NUMBERED.matcher(file.getFileName().toString());
                if (m.matches() && m.group(1).length() <= 9) {
                    highest = Math.max(highest, Integer.parseInt(m.group(1)));
                }
            }
        }
        return highest;
    }
}
