package org.bordertransport.core.srs;

import java.util.Objects;

/** The envelope sender to use for a forwarded or relayed mail, and what was done to get it. */
public final class SrsForward {
    /** What the engine did. */
    public enum Outcome {
        /** Standard {@code SRS0=HHHH=TT=domain=local@forward.domain}. */
        SRS0(true),
        /** Standard {@code SRS1=HHHH=first.forwarder==HHHH=TT=domain=local@forward.domain} for an SRS0/SRS1 sender. */
        SRS1(true),
        /** Microsoft 365 shape {@code forwarder+SRS=hash=TT=domain=local@forwarding.domain}. */
        FORWARD(true),
        /** {@code bounces+SRS=hash=TT@domain}: relayed mail, or a forward whose local part would pass 64 characters. */
        BOUNCES(true),
        /** The null sender {@code <>} is never rewritten. */
        NULL_SENDER(false),
        /** The sender is already a rewritten address; rewriting it again would only lengthen it. */
        ALREADY_REWRITTEN(false),
        /** The sender's domain is the rewriting domain: its SPF already covers us. */
        SAME_DOMAIN(false);

        private final boolean rewritten;

        Outcome(boolean rewritten) {
            this.rewritten = rewritten;
        }

        public boolean rewritten() {
            return rewritten;
        }
    }

    private final Outcome outcome;
    private final String address;

    SrsForward(Outcome outcome, String address) {
        this.outcome = outcome;
        this.address = address;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The sender to use: the rewritten address, or the given sender unchanged. */
    public String address() {
        return address;
    }

    public boolean isRewritten() {
        return outcome.rewritten();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SrsForward && ((SrsForward) o).outcome == outcome && ((SrsForward) o).address.equals(address);
    }

    @Override
    public int hashCode() {
        return Objects.hash(outcome, address);
    }

    @Override
    public String toString() {
        return "SrsForward{" + outcome + ", " + address + "}";
    }
}
