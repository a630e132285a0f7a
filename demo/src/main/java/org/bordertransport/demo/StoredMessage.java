package org.bordertransport.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One message the sink wrote: its number, files and envelope. Immutable. */
public final class StoredMessage {
    private final int number;
    private final Path emlFile;
    private final Path envelopeFile;
    private final String mailFrom;
    private final List<String> rcptTo;
    private final Instant receivedAt;
    private final long size;

    StoredMessage(int number, Path emlFile, Path envelopeFile, String mailFrom, List<String> rcptTo,
                  Instant receivedAt, long size) {
        this.number = number;
        this.emlFile = Objects.requireNonNull(emlFile);
        this.envelopeFile = Objects.requireNonNull(envelopeFile);
        this.mailFrom = Objects.requireNonNull(mailFrom);
        this.rcptTo = List.copyOf(rcptTo);
        this.receivedAt = Objects.requireNonNull(receivedAt);
        this.size = size;
    }

    public int number() {
        return number;
    }

    public Path emlFile() {
        return emlFile;
    }

    public Path envelopeFile() {
        return envelopeFile;
    }

    /** The reverse path without angle brackets; empty for the null sender {@code <>}. */
    public String mailFrom() {
        return mailFrom;
    }

    /** The forward paths without angle brackets, in the order received. */
    public List<String> rcptTo() {
        return rcptTo;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public long size() {
        return size;
    }

    /** The exact message bytes as stored. */
    public byte[] content() throws IOException {
        return Files.readAllBytes(emlFile);
    }

    @Override
    public String toString() {
        return "StoredMessage{" + emlFile.getFileName() + ", " + size + " bytes, " + rcptTo.size() + " rcpt}";
    }
}
