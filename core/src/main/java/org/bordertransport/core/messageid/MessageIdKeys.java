package org.bordertransport.core.messageid;

import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.subtle.AesSiv;

/**
 * The keys that turn internal Message-IDs into public ones: AES-256-SIV (RFC 5297, deterministic authenticated
 * encryption, from Google Tink). The first key is current and encrypts; every key decrypts, so a key can be
 * rotated while replies to IDs made with an older key still find their way back.
 *
 * <p>Written as {@code id:base64,id:base64} where each id is 1-8 lower-case letters or digits and each key is
 * 64 random bytes. Key material never appears in messages or {@link #toString()}.</p>
 */
public final class MessageIdKeys {
    public static final int KEY_BYTES = 64;
    private static final Pattern KEY_ID = Pattern.compile("[a-z0-9]{1,8}");

    private final String currentId;
    private final Map<String, DeterministicAead> ciphers;
    private final boolean containsSampleKey;

    private MessageIdKeys(String currentId, Map<String, DeterministicAead> ciphers, boolean containsSampleKey) {
        this.currentId = currentId;
        this.ciphers = Collections.unmodifiableMap(ciphers);
        this.containsSampleKey = containsSampleKey;
    }

    /**
     * @throws IllegalArgumentException naming the key id at fault and what is allowed (never the key itself)
     */
    public static MessageIdKeys parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("at least one key is required, written id:base64 with 64 random bytes"
                + " (generate one with: bin/border message-id keygen)");
        }
        Map<String, DeterministicAead> ciphers = new LinkedHashMap<>();
        String current = null;
        boolean sample = false;
        for (String entry : spec.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("a key must be written id:base64, got an entry without ':'");
            }
            String id = trimmed.substring(0, colon).trim();
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("key id '" + id + "' is invalid: expected 1-8 lower-case letters or digits");
            }
            if (ciphers.containsKey(id)) {
                throw new IllegalArgumentException("key id '" + id + "' is given twice");
            }
            byte[] key;
            try {
                String text = trimmed.substring(colon + 1).replaceAll("\\s+", "").replace('-', '+').replace('_', '/');
                key = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("key '" + id + "' is not valid base64");
            }
            if (key.length != KEY_BYTES) {
                throw new IllegalArgumentException("key '" + id + "' has " + key.length + " bytes: expected "
                    + KEY_BYTES + " random bytes (AES-256-SIV) in base64");
            }
            sample |= isSample(key);
            try {
                ciphers.put(id, new AesSiv(key));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("key '" + id + "' cannot be used: " + e.getMessage(), e);
            }
            if (current == null) {
                current = id;
            }
        }
        if (current == null) {
            throw new IllegalArgumentException("at least one key is required, written id:base64");
        }
        return new MessageIdKeys(current, ciphers, sample);
    }

    /** The shipped sample key is the bytes 0..63: recognisable, and useless as a secret. */
    private static boolean isSample(byte[] key) {
        for (int i = 0; i < key.length; i++) {
            if (key[i] != (byte) i) {
                return false;
            }
        }
        return true;
    }

    /** A new random key in the {@code id:base64} form. */
    public static String generate(String id, java.security.SecureRandom random) {
        if (!KEY_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("key id '" + id + "' is invalid: expected 1-8 lower-case letters or digits");
        }
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return id + ":" + Base64.getEncoder().encodeToString(key);
    }

    public String currentId() {
        return currentId;
    }

    DeterministicAead current() {
        return ciphers.get(currentId);
    }

    Optional<DeterministicAead> byId(String id) {
        return Optional.ofNullable(ciphers.get(id));
    }

    /** True when one of the keys is the public sample key from the shipped configuration. */
    public boolean containsSampleKey() {
        return containsSampleKey;
    }

    public java.util.Set<String> ids() {
        return ciphers.keySet();
    }

    @Override
    public String toString() {
        return "MessageIdKeys{current=" + currentId + ", ids=" + ciphers.keySet() + "}";
    }
}
