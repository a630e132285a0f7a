package org.bordertransport.core.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class LineWrapperTest {
    @Test
    void wrapShouldBreakAtTheLastSpaceBeforeTheSize() {
        assertThat(LineWrapper.wrap("aaa bbb ccc ddd", OptionalInt.of(8))).isEqualTo("aaa bbb\r\nccc ddd");
        assertThat(LineWrapper.wrap("short\nlines stay", OptionalInt.of(72))).isEqualTo("short\r\nlines stay");
    }

    @Test
    void wrapShouldNeverCutAWord() {
        assertThat(LineWrapper.wrap("https://example.com/a/very/long/url end", OptionalInt.of(10)))
            .isEqualTo("https://example.com/a/very/long/url\r\nend");
    }

    @Test
    void wrapShouldKeepQuotePrefixes() {
        assertThat(LineWrapper.wrap("> one two three four", OptionalInt.of(10))).isEqualTo("> one two\r\n> three\r\n> four");
    }

    @Test
    void zeroOrUnlimitedShouldOnlyNormaliseLineEnds() {
        String long_ = "x ".repeat(100);
        assertThat(LineWrapper.wrap(long_ + "\r\ny\rz", OptionalInt.of(0))).isEqualTo(long_ + "\r\ny\r\nz");
        assertThat(LineWrapper.wrap(long_, OptionalInt.empty())).isEqualTo(long_);
    }
}
