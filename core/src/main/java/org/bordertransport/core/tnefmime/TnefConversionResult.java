package org.bordertransport.core.tnefmime;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link TnefMimeConverter#convert} did: the changes (short strings for logs, such as
 * {@code "1.2: application/ms-tnef (winmail.dat) -> multipart/mixed (text/html body, 2 attachment(s))"}), how many
 * TNEF parts were decoded and whether one was summary TNEF; or why the message was copied as it was.
 */
public final class TnefConversionResult {
    private final List<String> changes;
    private final Optional<String> unchangedReason;
    private final int tnefParts;
    private final boolean summaryTnef;
    private final long inputOctets;
    private final long outputOctets;
    private final List<String> mislabelled;

    private TnefConversionResult(List<String> changes, Optional<String> unchangedReason, int tnefParts,
                                 boolean summaryTnef, long inputOctets, long outputOctets, List<String> mislabelled) {
        this.mislabelled = List.copyOf(mislabelled);
        this.changes = List.copyOf(changes);
        this.unchangedReason = unchangedReason;
        this.tnefParts = tnefParts;
        this.summaryTnef = summaryTnef;
        this.inputOctets = inputOctets;
        this.outputOctets = outputOctets;
    }

    static TnefConversionResult converted(List<String> changes, int tnefParts, boolean summaryTnef, long inputOctets,
                                          long outputOctets, List<String> mislabelled) {
        return new TnefConversionResult(changes, Optional.empty(), tnefParts, summaryTnef, inputOctets, outputOctets,
            mislabelled);
    }

    static TnefConversionResult unchanged(String reason, long octets, List<String> mislabelled) {
        return new TnefConversionResult(List.of(), Optional.of(Objects.requireNonNull(reason, "reason")), 0, false,
            octets, octets, mislabelled);
    }

    /**
     * Paths of the entities labelled TNEF ({@code application/ms-tnef}, {@code winmail.dat}) that do not start with
     * the TNEF signature: not TNEF, left as they are (such as {@code "2"}, {@code "3/1"} inside the message attached
     * at 3); also when the result is not {@link #modified()}.
     */
    public List<String> mislabelled() {
        return mislabelled;
    }

    /** Whether the output differs from the input; when false the output is the input byte for byte. */
    public boolean modified() {
        return unchangedReason.isEmpty();
    }

    /** The changes, in message order; empty when not {@link #modified()}. */
    public List<String> changes() {
        return changes;
    }

    /** Why the message was copied unchanged ({@code "no TNEF part"}, signed or encrypted content). */
    public Optional<String> unchangedReason() {
        return unchangedReason;
    }

    /** TNEF parts decoded and replaced. */
    public int tnefParts() {
        return tnefParts;
    }

    /** Whether a decoded part was summary TNEF: the whole message body, or sent with a binary transfer encoding. */
    public boolean summaryTnef() {
        return summaryTnef;
    }

    public long inputOctets() {
        return inputOctets;
    }

    public long outputOctets() {
        return outputOctets;
    }

    @Override
    public String toString() {
        return modified() ? "converted " + tnefParts + " TNEF part(s)" + (summaryTnef ? " (summary TNEF)" : "") + ", "
            + inputOctets + " -> " + outputOctets + " octets: " + changes : "unchanged: " + unchangedReason.get();
    }
}
