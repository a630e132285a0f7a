package org.bordertransport.webadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SrsServiceTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final String NEW_SECRET = "a-new-secret-of-thirty-two-bytes";
    private static final String OLD_SECRET = "short";

    @TempDir
    Path temp;

    private TestConf conf;

    @BeforeEach
    void setUp() throws Exception {
        conf = TestConf.shipped(temp);
    }

    private SrsService at(Instant now) {
        return new SrsService(conf.conf(), Clock.fixed(now, ZoneOffset.UTC));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    @Test
    void aForwardedAddressReversesToTheSender() throws Exception {
        Map<String, Object> forward = at(NOW).forward("bob@fabrikam.example", "alice@border.test");
        String address = (String) forward.get("address");

        assertThat(address).startsWith("alice+SRS=").endsWith("=fabrikam.example=bob@border.test");
        assertThat(forward).containsEntry("rewritten", true).containsEntry("format", "m365");
        Map<String, Object> reverse = at(NOW.plus(Duration.ofDays(3))).reverse(address);
        assertThat(reverse).containsEntry("reversible", true).containsEntry("bounceRecipient", "bob@fabrikam.example")
            .containsEntry("target", "ORIGINAL_SENDER").containsEntry("forwardingAddress", "alice@border.test");
    }

    @Test
    void relayedMailGetsTheBouncesAddressOfTheDefaultDomain() throws Exception {
        Map<String, Object> forward = at(NOW).forward("bob@fabrikam.example", null);

        assertThat((String) forward.get("address")).startsWith("bounces+SRS=").endsWith("@border.test");
        Map<String, Object> reverse = at(NOW).reverse((String) forward.get("address"));
        assertThat(reverse).containsEntry("target", "BOUNCES_MAILBOX");
    }

    @Test
    void theSrs0FormatOfTheMailetIsUsed() throws Exception {
        conf.replace("mailetcontainer.xml", "<format>m365</format>",
            "<format>srs0</format><srsDomain>srs.border.test</srsDomain>");

        Map<String, Object> forward = at(NOW).forward("bob@fabrikam.example", null);

        assertThat((String) forward.get("address")).startsWith("SRS0=").endsWith("=fabrikam.example=bob@srs.border.test");
        assertThat(at(NOW).reverse((String) forward.get("address"))).containsEntry("reversible", true)
            .containsEntry("kind", "SRS0");
    }

    @Test
    void reverseSaysWhyItRefuses() throws Exception {
        String address = (String) at(NOW).forward("bob@fabrikam.example", "alice@border.test").get("address");

        assertThat(at(NOW.plus(Duration.ofDays(30))).reverse(address)).containsEntry("reversible", false)
            .containsEntry("reason", "EXPIRED");
        assertThat(at(NOW).reverse(address.replace("=bob@", "=eve@"))).containsEntry("reason", "BAD_HASH");
        assertThat(at(NOW).reverse("bob@fabrikam.example")).containsEntry("reason", "NOT_SRS");
    }

    @Test
    void theMaxAgeOfReverseSrsCounts() throws Exception {
        conf.replace("mailetcontainer.xml", "<errorProcessor>srs-error</errorProcessor>",
            "<errorProcessor>srs-error</errorProcessor><maxAgeDays>40</maxAgeDays>");
        String address = (String) at(NOW).forward("bob@fabrikam.example", "alice@border.test").get("address");

        assertThat(at(NOW.plus(Duration.ofDays(30))).reverse(address)).containsEntry("reversible", true);
        assertThat(at(NOW).secrets()).containsEntry("maxAgeDays", 40);
    }

    @Test
    void refusesMissingParameters() {
        assertThatThrownBy(() -> at(NOW).forward(null, null)).hasMessageStartingWith("Invalid parameter 'sender'");
        assertThatThrownBy(() -> at(NOW).reverse(" ")).hasMessageStartingWith("Invalid parameter 'address'");
    }

    @Test
    void forwardWithoutTheMailetIsNotFound() throws Exception {
        conf.replace("mailetcontainer.xml", "class=\"org.bordertransport.mailets.RewriteSenderSrs\"",
            "class=\"org.bordertransport.mailets.SomethingElse\"");

        assertThatThrownBy(() -> at(NOW).forward("bob@fabrikam.example", null)).isInstanceOf(RouteException.class)
            .hasMessageContaining("No RewriteSenderSrs mailet")
            .extracting(e -> ((RouteException) e).status()).isEqualTo(404);
    }

    @Test
    void secretsAreShownByFingerprintWithTheirRoles() throws Exception {
        conf.write("srs-secrets", NEW_SECRET + "\n" + OLD_SECRET + "\n");
        Files.setLastModifiedTime(temp.resolve("srs-secrets"), FileTime.from(NOW.minus(Duration.ofDays(1))));

        Map<String, Object> answer = at(NOW).secrets();

        assertThat(answer.toString()).doesNotContain(NEW_SECRET).doesNotContain(OLD_SECRET);
        Map<String, Object> file = list(answer.get("files")).get(0);
        assertThat(file).containsEntry("count", 2).containsEntry("publicSampleInUse", false)
            .containsEntry("usedBy", List.of("RewriteSenderSrs", "ReverseSrs"));
        List<Map<String, Object>> secrets = list(file.get("secrets"));
        assertThat(secrets.get(0)).containsEntry("role", "SIGNS_AND_VERIFIES").containsEntry("weak", false);
        assertThat(secrets.get(1)).containsEntry("role", "VERIFIES_ONLY").containsEntry("weak", true)
            .containsEntry("validUntilAtMost", "2026-12-27T10:00:00Z").containsEntry("stillNeeded", true);
        assertThat((String) secrets.get(0).get("fingerprint")).matches("[0-9a-f]{8}")
            .isNotEqualTo(secrets.get(1).get("fingerprint"));
        assertThat(list(list(at(NOW.plus(Duration.ofDays(21))).secrets().get("files")).get(0).get("secrets")).get(1))
            .containsEntry("stillNeeded", false);
    }

    @Test
    void theSameSecretAlwaysHasTheSameFingerprint() throws Exception {
        conf.write("srs-secrets", NEW_SECRET + "\n");
        Object first = list(list(at(NOW).secrets().get("files")).get(0).get("secrets")).get(0).get("fingerprint");
        conf.write("srs-secrets", "another\n" + NEW_SECRET + "\n");
        Object second = list(list(at(NOW).secrets().get("files")).get(0).get("secrets")).get(1).get("fingerprint");

        assertThat(second).isEqualTo(first);
    }

    @Test
    void anEmptySecretsFileIsAServerError() throws Exception {
        conf.write("srs-secrets", "\n");

        assertThatThrownBy(() -> at(NOW).secrets()).isInstanceOf(RouteException.class)
            .hasMessageContaining("file://conf/srs-secrets")
            .extracting(e -> ((RouteException) e).status()).isEqualTo(500);
    }
}
