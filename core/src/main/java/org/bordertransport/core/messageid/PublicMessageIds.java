package org.bordertransport.core.messageid;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bordertransport.core.mail.Base32;
import org.bordertransport.core.mail.DomainNames;

import com.google.crypto.tink.DeterministicAead;

/**
 * Maps internal Message-IDs to public ones and back, without state: the public ID is the internal one encrypted
 * with AES-SIV, so the same internal ID always gives the same public ID (threading survives on both sides) and
 * only the holder of the key can read it back or forge one.
 *
 * <p>Public form: {@code <KEYID.BASE32@public.domain>}. An internal ID too long to fit once encrypted
 * (over {@link #MAX_REVERSIBLE_OCTETS} octets) gets the one-way form {@code <h.KEYID.BASE32@public.domain>}
 * (the 128-bit synthetic IV of its encryption): still stable, so outbound threading holds, but replies to it
 * cannot be mapped back.</p>
 */
public final class PublicMessageIds {
    /** Longest internal ID (octets, without brackets) that is encrypted reversibly; longer ones are hashed. */
    public static final int MAX_REVERSIBLE_OCTETS = 512;
    private static final byte[] ASSOCIATED_DATA = "border-transport/message-id/v1".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern PUBLIC_LEFT = Pattern.compile("([a-z0-9]{1,8})\\.([a-z2-7]{26,})", Pattern.CASE_INSENSITIVE);

    private final MessageIdKeys keys;
    private final String publicDomain;

    public PublicMessageIds(MessageIdKeys keys, String publicDomain) {
        this.keys = keys;
        this.publicDomain = DomainNames.parse(publicDomain);
    }

    public String publicDomain() {
        return publicDomain;
    }

    /**
     * @param internalId an ID without angle brackets
     * @return the public ID without angle brackets
     */
    public String toPublic(String internalId) {
        byte[] plain = internalId.getBytes(StandardCharsets.UTF_8);
        byte[] sealed = seal(keys.current(), plain);
        if (plain.length > MAX_REVERSIBLE_OCTETS) {
            return "h." + keys.currentId() + "." + Base32.encode(Arrays.copyOf(sealed, 16)) + "@" + publicDomain;
        }
        return keys.currentId() + "." + Base32.encode(sealed) + "@" + publicDomain;
    }

    /** True for the one-way form given to internal IDs too long to encrypt reversibly. */
    public static boolean isOneWay(String publicId) {
        return publicId.regionMatches(true, 0, "h.", 0, 2);
    }

    /** True when the ID is in this codec's public form (on the public domain), whether or not it verifies. */
    public boolean looksPublic(String id) {
        int at = id.lastIndexOf('@');
        return at > 0 && id.substring(at + 1).toLowerCase(Locale.ROOT).equals(publicDomain)
            && (PUBLIC_LEFT.matcher(id.substring(0, at)).matches() || isOneWay(id));
    }

    /**
     * @param publicId an ID without angle brackets
     * @return the internal ID when this is a public ID made with one of our keys and it verifies; empty for
     *     anything else (not ours, one-way form, unknown key, forged or altered)
     */
    public Optional<String> toInternal(String publicId) {
        int at = publicId.lastIndexOf('@');
        if (at <= 0 || !publicId.substring(at + 1).toLowerCase(Locale.ROOT).equals(publicDomain)) {
            return Optional.empty();
        }
        Matcher m = PUBLIC_LEFT.matcher(publicId.substring(0, at));
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<DeterministicAead> cipher = keys.byId(m.group(1).toLowerCase(Locale.ROOT));
        Optional<byte[]> sealed = Base32.decode(m.group(2));
        if (cipher.isEmpty() || sealed.isEmpty()) {
            return Optional.empty();
        }
        try {
            String internal = new String(cipher.get().decryptDeterministically(sealed.get(), ASSOCIATED_DATA),
                StandardCharsets.UTF_8);
            return Optional.of(internal);
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static byte[] seal(DeterministicAead cipher, byte[] plain) {
        try {
            return cipher.encryptDeterministically(plain, ASSOCIATED_DATA);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-SIV encryption failed", e);
        }
    }
}
