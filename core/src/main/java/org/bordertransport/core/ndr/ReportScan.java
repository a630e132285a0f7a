package org.bordertransport.core.ndr;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.bordertransport.core.mail.HeaderField;

/**
 * What {@link ReportReader} read from a message: the top header, the fields of the machine-readable report part (empty
 * when the message is no report, or the part could not be read), and why reading stopped early, if it did.
 * Immutable.
 */
public final class ReportScan {
    private final List<HeaderField> header;
    private final List<HeaderField> reportFields;
    private final Optional<String> problem;

    private ReportScan(List<HeaderField> header, List<HeaderField> reportFields, Optional<String> problem) {
        this.header = List.copyOf(header);
        this.reportFields = List.copyOf(reportFields);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** @param problem why reading stopped early; empty when everything needed was read */
    public static ReportScan of(List<HeaderField> header, List<HeaderField> reportFields, Optional<String> problem) {
        return new ReportScan(header, reportFields, problem);
    }

    /** The top-level header fields, in order (at most {@link ReportLimits#maxHeaderFields()}). */
    public List<HeaderField> header() {
        return header;
    }

    /** Every field of the report part (per-message and per-recipient groups, in order), or empty. */
    public List<HeaderField> reportFields() {
        return reportFields;
    }

    /** Why the reader stopped before reading the whole report part (malformed MIME, a limit), or empty. */
    public Optional<String> problem() {
        return problem;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ReportScan)) {
            return false;
        }
        ReportScan other = (ReportScan) o;
        return header.equals(other.header) && reportFields.equals(other.reportFields) && problem.equals(other.problem);
    }

    @Override
    public int hashCode() {
        return Objects.hash(header, reportFields, problem);
    }

    @Override
    public String toString() {
        return "ReportScan[header=" + header.size() + " fields, report=" + reportFields + ", problem="
            + problem.orElse("none") + "]";
    }
}
