package org.bordertransport.core.srs;

import java.time.Clock;
import java.util.Objects;

import org.bordertransport.core.mail.DomainNames;

/**
 * Sender rewriting in the shape Microsoft 365 uses, so that forwarded and relayed mail passes SPF at the next hop and
 * bounces find their way back.
 *
 * <pre>
 * forward:  john.work+SRS=hash=TT=fabrikam.com=bob@contoso.com   (bob@fabrikam.com forwarded by john.work@contoso.com)
 * relay:    bounces+SRS=hash=TT@default.domain                   (relayed mail: the original sender is not kept)
 * </pre>
 *
 * <ul>
 * <li>{@code TT}: the standard SRS timestamp ({@link SrsTimestamp}), like Microsoft 365's.</li>
 * <li>{@code hash}: HMAC-SHA256 keyed with the signing secret, in lower-case base32 ({@code a-z2-7}), truncated to
 * {@code hashLength} characters (default {@value #DEFAULT_HASH_LENGTH}, allowed {@value #MIN_HASH_LENGTH} to
 * {@value #MAX_HASH_LENGTH}). The MAC input is ASCII-lower-cased fields separated by NUL bytes (no field holds NUL,
 * so the encoding is unambiguous): {@code "f" TT domain local forwarder} for the forward form, where forwarder is
 * the forwarding address {@code local@domain}, and {@code "b" TT domain} for the bounces form, where domain is the
 * domain of the bounces address. The leading {@code f}/{@code b} keeps the two forms from ever sharing a hash.
 * Microsoft 365's own hash uses an undocumented key and algorithm: addresses are compatible in shape only, and each
 * server reverses only the addresses it issued.</li>
 * <li>Covering the forwarding address binds a forward address to its forwarding mailbox: a valid hash cannot be moved
 * to another mailbox or domain. The bounces form cannot record the sender, so its hash covers only the day and the
 * domain: a forged or altered bounces address fails, but one genuine address (any mail relayed that day shows it)
 * verifies for every bounce until it expires. Reversing it tells the caller the bounce is ours and recent, never where
 * it goes ({@link SrsReverse#bounceRecipient()} is empty).</li>
 * <li>When the forward form's local part would pass {@value #MAX_LOCAL_LENGTH} characters (RFC 5321), the bounces
 * form at the forwarding domain is used instead.</li>
 * <li>Not rewritten: the null sender; a sender already rewritten ({@code +SRS=} anywhere in the local part, any case,
 * or an SRS0/SRS1 tag), since a second rewrite only lengthens the address; a sender at the rewriting domain.</li>
 * <li>Verification is case-insensitive (MTAs may change case; base32 is single-case so nothing is lost) and in
 * constant time per secret, every secret tried; the timestamp must be at most {@code maxAgeDays} old (default 21).</li>
 * </ul>
 *
 * <p><b>Why {@value #DEFAULT_HASH_LENGTH} characters</b>: each base32 character carries 5 bits, so the default hash
 * carries 40 bits. A forged address is accepted only if its hash is guessed, one SMTP recipient per try: at a
 * sustained 1,000 tries per second, 2<sup>39</sup> expected tries take about 17 years for one target address,
 * against about 4.6 hours for Microsoft 365's 5 characters (25 bits) and 13 minutes for postsrsd's 4 base64
 * characters compared case-insensitively (about 20.6 bits). HMAC-SHA256 truncated this far is as strong as its
 * length: the key is never exposed by the truncated outputs. The cost is 3 characters of the 64-character local part.</p>
 *
 * <p>Thread-safe. Limits: addresses of at most 1000 characters.</p>
 */
public final class Microsoft365Srs {
    public static final int DEFAULT_HASH_LENGTH = 8;
    public static final int MIN_HASH_LENGTH = 5;
    public static final int MAX_HASH_LENGTH = 16;
    public static final int MAX_LOCAL_LENGTH = 64;
    public static final String BOUNCES_LOCAL = "bounces";
    private static final String TAG = "+SRS=";
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static final SrsHmac.Encoder ENCODER = new SrsHmac.Encoder() {
        @Override
        public char charAt(byte[] mac, int index) {
            return BASE32.charAt(SrsHmac.bits(mac, 5 * index, 5));
        }

        @Override
        public char fold(char c) {
            if (c >= 'A' && c <= 'Z') {
                return (char) (c + 32);
            }
            return c > 127 ? 0 : c;
        }
    };

