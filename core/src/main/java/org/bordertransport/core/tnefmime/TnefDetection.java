package org.bordertransport.core.tnefmime;

import java.util.List;
import java.util.Objects;

/**
 * Whether a message carries TNEF, as {@link TnefMimeConverter#detect} found it from the MIME headers: no TNEF part,
 * TNEF part(s) inside a multipart, or summary TNEF (the whole body is TNEF, or a TNEF part is sent with
 * {@code Content-Transfer-Encoding: binary}). Immutable.
 */
public final class TnefDetection {
    /** What was found. */
    public enum Kind {
        /** No entity is TNEF. */
        NONE,
        /** One or more parts of a multipart are TNEF ({@code winmail.dat}). */
        TNEF_PARTS,
        /** The message body itself is TNEF, or TNEF is sent with a binary transfer encoding. */
        SUMMARY_TNEF
    }

    private static final TnefDetection NONE = new TnefDetection(Kind.NONE, List.of());

    private final Kind kind;
    private final List<String> paths;

    private TnefDetection(Kind kind, List<String> paths) {
        this.kind = kind;
        this.paths = List.copyOf(paths);
    }

    static TnefDetection none() {
        return NONE;
    }

    static TnefDetection of(Kind kind, List<String> paths) {
        return paths.isEmpty() ? NONE : new TnefDetection(Objects.requireNonNull(kind, "kind"), paths);
    }

    public Kind kind() {
        return kind;
    }

    /** Whether any TNEF was found. */
    public boolean found() {
        return kind != Kind.NONE;
    }

    /** Paths of the TNEF entities ({@code "root"} for the message body, {@code "1.2"} for a nested part). */
    public List<String> paths() {
        return paths;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TnefDetection && ((TnefDetection) o).kind == kind && ((TnefDetection) o).paths.equals(paths);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + paths.hashCode();
    }

    @Override
    public String toString() {
        return kind == Kind.NONE ? "TnefDetection{NONE}" : "TnefDetection{" + kind + " " + paths + "}";
    }
}
