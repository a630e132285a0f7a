package org.bordertransport.core.srs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

/**
 * The secrets that key SRS hashes, in the format of postsrsd's secrets file: one secret per line, the first non-empty
 * line signs new addresses, every line verifies, so a secret can be rotated by putting the new one first and
 * removing the old one after the maximum address age. Lines end with LF, CR LF or CR; empty lines are skipped; the
 * bytes of a line are the key exactly as written (no trimming, no comments), which keeps a file shared with postsrsd
 * bit-compatible.
 *
 * <p>Limits: each secret {@value #MIN_BYTES} to {@value #MAX_BYTES} bytes and without NUL (postsrsd reads lines of
 * at most 1022 bytes and stops a key at NUL), at most {@value #MAX_SECRETS} secrets (each failed verification tries
 * every one). Every secret postsrsd accepts is accepted, so a file can be shared with it; one shorter than
 * {@value #RECOMMENDED_BYTES} bytes is weak, and {@link #shortSecrets()} counts them for the caller to warn about.
 * Secret bytes never appear in messages or {@link #toString()}.</p>
 */
public final class SrsSecrets {
    public static final int MIN_BYTES = 1;
    /** Below this a secret is weak (guessable offline from one SRS address); {@code bin/border srs keygen} makes 32. */
    public static final int RECOMMENDED_BYTES = 16;
    public static final int MAX_BYTES = 1022;
    public static final int MAX_SECRETS = 32;
    private static final int FILE_LIMIT = MAX_SECRETS * (MAX_BYTES + 2) + 4096;

    private static final byte[] FINGERPRINT_LABEL =
        "border-srs-secret-fingerprint:".getBytes(StandardCharsets.US_ASCII);

    private final List<byte[]> secrets;

    private SrsSecrets(List<byte[]> secrets) {
        this.secrets = Collections.unmodifiableList(secrets);
    }

    /**
     * Reads a secrets file.
     *
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException naming the file, the line and what is allowed (never the secret)
     */
    public static SrsSecrets load(Path file) throws IOException {
        long size = Files.size(file);
        if (size > FILE_LIMIT) {
            throw new IllegalArgumentException("SRS secrets file '" + file + "' has " + size + " bytes, at most "
                + FILE_LIMIT + " are allowed");
        }
        return parse(Files.readAllBytes(file), "SRS secrets file '" + file + "'");
    }

    /**
     * Secrets from the content of a secrets file; {@code source} names it in messages.
     *
     * @throws IllegalArgumentException naming the source, the line and what is allowed (never the secret)
     */
    public static SrsSecrets parse(byte[] content, String source) {
        List<byte[]> found = new ArrayList<>();
        int line = 1;
        int start = 0;
        for (int i = 0; i <= content.length; i++) {
            byte b = i < content.length ? content[i] : (byte) '\n';
            if (b != '\n' && b != '\r') {
                continue;
            }
            if (i > start) {
                found.add(check(Arrays.copyOfRange(content, start, i), source + ": line " + line, found.size()));
            }
            if (b == '\n' || i + 1 >= content.length || content[i + 1] != '\n') {
                line++;
            }
            start = i + 1;
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no secret: the first non-empty line signs, every line"
                + " verifies");
        }
        return new SrsSecrets(found);
    }

    /** Secrets given directly (UTF-8), the first signing. */
    public static SrsSecrets of(String... secrets) {
        if (secrets.length == 0) {
            throw new IllegalArgumentException("at least one SRS secret is required");
        }
        List<byte[]> found = new ArrayList<>();
        for (int i = 0; i < secrets.length; i++) {
            found.add(check(secrets[i].getBytes(StandardCharsets.UTF_8), "SRS secret " + (i + 1), found.size()));
        }
        return new SrsSecrets(found);
    }

    /** A new random secret line: 24 random bytes in base64 (32 characters). */
    public static String generate(SecureRandom random) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] check(byte[] secret, String where, int count) {
        if (count >= MAX_SECRETS) {
            throw new IllegalArgumentException(where + ": more than " + MAX_SECRETS + " secrets");
        }
        if (secret.length < MIN_BYTES || secret.length > MAX_BYTES) {
            throw new IllegalArgumentException(where + " has " + secret.length + " bytes: a secret must have "
                + MIN_BYTES + " to " + MAX_BYTES + " bytes");
        }
        for (byte b : secret) {
            if (b == 0) {
                throw new IllegalArgumentException(where + " contains a NUL byte, which is not allowed in a secret");
            }
        }
        return secret;
    }

    /** How many secrets are shorter than {@value #RECOMMENDED_BYTES} bytes. */
    public int shortSecrets() {
        int count = 0;
        for (byte[] secret : secrets) {
            if (secret.length < RECOMMENDED_BYTES) {
                count++;
            }
        }
        return count;
    }

    /** How many secrets verify (the first of them signs). */
    public int count() {
        return secrets.size();
    }

    /**
     * A short one-way fingerprint of secret {@code index} (0 signs): the first 4 bytes of SHA-256 over a fixed label
     * and the secret, as 8 hex digits. It tells secrets apart (which line of the file is which) and reveals nothing
     * the SRS addresses made with the secret do not already.
     */
    public String fingerprint(int index) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(FINGERPRINT_LABEL);
            byte[] digest = sha256.digest(secrets.get(index));
            StringBuilder hex = new StringBuilder(8);
            for (int i = 0; i < 4; i++) {
                hex.append(Character.forDigit((digest[i] >> 4) & 0xf, 16))
                    .append(Character.forDigit(digest[i] & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JVM", e);
        }
    }

    /** True when secret {@code index} is shorter than {@value #RECOMMENDED_BYTES} bytes. */
    public boolean isShort(int index) {
        return secrets.get(index).length < RECOMMENDED_BYTES;
    }

    SecretKeySpec[] keys(String algorithm) {
        SecretKeySpec[] keys = new SecretKeySpec[secrets.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new SecretKeySpec(secrets.get(i), algorithm);
        }
        return keys;
    }

    @Override
    public String toString() {
        return "SrsSecrets{count=" + secrets.size() + "}";
    }
}