    private final SrsHmac hmac;
    private final String defaultDomain;
    private final int hashLength;
    private final int maxAgeDays;
    private final Clock clock;
    /**
     * The forwarding address last parsed and accepted: forwarders are a few local mailboxes, so most mail saves its
     * parse and checks. One immutable pair in one field: a thread sees either a complete pair or another one.
     */
    private volatile Forwarder lastForwarder;
    /** The domain of the address last reversed: ours, so nearly always the same; checked once, then compared. */
    private volatile String lastReversedDomain;

    private Microsoft365Srs(Builder builder) {
        this.hmac = new SrsHmac(builder.secrets, SrsHmac.SHA256);
        this.defaultDomain = builder.defaultDomain;
        this.hashLength = builder.hashLength;
        this.maxAgeDays = builder.maxAgeDays;
        this.clock = builder.clock;
    }

    /**
     * @param defaultDomain the domain of {@code bounces+SRS=} addresses for relayed mail
     * @throws IllegalArgumentException when the domain is not a domain name
     */
    public static Builder builder(SrsSecrets secrets, String defaultDomain) {
        return new Builder(secrets, defaultDomain);
    }

    /** Settings. */
    public static final class Builder {
        private final SrsSecrets secrets;
        private final String defaultDomain;
        private int hashLength = DEFAULT_HASH_LENGTH;
        private int maxAgeDays = StandardSrs.DEFAULT_MAX_AGE_DAYS;
        private Clock clock = Clock.systemUTC();

        private Builder(SrsSecrets secrets, String defaultDomain) {
            this.secrets = Objects.requireNonNull(secrets, "secrets");
            this.defaultDomain = DomainNames.parse(defaultDomain);
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
            if (maxAgeDays < 1 || maxAgeDays > StandardSrs.MAX_MAX_AGE_DAYS) {
                throw new IllegalArgumentException("SRS maximum age " + maxAgeDays + " days is invalid: allowed are 1 to "
                    + StandardSrs.MAX_MAX_AGE_DAYS);
            }
            this.maxAgeDays = maxAgeDays;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Microsoft365Srs build() {
            return new Microsoft365Srs(this);
        }
    }

    public String defaultDomain() {
        return defaultDomain;
    }

    /**
     * The envelope sender for mail from {@code sender} forwarded by the mailbox {@code forwardingAddress}.
     *
     * @param sender an address, or {@code ""}/{@code "<>"} for the null sender
     * @throws SrsException MALFORMED when either address cannot be used (the forwarding address must not hold
     *     {@code +SRS=})
     */
    public SrsForward forward(String sender, String forwardingAddress) throws SrsException {
        Objects.requireNonNull(sender, "sender");
        SrsAddress forwarder = forwarder(Objects.requireNonNull(forwardingAddress, "forwardingAddress"));
        if (SrsAddress.isNull(sender)) {
            return new SrsForward(SrsForward.Outcome.NULL_SENDER, sender);
        }
        SrsAddress from = SrsAddress.parse("sender", sender);
        if (isRewritten(from.local)) {
            return new SrsForward(SrsForward.Outcome.ALREADY_REWRITTEN, sender);
        }
        if (from.domain.equalsIgnoreCase(forwarder.domain)) {
            return new SrsForward(SrsForward.Outcome.SAME_DOMAIN, sender);
        }
        int today = SrsTimestamp.today(clock);
        char t0 = SrsTimestamp.first(today);
        char t1 = SrsTimestamp.second(today);
        byte[] mac = hmac.begin().add('f').separator().add(t0).add(t1).separator().add(from.domain).separator()
            .add(from.local).separator().add(forwarder.local).add('@').add(forwarder.domain).mac(0);
        // room for the whole address: formatPlain appends @domain to it
        StringBuilder local = new StringBuilder(forwarder.local.length() + from.local.length() + from.domain.length()
            + forwarder.domain.length() + 32);
        local.append(forwarder.local).append(TAG);
        appendHash(local, mac);
        local.append('=').append(t0).append(t1).append('=').append(from.domain).append('=').append(from.local);
        // the other pieces (tag, hash, timestamp, domain) are atext: the local part is plain when both parts are
        boolean plain = forwarder.plain && from.plain;
        if ((plain ? local.length() : SrsAddress.localLength(local)) > MAX_LOCAL_LENGTH) {
            return new SrsForward(SrsForward.Outcome.BOUNCES, bounces(forwarder.domain, today));
        }
        return new SrsForward(SrsForward.Outcome.FORWARD, plain ? SrsAddress.formatPlain(local, forwarder.domain)
            : SrsAddress.format(local, forwarder.domain));
    }

