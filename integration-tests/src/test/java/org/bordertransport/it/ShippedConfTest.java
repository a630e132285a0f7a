package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** The conventions of the shipped conf/ that the demo, the Docker setup and the documentation rely on. */
class ShippedConfTest {
    private static final String ADD = "org.bordertransport.mailets.AddMessageId";
    private static final String REPLACE = "org.bordertransport.mailets.ReplaceInternalMessageId";
    private static final String RESTORE = "org.bordertransport.mailets.RestoreInternalMessageId";
    private static final String SIGN = "org.bordertransport.mailets.SignDkim";
    private static final String FIREWALL = "org.bordertransport.mailets.RemoveInternalHeaders";

    @Test
    void serversListenWhereAnAdminExpectsThem() throws Exception {
        assertThat(text(xml("smtpserver.xml"), "bind")).containsExactly("0.0.0.0:25");
        assertThat(text(xml("imapserver.xml"), "bind")).containsExactly("0.0.0.0:143");
        Properties webAdmin = properties("webadmin.properties");
        assertThat(webAdmin.getProperty("enabled")).isEqualTo("true");
        assertThat(webAdmin.getProperty("port")).isEqualTo("8000");
        assertThat(text(xml("smtpserver.xml"), "authorizedAddresses")).containsExactly("127.0.0.0/8");
    }

    @Test
    void borderTestIsTheDefaultDomainAndHasThePostmaster() throws Exception {
        assertThat(text(xml("domainlist.xml"), "defaultDomain")).containsExactly("border.test");
        assertThat(text(xml("mailetcontainer.xml"), "postmaster")).containsExactly("postmaster@border.test");
    }

    @Test
    void everyMailGetsAMessageIdInRootBeforeItIsSplit() throws Exception {
        List<Element> root = mailets(processor("root"));
        int add = indexOf(root, ADD);
        int toTransport = indexOf(root, "ToProcessor");

        assertThat(add).isNotNegative().isLessThan(toTransport);
        assertThat(root.get(add).getAttribute("match")).startsWith("org.bordertransport.matchers.HasNoMessageId");
        assertThat(text(root.get(add), "onMalformed")).containsExactly("replace");
    }

    @Test
    void internalIdsAreReplacedRightBeforeSigningAndRestoredBeforeLocalDelivery() throws Exception {
        List<Element> relay = mailets(processor("relay"));
        assertThat(indexOf(relay, REPLACE)).isEqualTo(indexOf(relay, SIGN) - 1);
        Element remoteDelivery = relay.get(indexOf(relay, "RemoteDelivery"));
        assertThat(remoteDelivery.getElementsByTagName("gateway").getLength()).as("no smarthost in the shipped conf")
            .isZero();

        List<Element> transport = mailets(processor("transport"));
        int restore = indexOf(transport, RESTORE);
        assertThat(restore).isNotNegative().isLessThan(indexOf(transport, "ToProcessor"));
        assertThat(transport.get(restore).getAttribute("match")).isEqualTo("RecipientIsLocal");

        Element replace = relay.get(indexOf(relay, REPLACE));
        assertThat(text(transport.get(restore), "keys")).isEqualTo(text(replace, "keys"));
        assertThat(text(transport.get(restore), "publicDomain")).isEqualTo(text(replace, "publicDomain"))
            .containsExactly("border.test");
        assertThat(text(replace, "internalSuffixes")).containsExactly(".local,.internal,.lan,.corp.local");
    }

    @Test
    void ourOwnMailIsSignedLastAfterEveryMailetThatChangesIt() throws Exception {
        List<Element> relay = mailets(processor("relay"));
        int sign = indexOf(relay, SIGN);
        assertThat(sign).as("DKIM signing right before RemoteDelivery").isEqualTo(indexOf(relay, "RemoteDelivery") - 1);
        for (String changer : List.of("org.bordertransport.mailets.ConvertTnef",
            "org.bordertransport.mailets.ConvertForRemoteDomain", REPLACE, FIREWALL)) {
            assertThat(indexOf(relay, changer)).as(changer).isNotNegative().isLessThan(sign);
        }
        assertThat(relay.get(sign).getAttribute("match")).isEqualTo("own-mail");
        assertThat(text(relay.get(sign), "signatureTemplate")).singleElement().asString()
            .contains("d=border.test;", "s=border;", "a=rsa-sha256;");
    }

