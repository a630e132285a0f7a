package org.bordertransport.core.encoding;

/**
 * Which {@code Content-Transfer-Encoding} a sender prefers for text bodies, as {@link TransferEncodingChooser}
 * applies it. The remote-domain policy's {@code ByteEncoderTypeFor7BitCharsets} values implement it, so that this
 * package does not depend on the policy. Its {@code toString()} names the preference in
 * {@link TransferEncodingChooser.Decision#reason()}.
 */
public interface TransferEncodingPreference {
    /** The transfer encoding for {@code text/html} bodies. */
    TransferEncoding htmlEncoding();

    /**
     * The transfer encoding for {@code text/plain} bodies.
     *
     * @param linesWrapped whether plain text is line-wrapped
     */
    TransferEncoding plainTextEncoding(boolean linesWrapped);

    /**
     * The encoding used where the preferred one cannot carry the content (8-bit octets, NUL, lines over 998 octets
     * where 7bit was preferred): {@link TransferEncoding#QUOTED_PRINTABLE} or {@link TransferEncoding#BASE64}.
     */
    TransferEncoding fallback();
}
