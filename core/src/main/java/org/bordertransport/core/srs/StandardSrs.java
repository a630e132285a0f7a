package org.bordertransport.core.srs;

import java.time.Clock;
import java.util.Objects;

import org.bordertransport.core.mail.DomainNames;

/**
 * Standard SRS (the libsrs2 scheme), bit-compatible with postsrsd given the same secrets file and settings.
 *
 * <pre>
 * SRS0=HHHH=TT=orig.domain=orig.local@forward.domain                 a plain sender
 * SRS1=HHHH=first.forwarder==HHHH=TT=orig.domain=orig.local@forward.domain   an SRS0 sender from another forwarder
 * </pre>
 *
 * <ul>
 * <li>The character after {@code SRS0}/{@code SRS1} is the configured separator ({@code =} by default, {@code +} or
 * {@code -}); every later separator is {@code =}. Tags and separators are recognised in any case and with any of
 * the three separators.</li>
 * <li>{@code HHHH}: HMAC-SHA1 keyed with the signing secret's bytes over the concatenation, ASCII letters lower-cased,
 * of {@code TT}, the domain and the local part (SRS0), or of the first forwarder and everything after its {@code =}
 * (SRS1; that remainder starts with the SRS0 separator, hence {@code ==}); the first {@code hashLength} characters
 * (default 4) of its base64, with {@code +/} ({@link HashAlphabet#STANDARD}, postsrsd 1.x) or {@code -_}
 * ({@link HashAlphabet#URL_SAFE}, postsrsd 2.2.6 and later, the default).</li>
 * <li>{@code TT}: see {@link SrsTimestamp}: days since 1970 modulo 1024 in two base32 characters.</li>
 * <li>Forwarding an SRS1 address makes a new SRS1 with a new hash that keeps the first forwarder, so a bounce skips
 * the middle forwarders. Reversing SRS1 gives the SRS0 address at the first forwarder (no timestamp check: SRS1
 * carries none); reversing SRS0 gives the original sender.</li>
 * <li>Not rewritten: the null sender, a sender at the forwarding domain, and an SRS address that this engine
 * reverses successfully (postsrsd answers "Already rewritten"). Other SRS0/SRS1 senders become SRS1.</li>
 * </ul>
 *
 * <p><b>Verification</b>: the hash must have at least {@code hashLength} characters, of which the first
 * {@code hashLength} must verify (a longer hash is accepted, as postsrsd accepts it); they are compared in constant time
 * per secret, case-insensitively and with {@code -_} equal to {@code +/}: libsrs2 and postsrsd compare with
 * {@code strncasecmp} because some MTAs change the case of local parts. Case folding costs entropy: a 4-character
 * hash carries about 20.6 bits against guessing (one character matches a random guess with probability 116/4096),
 * which is why the maximum age and the rate of bounces accepted matter. The hash is checked before the timestamp,
 * so {@link SrsException.Reason#EXPIRED} always means "authentic but old" (postsrsd checks the timestamp first; the
 * result differs only for addresses that are both forged and out of date). A timestamp is valid while its age in
 * days, counted modulo 1024, is at most {@code maxAgeDays} (default 21, like postsrsd).</p>
 *
 * <p>Deviations from libsrs2, all on degenerate input: {@code srs0@x} (no separator) is not taken for SRS0
 * (libsrs2 reads past the tag and makes {@code SRS1=HHHH=x=@forward.domain}); SRS addresses with an empty host or
 * user part are refused as MALFORMED instead of failing on the hash; addresses are split at the last {@code @} and
 * quoted local parts are handled as their content (see {@link SrsAddress}).</p>
 *
 * <p>Thread-safe. Limits: addresses of at most 1000 characters.</p>
 */
public final class StandardSrs {
    public static final int DEFAULT_HASH_LENGTH = 4;
    public static final int MIN_HASH_LENGTH = 4;
    public static final int MAX_HASH_LENGTH = 26;
    public static final int DEFAULT_MAX_AGE_DAYS = 21;
    public static final int MAX_MAX_AGE_DAYS = 1000;

