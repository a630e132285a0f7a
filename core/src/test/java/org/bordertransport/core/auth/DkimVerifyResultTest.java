package org.bordertransport.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.bordertransport.core.auth.DkimVerifyResult.Kind;
import org.junit.jupiter.api.Test;

class DkimVerifyResultTest {
    @Test
    void parseShouldReadNoSignaturesAsNone() {
        assertThat(DkimVerifyResult.parse("neutral (no signatures)")).hasValueSatisfying(result -> {
            assertThat(result.kind()).isEqualTo(Kind.NONE);
            assertThat(result.identities()).isEmpty();
        });
    }

    @Test
    void parseShouldReadEveryPassingIdentity() {
        assertThat(DkimVerifyResult.parse("pass (identity @example.com) (identity user@mail.other.test)"))
            .hasValueSatisfying(result -> {
                assertThat(result.kind()).isEqualTo(Kind.PASS);
                assertThat(result.identities()).containsExactly("@example.com", "user@mail.other.test");
            });
    }

    @Test
    void parseShouldReadAFailureWithItsIdentity() {
        assertThat(DkimVerifyResult.parse("fail (identity@example.com:Computed bodyhash is different)"))
            .hasValueSatisfying(result -> {
                assertThat(result.kind()).isEqualTo(Kind.FAIL);
                assertThat(result.identities()).containsExactly("@example.com");
            });
    }

    @Test
    void parseShouldReadAPassWrittenWithoutSpace() {
        assertThat(DkimVerifyResult.parse("pass (identity@example.com)").map(DkimVerifyResult::identities))
            .hasValue(List.of("@example.com"));
    }

    @Test
    void parseShouldReadAFailureWithoutIdentity() {
        assertThat(DkimVerifyResult.parse("fail (Computed bodyhash is different from the expected one)")).hasValueSatisfying(result -> {
            assertThat(result.kind()).isEqualTo(Kind.FAIL);
            assertThat(result.identities()).isEmpty();
        });
    }

    @Test
    void parseShouldBeEmptyForAnythingElse() {
        assertThat(DkimVerifyResult.parse("")).isEmpty();
        assertThat(DkimVerifyResult.parse("pass")).isEmpty();
        assertThat(DkimVerifyResult.parse("temperror")).isEmpty();
    }

    @Test
    void domainOfShouldBeTheLowerCaseDomainOfTheIdentity() {
        assertThat(List.of(DkimVerifyResult.domainOf("@Example.COM"), DkimVerifyResult.domainOf("u@mail.example.com")))
            .containsExactly("example.com", "mail.example.com");
    }
}
