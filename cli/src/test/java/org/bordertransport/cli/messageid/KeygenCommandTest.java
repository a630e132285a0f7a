package org.bordertransport.cli.messageid;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Base64;

import org.bordertransport.cli.Cli;
import org.bordertransport.core.messageid.MessageIdKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeygenCommandTest {
    @TempDir
    Path noConf;

    @Test
    void shouldPrintAKeyNamedAfterTodayThatTheMailetsAccept() {
        Cli.Result result = Cli.run(noConf, "message-id", "keygen");

        assertThat(result.exit()).isZero();
        assertThat(result.stderr()).isEmpty();
        String key = result.out().trim();
        assertThat(key).matches("k240603:[A-Za-z0-9+/]{86}==");
        assertThat(Base64.getDecoder().decode(key.substring(key.indexOf(':') + 1))).hasSize(64);
        MessageIdKeys keys = MessageIdKeys.parse(key);
        assertThat(keys.currentId()).isEqualTo("k240603");
        assertThat(keys.containsSampleKey()).isFalse();
    }

    @Test
    void shouldUseTheGivenId() {
        assertThat(Cli.run(noConf, "message-id", "keygen", "--id", "k1").out()).startsWith("k1:");
    }

    @Test
    void twoKeysShouldDiffer() {
        assertThat(Cli.run(noConf, "message-id", "keygen").out()).isNotEqualTo(Cli.run(noConf, "message-id", "keygen").out());
    }

    @Test
    void invalidIdShouldExitTwo() {
        Cli.Result result = Cli.run(noConf, "message-id", "keygen", "--id", "Key-1");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).contains("invalid parameter '--id': key id 'Key-1' is invalid: expected 1-8 lower-case letters or digits");
    }

    @Test
    void extraArgumentShouldExitTwo() {
        Cli.Result result = Cli.run(noConf, "message-id", "keygen", "k1");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.stderr()).contains("unexpected argument 'k1'");
    }

    @Test
    void helpShouldExplainRotation() {
        Cli.Result result = Cli.run(noConf, "message-id", "keygen", "--help");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).startsWith("Usage: border message-id keygen [--id ID]").contains("rotate");
    }
}