    private final SrsHmac hmac;
    private final String domain;
    private final char separator;
    private final int hashLength;
    private final int maxAgeDays;
    private final HashAlphabet alphabet;
    private final Clock clock;
    private final SrsHmac.Encoder encoder;

    private StandardSrs(Builder builder) {
        this.hmac = new SrsHmac(builder.secrets, SrsHmac.SHA1);
        this.domain = builder.domain;
        this.separator = builder.separator;
        this.hashLength = builder.hashLength;
        this.maxAgeDays = builder.maxAgeDays;
        this.alphabet = builder.alphabet;
        this.clock = builder.clock;
        this.encoder = new Base64Encoder(alphabet);
    }

    /**
     * @param domain the forwarding domain written after {@code @} (postsrsd's {@code -d})
     * @throws IllegalArgumentException when the domain is not a domain name
     */
    public static Builder builder(SrsSecrets secrets, String domain) {
        return new Builder(secrets, domain);
    }

    /** Settings; every one has the postsrsd default except the hash alphabet. */
    public static final class Builder {
        private final SrsSecrets secrets;
        private final String domain;
        private char separator = '=';
        private int hashLength = DEFAULT_HASH_LENGTH;
        private int maxAgeDays = DEFAULT_MAX_AGE_DAYS;
        private HashAlphabet alphabet = HashAlphabet.URL_SAFE;
        private Clock clock = Clock.systemUTC();

        private Builder(SrsSecrets secrets, String domain) {
            this.secrets = Objects.requireNonNull(secrets, "secrets");
            this.domain = DomainNames.parse(domain);
        }

        /** The character after {@code SRS0}/{@code SRS1}: {@code =} (default), {@code +} or {@code -}. */
        public Builder separator(char separator) {
            if (separator != '=' && separator != '+' && separator != '-') {
                throw new IllegalArgumentException("SRS separator '" + separator + "' is invalid: allowed are =, +, -");
            }
            this.separator = separator;
            return this;
        }

        public Builder hashLength(int hashLength) {
            if (hashLength < MIN_HASH_LENGTH || hashLength > MAX_HASH_LENGTH) {
                throw new IllegalArgumentException("SRS hash length " + hashLength + " is invalid: allowed are "
                    + MIN_HASH_LENGTH + " to " + MAX_HASH_LENGTH);
            }
            this.hashLength = hashLength;
            return this;
        }

        public Builder maxAgeDays(int maxAgeDays) {
            if (maxAgeDays < 1 || maxAgeDays > MAX_MAX_AGE_DAYS) {
                throw new IllegalArgumentException("SRS maximum age " + maxAgeDays + " days is invalid: allowed are 1 to "
                    + MAX_MAX_AGE_DAYS);
            }
            this.maxAgeDays = maxAgeDays;
            return this;
        }

        /** The alphabet of new hashes; reversal accepts both. */
        public Builder alphabet(HashAlphabet alphabet) {
            this.alphabet = Objects.requireNonNull(alphabet, "alphabet");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public StandardSrs build() {
            return new StandardSrs(this);
        }
    }

    public String domain() {
        return domain;
    }

