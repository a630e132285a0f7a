package org.bordertransport.core.messageid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class MessageIdKeysTest {
    @Test
    void parseShouldMakeTheFirstKeyCurrent() {
        MessageIdKeys keys = MessageIdKeys.parse(TestKeys.key("k2", 2) + " , " + TestKeys.key("k1", 1));
        assertThat(keys.currentId()).isEqualTo("k2");
        assertThat(keys.ids()).containsExactly("k2", "k1");
        assertThat(keys.containsSampleKey()).isFalse();
    }

    @Test
    void parseShouldRecogniseTheSampleKey() {
        assertThat(MessageIdKeys.parse(TestKeys.SAMPLE).containsSampleKey()).isTrue();
        assertThat(MessageIdKeys.parse(TestKeys.key("k1", 1) + "," + TestKeys.SAMPLE).containsSampleKey()).isTrue();
    }

    @Test
    void parseShouldRejectBadSpecificationsWithoutShowingKeyMaterial() {
        String secret = Base64.getEncoder().encodeToString(new byte[32]);
        assertThatThrownBy(() -> MessageIdKeys.parse(null)).hasMessageContaining("at least one key is required");
        assertThatThrownBy(() -> MessageIdKeys.parse(" , ")).hasMessageContaining("at least one key is required");
        assertThatThrownBy(() -> MessageIdKeys.parse(secret)).hasMessage("a key must be written id:base64, got an entry without ':'");
        assertThatThrownBy(() -> MessageIdKeys.parse("K1:" + secret))
            .hasMessage("key id 'K1' is invalid: expected 1-8 lower-case letters or digits");
        assertThatThrownBy(() -> MessageIdKeys.parse("k1:" + secret))
            .hasMessage("key 'k1' has 32 bytes: expected 64 random bytes (AES-256-SIV) in base64");
        assertThatThrownBy(() -> MessageIdKeys.parse("k1:not*base64"))
            .hasMessage("key 'k1' is not valid base64");
        String valid = TestKeys.key("k1", 1);
        assertThatThrownBy(() -> MessageIdKeys.parse(valid.substring(0, 10) + "*" + valid.substring(10)))
            .as("a typo is not skipped silently")
            .hasMessage("key 'k1' is not valid base64");
        assertThatThrownBy(() -> MessageIdKeys.parse(TestKeys.key("k1", 1) + "," + TestKeys.key("k1", 2)))
            .hasMessage("key id 'k1' is given twice");
    }

    @Test
    void parseShouldAcceptUrlSafeBase64AndLineBreaks() {
        String valid = TestKeys.key("k1", 1);
        String urlSafe = valid.replace('+', '-').replace('/', '_');
        assertThat(MessageIdKeys.parse(urlSafe).currentId()).isEqualTo("k1");
        assertThat(MessageIdKeys.parse(valid.substring(0, 30) + "\n   " + valid.substring(30)).currentId()).isEqualTo("k1");
    }

    @Test
    void generateShouldMakeAParsableFreshKey() {
        String a = MessageIdKeys.generate("k7", new SecureRandom());
        String b = MessageIdKeys.generate("k7", new SecureRandom());
        assertThat(a).startsWith("k7:").isNotEqualTo(b);
        assertThat(MessageIdKeys.parse(a).currentId()).isEqualTo("k7");
        assertThatThrownBy(() -> MessageIdKeys.generate("bad id", new SecureRandom())).hasMessageContaining("'bad id'");
    }

    @Test
    void toStringShouldNotRevealKeys() {
        String spec = TestKeys.key("k1", 1);
        assertThat(MessageIdKeys.parse(spec).toString()).isEqualTo("MessageIdKeys{current=k1, ids=[k1]}");
    }
}
