package org.bordertransport.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class OptionsTest {
    private final Options options = new Options().flag("--inbound").valued("--output", "-o");

    @Test
    void shouldSeparateFlagsValuesAndPositionals() throws Exception {
        Options.Parsed parsed = options.parse(List.of("a.eml", "--inbound", "-o", "out.eml"));

        assertThat(parsed.has("--inbound")).isTrue();
        assertThat(parsed.has(Options.HELP)).isFalse();
        assertThat(parsed.value("--output")).contains("out.eml");
        assertThat(parsed.positionals()).containsExactly("a.eml");
    }

    @Test
    void shouldAcceptInlineValues() throws Exception {
        assertThat(options.parse(List.of("--output=x=y")).value("--output")).contains("x=y");
    }

    @Test
    void dashShouldBePositionalAndDoubleDashShouldEndOptions() throws Exception {
        Options.Parsed parsed = options.parse(List.of("-", "--", "--inbound"));

        assertThat(parsed.positionals()).containsExactly("-", "--inbound");
        assertThat(parsed.has("--inbound")).isFalse();
    }

    @Test
    void helpShouldAlwaysBeKnown() throws Exception {
        assertThat(options.parse(List.of("-h")).has(Options.HELP)).isTrue();
    }

    @Test
    void shouldRejectUnknownOptions() {
        assertThatThrownBy(() -> options.parse(List.of("--outbound")))
            .isInstanceOf(UsageException.class).hasMessage("unknown option '--outbound'");
    }

    @Test
    void shouldRejectMissingValues() {
        assertThatThrownBy(() -> options.parse(List.of("-o")))
            .isInstanceOf(UsageException.class).hasMessage("option '-o' needs a value");
    }

    @Test
    void shouldRejectValuesOnFlags() {
        assertThatThrownBy(() -> options.parse(List.of("--inbound=yes")))
            .isInstanceOf(UsageException.class).hasMessage("option '--inbound' takes no value");
    }

    @Test
    void shouldRejectRepeatedValues() {
        assertThatThrownBy(() -> options.parse(List.of("-o", "a", "--output", "b")))
            .isInstanceOf(UsageException.class).hasMessage("option '--output' is given twice");
    }
}