    @Test
    void nothingInternalLeavesAndJamesNamesItsPublicName() throws Exception {
        List<Element> relay = mailets(processor("relay"));
        int firewall = indexOf(relay, FIREWALL);
        assertThat(firewall).as("after RewriteSenderSrs, which reads X-Border-Delivered-To")
            .isGreaterThan(indexOf(relay, "org.bordertransport.mailets.RewriteSenderSrs"))
            .isLessThan(indexOf(relay, SIGN));
        assertThat(relay.get(firewall).getAttribute("match")).isEqualTo("not-rerouted-bounce");
        assertThat(text(relay.get(firewall), "internalSuffixes")).isEqualTo(text(relay.get(indexOf(relay, REPLACE)),
            "internalSuffixes"));

        List<Element> local = mailets(processor("local-delivery"));
        int strip = indexOf(local, "org.bordertransport.mailets.RemoveDeliveryMailbox");
        assertThat(strip).as("X-Border-Delivered-To removed after Sieve, before LocalDelivery")
            .isGreaterThan(indexOf(local, "Sieve")).isLessThan(indexOf(local, "LocalDelivery"));
        assertThat(local.get(strip).getAttribute("match")).isEqualTo("HasHeader=X-Border-Delivered-To");
        assertThat(indexOf(local, "RemoveMimeHeader")).as("James's RemoveMimeHeader re-saves: not before LocalDelivery")
            .isNegative();

        Element helloName = (Element) xml("smtpserver.xml").getElementsByTagName("helloName").item(0);
        assertThat(helloName.getAttribute("autodetect")).isEqualTo("false");
        assertThat(helloName.getTextContent().trim()).isEqualTo("mx.border.test");
        assertThat(text(relay.get(indexOf(relay, "RemoteDelivery")), "heloName")).containsExactly("mx.border.test");
    }

    @Test
    void aForgedSieveRedirectMarkerIsRemovedInRootBeforeAnythingReadsIt() throws Exception {
        List<Element> root = mailets(processor("root"));
        int strip = indexOf(root, "org.bordertransport.mailets.RemoveDeliveryMailbox");
        assertThat(strip).as("in root, before the mail goes to transport").isNotNegative()
            .isLessThan(indexOf(root, "ToProcessor"));
        assertThat(root.get(strip).getAttribute("match")).isEqualTo("forged-marker");
        assertThat(ShippedConf.read("mailetcontainer.xml")).containsPattern("<matcher name=\"forged-marker\"[^>]*And\">"
            + "\\s*<matcher match=\"HasHeader=X-Border-Delivered-To\"/>\\s*<matcher [^>]*Not\">"
            + "\\s*<matcher match=\"SentByMailet\"/>");
    }

    private static Element processor(String state) throws Exception {
        NodeList processors = xml("mailetcontainer.xml").getElementsByTagName("processor");
        for (int i = 0; i < processors.getLength(); i++) {
            Element processor = (Element) processors.item(i);
            if (processor.getAttribute("state").equals(state)) {
                return processor;
            }
        }
        throw new AssertionError("No processor " + state);
    }

    private static List<Element> mailets(Element processor) {
        List<Element> mailets = new ArrayList<>();
        for (Node node = processor.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element && ((Element) node).getTagName().equals("mailet")) {
                mailets.add((Element) node);
            }
        }
        return mailets;
    }

    private static int indexOf(List<Element> mailets, String className) {
        for (int i = 0; i < mailets.size(); i++) {
            if (mailets.get(i).getAttribute("class").equals(className)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> text(Document document, String tag) {
        return text(document.getDocumentElement(), tag);
    }

    private static List<String> text(Element element, String tag) {
        NodeList nodes = element.getElementsByTagName(tag);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(nodes.item(i).getTextContent().trim());
        }
        return values;
    }

    private static Document xml(String fileName) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new InputSource(new StringReader(ShippedConf.read(fileName))));
    }

    private static Properties properties(String fileName) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(ShippedConf.read(fileName)));
        return properties;
    }
}
