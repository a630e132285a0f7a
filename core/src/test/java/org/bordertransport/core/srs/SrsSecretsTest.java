package org.bordertransport.core.srs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bordertransport.core.srs.SrsTestSupport.at;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SrsSecretsTest {
    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        return Files.write(dir.resolve("srs.secret"), content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void firstNonEmptyLineShouldSignAndEveryLineVerify() throws Exception {
        SrsSecrets secrets = SrsSecrets.load(file("\n\r\nnew-secret-0123456789\r\n\nold-secret-0123456789"));
        assertThat(secrets.count()).isEqualTo(2);
        StandardSrs fromFile = StandardSrs.builder(secrets, "forward.example").clock(at("2026-11-23")).build();
        StandardSrs signer = StandardSrs.builder(SrsSecrets.of("new-secret-0123456789"), "forward.example").clock(at("2026-11-23")).build();
        StandardSrs old = StandardSrs.builder(SrsSecrets.of("old-secret-0123456789"), "forward.example").clock(at("2026-11-23")).build();
        assertThat(fromFile.forward("bob@example.com")).isEqualTo(signer.forward("bob@example.com"));
        assertThat(fromFile.reverse(old.forward("bob@example.com").address()).bounceRecipient()).contains("bob@example.com");
    }

    @Test
    void fingerprintsTellSecretsApartAndAreStable() {
        SrsSecrets secrets = SrsSecrets.of("new-secret-0123456789", "old");

        assertThat(secrets.fingerprint(0)).matches("[0-9a-f]{8}").isNotEqualTo(secrets.fingerprint(1));
        assertThat(SrsSecrets.of("x", "new-secret-0123456789").fingerprint(1)).isEqualTo(secrets.fingerprint(0));
        // SHA-256 of the label and the secret, first 4 bytes: an independent computation
        assertThat(secrets.fingerprint(1)).isEqualTo(sha256Prefix("border-srs-secret-fingerprint:old"));
        assertThat(secrets.isShort(0)).isFalse();
        assertThat(secrets.isShort(1)).isTrue();
    }

    private static String sha256Prefix(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8));
            return String.format("%02x%02x%02x%02x", digest[0], digest[1], digest[2], digest[3]);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void linesShouldBeKeptByteForByteLikePostsrsd() throws Exception {
        StandardSrs spaced = StandardSrs.builder(SrsSecrets.load(file(" secret with spaces ")), "forward.example")
            .clock(at("2026-11-23")).build();
        StandardSrs trimmed = StandardSrs.builder(SrsSecrets.of("secret with spaces"), "forward.example")
            .clock(at("2026-11-23")).build();
        assertThat(spaced.forward("bob@example.com")).isNotEqualTo(trimmed.forward("bob@example.com"));
        assertThat(SrsSecrets.load(file("a-secret-in-a-file-on-cr-only\rsecond-secret-on-cr-only")).count()).isEqualTo(2);
    }

    @Test
    void badFilesShouldBeRejectedWithoutShowingSecrets() throws IOException {
        Path empty = file("\n\r\n");
        assertThatThrownBy(() -> SrsSecrets.load(empty)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("SRS secrets file '" + empty + "' holds no secret: the first non-empty line signs, every line"
                + " verifies");
        Path longLine = file("x".repeat(1023));
        assertThatThrownBy(() -> SrsSecrets.load(longLine))
            .hasMessage("SRS secrets file '" + longLine + "': line 1 has 1023 bytes: a secret must have 1 to 1022 bytes")
            .message().doesNotContain("xxxx");
        Path nul = file("long-enough\0-secret-1");
        assertThatThrownBy(() -> SrsSecrets.load(nul))
            .hasMessage("SRS secrets file '" + nul + "': line 1 contains a NUL byte, which is not allowed in a secret");
        Path many = file(("0123456789abcdef\n").repeat(33));
        assertThatThrownBy(() -> SrsSecrets.load(many)).hasMessage("SRS secrets file '" + many + "': line 33: more than 32 secrets");
        assertThatThrownBy(() -> SrsSecrets.load(dir.resolve("missing"))).isInstanceOf(NoSuchFileException.class);
        Path huge = file("y".repeat(40_000));
        assertThatThrownBy(() -> SrsSecrets.load(huge)).hasMessage("SRS secrets file '" + huge + "' has 40000 bytes, at most 36864 are allowed");
    }

    @Test
    void shortSecretsShouldBeAcceptedAsPostsrsdAcceptsThemAndCounted() throws IOException {
        Path shortLine = file("long-enough-secret-1\r\n\r\nshort\n");
        SrsSecrets secrets = SrsSecrets.load(shortLine);
        assertThat(secrets.count()).isEqualTo(2);
        assertThat(secrets.shortSecrets()).isEqualTo(1);
        assertThat(secrets.toString()).doesNotContain("short");
        assertThat(SrsSecrets.load(file("k\n")).shortSecrets()).as("one byte, as postsrsd takes it").isEqualTo(1);
        assertThat(SrsSecrets.load(file("0123456789abcdef\n")).shortSecrets()).isZero();
    }

    @Test
    void ofAndGenerateShouldWork() {
        assertThatThrownBy(SrsSecrets::of).hasMessage("at least one SRS secret is required");
        assertThat(SrsSecrets.of("long-enough-secret", "tiny").shortSecrets()).isEqualTo(1);
        String generated = SrsSecrets.generate(new SecureRandom());
        assertThat(generated).hasSize(32).isNotEqualTo(SrsSecrets.generate(new SecureRandom()));
        SrsSecrets secrets = SrsSecrets.of(generated, "long-enough-secret");
        assertThat(secrets.count()).isEqualTo(2);
        assertThat(secrets.toString()).isEqualTo("SrsSecrets{count=2}");
    }
}
