package org.bordertransport.webadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageIdServiceTest {
    private static final String INTERNAL = "<20261207.abc@exch01.corp.local>";

    @TempDir
    Path temp;

    private TestConf conf;
    private MessageIdService service;

    @BeforeEach
    void setUp() throws Exception {
        conf = TestConf.shipped(temp);
        service = new MessageIdService(conf.conf());
    }

    @Test
    void anInternalIdLeavesAsAPublicOneThatMapsBack() throws Exception {
        Map<String, Object> check = service.check(INTERNAL);
        String publicId = (String) check.get("leavesAs");

        assertThat(check).containsEntry("kind", "INTERNAL").containsEntry("syntax", "VALID");
        assertThat(publicId).matches("<sample\\.[a-z2-7]+@border\\.test>");
        assertThat(service.internal(publicId)).containsEntry("internalId", INTERNAL);
        assertThat(service.internal(publicId.substring(1, publicId.length() - 1))).containsEntry("internalId", INTERNAL);
        assertThat(service.check(publicId)).containsEntry("kind", "PUBLIC").containsEntry("verifies", true)
            .containsEntry("internalId", INTERNAL);
    }

    @Test
    void aPublicIdMadeWithAnotherKeyDoesNotVerify() throws Exception {
        String publicId = (String) service.check(INTERNAL).get("leavesAs");
        String other = "other:" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3ODkrLw==";
        conf.write("mailetcontainer.xml", conf.read("mailetcontainer.xml").replaceAll("<keys>sample:[^<]*</keys>",
            "<keys>" + other + "</keys>"));

        assertThatThrownBy(() -> service.internal(publicId)).isInstanceOf(RouteException.class)
            .hasMessageContaining("does not verify")
            .extracting(e -> ((RouteException) e).status()).isEqualTo(404);
    }

    @Test
    void theOneWayFormCannotBeMappedBack() throws Exception {
        String longId = "<" + "x".repeat(600) + "@exch01.corp.local>";
        String oneWay = (String) service.check(longId).get("leavesAs");

        assertThat(oneWay).startsWith("<h.sample.");
        assertThat(service.check(oneWay)).containsEntry("oneWay", true).containsEntry("verifies", false);
        assertThatThrownBy(() -> service.internal(oneWay)).hasMessageContaining("one-way form");
    }

    @Test
    void aForeignIdIsLeftAlone() throws Exception {
        assertThat(service.check("<abc@mail.example.org>")).containsEntry("kind", "FOREIGN")
            .containsEntry("leavesAs", "<abc@mail.example.org>");
        assertThatThrownBy(() -> service.internal("<abc@mail.example.org>"))
            .hasMessageContaining("not a public Message-ID");
    }

    @Test
    void refusesWhatIsNotAnId() {
        for (String bad : new String[] {"", "<>", "no-at-sign", "a b@c", "<a@b> <c@d>"}) {
            assertThatThrownBy(() -> service.check(bad)).as(bad).isInstanceOf(RouteException.class)
                .hasMessageStartingWith("Invalid parameter 'id'");
        }
    }

    @Test
    void withoutTheMailetsItIsAServerErrorNamingTheFile() throws Exception {
        conf.write("mailetcontainer.xml", "<mailetcontainer><processors/></mailetcontainer>");

        assertThatThrownBy(() -> service.check(INTERNAL)).isInstanceOf(RouteException.class)
            .hasMessageContaining("mailetcontainer.xml: no <mailet class=\"org.bordertransport.mailets.")
            .extracting(e -> ((RouteException) e).status()).isEqualTo(500);
    }
}