    /** The forwarding address parsed and checked, or the same one as last time. */
    private SrsAddress forwarder(String forwardingAddress) throws SrsException {
        Forwarder last = lastForwarder;
        if (last != null && last.raw.equals(forwardingAddress)) {
            return last.parsed;
        }
        SrsAddress forwarder = SrsAddress.parse("forwarding address", forwardingAddress);
        if (indexOfTag(forwarder.local) >= 0) {
            throw SrsAddress.malformed("forwarding address " + SrsAddress.show(forwardingAddress)
                + " holds '+SRS=', which marks rewritten addresses");
        }
        lastForwarder = new Forwarder(forwardingAddress, forwarder);
        return forwarder;
    }

    /** A forwarding address as given and as accepted by {@link #forwarder(String)}. */
    private static final class Forwarder {
        final String raw;
        final SrsAddress parsed;

        Forwarder(String raw, SrsAddress parsed) {
            this.raw = raw;
            this.parsed = parsed;
        }
    }

    /**
     * The envelope sender for mail from {@code sender} relayed through us: {@code bounces+SRS=hash=TT@defaultDomain}.
     *
     * @throws SrsException MALFORMED when the sender is not an address
     */
    public SrsForward relay(String sender) throws SrsException {
        Objects.requireNonNull(sender, "sender");
        if (SrsAddress.isNull(sender)) {
            return new SrsForward(SrsForward.Outcome.NULL_SENDER, sender);
        }
        SrsAddress from = SrsAddress.parse("sender", sender);
        if (isRewritten(from.local)) {
            return new SrsForward(SrsForward.Outcome.ALREADY_REWRITTEN, sender);
        }
        if (from.domain.equalsIgnoreCase(defaultDomain)) {
            return new SrsForward(SrsForward.Outcome.SAME_DOMAIN, sender);
        }
        return new SrsForward(SrsForward.Outcome.BOUNCES, bounces(defaultDomain, SrsTimestamp.today(clock)));
    }

    private String bounces(String domain, int today) {
        char t0 = SrsTimestamp.first(today);
        char t1 = SrsTimestamp.second(today);
        byte[] mac = hmac.begin().add('b').separator().add(t0).add(t1).separator().add(domain).mac(0);
        StringBuilder out = new StringBuilder(BOUNCES_LOCAL.length() + TAG.length() + hashLength + 4 + domain.length());
        out.append(BOUNCES_LOCAL).append(TAG);
        appendHash(out, mac);
        return out.append('=').append(t0).append(t1).append('@').append(domain).toString();
    }

    private void appendHash(StringBuilder out, byte[] mac) {
        for (int i = 0; i < hashLength; i++) {
            out.append(ENCODER.charAt(mac, i));
        }
    }

    /**
     * Where a bounce to {@code address} goes.
     *
     * @throws SrsException NOT_SRS (no {@code +SRS=}), MALFORMED, BAD_HASH or EXPIRED
     */
    public SrsReverse reverse(String address) throws SrsException {
        Objects.requireNonNull(address, "address");
        String knownDomain = lastReversedDomain;
        SrsAddress parsed = SrsAddress.parse("address", address, knownDomain);
        if (parsed.domain != knownDomain) {
            lastReversedDomain = parsed.domain; // a volatile write only when the domain changes
        }
        String l = parsed.local;
        int tag = indexOfTag(l);
        if (tag < 0) {
            throw new SrsException(SrsException.Reason.NOT_SRS, SrsAddress.show(address) + " holds no '+SRS='");
        }
        if (tag == 0) {
            throw SrsAddress.malformed(SrsAddress.show(address) + " has nothing before '+SRS='");
        }
        int hashStart = tag + TAG.length();
        int hashEnd = l.indexOf('=', hashStart);
        if (hashEnd < 0) {
            throw SrsAddress.malformed(SrsAddress.show(address) + " has no timestamp after the hash");
        }
        int stampEnd = l.indexOf('=', hashEnd + 1);
        if (stampEnd < 0) {
            return reverseBounces(address, parsed, tag, hashStart, hashEnd);
        }
        int then = stamp(address, l, hashEnd + 1, stampEnd);
        int domainEnd = l.indexOf('=', stampEnd + 1);
        if (domainEnd < 0 || domainEnd == stampEnd + 1 || domainEnd == l.length() - 1) {
            throw SrsAddress.malformed(SrsAddress.show(address)
                + " lacks a part: expected forwarder+SRS=hash=timestamp=domain=local@domain");
        }
        SrsHmac.State state = hmac.begin().add('f').separator().add(l, hashEnd + 1, stampEnd).separator()
            .add(l, stampEnd + 1, domainEnd).separator().add(l, domainEnd + 1, l.length()).separator()
            .add(l, 0, tag).add('@').add(parsed.domain);
        verify(state, address, l, hashStart, hashEnd);
        checkAge(address, then);
        if (parsed.plain && SrsAddress.isPlainDomain(l, stampEnd + 1, domainEnd)) {
            // pieces of a plain local part are plain, and the domain in it is a host name: built without copies
            return new SrsReverse(SrsReverse.Kind.FORWARD,
                SrsAddress.formatPlain(l, domainEnd + 1, l.length(), stampEnd + 1, domainEnd),
                SrsAddress.formatPlain(l, 0, tag, parsed.domain));
        }
        String domain = SrsAddress.checkDomain(address, l.substring(stampEnd + 1, domainEnd));
        if (parsed.plain) {
            return new SrsReverse(SrsReverse.Kind.FORWARD, SrsAddress.formatPlain(l.substring(domainEnd + 1), domain),
                SrsAddress.formatPlain(l.substring(0, tag), parsed.domain));
        }
        return new SrsReverse(SrsReverse.Kind.FORWARD, SrsAddress.format(l.substring(domainEnd + 1), domain),
            SrsAddress.format(l.substring(0, tag), parsed.domain));
    }

