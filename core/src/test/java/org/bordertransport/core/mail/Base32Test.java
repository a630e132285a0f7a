package org.bordertransport.core.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

class Base32Test {
    @Test
    void encodeShouldFollowRfc4648InLowerCaseWithoutPadding() {
        // RFC 4648 section 10 test vectors
        assertThat(Base32.encode("".getBytes(StandardCharsets.US_ASCII))).isEqualTo("");
        assertThat(Base32.encode("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("my");
        assertThat(Base32.encode("fo".getBytes(StandardCharsets.US_ASCII))).isEqualTo("mzxq");
        assertThat(Base32.encode("foo".getBytes(StandardCharsets.US_ASCII))).isEqualTo("mzxw6");
        assertThat(Base32.encode("foob".getBytes(StandardCharsets.US_ASCII))).isEqualTo("mzxw6yq");
        assertThat(Base32.encode("fooba".getBytes(StandardCharsets.US_ASCII))).isEqualTo("mzxw6ytb");
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("mzxw6ytboi");
    }

    @Test
    void decodeShouldInvertEncodeAndAcceptUpperCase() {
        Random random = new Random(42);
        for (int length = 0; length < 70; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            String text = Base32.encode(data);
            assertThat(Base32.decode(text)).hasValueSatisfying(d -> assertThat(d).isEqualTo(data));
            assertThat(Base32.decode(text.toUpperCase())).hasValueSatisfying(d -> assertThat(d).isEqualTo(data));
        }
    }

    @Test
    void decodeShouldRejectForeignCharactersImpossibleLengthsAndNonZeroPadBits() {
        assertThat(Base32.decode("mzxw6yt1")).isEmpty();
        assertThat(Base32.decode("m")).isEmpty();
        assertThat(Base32.decode("mzx")).isEmpty();
        assertThat(Base32.decode("mz")).isEmpty();
        assertThat(Base32.decode("m\u00e9")).isEmpty();
    }
}
