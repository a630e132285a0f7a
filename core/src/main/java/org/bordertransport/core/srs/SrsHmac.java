package org.bordertransport.core.srs;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC over lower-cased ASCII fields, one {@link Mac} per secret and per thread ({@code Mac} is not thread-safe),
 * with reusable buffers so that a hash allocates nothing. Callers bound their inputs (addresses of at most
 * {@link SrsAddress#MAX_LENGTH} characters), so {@link #INPUT_BYTES} is never exceeded.
 */
final class SrsHmac {
    static final String SHA1 = "HmacSHA1";
    static final String SHA256 = "HmacSHA256";
    static final int INPUT_BYTES = 4 * SrsAddress.MAX_LENGTH;
    static final int MAX_CHARS = 32;

    private final String algorithm;
    private final SecretKeySpec[] keys;
    private final ThreadLocal<State> states;

    SrsHmac(SrsSecrets secrets, String algorithm) {
        this.algorithm = algorithm;
        this.keys = secrets.keys(algorithm);
        this.states = ThreadLocal.withInitial(State::new);
        newMac(0);
    }

    int secretCount() {
        return keys.length;
    }

    /** The calling thread's state, emptied. */
    State begin() {
        State state = states.get();
        state.length = 0;
        return state;
    }

    private Mac newMac(int index) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(keys[index]);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available in this JVM", e);
        }
    }

    /** Per-thread buffers; valid until the thread's next {@link #begin()}. */
    final class State {
        private final Mac[] macs = new Mac[keys.length];
        private final byte[] input = new byte[INPUT_BYTES];
        private final byte[] digest = new byte[SHA1.equals(algorithm) ? 20 : 32];
        private final byte[] expected = new byte[MAX_CHARS];
        private final byte[] given = new byte[MAX_CHARS];
        private int length;

        /** Appends {@code text[from, to)}, ASCII letters lower-cased. */
        State add(CharSequence text, int from, int to) {
            if (length + (to - from) > input.length) {
                throw new IllegalStateException("HMAC input over " + input.length + " bytes");
            }
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                input[length++] = (byte) (c >= 'A' && c <= 'Z' ? c + 32 : c);
            }
            return this;
        }

        State add(CharSequence text) {
            return add(text, 0, text.length());
        }

        State add(char c) {
            if (length >= input.length) {
                throw new IllegalStateException("HMAC input over " + input.length + " bytes");
            }
            input[length++] = (byte) (c >= 'A' && c <= 'Z' ? c + 32 : c);
            return this;
        }

        /** A NUL byte between fields, which no field contains. */
        State separator() {
            return add((char) 0);
        }

        /** The MAC of the input under secret {@code index}, in a buffer reused by the next call. */
        byte[] mac(int index) {
            Mac mac = macs[index];
            if (mac == null) {
                mac = newMac(index);
                macs[index] = mac;
            }
            mac.update(input, 0, length);
            try {
                mac.doFinal(digest, 0);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(algorithm + " failed", e);
            }
            return digest;
        }

        /**
         * True when {@code text[from, to)} equals {@code chars} characters of the MAC under some secret, written by
         * {@code encoder} and compared after {@code fold}, in constant time per secret.
         */
        boolean verify(CharSequence text, int from, int to, int chars, Encoder encoder) {
            if (to - from != chars) {
                return false;
            }
            for (int i = 0; i < chars; i++) {
                given[i] = (byte) encoder.fold(text.charAt(from + i));
            }
            Arrays.fill(given, chars, MAX_CHARS, (byte) 0);
            Arrays.fill(expected, chars, MAX_CHARS, (byte) 0);
            for (int k = 0; k < keys.length; k++) {
                byte[] mac = mac(k);
                for (int i = 0; i < chars; i++) {
                    expected[i] = (byte) encoder.fold(encoder.charAt(mac, i));
                }
                if (MessageDigest.isEqual(expected, given)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Writes MAC bits as characters: base64 (6 bits each) or base32 (5 bits each), most significant first. */
    interface Encoder {
        char charAt(byte[] mac, int index);

        /** The form in which characters are compared. */
        char fold(char c);
    }

    /** {@code width} bits of {@code data} from bit {@code offset}, big-endian; bits past the end read as 0. */
    static int bits(byte[] data, int offset, int width) {
        int at = offset >>> 3;
        int word = (data[at] & 0xff) << 8 | (at + 1 < data.length ? data[at + 1] & 0xff : 0);
        return (word >>> (16 - (offset & 7) - width)) & ((1 << width) - 1);
    }
}
