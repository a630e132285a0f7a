package org.bordertransport.core.messageid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class MessageIdPrivacySettingsTest {
    private static Map<String, String> params(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void fromShouldApplyDefaults() {
        MessageIdPrivacySettings settings = MessageIdPrivacySettings.from(params("keys", TestKeys.key("k1", 1)),
            MessageIdPrivacySettings.REPLACE_PARAMETERS, Optional.of("border.test"));
        assertThat(settings.codec().publicDomain()).isEqualTo("border.test");
        assertThat(settings.internalHosts().suffixes()).containsExactly(".local", ".internal", ".lan", ".corp.local");
        assertThat(settings.internalHosts().domains()).isEmpty();
        assertThat(settings.internalHosts().unqualifiedIsInternal()).isTrue();
    }

    @Test
    void fromShouldReadEveryParameter() {
        MessageIdPrivacySettings settings = MessageIdPrivacySettings.from(params("keys", TestKeys.key("k1", 1),
                "publicDomain", "example.com", "internalSuffixes", ".home", "internalDomains", "corp.example.com",
                "unqualifiedIsInternal", "false"),
            MessageIdPrivacySettings.REPLACE_PARAMETERS, Optional.empty());
        assertThat(settings.codec().publicDomain()).isEqualTo("example.com");
        assertThat(settings.internalHosts().suffixes()).containsExactly(".home");
        assertThat(settings.internalHosts().domains()).containsExactly("corp.example.com");
        assertThat(settings.internalHosts().unqualifiedIsInternal()).isFalse();
    }

    @Test
    void fromShouldNameTheParameterAtFault() {
        String key = TestKeys.key("k1", 1);
        assertThatThrownBy(() -> MessageIdPrivacySettings.from(params("keys", key, "internalSuffix", ".x"),
            MessageIdPrivacySettings.REPLACE_PARAMETERS, Optional.of("border.test")))
            .hasMessage("Unknown parameter 'internalSuffix': allowed parameters are [internalDomains, internalSuffixes,"
                + " keys, publicDomain, thirdPartyDkim, unqualifiedIsInternal]");
        assertThatThrownBy(() -> MessageIdPrivacySettings.from(params("keys", key, "internalSuffixes", ".x"),
            MessageIdPrivacySettings.RESTORE_PARAMETERS, Optional.of("border.test")))
            .hasMessage("Unknown parameter 'internalSuffixes': allowed parameters are [keys, publicDomain]");
        assertThatThrownBy(() -> MessageIdPrivacySettings.from(params(),
            MessageIdPrivacySettings.RESTORE_PARAMETERS, Optional.of("border.test")))
            .hasMessageStartingWith("Invalid parameter 'keys': at least one key is required");
        assertThatThrownBy(() -> MessageIdPrivacySettings.from(params("keys", key, "publicDomain", "bad_domain.com"),
            MessageIdPrivacySettings.RESTORE_PARAMETERS, Optional.of("border.test")))
            .hasMessageStartingWith("Invalid parameter 'publicDomain': 'bad_domain.com' is not a domain name");
        assertThatThrownBy(() -> MessageIdPrivacySettings.from(params("keys", key),
            MessageIdPrivacySettings.RESTORE_PARAMETERS, Optional.empty()))
            .hasMessageStartingWith("Missing parameter 'publicDomain'");
        assertThatThrownBy(() -> MessageIdPrivacySettings.from(params("keys", key, "unqualifiedIsInternal", "yes"),
            MessageIdPrivacySettings.REPLACE_PARAMETERS, Optional.of("border.test")))
            .hasMessage("Invalid parameter 'unqualifiedIsInternal': 'yes', allowed values are true, false");
        assertThatThrownBy(() -> MessageIdPrivacySettings.from(params("keys", key, "publicDomain", "mail.corp.local"),
            MessageIdPrivacySettings.REPLACE_PARAMETERS, Optional.of("border.test")))
            .hasMessageStartingWith("Invalid parameter 'publicDomain': 'mail.corp.local' is itself an internal host");
        assertThatThrownBy(() -> MessageIdPrivacySettings.from(params("keys", key, "internalDomains", "a b"),
            MessageIdPrivacySettings.REPLACE_PARAMETERS, Optional.of("border.test")))
            .hasMessageStartingWith("Invalid parameter 'internalSuffixes/internalDomains':");
    }

    @Test
    void errorMessagesShouldNeverContainKeyMaterial() {
        String key = TestKeys.key("k1", 1);
        String material = key.substring(3);
        assertThatThrownBy(() -> MessageIdPrivacySettings.from(params("keys", key + "," + key.replace("k1:", "k1:x")),
            MessageIdPrivacySettings.REPLACE_PARAMETERS, Optional.of("border.test")))
            .message().doesNotContain(material).doesNotContain(material.substring(0, 20));
    }
}
