package org.bordertransport.core.srs;

import java.util.Objects;
import java.util.Optional;

/** A verified SRS address taken apart: where a bounce sent to it goes. */
public final class SrsReverse {
    /** The format of the reversed address. */
    public enum Kind {
        /** Standard SRS0: the bounce goes to the original sender. */
        SRS0,
        /** Standard SRS1: the bounce goes to the SRS0 address at the first forwarder, which reverses it in turn. */
        SRS1,
        /** Microsoft 365 shape: the bounce goes to the original sender; the forwarding mailbox is known too. */
        FORWARD,
        /** {@code bounces+SRS=}: issued by us and still valid, but it does not record the original sender. */
        BOUNCES
    }

    private final Kind kind;
    private final String bounceRecipient;
    private final String forwardingAddress;

    SrsReverse(Kind kind, String bounceRecipient, String forwardingAddress) {
        this.kind = kind;
        this.bounceRecipient = bounceRecipient;
        this.forwardingAddress = forwardingAddress;
    }

    public Kind kind() {
        return kind;
    }

    /** Where a bounce to the SRS address must go; empty for {@link Kind#BOUNCES}. */
    public Optional<String> bounceRecipient() {
        return Optional.ofNullable(bounceRecipient);
    }

    /** For {@link Kind#FORWARD}: the mailbox that forwarded the mail, e.g. {@code john.work@contoso.com}. */
    public Optional<String> forwardingAddress() {
        return Optional.ofNullable(forwardingAddress);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SrsReverse)) {
            return false;
        }
        SrsReverse other = (SrsReverse) o;
        return kind == other.kind && Objects.equals(bounceRecipient, other.bounceRecipient)
            && Objects.equals(forwardingAddress, other.forwardingAddress);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, bounceRecipient, forwardingAddress);
    }

    @Override
    public String toString() {
        return "SrsReverse{" + kind + ", " + bounceRecipient + (forwardingAddress == null ? "" : ", via " + forwardingAddress) + "}";
    }
}
