package org.bordertransport.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class AuthenticationResultsFieldTest {
    @Test
    void headerLineShouldFoldOneResultALine() {
        AuthenticationResultsField field = AuthenticationResultsField.of("border.test")
            .with("spf", "pass", "smtp.mailfrom", Optional.of("example.com"))
            .with("dkim", "none", "header.d", Optional.empty())
            .with("dmarc", "pass", "header.from", Optional.of("example.com"));

        assertThat(field.headerLine()).isEqualTo("Authentication-Results: border.test;\r\n"
            + "\tspf=pass smtp.mailfrom=example.com;\r\n\tdkim=none;\r\n\tdmarc=pass header.from=example.com");
    }

    @Test
    void headerLineShouldSayNoneWithoutResults() {
        assertThat(AuthenticationResultsField.of("border.test").value()).isEqualTo("border.test; none");
    }

    @Test
    void propertyValuesThatAreNotTokensShouldBeQuoted() {
        assertThat(AuthenticationResultsField.of("border.test").with("spf", "pass", "smtp.mailfrom",
            Optional.of("a b\"c")).value()).isEqualTo("border.test;\r\n\tspf=pass smtp.mailfrom=\"a b\\\"c\"");
    }

    @Test
    void ofShouldRefuseWhatIsNotAnAuthservId() {
        assertThatThrownBy(() -> AuthenticationResultsField.of("border test"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'border test'");
        assertThatThrownBy(() -> AuthenticationResultsField.of("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void authservIdOfShouldSkipCommentsAndFoldingWhiteSpace() {
        assertThat(AuthenticationResultsField.authservIdOf(" border.test; spf=pass")).contains("border.test");
        assertThat(AuthenticationResultsField.authservIdOf("\r\n\t(forged (nested) \\) ) Border.Test 1;spf=pass"))
            .contains("Border.Test");
        assertThat(AuthenticationResultsField.authservIdOf("mx.google.com;")).contains("mx.google.com");
        assertThat(AuthenticationResultsField.authservIdOf("  (only a comment)")).isEmpty();
    }

    @Test
    void claimsShouldCompareWithoutCase() {
        assertThat(AuthenticationResultsField.claims("BORDER.test; spf=pass", "border.test")).isTrue();
        assertThat(AuthenticationResultsField.claims("border.test.evil; spf=pass", "border.test")).isFalse();
        assertThat(AuthenticationResultsField.claims("mx.google.com; spf=pass", "border.test")).isFalse();
    }
}
