package org.bordertransport.core.tnefmime;

import java.util.List;
import java.util.Objects;

/**
 * Whether a message carries TNEF, as {@link TnefMimeConverter#detect} found it by content: no TNEF part, TNEF part(s)
 * (inside a multipart, uuencoded in a text, inside an attached message), or summary TNEF (the whole body is TNEF, or
 * a TNEF part is sent with {@code Content-Transfer-Encoding: binary}, also in an attached message); and the entities
 * labelled TNEF without being TNEF. Immutable.
 */
public final class TnefDetection {
    /** What was found. */
    public enum Kind {
        /** No entity is TNEF. */
        NONE,
        /** One or more parts are TNEF ({@code winmail.dat}, uuencoded in a text, in an attached message). */
        TNEF_PARTS,
        /** The message body itself is TNEF, or TNEF is sent with a binary transfer encoding. */
        SUMMARY_TNEF
    }

    private static final TnefDetection NONE = new TnefDetection(Kind.NONE, List.of(), List.of());

    private final Kind kind;
    private final List<String> paths;
    private final List<String> mislabelled;

    private TnefDetection(Kind kind, List<String> paths, List<String> mislabelled) {
        this.kind = kind;
        this.paths = List.copyOf(paths);
        this.mislabelled = List.copyOf(mislabelled);
    }

    static TnefDetection none() {
        return NONE;
    }

    static TnefDetection of(Kind kind, List<String> paths, List<String> mislabelled) {
        if (paths.isEmpty()) {
            return mislabelled.isEmpty() ? NONE : new TnefDetection(Kind.NONE, paths, mislabelled);
        }
        return new TnefDetection(Objects.requireNonNull(kind, "kind"), paths, mislabelled);
    }

    public Kind kind() {
        return kind;
    }

    /** Whether any TNEF was found. */
    public boolean found() {
        return kind != Kind.NONE;
    }

    /**
     * Paths of the TNEF entities ({@code "root"} for the message body, {@code "1.2"} for a nested part, {@code "3/1"}
     * inside the message attached at 3).
     */
    public List<String> paths() {
        return paths;
    }

    /**
     * Paths of the entities labelled TNEF ({@code application/ms-tnef}, {@code winmail.dat}) that do not start with
     * the TNEF signature: not TNEF ({@link #found()} does not count them), but worth a look.
     */
    public List<String> mislabelled() {
        return mislabelled;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TnefDetection && ((TnefDetection) o).kind == kind && ((TnefDetection) o).paths.equals(paths)
            && ((TnefDetection) o).mislabelled.equals(mislabelled);
    }

    @Override
    public int hashCode() {
        return (kind.hashCode() * 31 + paths.hashCode()) * 31 + mislabelled.hashCode();
    }

    @Override
    public String toString() {
        String labelled = mislabelled.isEmpty() ? "" : " mislabelled " + mislabelled;
        return kind == Kind.NONE && labelled.isEmpty() ? "TnefDetection{NONE}"
            : "TnefDetection{" + kind + (paths.isEmpty() ? "" : " " + paths) + labelled + "}";
    }
}
