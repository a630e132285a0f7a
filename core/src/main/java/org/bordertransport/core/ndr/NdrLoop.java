package org.bordertransport.core.ndr;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.bordertransport.core.mail.HeaderField;

/**
 * Loop protection for bounce re-routing: a hop count over the {@code Received} fields, and the reversal of an SRS
 * address that may reverse to another of our own SRS addresses. Pure functions; the SRS engines stay outside
 * (a {@link Reverser} wraps them).
 *
 * <p>RFC 5321 section 6.3 describes counting {@code Received} fields to detect loops, and asks servers that reject
 * on that count for a large threshold (normally at least 100). {@value #DEFAULT_MAX_RECEIVED} here is the
 * threshold for re-routing a bounce, not for rejecting mail.</p>
 */
public final class NdrLoop {
    public static final int DEFAULT_MAX_RECEIVED = 30;
    public static final int DEFAULT_MAX_SRS_DEPTH = 3;
    /** The largest {@code maxDepth} accepted by {@link #reverseChain}. */
    public static final int MAX_SRS_DEPTH = 16;

    private NdrLoop() {
    }

    /** The number of {@code Received} fields (name in any case). */
    public static int receivedCount(List<HeaderField> header) {
        Objects.requireNonNull(header, "header");
        int count = 0;
        for (HeaderField field : header) {
            if (field.hasName("Received")) {
                count++;
            }
        }
        return count;
    }

    /**
     * @param receivedCount the number of {@code Received} fields ({@link NdrVerdict#receivedCount()})
     * @param maxReceived the most fields a message may have and still be re-routed
     * @return true when there are more than {@code maxReceived}
     * @throws IllegalArgumentException when {@code maxReceived} is not positive
     */
    public static boolean tooManyHops(int receivedCount, int maxReceived) {
        if (maxReceived <= 0) {
            throw new IllegalArgumentException("maxReceived must be positive, got " + maxReceived);
        }
        return receivedCount > maxReceived;
    }

    /** {@link #tooManyHops(int, int)} of {@link #receivedCount(List)}. */
    public static boolean tooManyHops(List<HeaderField> header, int maxReceived) {
        return tooManyHops(receivedCount(header), maxReceived);
    }

    /**
     * Reverses {@code address} as long as it is one of our SRS addresses, at most {@code maxDepth} times.
     * A reversal that gives an address seen before in the chain (ignoring case) is a loop; so is an address still
     * ours after {@code maxDepth} reversals.
     *
     * @param reverser the address a bounce to an address of ours goes to, empty when the address is not ours (not
     *     SRS, or not verified by our secrets)
     * @param maxDepth reversals allowed, 1 to {@value #MAX_SRS_DEPTH}
     * @throws IllegalArgumentException when {@code maxDepth} is out of range
     * @throws E what {@code reverser} throws
     */
    public static <E extends Exception> SrsChain reverseChain(String address, Reverser<E> reverser, int maxDepth)
        throws E {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(reverser, "reverser");
        if (maxDepth < 1 || maxDepth > MAX_SRS_DEPTH) {
            throw new IllegalArgumentException("maxDepth must be from 1 to " + MAX_SRS_DEPTH + ", got " + maxDepth);
        }
        List<String> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        chain.add(address);
        seen.add(address.toLowerCase(Locale.ROOT));
        String current = address;
        for (int hop = 0; hop <= maxDepth; hop++) {
            Optional<String> next = reverser.reverse(current);
            if (next.isEmpty()) {
                return new SrsChain(chain, Optional.empty());
            }
            if (hop == maxDepth) {
                return new SrsChain(chain, Optional.of("still an SRS address of ours after " + maxDepth
                    + " reversals"));
            }
            current = next.get();
            chain.add(current);
            if (!seen.add(current.toLowerCase(Locale.ROOT))) {
                return new SrsChain(chain, Optional.of("reverses back to " + current));
            }
        }
        throw new AssertionError("unreachable");
    }

    /**
     * One step of {@link #reverseChain}.
     *
     * @param <E> what the step may throw
     */
    @FunctionalInterface
    public interface Reverser<E extends Exception> {
        /** @return where a bounce to {@code address} goes, or empty when {@code address} is not ours */
        Optional<String> reverse(String address) throws E;
    }

    /** The addresses of a reversal chain and, when it loops, why. Immutable. */
    public static final class SrsChain {
        private final List<String> addresses;
        private final Optional<String> loop;

        SrsChain(List<String> addresses, Optional<String> loop) {
            this.addresses = List.copyOf(addresses);
            this.loop = loop;
        }

        /** The address given, then each reversal, in order. */
        public List<String> addresses() {
            return addresses;
        }

        /** The last address: where the bounce goes, unless {@link #loop()}. */
        public String destination() {
            return addresses.get(addresses.size() - 1);
        }

        /** The number of reversals made. */
        public int reversals() {
            return addresses.size() - 1;
        }

        /** Why the chain is a loop; empty when it ends at an address that is not ours. */
        public Optional<String> loop() {
            return loop;
        }

        public boolean isLoop() {
            return loop.isPresent();
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof SrsChain)) {
                return false;
            }
            SrsChain other = (SrsChain) o;
            return addresses.equals(other.addresses) && loop.equals(other.loop);
        }

        @Override
        public int hashCode() {
            return Objects.hash(addresses, loop);
        }

        @Override
        public String toString() {
            return "SrsChain[" + String.join(" -> ", addresses) + loop.map(l -> ", loop: " + l).orElse("") + "]";
        }
    }
}