    private SrsReverse reverseBounces(String address, SrsAddress parsed, int tag, int hashStart, int hashEnd)
            throws SrsException {
        String l = parsed.local;
        if (tag != BOUNCES_LOCAL.length() || !l.regionMatches(true, 0, BOUNCES_LOCAL, 0, tag)) {
            throw SrsAddress.malformed(SrsAddress.show(address)
                + " lacks a part: expected forwarder+SRS=hash=timestamp=domain=local@domain");
        }
        int then = stamp(address, l, hashEnd + 1, l.length());
        SrsHmac.State state = hmac.begin().add('b').separator().add(l, hashEnd + 1, l.length()).separator()
            .add(parsed.domain);
        verify(state, address, l, hashStart, hashEnd);
        checkAge(address, then);
        return new SrsReverse(SrsReverse.Kind.BOUNCES, null, null);
    }

    private static int stamp(String address, String local, int from, int to) throws SrsException {
        int then = SrsTimestamp.decode(local, from, to);
        if (then < 0) {
            throw SrsAddress.malformed(SrsAddress.show(address) + " has timestamp "
                + SrsAddress.show(local.substring(from, to)) + ": expected two base32 characters");
        }
        return then;
    }

    private void verify(SrsHmac.State state, String address, String local, int from, int to) throws SrsException {
        // exactly hashLength characters: this format is ours alone, so there is no longer form to accept
        if (to - from != hashLength || !state.verify(local, from, to, hashLength, ENCODER)) {
            throw new SrsException(SrsException.Reason.BAD_HASH, "hash " + SrsAddress.show(local.substring(from, to))
                + " of " + SrsAddress.show(address) + " does not verify");
        }
    }

    private void checkAge(String address, int then) throws SrsException {
        int age = SrsTimestamp.age(SrsTimestamp.today(clock), then);
        if (age > maxAgeDays) {
            throw new SrsException(SrsException.Reason.EXPIRED, SrsAddress.show(address) + " was issued " + age
                + " days ago, the maximum age is " + maxAgeDays + " days");
        }
    }

    /** True when the local part of {@code address} holds {@code +SRS=} (any case). */
    public static boolean isSrsAddress(String address) {
        int at = address.lastIndexOf('@');
        return indexOfTag(at < 0 ? address : address.substring(0, at)) >= 0;
    }

    private static boolean isRewritten(String local) {
        return indexOfTag(local) >= 0 || StandardSrs.isTag(local);
    }

    /** Index of the first {@code +SRS=} in any case, or -1. */
    static int indexOfTag(String local) {
        for (int i = local.indexOf('+'); i >= 0 && i + TAG.length() <= local.length(); i = local.indexOf('+', i + 1)) {
            if (local.regionMatches(true, i, TAG, 0, TAG.length())) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "Microsoft365Srs{defaultDomain=" + defaultDomain + ", hashLength=" + hashLength + ", maxAgeDays="
            + maxAgeDays + ", secrets=" + hmac.secretCount() + "}";
    }
}
