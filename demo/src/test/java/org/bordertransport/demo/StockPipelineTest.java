package org.bordertransport.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** {@code bin/demo --stock}: the shipped conf with Border Transport taken out, and nothing else. */
class StockPipelineTest {
    private static final Path CONF = Paths.get(System.getProperty("border.conf.dir", "../conf")).toAbsolutePath()
        .normalize();

    @Test
    void noMailetMatcherOrHookOfOursIsLeft() throws Exception {
        List<String> changes = new ArrayList<>();
        String mailets = StockPipeline.mailetContainer(read("mailetcontainer.xml"), changes);
        String smtp = StockPipeline.smtpServer(read("smtpserver.xml"), changes);

        for (String[] mailet : mailets(mailets)) {
            assertThat(mailet[1]).as(mailet[0]).doesNotStartWith("org.bordertransport.");
            assertThat(mailet[2]).as(mailet[0]).doesNotStartWith("org.bordertransport.");
        }
        assertThat(mailets).doesNotContain("org.bordertransport.matchers.");
        assertThat(smtp).doesNotContain("SrsRcptHook").contains("ValidRcptHandler");
        assertThat(read("smtpserver.xml")).contains("SrsRcptHook");
        assertThat(changes).contains("smtpserver.xml: removed handler SrsRcptHook",
            "mailetcontainer.xml: relay: SignDkim -> James's DKIMSign",
            "mailetcontainer.xml: transport: removed ReverseSrs (match=IsSrsRecipient)",
            "mailetcontainer.xml: relay: removed Null (match=RemoteDomainDisallows=AutoReply,AutoForward,"
                + "DeliveryReport,NonDeliveryReport)",
            "mailetcontainer.xml: relay: named matcher tnef-not-rerouted removed (uses ours)");
    }

    @Test
    void jamesOwnMailetsStayInTheirOrderAndSigningMovesToJamesDkimSign() throws Exception {
        List<String[]> shipped = mailets(read("mailetcontainer.xml"));
        List<String[]> stock = mailets(StockPipeline.mailetContainer(read("mailetcontainer.xml"), new ArrayList<>()));

        List<String> expected = new ArrayList<>();
        for (String[] mailet : shipped) {
            if (mailet[1].equals(StockPipeline.SIGN_DKIM)) {
                expected.add(mailet[0] + " " + StockPipeline.JAMES_DKIM_SIGN + " " + mailet[2]);
            } else if (!mailet[1].startsWith("org.bordertransport.") && !mailet[2].startsWith("org.bordertransport.")
                && !mailet[2].equals("tnef-not-rerouted")) {
                expected.add(mailet[0] + " " + mailet[1] + " " + mailet[2]);
            }
        }
        List<String> actual = new ArrayList<>();
        stock.forEach(mailet -> actual.add(mailet[0] + " " + mailet[1] + " " + mailet[2]));
        assertThat(actual).isEqualTo(expected)
            .contains("transport RecipientRewriteTable All", "relay RemoteDelivery All",
                "root org.apache.james.jdkim.mailets.DKIMVerify from-outside");
        assertThat(actual).hasSizeLessThan(shipped.size() - 10);
    }

    @Test
    void theSigningKeyIsWrittenAsJamesReadsIt() throws Exception {
        String stock = StockPipeline.mailetContainer(read("mailetcontainer.xml"), new ArrayList<>());

        Document document = parse(stock);
        Element key = (Element) document.getElementsByTagName("privateKey").item(0);
        String[] lines = key.getTextContent().split("\n");
        assertThat(lines[0]).isEqualTo("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(lines[lines.length - 1]).isEqualTo("-----END RSA PRIVATE KEY-----");
        for (String line : lines) {
            assertThat(line).isEqualTo(line.strip());
        }
    }

    /** Each mailet as {processor state, class, match}. */
    private static List<String[]> mailets(String xml) throws Exception {
        List<String[]> mailets = new ArrayList<>();
        NodeList processors = parse(xml).getElementsByTagName("processor");
        for (int p = 0; p < processors.getLength(); p++) {
            Element processor = (Element) processors.item(p);
            NodeList children = processor.getElementsByTagName("mailet");
            for (int m = 0; m < children.getLength(); m++) {
                Element mailet = (Element) children.item(m);
                mailets.add(new String[] {processor.getAttribute("state"), mailet.getAttribute("class"),
                    mailet.getAttribute("match")});
            }
        }
        return mailets;
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static String read(String name) throws Exception {
        return Files.readString(CONF.resolve(name), UTF_8);
    }
}
