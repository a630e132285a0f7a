package org.bordertransport.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RemoteDomainPolicyTest {
    private static RemoteDomain domain(String name, String pattern) {
        return RemoteDomain.of(name, DomainPattern.parse(pattern), RemoteDomainSettings.defaults());
    }

    private static final RemoteDomainPolicy POLICY = RemoteDomainPolicy.of(List.of(
        domain("Everyone", "*"),
        domain("Japan", "*.jp"),
        domain("Carrier", "*.carrier.example.jp"),
        domain("Carrier MMS", "*.mms.carrier.example.jp"),
        domain("Carrier web", "web.carrier.example.jp"),
        domain("Partner", "partner.example.com"),
        domain("Partner subdomains", "*.partner.example.com")));

    @ParameterizedTest
    @CsvSource({
        // exact beats every wildcard
        "web.carrier.example.jp,        Carrier web",
        "partner.example.com,           Partner",
        // the longest wildcard wins
        "carrier.example.jp,            Carrier",
        "a.carrier.example.jp,          Carrier",
        "x.web.carrier.example.jp,      Carrier",
        "mms.carrier.example.jp,        Carrier MMS",
        "a.b.mms.carrier.example.jp,    Carrier MMS",
        "docomo.ne.jp,                  Japan",
        "jp,                            Japan",
        "mail.partner.example.com,      Partner subdomains",
        // nothing else matches
        "example.com,                   Everyone",
        "example.jp.evil.com,           Everyone",
        "notcarrier.example.jp,         Japan",
        "'',                            Everyone",
        "[192.0.2.1],                   Everyone",
        // case and trailing dot
        "WEB.Carrier.Example.JP.,       Carrier web",
        "Mail.PARTNER.example.com.,     Partner subdomains",
        "DOCOMO.NE.JP,                  Japan",
        "partner.example.com.,          Partner",
    })
    void resolveShouldPreferExactThenLongestWildcardThenDefault(String recipientDomain, String expected) {
        assertThat(POLICY.resolve(recipientDomain).name()).isEqualTo(expected);
        assertThat(POLICY.settingsFor(recipientDomain)).isSameAs(POLICY.resolve(recipientDomain).settings());
    }

    @Test
    void aBuiltInDefaultShouldBeAddedWhenNoneIsConfigured() {
        RemoteDomainPolicy policy = RemoteDomainPolicy.of(List.of(domain("Partner", "partner.example.com")));
        RemoteDomain builtIn = policy.defaultDomain();
        assertThat(builtIn.name()).isEqualTo("Default");
        assertThat(builtIn.isDefault()).isTrue();
        assertThat(builtIn.settings()).isEqualTo(RemoteDomainSettings.defaults());
        assertThat(policy.resolve("other.example")).isSameAs(builtIn);
        assertThat(policy.remoteDomains()).containsExactly(builtIn, domain("Partner", "partner.example.com"));
        assertThat(policy.find("default")).contains(builtIn);
    }

    @Test
    void aConfiguredDefaultShouldBeUsedWhateverItsName() {
        assertThat(POLICY.defaultDomain().name()).isEqualTo("Everyone");
        assertThat(POLICY.remoteDomains()).hasSize(7);
        assertThat(POLICY.find("Default")).isEmpty();
    }

    @Test
    void defaultOnlyShouldHaveOnlyTheBuiltInDefault() {
        assertThat(RemoteDomainPolicy.defaultOnly().remoteDomains()).containsExactly(RemoteDomain.builtInDefault());
        assertThat(RemoteDomainPolicy.defaultOnly().resolve("example.com")).isEqualTo(RemoteDomain.builtInDefault());
    }

    @Test
    void eachDomainShouldKeepItsOwnSettingsWithoutInheritingFromTheDefault() {
        RemoteDomain everyone = RemoteDomain.of("Default", DomainPattern.matchAll(),
            RemoteDomainSettings.builder().lineWrapSize(OptionalInt.of(72)).autoForwardEnabled(false).build());
        RemoteDomain partner = RemoteDomain.of("Partner", DomainPattern.parse("partner.example.com"),
            RemoteDomainSettings.builder().contentType(ContentType.MIME_TEXT).build());
        RemoteDomainPolicy policy = RemoteDomainPolicy.of(List.of(everyone, partner));
        assertThat(policy.settingsFor("partner.example.com").lineWrapSize()).isEmpty();
        assertThat(policy.settingsFor("partner.example.com").autoForwardEnabled()).isTrue();
        assertThat(policy.settingsFor("other.example").autoForwardEnabled()).isFalse();
    }

    @Test
    void findShouldIgnoreCase() {
        assertThat(POLICY.find(" carrier mms ")).map(RemoteDomain::name).contains("Carrier MMS");
        assertThat(POLICY.find("nobody")).isEmpty();
    }

    @Test
    void duplicateNamesShouldFail() {
        assertThatThrownBy(() -> RemoteDomainPolicy.of(List.of(domain("Partner", "a.example.com"),
            domain("PARTNER", "b.example.com"))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("duplicate remote domain name 'PARTNER': names must be unique (case-insensitive)");
    }

    @Test
    void duplicatePatternsShouldFail() {
        assertThatThrownBy(() -> RemoteDomainPolicy.of(List.of(domain("A", "*.example.com"),
            domain("B", "*.EXAMPLE.com."))))
            .hasMessage("remote domain 'B': domain '*.example.com' is already used by remote domain 'A'");
        assertThatThrownBy(() -> RemoteDomainPolicy.of(List.of(domain("A", "*"), domain("B", "*"))))
            .hasMessage("remote domain 'B': domain '*' is already used by remote domain 'A'");
    }

    @Test
    void anExactAndAWildcardPatternForTheSameDomainShouldCoexist() {
        RemoteDomainPolicy policy = RemoteDomainPolicy.of(List.of(domain("A", "example.com"),
            domain("B", "*.example.com")));
        assertThat(policy.resolve("example.com").name()).isEqualTo("A");
        assertThat(policy.resolve("www.example.com").name()).isEqualTo("B");
    }

    @Test
    void theNameDefaultShouldBeKeptForTheBuiltInDefault() {
        assertThatThrownBy(() -> RemoteDomainPolicy.of(List.of(domain("default", "example.com"))))
            .hasMessage("remote domain 'default': the name 'Default' is kept for the built-in Default remote domain "
                + "(domain '*'), which is added because no remote domain has domain '*'");
    }

    @Test
    void namesShouldBeValidated() {
        assertThatThrownBy(() -> domain(" ", "example.com"))
            .hasMessage("invalid name ' ': allowed 1-64 characters without control characters");
        assertThatThrownBy(() -> domain("a\tb", "example.com"))
            .hasMessage("invalid name 'a\tb': allowed 1-64 characters without control characters");
        String longName = "n".repeat(65);
        assertThatThrownBy(() -> domain(longName, "example.com"))
            .hasMessage("invalid name '" + longName + "': allowed 1-64 characters without control characters");
        assertThat(domain(" Partner ", "example.com").name()).isEqualTo("Partner");
        assertThat(domain("n".repeat(64), "example.com").name()).hasSize(64);
    }

    @Test
    void remoteDomainsShouldBeValues() {
        assertThat(domain("A", "example.com")).isEqualTo(domain("A", "example.com"))
            .hasSameHashCodeAs(domain("A", "example.com"))
            .isNotEqualTo(domain("B", "example.com"))
            .isNotEqualTo(domain("A", "*.example.com"))
            .isNotEqualTo(RemoteDomain.of("A", DomainPattern.parse("example.com"),
                RemoteDomainSettings.builder().isInternal(true).build()))
            .hasToString("'A' (example.com)");
        assertThat(RemoteDomainPolicy.of(List.of(domain("A", "example.com"))))
            .isEqualTo(RemoteDomainPolicy.of(List.of(domain("A", "example.com"))))
            .isNotEqualTo(RemoteDomainPolicy.defaultOnly());
    }

    @Test
    void resolutionShouldWorkOverALargeTable() {
        List<RemoteDomain> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(domain("d" + i, (i % 2 == 0 ? "*.d" : "d") + i + ".example.com"));
        }
        RemoteDomainPolicy policy = RemoteDomainPolicy.of(many);
        // correctness over a large table; speed comes from hash lookups (one per label), not from scanning
        assertThat(policy.resolve("a.b.d9998.example.com").name()).isEqualTo("d9998");
        assertThat(policy.resolve("d9999.example.com").name()).isEqualTo("d9999");
        assertThat(policy.resolve("a.d9999.example.com").name()).isEqualTo("Default");
    }
}
