package org.bordertransport.core.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * What applies to one recipient: the remote domain its domain resolves to, the per-recipient entry for its address if
 * there is one, and the effective settings (the remote domain's, with the entry's laid over them).
 */
public final class RecipientResolution {
    private final RemoteDomain remoteDomain;
    private final Optional<RecipientEntry> recipient;
    private final RemoteDomainSettings settings;

    private RecipientResolution(RemoteDomain remoteDomain, Optional<RecipientEntry> recipient,
                                RemoteDomainSettings settings) {
        this.remoteDomain = remoteDomain;
        this.recipient = recipient;
        this.settings = settings;
    }

    static RecipientResolution of(RemoteDomain remoteDomain) {
        return new RecipientResolution(remoteDomain, Optional.empty(), remoteDomain.settings());
    }

    static RecipientResolution of(RemoteDomain remoteDomain, RecipientEntry recipient) {
        return new RecipientResolution(remoteDomain, Optional.of(recipient),
            recipient.settings().applyTo(remoteDomain.settings()));
    }

    /** The remote domain of the recipient's domain (exact, longest {@code *.suffix}, else the Default). */
    public RemoteDomain remoteDomain() {
        return remoteDomain;
    }

    /** The per-recipient entry for the address, if any. */
    public Optional<RecipientEntry> recipient() {
        return recipient;
    }

    /** The effective settings for this recipient. */
    public RemoteDomainSettings settings() {
        return settings;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RecipientResolution)) {
            return false;
        }
        RecipientResolution that = (RecipientResolution) o;
        return remoteDomain.equals(that.remoteDomain) && recipient.equals(that.recipient)
            && settings.equals(that.settings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(remoteDomain, recipient, settings);
    }

    @Override
    public String toString() {
        return "remote domain " + remoteDomain + recipient.map(r -> ", recipient " + r).orElse("");
    }
}
