package org.bordertransport.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.bordertransport.cli.Cli;
import org.bordertransport.cli.common.CommandException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JamesConfigurationTest {
    private static final String REPLACE = "org.bordertransport.mailets.ReplaceInternalMessageId";

    @TempDir
    Path dir;

    private JamesConfiguration withMailets(String mailets) throws Exception {
        Files.writeString(dir.resolve("mailetcontainer.xml"), "<?xml version=\"1.0\"?>\n<mailetcontainer><processors>"
            + "<processor state=\"root\">" + mailets + "</processor></processors></mailetcontainer>\n");
        return JamesConfiguration.in(dir);
    }

    @Nested
    class MailetParameters {
        @Test
        void shouldReadChildElementsTrimmed() throws Exception {
            JamesConfiguration conf = withMailets("<mailet match=\"All\" class=\"" + REPLACE + "\">"
                + "<keys>\n   k1:abc  \n</keys><publicDomain> example.org </publicDomain><internalDomains/></mailet>");

            assertThat(conf.mailetParameters(REPLACE)).contains(
                Map.of("keys", "k1:abc", "publicDomain", "example.org", "internalDomains", ""));
        }

        @Test
        void shouldNotTakeAttributesAsParameters() throws Exception {
            JamesConfiguration conf = withMailets("<mailet match=\"All\" class=\"" + REPLACE + "\" onMailetException=\"ignore\"/>");

            assertThat(conf.mailetParameters(REPLACE)).contains(Map.of());
        }

        @Test
        void shouldMatchTheSimpleClassName() throws Exception {
            JamesConfiguration conf = withMailets("<mailet match=\"All\" class=\"ReplaceInternalMessageId\"><keys>x</keys></mailet>");

            assertThat(conf.mailetParameters(REPLACE)).contains(Map.of("keys", "x"));
        }

        @Test
        void shouldTakeTheFirstMatchingMailet() throws Exception {
            JamesConfiguration conf = withMailets(
                "<mailet match=\"All\" class=\"org.bordertransport.mailets.AddMessageId\"><domain>a.example</domain></mailet>"
                    + "<mailet match=\"All\" class=\"" + REPLACE + "\"><keys>first</keys></mailet>"
                    + "<mailet match=\"All\" class=\"" + REPLACE + "\"><keys>second</keys></mailet>");

            assertThat(conf.mailetParameters(REPLACE)).contains(Map.of("keys", "first"));
        }

        @Test
        void shouldJoinRepeatedElementsWithCommasLikeJames() throws Exception {
            JamesConfiguration conf = withMailets("<mailet match=\"All\" class=\"" + REPLACE + "\">"
                + "<keys>k2:b</keys><keys>k1:a</keys></mailet>");

            assertThat(conf.mailetParameters(REPLACE)).contains(Map.of("keys", "k2:b,k1:a"));
        }

        @Test
        void shouldNameNestedElementsWithDots() throws Exception {
            JamesConfiguration conf = withMailets("<mailet match=\"All\" class=\"" + REPLACE + "\">"
                + "<outer><inner>v</inner></outer></mailet>");

            assertThat(conf.mailetParameters(REPLACE)).contains(Map.of("outer.inner", "v"));
        }

        @Test
        void shouldBeEmptyWhenNoMailetMatches() throws Exception {
            assertThat(withMailets("<mailet match=\"All\" class=\"Null\"/>").mailetParameters(REPLACE)).isEmpty();
        }

        @Test
        void shouldFailWhenTheFileIsMissing() {
            assertThatThrownBy(() -> JamesConfiguration.in(dir).mailetParameters(REPLACE))
                .isInstanceOf(CommandException.class)
                .hasMessage("cannot read " + dir.resolve("mailetcontainer.xml")
                    + ": no such file (give the James configuration directory with --conf DIR)");
        }

        @Test
        void shouldFailOnMalformedXmlWithTheLine() throws Exception {
            Files.writeString(dir.resolve("mailetcontainer.xml"), "<mailetcontainer>\n<mailet>\n</mailetcontainer>\n");

            assertThatThrownBy(() -> JamesConfiguration.in(dir).mailetParameters(REPLACE))
                .isInstanceOf(CommandException.class)
                .hasMessageStartingWith(dir.resolve("mailetcontainer.xml") + ":3: not valid XML: ");
        }

        @Test
        void shouldRefuseDoctypeSoNoExternalEntityIsRead() throws Exception {
            Path secret = dir.resolve("secret.txt");
            Files.writeString(secret, "TOP-SECRET");
            Files.writeString(dir.resolve("mailetcontainer.xml"), "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE m [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<mailetcontainer><mailet class=\"" + REPLACE + "\"><keys>&xxe;</keys></mailet></mailetcontainer>\n");

            assertThatThrownBy(() -> JamesConfiguration.in(dir).mailetParameters(REPLACE))
                .isInstanceOf(CommandException.class)
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("TOP-SECRET");
        }
    }

    @Nested
    class DefaultDomain {
        @Test
        void shouldReadDomainList() throws Exception {
            assertThat(JamesConfiguration.in(Cli.testConf()).defaultDomain()).contains("example.org");
        }

        @Test
        void shouldBeEmptyWithoutDomainList() throws Exception {
            assertThat(JamesConfiguration.in(dir).defaultDomain()).isEmpty();
        }

        @Test
        void shouldBeEmptyWithoutTheElement() throws Exception {
            Files.writeString(dir.resolve("domainlist.xml"), "<domainlist><autodetect>false</autodetect></domainlist>");

            assertThat(JamesConfiguration.in(dir).defaultDomain()).isEmpty();
        }

        @Test
        void shouldFailOnMalformedXml() throws Exception {
            Files.writeString(dir.resolve("domainlist.xml"), "<domainlist>");

            assertThatThrownBy(() -> JamesConfiguration.in(dir).defaultDomain())
                .isInstanceOf(CommandException.class)
                .hasMessageStartingWith(dir.resolve("domainlist.xml") + ":1: not valid XML");
        }
    }
}
