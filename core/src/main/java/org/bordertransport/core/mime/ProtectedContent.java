package org.bordertransport.core.mime;

import java.util.Locale;
import java.util.Set;

/**
 * Content that must never be modified: a signature covers its octets, or it is encrypted ({@code multipart/signed},
 * {@code multipart/encrypted}, S/MIME {@code application/pkcs7-mime}, PGP/MIME), or a text body that carries inline
 * PGP. {@link MimeTreeReader} reports protected entities to its visitor as it reads them.
 */
public final class ProtectedContent {
    private static final Set<String> PROTECTED_TYPES = Set.of("multipart/signed", "multipart/encrypted",
        "application/pkcs7-mime", "application/x-pkcs7-mime", "application/pgp-encrypted");

    private ProtectedContent() {
    }

    /** Whether an entity of this (lower-case) media type is signed or encrypted. */
    public static boolean isProtectedType(String mimeType) {
        return PROTECTED_TYPES.contains(mimeType.toLowerCase(Locale.ROOT));
    }

    /** Whether decoded text carries an inline PGP signature or message. */
    public static boolean hasInlinePgp(String text) {
        return text.contains("-----BEGIN PGP SIGNED MESSAGE-----") || text.contains("-----BEGIN PGP MESSAGE-----");
    }
}
