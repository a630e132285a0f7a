package org.bordertransport.core.srs;

/**
 * The last two characters of the base64 alphabet used for standard SRS hashes. Reversal accepts both, so the choice
 * only affects new addresses.
 */
public enum HashAlphabet {
    /** {@code +} and {@code /}: what libsrs2 and postsrsd 1.x write. Some receivers reject {@code /} in local parts. */
    STANDARD('+', '/'),
    /** {@code -} and {@code _} (RFC 4648 base64url): what postsrsd 2.2.6 and later write. The default. */
    URL_SAFE('-', '_');

    private final char[] chars = new char[64];

    HashAlphabet(char c62, char c63) {
        String base = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        base.getChars(0, 62, chars, 0);
        chars[62] = c62;
        chars[63] = c63;
    }

    char charAt(int value) {
        return chars[value];
    }
}
