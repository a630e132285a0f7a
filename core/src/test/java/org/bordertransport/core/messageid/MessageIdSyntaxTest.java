package org.bordertransport.core.messageid;

import static org.assertj.core.api.Assertions.assertThat;

import org.bordertransport.core.messageid.MessageIdSyntax.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageIdSyntaxTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<abc@example.com>|VALID",
        "  <abc.def+x@mail.example.com>  |VALID",
        "<abc@[10.0.0.1]>|VALID",
        "<\"quoted left\"@example.com>|VALID",
        "<abc@exch01>|VALID",
        "abc@example.com|NO_ANGLE_BRACKETS",
        "<abc@example.com|NO_ANGLE_BRACKETS",
        "<abc.example.com>|NO_AT_SIGN",
        "<abc@>|INVALID_CHARACTERS",
        "<@example.com>|INVALID_CHARACTERS",
        "<a b@example.com>|INVALID_CHARACTERS",
        "<abc@exa..mple.com>|INVALID_CHARACTERS",
        "<ab\u00e9@example.com>|INVALID_CHARACTERS",
        "<abc@example.com> <def@example.com>|INVALID_CHARACTERS",
    })
    void checkShouldClassify(String value, Status expected) {
        assertThat(MessageIdSyntax.check(value)).isEqualTo(expected);
    }

    @Test
    void checkShouldReportMissingForNullEmptyAndBlank() {
        assertThat(MessageIdSyntax.check((String) null)).isEqualTo(Status.MISSING);
        assertThat(MessageIdSyntax.check("")).isEqualTo(Status.MISSING);
        assertThat(MessageIdSyntax.check(" \r\n ")).isEqualTo(Status.MISSING);
        assertThat(MessageIdSyntax.check((String[]) null)).isEqualTo(Status.MISSING);
        assertThat(MessageIdSyntax.check(new String[0])).isEqualTo(Status.MISSING);
        assertThat(Status.MISSING.isMalformed()).isFalse();
    }

    @Test
    void checkShouldAcceptFoldingButNotBareLineBreaks() {
        assertThat(MessageIdSyntax.check("\r\n <abc@example.com>")).isEqualTo(Status.VALID);
        assertThat(MessageIdSyntax.check("<abc@exa\r\nmple.com>")).isEqualTo(Status.CONTROL_CHARACTERS);
        assertThat(MessageIdSyntax.check("<abc@exa\nmple.com>")).isEqualTo(Status.CONTROL_CHARACTERS);
        assertThat(MessageIdSyntax.check("<abc\u0000@example.com>")).isEqualTo(Status.CONTROL_CHARACTERS);
    }

    @Test
    void checkShouldRejectIdsThatCannotFitOnOneHeaderLine() {
        String longest = "<" + "a".repeat(MessageIdSyntax.MAX_LENGTH - "@example.com>".length() - 1) + "@example.com>";
        assertThat(longest).hasSize(MessageIdSyntax.MAX_LENGTH);
        assertThat(MessageIdSyntax.check(longest)).isEqualTo(Status.VALID);
        assertThat(MessageIdSyntax.check("<a" + longest.substring(1))).isEqualTo(Status.TOO_LONG);
    }

    @Test
    void checkShouldReportSeveralFieldsAsMultiple() {
        assertThat(MessageIdSyntax.check(new String[] {"<a@example.com>", "<b@example.com>"})).isEqualTo(Status.MULTIPLE);
        assertThat(MessageIdSyntax.check(new String[] {"<a@example.com>"})).isEqualTo(Status.VALID);
        assertThat(Status.MULTIPLE.isMalformed()).isTrue();
    }
}
