package org.bordertransport.core.tnefmime;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.MimeIOException;
import org.bordertransport.core.mime.MimeNode;
import org.bordertransport.core.mime.MimeTreeReader;
import org.bordertransport.core.mime.MimeTreeVisitor;

/**
 * One conversion by {@link TnefMimeConverter}: the structure (first pass, which finds the TNEF parts and notes
 * signed or encrypted content), the decoded TNEF parts and the changes.
 */
final class TnefRun implements MimeTreeVisitor<TnefPart, TnefConversionException> {
    final boolean strip;
    final List<MimeNode<TnefPart>> tnef = new ArrayList<>();
    final List<String> changes = new ArrayList<>();
    String protectedReason;
    boolean hasSubject;
    Optional<String> tnefSubject = Optional.empty();
    boolean summary;
    int decoded;

    TnefRun(boolean strip) {
        this.strip = strip;
    }

    /** The first pass: reads the structure of the message in {@code in}. */
    MimeNode<TnefPart> structure(MimeTreeReader reader, InputStream in) throws IOException, TnefConversionException {
        MimeNode<TnefPart> root;
        try {
            root = reader.read(in, this);
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
    public boolean body(MimeNode<TnefPart> node, InputStream raw) {
        if (node.data().isTnef()) {
            tnef.add(node);
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
