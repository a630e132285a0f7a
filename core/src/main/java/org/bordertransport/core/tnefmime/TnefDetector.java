package org.bordertransport.core.tnefmime;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.MimeIOException;
import org.bordertransport.core.encoding.TransferEncoding;
import org.bordertransport.core.mime.MimeNode;
import org.bordertransport.core.mime.MimeTreeVisitor;

/**
 * Finds the TNEF of a message without decoding it ({@link TnefMimeConverter#detect}): each leaf by its first decoded
 * octets ({@link TnefSniffer}), text/plain bodies for uuencoded TNEF, attached messages recursively within the
 * limits. A message that is one entity is read to the end of its body's first octets (or its text) only.
 */
final class TnefDetector implements MimeTreeVisitor<TnefPart, TnefConversionException> {
    /** What a detection found, attached messages included (their paths as {@code 2/1}). */
    static final class Findings {
        private final List<String> paths = new ArrayList<>();
        private final List<String> mislabelled = new ArrayList<>();
        private boolean summary;

        List<String> paths() {
            return paths;
        }

        List<String> mislabelled() {
            return mislabelled;
        }

        boolean summary() {
            return summary;
        }
    }

    private final TnefScope scope;
    private final Findings findings;
    private final boolean firstOnly;

    private TnefDetector(TnefScope scope, Findings findings) {
        this(scope, findings, false);
    }

    private TnefDetector(TnefScope scope, Findings findings, boolean firstOnly) {
        this.scope = scope;
        this.findings = findings;
        this.firstOnly = firstOnly;
    }

    /**
     * Reads the message in {@code in}; broken MIME or a limit ends the reading, what was found before counts.
     *
     * @throws IOException reading failed
     */
    static Findings detect(InputStream in, TnefScope scope) throws IOException {
        Findings findings = new Findings();
        try {
            scope.reader().read(in, new TnefDetector(scope, findings));
        } catch (MimeException | MimeIOException | TnefConversionException e) {
            // broken MIME or a limit: what was found before is the answer
        }
        return findings;
    }

    /**
     * As {@link #detect}, but the reading ends at the first finding (TNEF, or a part labelled TNEF that is not): enough
     * to tell whether there is any, without reading the rest of the message.
     */
    static Findings detectFirst(InputStream in, TnefScope scope) throws IOException {
        Findings findings = new Findings();
        try {
            scope.reader().read(in, new TnefDetector(scope, findings, true));
        } catch (MimeException | MimeIOException | TnefConversionException e) {
            // broken MIME or a limit: what was found before is the answer
        }
        return findings;
    }

    /**
     * Reads the message attached at {@code node} (its body decoded in {@code in}); broken MIME inside ends its
     * reading, what was found before counts.
     *
     * @throws TnefConversionException it is past the limits of nesting or entities
     */
    static Findings inner(MimeNode<TnefPart> node, InputStream in, TnefScope scope)
        throws IOException, TnefConversionException {
        TnefScope inner = scope.inner(node);
        Findings findings = new Findings();
        try {
            inner.reader().read(in, new TnefDetector(inner, findings));
        } catch (MimeException | MimeIOException e) {
            // broken MIME inside: what was found before is the answer (the conversion reads it again)
        }
        return findings;
    }

    @Override
    public TnefConversionException create(String message, Throwable cause) {
        return new TnefConversionException(message, cause);
    }

    @Override
    public TnefPart newData() {
        return new TnefPart();
    }

    @Override
    public boolean keepsPreambles() {
        return false;
    }

    @Override
    public boolean body(MimeNode<TnefPart> leaf, InputStream raw) throws IOException, TnefConversionException {
        TnefPart.describeFields(leaf);
        TnefSniffer.classify(leaf, raw, scope, 1);
        TnefPart part = leaf.data();
        switch (part.kind) {
            case TNEF:
                findings.paths.add(scope.prefix() + leaf.path());
                findings.summary |= leaf.parent() == null || leaf.transferEncoding() == TransferEncoding.BINARY;
                break;
            case UUENCODED:
                findings.paths.add(scope.prefix() + leaf.path());
                break;
            case MESSAGE:
                findings.paths.addAll(part.inner.paths);
                findings.mislabelled.addAll(part.inner.mislabelled);
                findings.summary |= part.inner.summary;
                break;
            default:
                if (part.inner != null) {
                    findings.mislabelled.addAll(part.inner.mislabelled);
                } else if (part.mislabelled()) {
                    findings.mislabelled.add(scope.prefix() + leaf.path());
                }
                break;
        }
        boolean found = !findings.paths.isEmpty() || !findings.mislabelled.isEmpty();
        return leaf.parent() != null && !(firstOnly && found);
    }
}