    /**
     * The envelope sender for a mail forwarded with {@code sender} as its reverse-path.
     *
     * @param sender an address, or {@code ""}/{@code "<>"} for the null sender
     * @throws SrsException MALFORMED when the sender is not an address this engine can rewrite
     */
    public SrsForward forward(String sender) throws SrsException {
        Objects.requireNonNull(sender, "sender");
        if (SrsAddress.isNull(sender)) {
            return new SrsForward(SrsForward.Outcome.NULL_SENDER, sender);
        }
        SrsAddress address = SrsAddress.parse("sender", sender);
        String local = address.local;
        boolean tagged = isTag(local);
        if (tagged) {
            try {
                reverse(sender, address);
                return new SrsForward(SrsForward.Outcome.ALREADY_REWRITTEN, sender);
            } catch (SrsException notOurs) {
                // another forwarder's address, or an expired one of ours: becomes SRS1
            }
        }
        if (address.domain.equalsIgnoreCase(domain)) {
            return new SrsForward(SrsForward.Outcome.SAME_DOMAIN, sender);
        }
        SrsHmac.State state = hmac.begin();
        StringBuilder out = new StringBuilder(local.length() + address.domain.length() + hashLength + 16);
        SrsForward.Outcome outcome;
        if (tagged && local.charAt(3) == '1') {
            int host = local.indexOf('=', 5);
            int user = host < 0 ? -1 : local.indexOf('=', host + 1);
            if (host < 0 || user < 0 || user == host + 1 || user == local.length() - 1) {
                throw SrsAddress.malformed("SRS1 sender " + SrsAddress.show(sender) + " lacks a host or user part");
            }
            SrsAddress.checkDomain(sender, local.substring(host + 1, user));
            state.add(local, host + 1, user).add(local, user + 1, local.length());
            out.append("SRS1").append(separator);
            appendHash(out, state.mac(0));
            out.append(local, host, local.length());
            outcome = SrsForward.Outcome.SRS1;
        } else if (tagged) {
            state.add(address.domain).add(local, 4, local.length());
            out.append("SRS1").append(separator);
            appendHash(out, state.mac(0));
            out.append('=').append(address.domain).append('=').append(local, 4, local.length());
            outcome = SrsForward.Outcome.SRS1;
        } else {
            int today = SrsTimestamp.today(clock);
            state.add(SrsTimestamp.first(today)).add(SrsTimestamp.second(today)).add(address.domain).add(local);
            out.append("SRS0").append(separator);
            appendHash(out, state.mac(0));
            SrsTimestamp.append(out.append('='), today);
            out.append('=').append(address.domain).append('=').append(local);
            outcome = SrsForward.Outcome.SRS0;
        }
        String issued = SrsAddress.format(out, domain);
        if (issued.length() > SrsAddress.MAX_LENGTH) {
            // reverse would refuse it: the bounce would be lost
            throw SrsAddress.malformed("sender of " + sender.length() + " characters gives an SRS address of "
                + issued.length() + " characters, at most " + SrsAddress.MAX_LENGTH + " are allowed");
        }
        return new SrsForward(outcome, issued);
    }

    private void appendHash(StringBuilder out, byte[] mac) {
        for (int i = 0; i < hashLength; i++) {
            out.append(encoder.charAt(mac, i));
        }
    }

    /**
     * Where a bounce to {@code address} goes.
     *
     * @throws SrsException NOT_SRS, MALFORMED, BAD_HASH or EXPIRED
     */
    public SrsReverse reverse(String address) throws SrsException {
        Objects.requireNonNull(address, "address");
        return reverse(address, SrsAddress.parse("address", address));
    }

