package org.bordertransport.core.mail;

import java.util.Optional;

/**
 * RFC 4648 base32 in lower case without padding: safe in local parts and Message-IDs, and unaffected by
 * systems that change the case of addresses.
 */
public final class Base32 {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int[] VALUES = new int[128];

    static {
        java.util.Arrays.fill(VALUES, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUES[ALPHABET[i]] = i;
            VALUES[Character.toUpperCase(ALPHABET[i])] = i;
        }
    }

    private Base32() {
    }

    public static String encode(byte[] data) {
        char[] out = new char[(data.length * 8 + 4) / 5];
        encodeInto(data, out, 0);
        return new String(out);
    }

    /** Encodes into {@code out} from {@code offset}; returns the number of characters written. */
    public static int encodeInto(byte[] data, char[] out, int offset) {
        int buffer = 0;
        int bits = 0;
        int o = offset;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out[o++] = ALPHABET[(buffer >>> (bits - 5)) & 31];
                bits -= 5;
            }
        }
        if (bits > 0) {
            out[o++] = ALPHABET[(buffer << (5 - bits)) & 31];
        }
        return o - offset;
    }

    /** Decodes; empty when a character is outside the alphabet or the length cannot be base32. */
    public static Optional<byte[]> decode(CharSequence text) {
        int length = text.length();
        int bytes = length * 5 / 8;
        int rest = length * 5 % 8;
        if (rest >= 5) {
            return Optional.empty();
        }
        byte[] out = new byte[bytes];
        int buffer = 0;
        int bits = 0;
        int o = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            int v = c < 128 ? VALUES[c] : -1;
            if (v < 0) {
                return Optional.empty();
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out[o++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        if ((buffer & ((1 << bits) - 1)) != 0) {
            return Optional.empty();
        }
        return Optional.of(out);
    }
}
