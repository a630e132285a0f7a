package org.bordertransport.james;

import java.time.Clock;

import org.bordertransport.core.srs.Microsoft365Srs;
import org.bordertransport.core.srs.SrsSecrets;
import org.bordertransport.core.srs.StandardSrs;

/**
 * The two SRS engines that verify and reverse our addresses (standard SRS0/SRS1 and the Microsoft 365 form), built
 * from one set of secrets; what {@code ReverseSrs} and {@code SrsRcptHook} hold, and swap whole when the secrets file
 * is reloaded.
 */
public final class SrsVerifiers {
    /** Reversal takes the domain from the address: the engines' own domain is never written. */
    private static final String UNUSED_DOMAIN = "srs.invalid";

    private final Microsoft365Srs m365;
    private final StandardSrs standard;
    private final int secretCount;

    private SrsVerifiers(Microsoft365Srs m365, StandardSrs standard, int secretCount) {
        this.m365 = m365;
        this.standard = standard;
        this.secretCount = secretCount;
    }

    public static SrsVerifiers of(SrsSecrets secrets, int maxAgeDays, Clock clock) {
        return new SrsVerifiers(
            Microsoft365Srs.builder(secrets, UNUSED_DOMAIN).maxAgeDays(maxAgeDays).clock(clock).build(),
            StandardSrs.builder(secrets, UNUSED_DOMAIN).maxAgeDays(maxAgeDays).clock(clock).build(), secrets.count());
    }

    public Microsoft365Srs m365() {
        return m365;
    }

    public StandardSrs standard() {
        return standard;
    }

    /** How many secrets verify (for log lines). */
    public int secretCount() {
        return secretCount;
    }
}