    private SrsReverse reverse(String address, SrsAddress parsed) throws SrsException {
        String l = parsed.local;
        if (!isTag(l)) {
            throw new SrsException(SrsException.Reason.NOT_SRS, SrsAddress.show(address) + " is not an SRS0 or SRS1 address");
        }
        int hashEnd = l.indexOf('=', 5);
        if (l.charAt(3) == '1') {
            int user = hashEnd < 0 ? -1 : l.indexOf('=', hashEnd + 1);
            if (user < 0 || user == hashEnd + 1 || user == l.length() - 1) {
                throw SrsAddress.malformed("SRS1 address " + SrsAddress.show(address) + " lacks a host or user part");
            }
            SrsHmac.State state = hmac.begin().add(l, hashEnd + 1, user).add(l, user + 1, l.length());
            checkHash(state, address, l, hashEnd);
            String host = SrsAddress.checkDomain(address, l.substring(hashEnd + 1, user));
            return new SrsReverse(SrsReverse.Kind.SRS1, SrsAddress.format("SRS0" + l.substring(user + 1), host), null);
        }
        int host = hashEnd < 0 ? -1 : l.indexOf('=', hashEnd + 1);
        int user = host < 0 ? -1 : l.indexOf('=', host + 1);
        if (user < 0 || user == host + 1 || user == l.length() - 1) {
            throw SrsAddress.malformed("SRS0 address " + SrsAddress.show(address)
                + " lacks a part: expected SRS0=hash=timestamp=domain=local");
        }
        int then = SrsTimestamp.decode(l, hashEnd + 1, host);
        if (then < 0) {
            throw SrsAddress.malformed("SRS0 address " + SrsAddress.show(address) + " has timestamp "
                + SrsAddress.show(l.substring(hashEnd + 1, host)) + ": expected two base32 characters");
        }
        SrsHmac.State state = hmac.begin().add(l, hashEnd + 1, host).add(l, host + 1, user).add(l, user + 1, l.length());
        checkHash(state, address, l, hashEnd);
        int age = SrsTimestamp.age(SrsTimestamp.today(clock), then);
        if (age > maxAgeDays) {
            throw new SrsException(SrsException.Reason.EXPIRED, SrsAddress.show(address) + " was issued " + age
                + " days ago, the maximum age is " + maxAgeDays + " days");
        }
        String origDomain = SrsAddress.checkDomain(address, l.substring(host + 1, user));
        return new SrsReverse(SrsReverse.Kind.SRS0, SrsAddress.format(l.substring(user + 1), origDomain), null);
    }

    /**
     * The first {@code hashLength} characters of the hash must verify; characters after them are ignored, as postsrsd
     * (libsrs2) compares only as many characters as it writes, so an address made with a longer hash still reverses.
     */
    private void checkHash(SrsHmac.State state, String address, String local, int hashEnd) throws SrsException {
        if (!state.verify(local, 5, hashEnd, hashLength, encoder)) {
            throw new SrsException(SrsException.Reason.BAD_HASH, "hash " + SrsAddress.show(local.substring(5, hashEnd))
                + " of " + SrsAddress.show(address) + " does not verify");
        }
    }

    /** True when the local part of {@code address} starts with an SRS0 or SRS1 tag and separator (any case). */
    public static boolean isSrsAddress(String address) {
        int at = address.lastIndexOf('@');
        String local = at < 0 ? address : address.substring(0, at);
        return isTag(local.startsWith("\"") ? local.substring(1) : local);
    }

    static boolean isTag(CharSequence local) {
        if (local.length() < 5) {
            return false;
        }
        char c3 = local.charAt(3);
        char c4 = local.charAt(4);
        return (local.charAt(0) | 0x20) == 's' && (local.charAt(1) | 0x20) == 'r' && (local.charAt(2) | 0x20) == 's'
            && (c3 == '0' || c3 == '1') && (c4 == '=' || c4 == '+' || c4 == '-');
    }

    @Override
    public String toString() {
        return "StandardSrs{domain=" + domain + ", separator=" + separator + ", hashLength=" + hashLength
            + ", maxAgeDays=" + maxAgeDays + ", alphabet=" + alphabet + ", secrets=" + hmac.secretCount() + "}";
    }

    /** libsrs2's base64 of the MAC's leading bits; compared case-insensitively, both alphabets alike. */
    private static final class Base64Encoder implements SrsHmac.Encoder {
        private final HashAlphabet alphabet;

        Base64Encoder(HashAlphabet alphabet) {
            this.alphabet = alphabet;
        }

        @Override
        public char charAt(byte[] mac, int index) {
            return alphabet.charAt(SrsHmac.bits(mac, 6 * index, 6));
        }

        @Override
        public char fold(char c) {
            if (c >= 'A' && c <= 'Z') {
                return (char) (c + 32);
            }
            if (c == '-') {
                return '+';
            }
            if (c == '_') {
                return '/';
            }
            return c > 127 ? 0 : c;
        }
    }
}
