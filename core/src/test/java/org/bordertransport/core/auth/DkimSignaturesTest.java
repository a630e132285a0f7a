package org.bordertransport.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.bordertransport.core.mail.HeaderField;
import org.junit.jupiter.api.Test;

class DkimSignaturesTest {
    private static final String GMAIL = " v=1; a=rsa-sha256; c=relaxed/relaxed;\r\n"
        + "        d=Gmail.com; s=20230601; t=1700000000; x=1700604800; darn=example.org;\r\n"
        + "        h=to:subject:message-id:date:from:mime-version:from:to:cc:subject\r\n"
        + "         :date:message-id:reply-to;\r\n"
        + "        bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\r\n"
        + "        b=abc\r\n         def";

    @Test
    void readsDomainAlgorithmAndSignedFieldsOfAFoldedField() {
        DkimSignatures signatures = DkimSignatures.of(List.of(new HeaderField("From", "a@gmail.com"),
            new HeaderField("DKIM-Signature", GMAIL)));
        assertThat(signatures.isEmpty()).isFalse();
        assertThat(signatures.domains()).containsExactly("gmail.com");
        DkimSignatures.Signature signature = signatures.signatures().get(0);
        assertThat(signature.algorithm()).contains("rsa-sha256");
        assertThat(signature.signedFields()).containsExactlyInAnyOrder("to", "subject", "message-id", "date", "from",
            "mime-version", "cc", "reply-to");
        assertThat(signatures.covers("Message-ID")).isTrue();
        assertThat(signatures.covers("REPLY-TO")).isTrue(); // absent from the message, signed all the same
        assertThat(signatures.covers("References")).isFalse();
        assertThat(signatures.covers("Authentication-Results")).isFalse();
        assertThat(signatures.covers("DKIM-Signature")).isTrue();
        assertThat(signatures.toString()).isEqualTo("DKIM d=gmail.com");
    }

    @Test
    void anUnsignedHeaderCoversNothing() {
        DkimSignatures signatures = DkimSignatures.of(List.of(new HeaderField("Subject", "x")));
        assertThat(signatures.isEmpty()).isTrue();
        assertThat(signatures.covers("Subject")).isFalse();
        assertThat(signatures.covers("DKIM-Signature")).isFalse();
        assertThat(signatures.toString()).isEqualTo("unsigned");
    }

    @Test
    void coverageIsTheUnionOfAllSignatures() {
        DkimSignatures signatures = DkimSignatures.ofValues(List.of("d=a.example; h=from; b=x",
            "d=b.example; h=from:references; b=y"));
        assertThat(signatures.domains()).containsExactly("a.example", "b.example");
        assertThat(signatures.covers("references")).isTrue();
        assertThat(signatures.covers("in-reply-to")).isFalse();
    }

    @Test
    void anInvalidSignatureCoversNothingItCannotVerify() {
        for (String value : List.of("garbage", "d=a.example; b=x", "h=from; b=x", "d=a.example; d=b.example; h=from")) {
            DkimSignatures signatures = DkimSignatures.ofValues(List.of(value));
            assertThat(signatures.isEmpty()).isFalse();
            assertThat(signatures.covers("From")).as(value).isFalse();
            assertThat(signatures.signatures().get(0).readable()).isFalse();
        }
        assertThat(DkimSignatures.ofValues(List.of("d=a.example; b=x")).domains()).containsExactly("a.example");
        assertThat(DkimSignatures.ofValues(List.of("garbage")).domains()).containsExactly("?");
    }

    @Test
    void aFieldOverTheSizeReadHereCoversEveryField() {
        DkimSignatures signatures = DkimSignatures.ofValues(List.of("d=a.example; h=from; b="
            + "x".repeat(DkimSignatures.MAX_FIELD_CHARS)));
        assertThat(signatures.covers("X-Anything")).isTrue();
    }

    @Test
    void manySignaturesAreReadUpToTheLimitAndThenCoverEverything() {
        List<String> values = new ArrayList<>();
        for (int i = 0; i <= DkimSignatures.MAX_SIGNATURES; i++) {
            values.add("d=s" + i + ".example; h=from");
        }
        DkimSignatures signatures = DkimSignatures.ofValues(values);
        assertThat(signatures.signatures()).hasSize(DkimSignatures.MAX_SIGNATURES);
        assertThat(signatures.covers("X-Anything")).isTrue();
        assertThat(DkimSignatures.ofValues(values.subList(0, 3)).covers("X-Anything")).isFalse();
    }
}
