package org.bordertransport.core.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DomainNamesTest {
    @Test
    void parseShouldNormalise() {
        assertThat(DomainNames.parse(" Border.Test. ")).isEqualTo("border.test");
        assertThat(DomainNames.parse("a-b.example.co.jp")).isEqualTo("a-b.example.co.jp");
    }

    @Test
    void parseShouldRejectWhatIsNotAFullyQualifiedName() {
        assertThatThrownBy(() -> DomainNames.parse("")).hasMessage("a domain name is required, got an empty value");
        assertThatThrownBy(() -> DomainNames.parse("localhost"))
            .hasMessage("'localhost' is not a fully qualified domain name: expected at least two labels such as example.com");
        assertThatThrownBy(() -> DomainNames.parse("exa mple.com"))
            .hasMessage("'exa mple.com' is not a domain name: label 'exa mple' must be 1-63 letters, digits or inner hyphens");
        assertThatThrownBy(() -> DomainNames.parse("-a.com")).hasMessageContaining("label '-a'");
        assertThatThrownBy(() -> DomainNames.parse("a..com")).hasMessageContaining("label ''");
        assertThatThrownBy(() -> DomainNames.parse("a." + "b".repeat(250) + ".com")).hasMessageContaining("longer than 253");
    }
}
