package org.bordertransport.core.srs;

import java.time.Clock;
import java.util.Optional;

/**
 * What an operator asks of SRS outside the mail flow ({@code bin/border srs}, the WebAdmin routes): the envelope
 * sender a forwarded or relayed mail gets, and where a bounce to a rewritten address goes, or why it is refused. The
 * engines are the mailets' ({@link Microsoft365Srs}, {@link StandardSrs}).
 */
public final class SrsOperations {
    /**
     * The domain the engines are built with when the operation does not use one: reversal reads the domain from the
     * address, and the m365 forward form writes the forwarding address's domain. Reserved by RFC 2606.
     */
    public static final String UNUSED_DOMAIN = "srs.invalid";

    /** What the address a reversal gives is. */
    public enum Target {
        /** SRS0 and the m365 forward form: the sender of the original mail. */
        ORIGINAL_SENDER,
        /** SRS1: the SRS0 address at the first forwarder, which reverses it in turn. */
        FIRST_FORWARDER,
        /** {@code bounces+SRS=}: ours and still valid, but it does not record the sender; deliver to the address. */
        BOUNCES_MAILBOX
    }

    private SrsOperations() {
    }

    /**
     * The m365 forward form of {@code sender} forwarded by the mailbox {@code forwarder}.
     *
     * @param hashLength empty for the engine's default
     */
    public static SrsForward forwardM365(SrsSecrets secrets, String sender, String forwarder,
                                         Optional<Integer> hashLength, int maxAgeDays, Clock clock)
        throws SrsException {
        Microsoft365Srs.Builder builder = Microsoft365Srs.builder(secrets, UNUSED_DOMAIN).maxAgeDays(maxAgeDays)
            .clock(clock);
        hashLength.ifPresent(builder::hashLength);
        return builder.build().forward(sender, forwarder);
    }

    /** The m365 form of relayed (not forwarded) mail: {@code bounces+SRS=hash=TT@domain}. */
    public static SrsForward relayM365(SrsSecrets secrets, String domain, String sender, Optional<Integer> hashLength,
                                       int maxAgeDays, Clock clock) throws SrsException {
        Microsoft365Srs.Builder builder = Microsoft365Srs.builder(secrets, domain).maxAgeDays(maxAgeDays).clock(clock);
        hashLength.ifPresent(builder::hashLength);
        return builder.build().relay(sender);
    }

    /**
     * The SRS0/SRS1 form at {@code domain}, else at the domain of {@code forwarder}.
     *
     * @throws IllegalArgumentException when {@code domain} is given and is not a domain
     * @throws SrsException MALFORMED when the domain comes from a forwarding address that has none
     */
    public static SrsForward forwardStandard(SrsSecrets secrets, Optional<String> domain, Optional<String> forwarder,
                                             String sender, StandardOptions options, Clock clock)
        throws SrsException {
        StandardSrs.Builder builder;
        if (domain.isPresent()) {
            builder = StandardSrs.builder(secrets, domain.get());
        } else {
            String address = forwarder.orElse("");
            int at = address.lastIndexOf('@');
            if (at < 0) {
                throw new SrsException(SrsException.Reason.MALFORMED, "forwarding address '" + address
                    + "' has no '@'");
            }
            try {
                builder = StandardSrs.builder(secrets, address.substring(at + 1));
            } catch (IllegalArgumentException e) {
                throw new SrsException(SrsException.Reason.MALFORMED, "forwarding address '" + address + "': "
                    + e.getMessage());
            }
        }
        builder.maxAgeDays(options.maxAgeDays).clock(clock).alphabet(options.alphabet);
        options.hashLength.ifPresent(builder::hashLength);
        return builder.build().forward(sender);
    }

    /** Reverses {@code address} in {@code format} (see {@link SrsFormat#ofAddress(String)} for the usual choice). */
    public static SrsReverse reverse(SrsSecrets secrets, SrsFormat format, String address, int maxAgeDays,
                                     Clock clock) throws SrsException {
        if (format == SrsFormat.M365) {
            return Microsoft365Srs.builder(secrets, UNUSED_DOMAIN).maxAgeDays(maxAgeDays).clock(clock).build()
                .reverse(address);
        }
        return StandardSrs.builder(secrets, UNUSED_DOMAIN).maxAgeDays(maxAgeDays).clock(clock).build()
            .reverse(address);
    }

    /** What the address of a reversal of this kind is. */
    public static Target target(SrsReverse.Kind kind) {
        switch (kind) {
            case SRS1:
                return Target.FIRST_FORWARDER;
            case BOUNCES:
                return Target.BOUNCES_MAILBOX;
            default:
                return Target.ORIGINAL_SENDER;
        }
    }

    /** The message of a refusal without its {@code REASON: } prefix. */
    public static String detail(SrsException e) {
        String message = e.getMessage();
        String prefix = e.reason().name() + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    /** The settings of the SRS0 engine besides the domain. */
    public static final class StandardOptions {
        private final int maxAgeDays;
        private final HashAlphabet alphabet;
        private final Optional<Integer> hashLength;

        public StandardOptions(int maxAgeDays, HashAlphabet alphabet, Optional<Integer> hashLength) {
            this.maxAgeDays = maxAgeDays;
            this.alphabet = alphabet;
            this.hashLength = hashLength;
        }

        /** The engine's defaults with this maximum age. */
        public static StandardOptions maxAge(int maxAgeDays) {
            return new StandardOptions(maxAgeDays, HashAlphabet.URL_SAFE, Optional.empty());
        }
    }
}
