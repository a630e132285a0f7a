package org.bordertransport.core.srs;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

final class SrsTestSupport {
    static final String SECRET = "first-secret-0123456789";
    static final String OLD_SECRET = "older-secret-0123456789";
    static final String OTHER_SECRET = "someone-elses-secret-xyz";

    private SrsTestSupport() {
    }

    /** Noon UTC on {@code date}. */
    static Clock at(String date) {
        return Clock.fixed(Instant.parse(date + "T12:00:00Z"), ZoneOffset.UTC);
    }

    /** Noon UTC on the given epoch day. */
    static Clock atEpochDay(long day) {
        return at(LocalDate.ofEpochDay(day).toString());
    }

    static StandardSrs standard(Clock clock, String... secrets) {
        return StandardSrs.builder(SrsSecrets.of(secrets.length == 0 ? new String[] {SECRET} : secrets), "forward.example")
            .clock(clock).build();
    }

    static Microsoft365Srs m365(Clock clock, String... secrets) {
        return Microsoft365Srs.builder(SrsSecrets.of(secrets.length == 0 ? new String[] {SECRET} : secrets), "relay.example")
            .clock(clock).build();
    }
}
