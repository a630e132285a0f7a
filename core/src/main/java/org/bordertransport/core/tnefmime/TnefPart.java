package org.bordertransport.core.tnefmime;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.bordertransport.core.encoding.EncodingException;
import org.bordertransport.core.encoding.ParameterEncoding;
import org.bordertransport.core.encoding.TransferEncoding;
import org.bordertransport.core.io.Spool;
import org.bordertransport.core.mail.HeaderText;
import org.bordertransport.core.mime.MimeNode;

/**
 * What one entity is: TNEF by its content (the signature, whatever its type or name), a text with uuencoded TNEF
 * ({@code begin 600 WINMAIL.DAT}), an attached message carrying TNEF, or labelled TNEF without being TNEF; and what
 * replaces it.
 */
final class TnefPart {
    /** How an entity carries TNEF. */
    enum Kind {
        NONE,
        /** The decoded body starts with the TNEF signature. */
        TNEF,
        /** A text/plain body with uuencoded blocks whose octets start with the TNEF signature. */
        UUENCODED,
        /** An attached message ({@code message/rfc822}, {@code message/global}) with TNEF inside. */
        MESSAGE
    }

    private static final Set<String> TNEF_TYPES = Set.of("application/ms-tnef", "application/vnd.ms-tnef");
    private static final Set<String> UUENCODE_TOKENS = Set.of("x-uuencode", "x-uue", "uuencode", "uue");
    private static final String TNEF_NAME = "winmail.dat";

    Kind kind = Kind.NONE;
    /** Typed {@code application/ms-tnef} (or vnd.) or named {@code winmail.dat}. */
    boolean labelled;
    /** Sent with a uuencode transfer encoding ({@code x-uuencode}). */
    boolean uuencodedTransfer;
    /** TNEF blocks in a text body ({@link Kind#UUENCODED}). */
    int uuBlocks;
    /** What the detection found inside an attached message ({@link Kind#MESSAGE}); null for other entities. */
    TnefDetector.Findings inner;
    /** The decoded entity that replaces this TNEF part. */
    Spool replacement;
    /** Removed from the output ({@link TnefMimeConverter#strip}). */
    boolean stripped;

    boolean isTnef() {
        return kind != Kind.NONE;
    }

    /** Labelled TNEF, but the content does not start with the signature. */
    boolean mislabelled() {
        return labelled && kind == Kind.NONE;
    }

    static String describe(MimeNode<TnefPart> node) {
        return node.mimeType() + (node.fileName() == null ? "" : " (" + node.fileName() + ")");
    }

    /** Transfer encoding, file name and TNEF-ness of an entity, from its header fields. */
    static void describeFields(MimeNode<TnefPart> node) {
        TnefPart part = node.data();
        String name = null;
        String fileName = null;
        for (MimeNode.Header h : node.headers()) {
            if (h.is("Content-Transfer-Encoding")) {
                String value = HeaderText.unfold(h.body());
                node.transferEncoding(TransferEncoding.parse(value));
                part.uuencodedTransfer = UUENCODE_TOKENS.contains(value.trim().toLowerCase(Locale.ROOT));
            } else if (h.is("Content-Type")) {
                name = parameter(HeaderText.unfold(h.body()), "name").orElse(name);
            } else if (h.is("Content-Disposition")) {
                fileName = parameter(HeaderText.unfold(h.body()), "filename").orElse(fileName);
            }
        }
        node.fileName(fileName != null ? fileName : name);
        part.labelled = TNEF_TYPES.contains(node.mimeType()) || isTnefName(fileName) || isTnefName(name);
    }

    private static boolean isTnefName(String name) {
        if (name == null) {
            return false;
        }
        String n = name.replace('\\', '/');
        return n.substring(n.lastIndexOf('/') + 1).trim().equalsIgnoreCase(TNEF_NAME);
    }

    private static Optional<String> parameter(String value, String name) {
        try {
            return ParameterEncoding.parse(value).parameter(name);
        } catch (EncodingException e) {
            return Optional.empty();
        }
    }
}
