package org.bordertransport.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.Map;

import org.apache.james.core.Domain;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.api.RecipientRewriteTableException;
import org.apache.james.rrt.lib.Mapping;
import org.apache.james.rrt.lib.MappingsImpl;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

class RecordForwardsTest {
    /** john forwards to two remote addresses and one local one; team is a group with an external member. */
    private static RecipientRewriteTable rrt() {
        return (RecipientRewriteTable) Proxy.newProxyInstance(RecipientRewriteTable.class.getClassLoader(),
            new Class<?>[] {RecipientRewriteTable.class}, (proxy, method, args) -> {
                if (!method.getName().equals("getResolvedMappings")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                String user = (String) args[0];
                switch (user) {
                    case "john":
                        return MappingsImpl.fromMappings(Mapping.forward("John.Home@Example.com"),
                            Mapping.forward("john@border.test"), Mapping.forward("jw@other.example"));
                    case "team":
                        return MappingsImpl.fromMappings(Mapping.group("ext@partner.example"));
                    case "broken":
                        throw new RecipientRewriteTableException("store down");
                    default:
                        return MappingsImpl.empty();
                }
            });
    }

    private static Mail service(String... recipients) throws Exception {
        RecordForwards mailet = new RecordForwards(rrt());
        mailet.init(FakeMailetConfig.builder().mailetName("RecordForwards")
            .mailetContext(RewriteSenderSrsTest.context()).build());
        Mail mail = FakeMail.builder().name("m").sender("bob@fabrikam.com").recipients(recipients).build();
        mailet.service(mail);
        return mail;
    }

    @Test
    void remoteTargetsOfLocalMailboxesAreRecorded() throws Exception {
        Mail mail = service("john@border.test", "team@border.test", "remote@example.net", "broken@border.test");

        assertThat(RecordForwards.parse(mail)).containsOnly(Map.entry("john.home@example.com", "john@border.test"),
            Map.entry("jw@other.example", "john@border.test"), Map.entry("ext@partner.example", "team@border.test"));
        assertThat(RecordForwards.parse(mail).keySet()).containsExactly("john.home@example.com", "jw@other.example",
            "ext@partner.example");
    }

    @Test
    void mailWithoutForwardsGetsNoAttribute() throws Exception {
        Mail mail = service("alice@border.test", "remote@example.net");

        assertThat(mail.getAttribute(AttributeName.of(RecordForwards.ATTRIBUTE))).isEmpty();
    }

    @Test
    void theDomainIsLocalOnlyWhenJamesHostsIt() {
        assertThat(RewriteSenderSrsTest.context().isLocalServer(Domain.of("border.test"))).isTrue();
        assertThat(RewriteSenderSrsTest.context().isLocalServer(Domain.of("example.net"))).isFalse();
    }
}
