package org.bordertransport.webadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyServiceTest {
    private static final String POLICY = "<remoteDomains>\n"
        + "  <remoteDomain name=\"Everyone\" domain=\"*\"><ContentType>MimeHtml</ContentType></remoteDomain>\n"
        + "  <remoteDomain name=\"Japan\" domain=\"*.example.jp\"><LineWrapSize>60</LineWrapSize></remoteDomain>\n"
        + "  <remoteDomain name=\"Carrier\" domain=\"*.carrier.example.jp\"><ContentType>MimeText</ContentType>"
        + "</remoteDomain>\n"
        + "  <remoteDomain name=\"Gateway\" domain=\"gw.carrier.example.jp\"><SevenBitOnly>true</SevenBitOnly>"
        + "</remoteDomain>\n"
        + "  <recipient name=\"Reader\" address=\"Reader@gw.carrier.example.jp\">"
        + "<UsePreferMessageFormat>true</UsePreferMessageFormat><MessageBodyFormat>Html</MessageBodyFormat>"
        + "</recipient>\n"
        + "</remoteDomains>\n";

    @TempDir
    Path temp;

    private TestConf conf;
    private PolicyService service;

    @BeforeEach
    void setUp() throws Exception {
        conf = TestConf.shipped(temp);
        conf.write("remotedomains.xml", POLICY);
        service = new PolicyService(conf.conf());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    void theLongestWildcardWinsAndTheOthersAreListed() throws Exception {
        Map<String, Object> answer = service.domain("Mobile.Carrier.Example.JP.");

        assertThat(answer.get("domain")).isEqualTo("mobile.carrier.example.jp");
        assertThat(answer.get("decidedBy")).isEqualTo("WILDCARD");
        assertThat(map(answer.get("remoteDomain"))).containsEntry("name", "Carrier")
            .containsEntry("domain", "*.carrier.example.jp");
        assertThat((List<Map<String, Object>>) (List<?>) answer.get("alsoMatching"))
            .extracting(m -> m.get("name")).containsExactly("Everyone", "Japan");
        assertThat(map(answer.get("settings"))).containsEntry("ContentType", "MimeText")
            .containsEntry("LineWrapSize", "Unlimited");
        assertThat((String) answer.get("explanation")).contains("most specific wildcard");
    }

    @Test
    void anExactDomainBeatsEveryWildcard() throws Exception {
        Map<String, Object> answer = service.domain("gw.carrier.example.jp");

        assertThat(answer.get("decidedBy")).isEqualTo("EXACT_DOMAIN");
        assertThat(map(answer.get("settings"))).containsEntry("SevenBitOnly", true);
    }

    @Test
    void aDomainNothingCoversGetsTheDefault() throws Exception {
        Map<String, Object> answer = service.domain("example.org");

        assertThat(answer.get("decidedBy")).isEqualTo("DEFAULT");
        assertThat((List<?>) answer.get("alsoMatching")).isEmpty();
    }

    @Test
    void aRecipientEntryIsLaidOverItsRemoteDomain() throws Exception {
        Map<String, Object> answer = service.recipient("reader@GW.carrier.example.jp");

        assertThat(answer.get("decidedBy")).isEqualTo("RECIPIENT_ENTRY");
        assertThat(map(answer.get("recipientEntry"))).containsEntry("name", "Reader");
        assertThat(map(answer.get("remoteDomain"))).containsEntry("name", "Gateway");
        assertThat(map(answer.get("settings"))).containsEntry("ContentType", "MimeHtml")
            .containsEntry("SevenBitOnly", true);
    }

    @Test
    void anotherAddressOfTheDomainHasNoEntry() throws Exception {
        Map<String, Object> answer = service.recipient("someone@gw.carrier.example.jp");

        assertThat(answer.get("decidedBy")).isEqualTo("EXACT_DOMAIN");
        assertThat(answer.get("recipientEntry")).isNull();
    }

    @Test
    void theFileNamedByTheMailetIsUsedAndReadAtEveryRequest() throws Exception {
        conf.replace("mailetcontainer.xml", "class=\"org.bordertransport.mailets.ConvertForRemoteDomain\">\n"
            + "                <policyFile>file://conf/remotedomains.xml</policyFile>",
            "class=\"org.bordertransport.mailets.ConvertForRemoteDomain\">\n"
                + "                <policyFile>file://conf/other.xml</policyFile>");
        conf.write("other.xml", "<remoteDomains><remoteDomain name=\"Other\" domain=\"example.org\"/></remoteDomains>");

        assertThat(service.domain("example.org")).containsEntry("policyFile", "file://conf/other.xml");
        assertThat(map(service.domain("example.org").get("remoteDomain"))).containsEntry("name", "Other");

        conf.write("other.xml", "<remoteDomains><remoteDomain name=\"Changed\" domain=\"example.org\"/>"
            + "</remoteDomains>");
        assertThat(map(service.domain("example.org").get("remoteDomain"))).containsEntry("name", "Changed");
    }

    @Test
    void refusesWhatIsNotAnAddress() {
        for (String bad : new String[] {"no-at", "@example.org", "a@", "a b@example.org", "a@exa_mple.org"}) {
            assertThatThrownBy(() -> service.recipient(bad)).as(bad).isInstanceOf(RouteException.class)
                .hasMessageStartingWith("Invalid parameter 'address': '" + bad + "'")
                .extracting(e -> ((RouteException) e).status()).isEqualTo(400);
        }
    }

    @Test
    void refusesWhatIsNotADomain() {
        assertThatThrownBy(() -> service.domain("a@example.org")).isInstanceOf(RouteException.class)
            .hasMessageStartingWith("Invalid parameter 'domain'");
    }

    @Test
    void anInvalidPolicyFileIsAServerErrorNamingIt() throws Exception {
        conf.write("remotedomains.xml", "<remoteDomains><remoteDomain name=\"x\" domain=\"*.*\"/></remoteDomains>");

        assertThatThrownBy(() -> service.domain("example.org")).isInstanceOf(RouteException.class)
            .hasMessageContaining("file://conf/remotedomains.xml")
            .extracting(e -> ((RouteException) e).status()).isEqualTo(500);
    }

    @Test
    void aMissingPolicyFileIsAServerErrorNamingIt() throws Exception {
        java.nio.file.Files.delete(temp.resolve("remotedomains.xml"));

        assertThatThrownBy(() -> service.domain("example.org")).isInstanceOf(RouteException.class)
            .hasMessageContaining("'file://conf/remotedomains.xml' cannot be found");
    }
}
