package org.bordertransport.core.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.bordertransport.core.mail.HeaderText;
import org.junit.jupiter.api.Test;

class LineLimitTest {
    private static long firstLong(String content, int max) throws Exception {
        return LineLimit.firstLineLongerThan(new ByteArrayInputStream(content.getBytes(StandardCharsets.US_ASCII)), max);
    }

    @Test
    void shouldFindTheFirstLongLine() throws Exception {
        assertThat(firstLong("a\r\n" + "b".repeat(998) + "\r\n", 998)).isZero();
        assertThat(firstLong("a\r\nb\nc\r" + "d".repeat(999) + "\r\n", 998)).isEqualTo(4);
        assertThat(firstLong("", 0)).isZero();
        assertThatThrownBy(() -> firstLong("", -1)).hasMessage("maxOctets must be 0 or more, got -1");
    }

    @Test
    void shouldFoldAtWhiteSpaceAndGiveTheSameValueBack() throws Exception {
        String value = "word ".repeat(60).trim();
        String folded = LineLimit.fold("Subject", value, false);
        for (String line : ("Subject: " + folded).split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(78);
        }
        assertThat(HeaderText.unfold(folded)).isEqualTo(value);
    }

    @Test
    void shouldFoldStructuredValuesAfterCommasOutsideQuotes() throws Exception {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            list.append(i == 0 ? "" : ",").append("\"Last,First").append(i).append("\"<user").append(i)
                .append("@example.com>");
        }
        String folded = LineLimit.fold("To", list.toString(), true);
        for (String line : ("To: " + folded).split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(78);
            assertThat(line).doesNotStartWith(" First");
        }
        assertThat(HeaderText.unfold(folded).replace(", ", ",")).isEqualTo(list.toString());
        assertThat(LineLimit.fold("To", "a@b.c,d@e.f", false)).isEqualTo("a@b.c,d@e.f");
    }

    @Test
    void shouldKeepUnbreakableRunsUpTo998AndFailBeyond() throws Exception {
        String run = "x".repeat(990);
        assertThat(LineLimit.fold("X", "a " + run, false)).isEqualTo("a\r\n " + run);
        assertThatThrownBy(() -> LineLimit.fold("X", "a " + "y".repeat(998), false))
            .isInstanceOf(EncodingException.class)
            .hasMessage("header X: cannot fold a run of 999 octets without a folding point into lines of at most 998 "
                + "octets");
    }

    @Test
    void shouldNeverLeaveWhiteSpaceOnlyLines() throws Exception {
        String folded = LineLimit.fold("Subject", "a" + " ".repeat(100) + "b", false);
        for (String line : folded.split("\r\n")) {
            assertThat(line.isBlank()).isFalse();
        }
    }
}
