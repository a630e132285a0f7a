package org.bordertransport.core.srs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.core.srs.SrsTestSupport.at;
import static org.bordertransport.core.srs.SrsTestSupport.atEpochDay;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class SrsTimestampTest {
    private static String encode(int slot) {
        StringBuilder out = new StringBuilder();
        SrsTimestamp.append(out, slot);
        return out.toString();
    }

    @Test
    void shouldCountUtcDaysModulo1024() {
        assertThat(SrsTimestamp.today(at("1970-01-01"))).isZero();
        assertThat(SrsTimestamp.today(at("2026-11-23"))).isEqualTo(20780 % 1024);
        assertThat(SrsTimestamp.today(atEpochDay(20479))).isEqualTo(1023);
        assertThat(SrsTimestamp.today(atEpochDay(20480))).isZero();
        assertThat(SrsTimestamp.today(Clock.fixed(Instant.parse("2026-11-23T23:59:59.999Z"), ZoneOffset.ofHours(5))))
            .as("UTC day whatever the zone").isEqualTo(300);
        assertThat(SrsTimestamp.today(Clock.fixed(Instant.parse("1969-12-31T12:00:00Z"), ZoneOffset.UTC))).isEqualTo(1023);
    }

    @Test
    void shouldEncodeAndDecodeEverySlotCaseInsensitively() {
        for (int slot = 0; slot < 1024; slot++) {
            String text = encode(slot);
            assertThat(text).matches("[A-Z2-7]{2}");
            assertThat(SrsTimestamp.decode(text, 0, 2)).isEqualTo(slot);
            assertThat(SrsTimestamp.decode(text.toLowerCase(java.util.Locale.ROOT), 0, 2)).isEqualTo(slot);
        }
        assertThat(encode(0)).isEqualTo("AA");
        assertThat(encode(300)).isEqualTo("JM");
        assertThat(encode(1023)).isEqualTo("77");
        assertThat(SrsTimestamp.decode("A", 0, 1)).isEqualTo(-1);
        assertThat(SrsTimestamp.decode("AAA", 0, 3)).isEqualTo(-1);
        assertThat(SrsTimestamp.decode("A1", 0, 2)).isEqualTo(-1);
        assertThat(SrsTimestamp.decode("A8", 0, 2)).isEqualTo(-1);
        assertThat(SrsTimestamp.decode("Aé", 0, 2)).isEqualTo(-1);
    }

    @Test
    void ageShouldWrap() {
        assertThat(SrsTimestamp.age(0, 1023)).isEqualTo(1);
        assertThat(SrsTimestamp.age(20, 1023)).isEqualTo(21);
        assertThat(SrsTimestamp.age(5, 6)).isEqualTo(1023);
        assertThat(SrsTimestamp.age(7, 7)).isZero();
    }
}
