package org.bordertransport.core.srs;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC (RFC 2104) over lower-cased ASCII fields, per secret and per thread ({@code MessageDigest} is not
 * thread-safe), with reusable buffers. The digests that have absorbed the key's inner and outer pad blocks are
 * computed once per secret and cloned for each MAC: a short input then costs two hash compressions instead of the
 * four of {@link javax.crypto.Mac}, which digests both pad blocks again every time. Callers bound their inputs
 * (addresses of at most {@link SrsAddress#MAX_LENGTH} characters), so {@link #INPUT_BYTES} is never exceeded.
 */
final class SrsHmac {
    static final String SHA1 = "HmacSHA1";
    static final String SHA256 = "HmacSHA256";
    static final int INPUT_BYTES = 4 * SrsAddress.MAX_LENGTH;
    static final int MAX_CHARS = 32;
    /** SHA-1 and SHA-256 hash 64-byte blocks. */
    static final int BLOCK_BYTES = 64;

    /** Each octet, ASCII letters lower-cased. */
    private static final byte[] LOWER = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            LOWER[i] = (byte) (i >= 'A' && i <= 'Z' ? i + 32 : i);
        }
    }

    private final String algorithm;
    private final SecretKeySpec[] keys;
    private final ThreadLocal<State> states;

    SrsHmac(SrsSecrets secrets, String algorithm) {
        this.algorithm = algorithm;
        this.keys = secrets.keys(algorithm);
        this.states = ThreadLocal.withInitial(State::new);
        pads(0); // fails now, not at the first mail, if the JVM lacks the digest
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

    private String digestAlgorithm() {
        return SHA1.equals(algorithm) ? "SHA-1" : "SHA-256";
    }

    /** {inner, outer}: digests that have absorbed (key XOR ipad) and (key XOR opad). */
    private MessageDigest[] pads(int index) {
        try {
            MessageDigest inner = MessageDigest.getInstance(digestAlgorithm());
            byte[] key = keys[index].getEncoded();
            if (key.length > BLOCK_BYTES) {
                key = inner.digest(key);
            }
            byte[] ipad = new byte[BLOCK_BYTES];
            byte[] opad = new byte[BLOCK_BYTES];
            for (int i = 0; i < BLOCK_BYTES; i++) {
                byte k = i < key.length ? key[i] : 0;
                ipad[i] = (byte) (k ^ 0x36);
                opad[i] = (byte) (k ^ 0x5c);
            }
            Arrays.fill(key, (byte) 0);
            MessageDigest outer = (MessageDigest) inner.clone();
            inner.update(ipad);
            outer.update(opad);
            Arrays.fill(ipad, (byte) 0);
            Arrays.fill(opad, (byte) 0);
            return new MessageDigest[] {inner, outer};
        } catch (GeneralSecurityException | CloneNotSupportedException e) {
            throw new IllegalStateException(digestAlgorithm() + " is not available in this JVM", e);
        }
    }

    /** Per-thread buffers; valid until the thread's next {@link #begin()}. */
    final class State {
        private final MessageDigest[][] pads = new MessageDigest[keys.length][];
        private final byte[] innerHash = new byte[SHA1.equals(algorithm) ? 20 : 32];
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

        /**
         * As {@link #add(CharSequence, int, int)} for a String: its octets copied in one go, then lower-cased. The
         * copy keeps the low 8 bits of each character, as the cast of the general path does.
         */
        @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): one copy, no charset lookup
        State add(String text, int from, int to) {
            int count = to - from;
            if (length + count > input.length) {
                throw new IllegalStateException("HMAC input over " + input.length + " bytes");
            }
            text.getBytes(from, to, input, length);
            for (int i = length, end = length + count; i < end; i++) {
                input[i] = LOWER[input[i] & 0xff];
            }
            length += count;
            return this;
        }

        State add(String text) {
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
            MessageDigest[] prepared = pads[index];
            if (prepared == null) {
                prepared = pads(index);
                pads[index] = prepared;
            }
            try {
                MessageDigest inner = (MessageDigest) prepared[0].clone();
                inner.update(input, 0, length);
                inner.digest(innerHash, 0, innerHash.length);
                MessageDigest outer = (MessageDigest) prepared[1].clone();
                outer.update(innerHash, 0, innerHash.length);
                outer.digest(digest, 0, digest.length);
            } catch (GeneralSecurityException | CloneNotSupportedException e) {
                throw new IllegalStateException(algorithm + " failed", e);
            }
            return digest;
        }

        /**
         * True when {@code text[from, to)} equals {@code chars} characters of the MAC under some secret, written by
         * {@code encoder} and compared after {@code fold}, in constant time per secret.
         */
        /**
         * True when the first {@code chars} characters of {@code text[from, to)} are the hash of what was added
         * under one of the secrets; fewer characters never verify, later ones are not compared.
         */
        boolean verify(CharSequence text, int from, int to, int chars, Encoder encoder) {
            if (to - from < chars) {
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
