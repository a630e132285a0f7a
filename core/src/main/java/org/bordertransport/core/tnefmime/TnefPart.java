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

/** Whether one entity is TNEF (by type, by name, or as a hinted {@code .dat}), and what replaces it. */
final class TnefPart {
    private static final Set<String> TNEF_TYPES = Set.of("application/ms-tnef", "application/vnd.ms-tnef");
    private static final String TNEF_NAME = "winmail.dat";

    /** TNEF by its content type; else only by its name ({@code winmail.dat}). */
    boolean tnefType;
    boolean tnefName;
    /** An application/octet-stream {@code .dat} part of a message with {@code X-MS-TNEF-Correlator}. */
    boolean tnefHint;
    /** The decoded entity that replaces this TNEF part. */
    Spool replacement;
    /** Removed from the output ({@link TnefMimeConverter#strip}). */
    boolean stripped;

    boolean isTnef() {
        return tnefType || tnefName || tnefHint;
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
                node.transferEncoding(TransferEncoding.parse(HeaderText.unfold(h.body())));
            } else if (h.is("Content-Type")) {
                name = parameter(HeaderText.unfold(h.body()), "name").orElse(name);
            } else if (h.is("Content-Disposition")) {
                fileName = parameter(HeaderText.unfold(h.body()), "filename").orElse(fileName);
            }
        }
        node.fileName(fileName != null ? fileName : name);
        part.tnefType = TNEF_TYPES.contains(node.mimeType());
        part.tnefName = isTnefName(fileName) || isTnefName(name);
        // Exchange marks messages whose TNEF it attached with X-MS-TNEF-Correlator; gateways sometimes rename the
        // part (ATT00001.dat) and type it application/octet-stream: with the marker such a part is a candidate
        // (decoded only if it starts with the TNEF signature)
        String candidate = node.fileName() == null ? "" : node.fileName().trim().toLowerCase(Locale.ROOT);
        part.tnefHint = node.mimeType().equals("application/octet-stream") && candidate.endsWith(".dat")
            && node.root().headers().stream().anyMatch(h -> h.is("X-MS-TNEF-Correlator"));
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
