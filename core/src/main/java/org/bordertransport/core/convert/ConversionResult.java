package org.bordertransport.core.convert;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link MessageConverter#convert} did: the changes it applied (short strings for logs, such as
 * {@code "1.2: text/html -> text/plain"}), or why it sent the message as it was.
 */
public final class ConversionResult {
    /** The reason of an unchanged result when the message needed no change at all (most mail). */
    public static final String NOTHING_TO_CONVERT = "nothing to convert";
    private final List<String> changes;
    private final Optional<String> unchangedReason;
    private final int parts;
    private final long inputOctets;
    private final long outputOctets;
    private final int droppedFields;

    private ConversionResult(List<String> changes, Optional<String> unchangedReason, int parts, long inputOctets,
                             long outputOctets, int droppedFields) {
        this.changes = List.copyOf(changes);
        this.unchangedReason = unchangedReason;
        this.parts = parts;
        this.inputOctets = inputOctets;
        this.outputOctets = outputOctets;
        this.droppedFields = droppedFields;
    }

    static ConversionResult converted(List<String> changes, int parts, long inputOctets, long outputOctets) {
        return converted(changes, parts, inputOctets, outputOctets, 0);
    }

    static ConversionResult converted(List<String> changes, int parts, long inputOctets, long outputOctets,
                                      int droppedFields) {
        return new ConversionResult(changes, Optional.empty(), parts, inputOctets, outputOctets, droppedFields);
    }

    static ConversionResult unchanged(String reason, int parts, long octets) {
        return new ConversionResult(List.of(), Optional.of(Objects.requireNonNull(reason)), parts, octets, octets, 0);
    }

    /** Whether the output differs from the input; when false the output is the input byte for byte. */
    public boolean modified() {
        return unchangedReason.isEmpty();
    }

    /** Whether the message was sent as it was because it needed no change (not because a change was not allowed). */
    public boolean needsNothing() {
        return unchangedReason.filter(NOTHING_TO_CONVERT::equals).isPresent();
    }

    /** The changes applied, in message order; empty when not {@link #modified()}. */
    public List<String> changes() {
        return changes;
    }

    /** Why the message was copied unchanged ("signed: multipart/signed", "nothing to convert"). */
    public Optional<String> unchangedReason() {
        return unchangedReason;
    }

    /** Entities (message, multiparts and leaf parts) in the input. */
    public int parts() {
        return parts;
    }

    public long inputOctets() {
        return inputOctets;
    }

    public long outputOctets() {
        return outputOctets;
    }

    /** Header fields with invalid names ({@code Bad Header: x}) left out of a {@link #modified()} output. */
    public int droppedFields() {
        return droppedFields;
    }

    @Override
    public String toString() {
        return modified() ? "converted " + inputOctets + " -> " + outputOctets + " octets: " + changes
            : "unchanged (" + unchangedReason.get() + ")";
    }
}
