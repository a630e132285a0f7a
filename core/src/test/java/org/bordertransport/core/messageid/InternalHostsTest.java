package org.bordertransport.core.messageid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InternalHostsTest {
    private final InternalHosts hosts = InternalHosts.of(".local,internal, .lan,.corp.local", "corp.example.com", true);

    @ParameterizedTest
    @CsvSource({
        "exch01.corp.local,true",
        "EXCH01.CORP.LOCAL.,true",
        "srv.internal,true",
        "box.lan,true",
        "corp.example.com,true",
        "mx1.corp.example.com,true",
        "notcorp.example.com,false",
        "example.com,false",
        "mail.gmail.com,false",
        "localhost.example.org,false",
        "EXCH01,true",
        "[10.1.2.3],true",
    })
    void isInternalShouldMatchSuffixesDomainsAndUnqualifiedHosts(String host, boolean internal) {
        assertThat(hosts.isInternal(host)).isEqualTo(internal);
    }

    @Test
    void isInternalIdShouldLookAtTheRightHandSide() {
        assertThat(hosts.isInternalId("<abc@exch01.corp.local>")).isTrue();
        assertThat(hosts.isInternalId(" abc@exch01.corp.local ")).isTrue();
        assertThat(hosts.isInternalId("<abc@gmail.com>")).isFalse();
        assertThat(hosts.isInternalId("<no-at-sign>")).isFalse();
    }

    @Test
    void unqualifiedHostsCanBeDeclaredPublic() {
        InternalHosts strict = InternalHosts.of(".local", "", false);
        assertThat(strict.isInternal("EXCH01")).isFalse();
        assertThat(strict.isInternal("[10.1.2.3]")).isFalse();
        assertThat(strict.isInternal("a.local")).isTrue();
    }

    @Test
    void ofShouldRejectBadSuffixesAndDomains() {
        assertThatThrownBy(() -> InternalHosts.of(".lo cal", "", true))
            .hasMessage("'.lo cal' is not a host name suffix: expected labels such as .local or .corp.local");
        assertThatThrownBy(() -> InternalHosts.of("", "corp_example.com", true))
            .hasMessageContaining("'corp_example.com' is not a domain name");
        assertThatThrownBy(() -> InternalHosts.of("", "", false))
            .hasMessageContaining("no internal host is defined");
    }
}
