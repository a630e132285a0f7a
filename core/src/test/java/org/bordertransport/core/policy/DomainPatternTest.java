package org.bordertransport.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bordertransport.core.policy.DomainPattern.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainPatternTest {
    private static final String ALLOWED = "; allowed * (the Default), a domain such as example.com, or *. followed by a "
        + "domain such as *.example.com";

    @ParameterizedTest
    @CsvSource({
        "*,                DEFAULT,  '',          *",
        "' * ',            DEFAULT,  '',          *",
        "example.com,      EXACT,    example.com, example.com",
        "Example.COM.,     EXACT,    example.com, example.com",
        "*.example.com,    WILDCARD, example.com, *.example.com",
        "*.Example.Com.,   WILDCARD, example.com, *.example.com",
        "*.jp,             WILDCARD, jp,          *.jp",
        "xn--bcher-kva.ch, EXACT,    xn--bcher-kva.ch, xn--bcher-kva.ch",
    })
    void parseShouldNormalise(String text, Kind kind, String domain, String written) {
        DomainPattern p = DomainPattern.parse(text);
        assertThat(p.kind()).isEqualTo(kind);
        assertThat(p.domain()).isEqualTo(domain);
        assertThat(p).hasToString(written);
        assertThat(p.isDefault()).isEqualTo(kind == Kind.DEFAULT);
        assertThat(DomainPattern.parse(written)).isEqualTo(p).hasSameHashCodeAs(p);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                  | no domain name",
        "*.                  | no domain name",
        "**                  | a wildcard is only allowed as a whole first label",
        "*example.com        | a wildcard is only allowed as a whole first label",
        "mail.*.example.com  | a wildcard is only allowed as a whole first label",
        "example.*           | a wildcard is only allowed as a whole first label",
        "*.*.example.com     | a wildcard is only allowed as a whole first label",
        "localhost           | not fully qualified",
        "exa mple.com        | label 'exa mple' must be 1-63 letters, digits or inner hyphens",
        "-a.example.com      | label '-a' must be 1-63 letters, digits or inner hyphens",
        "a..example.com      | label '' must be 1-63 letters, digits or inner hyphens",
        "[10.0.0.1]          | label '[10' must be 1-63 letters, digits or inner hyphens",
        "bücher.example      | label 'bücher' must be 1-63 letters, digits or inner hyphens",
    })
    void parseShouldRejectWhatIsNotAPattern(String text, String reason) {
        assertThatThrownBy(() -> DomainPattern.parse(text))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("invalid domain '" + text + "': " + reason + ALLOWED);
    }

    @Test
    void parseShouldRejectOverlongNames() {
        String name = "a." + "b".repeat(250) + ".com";
        assertThatThrownBy(() -> DomainPattern.parse(name))
            .hasMessage("invalid domain '" + name + "': longer than 253 characters" + ALLOWED);
    }

    @Test
    void aWildcardShouldMatchItsDomainAndEverySubdomainButNoLookAlike() {
        DomainPattern p = DomainPattern.parse("*.example.com");
        assertThat(p.matches("example.com")).isTrue();
        assertThat(p.matches("mail.example.com")).isTrue();
        assertThat(p.matches("a.b.Example.COM.")).isTrue();
        assertThat(p.matches("badexample.com")).isFalse();
        assertThat(p.matches("example.com.evil.net")).isFalse();
        assertThat(p.matches("com")).isFalse();
    }

    @Test
    void anExactPatternShouldMatchOnlyItsDomain() {
        DomainPattern p = DomainPattern.parse("example.com");
        assertThat(p.matches("EXAMPLE.com.")).isTrue();
        assertThat(p.matches("mail.example.com")).isFalse();
    }

    @Test
    void theDefaultShouldMatchEverything() {
        assertThat(DomainPattern.matchAll().matches("anything.example")).isTrue();
        assertThat(DomainPattern.matchAll().matches("")).isTrue();
        assertThat(DomainPattern.matchAll()).isEqualTo(DomainPattern.parse("*"));
    }

    @Test
    void patternsShouldDifferByKindAndDomain() {
        assertThat(DomainPattern.parse("example.com")).isNotEqualTo(DomainPattern.parse("*.example.com"))
            .isNotEqualTo(DomainPattern.parse("example.org")).isNotEqualTo(null).isNotEqualTo("example.com");
    }
}
