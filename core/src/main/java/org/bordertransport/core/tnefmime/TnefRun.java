package org.bordertransport.core.tnefmime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.MimeIOException;
import org.bordertransport.core.mime.MimeNode;
import org.bordertransport.core.mime.MimeTreeVisitor;

/**
 * One conversion by {@link TnefMimeConverter} of a message or of an attached message ({@link TnefScope}): the
 * structure (first pass, which finds the TNEF by content ({@link TnefSniffer}) and notes signed or encrypted content),
 * the decoded TNEF parts and the changes.
 */
final class TnefRun implements MimeTreeVisitor<TnefPart, TnefConversionException> {
    final boolean strip;
    final TnefScope scope;
    final List<MimeNode<TnefPart>> tnef = new ArrayList<>();
    /** Entities labelled TNEF that do not start with the signature: left as they are. */
    final List<String> mislabelled = new ArrayList<>();
    final List<String> changes = new ArrayList<>();
    String protectedReason;
    boolean hasSubject;
    Optional<String> tnefSubject = Optional.empty();
    /** The charset of the first TNEF decoded (its code page), for text that declares none. */
    Charset tnefCharset;
    boolean summary;
    int decoded;

    TnefRun(boolean strip, TnefScope scope) {
        this.strip = strip;
        this.scope = scope;
    }

    /** The first pass: reads the structure of the message in {@code in}. */
    MimeNode<TnefPart> structure(InputStream in) throws IOException, TnefConversionException {
        MimeNode<TnefPart> root;
        try {
            root = scope.reader().read(in, this);
        } catch (MimeException | MimeIOException e) {
            throw new TnefConversionException("broken MIME structure: " + e.getMessage(), e);
        }
        hasSubject = root.headers().stream().anyMatch(h -> h.is("Subject"));
        return root;
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
    public void entity(MimeNode<TnefPart> node) {
        TnefPart.describeFields(node);
    }

    @Override
    public void protectedEntity(MimeNode<TnefPart> node) {
        if (protectedReason == null) {
            protectedReason = "signed or encrypted content (" + node.mimeType() + " at " + node.path()
                + "): never modified";
        }
    }

    @Override
    public boolean body(MimeNode<TnefPart> node, InputStream raw) throws IOException, TnefConversionException {
        TnefSniffer.classify(node, raw, scope, scope.uuBlocksLeft() + 1);
        TnefPart part = node.data();
        scope.countUuBlocks(part.uuBlocks);
        if (part.isTnef()) {
            tnef.add(node);
        } else if (part.inner != null) {
            mislabelled.addAll(part.inner.mislabelled());
        } else if (part.mislabelled()) {
            mislabelled.add(scope.prefix() + node.path());
            changes.add(node.path() + ": " + TnefPart.describe(node) + " does not start with the TNEF"
                + " signature: not TNEF, left as is");
        }
        return true;
    }

    /** Closes the spools of the decoded parts. */
    void closeReplacements() throws IOException {
        IOException failure = null;
        for (MimeNode<TnefPart> node : tnef) {
            if (node.data().replacement != null) {
                try {
                    node.data().replacement.close();
                } catch (IOException e) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
