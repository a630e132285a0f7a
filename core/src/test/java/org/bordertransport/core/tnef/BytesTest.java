package org.bordertransport.core.tnef;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BytesTest {
    @Test
    void hexWritesWhatTheFormatterWrites() {
        long[] values = {0, 0x1, 0x3001001F, 0x8000_0102L, 0xFFFF_FFFFL, 0x0037_001E};
        for (long value : values) {
            assertThat(Bytes.hex(value, 8)).isEqualTo(String.format("%08X", value));
        }
        assertThat(Bytes.hex(0x0102, 4)).isEqualTo("0102");
        assertThat(Bytes.hex(0xABCDE, 4)).as("only the low digits").isEqualTo("BCDE");
    }
}
