package org.bordertransport.demo;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The shipped conf without Border Transport, for {@code bin/demo --stock}: the same James, processors, ports and
 * sink, so that the two can be compared side by side.
 * <ul>
 *   <li>{@code mailetcontainer.xml}: every mailet of ours is removed, and every mailet whose matcher is ours (or a
 *   named matcher built on one of ours). {@code SignDkim} becomes James's own {@code DKIMSign} with the same key and
 *   template: a stock James that signs does the same work. James's own mailets stay where they are (also those the
 *   shipped conf has for Border's sake: DKIMVerify, SPF), so only Border's own cost differs.</li>
 *   <li>{@code smtpserver.xml}: our SMTP hooks ({@code SrsRcptHook}) are removed.</li>
 * </ul>
 * Processors only our mailets send mail to ({@code srs-error}, ...) stay: nothing reaches them and they cost nothing.
 */
public final class StockPipeline {
    static final String OURS = "org.bordertransport.";
    static final String SIGN_DKIM = "org.bordertransport.mailets.SignDkim";
    static final String JAMES_DKIM_SIGN = "org.apache.james.jdkim.mailets.DKIMSign";

    private StockPipeline() {
    }

    /** {@code mailetcontainer.xml} without our mailets and matchers; the descriptions of the changes go to changes. */
    public static String mailetContainer(String xml, List<String> changes) throws IOException {
        Document document = parse("mailetcontainer.xml", xml);
        NodeList processors = document.getElementsByTagName("processor");
        for (int p = 0; p < processors.getLength(); p++) {
            Element processor = (Element) processors.item(p);
            String state = processor.getAttribute("state");
            Set<String> oursNamed = new HashSet<>();
            for (Element matcher : children(processor, "matcher")) {
                if (matcher.hasAttribute("name") && usesOurs(matcher)) {
                    oursNamed.add(matcher.getAttribute("name"));
                    remove(matcher);
                    changes.add("mailetcontainer.xml: " + state + ": named matcher " + matcher.getAttribute("name")
                        + " removed (uses ours)");
                }
            }
            for (Element mailet : children(processor, "mailet")) {
                String className = mailet.getAttribute("class");
                String match = mailet.getAttribute("match");
                if (className.equals(SIGN_DKIM)) {
                    mailet.setAttribute("class", JAMES_DKIM_SIGN);
                    unindentPrivateKey(mailet);
                    changes.add("mailetcontainer.xml: " + state + ": SignDkim -> James's DKIMSign");
                } else if (className.startsWith(OURS) || match.startsWith(OURS) || oursNamed.contains(match)) {
                    remove(mailet);
                    changes.add("mailetcontainer.xml: " + state + ": removed " + simpleName(className)
                        + (match.equals("All") ? "" : " (match=" + simpleName(match) + ")"));
                }
            }
        }
        return serialize(document);
    }

    /** {@code smtpserver.xml} without our hooks. */
    public static String smtpServer(String xml, List<String> changes) throws IOException {
        Document document = parse("smtpserver.xml", xml);
        NodeList handlers = document.getElementsByTagName("handler");
        for (int i = handlers.getLength() - 1; i >= 0; i--) {
            Element handler = (Element) handlers.item(i);
            if (handler.getAttribute("class").startsWith(OURS)) {
                remove(handler);
                changes.add("smtpserver.xml: removed handler " + simpleName(handler.getAttribute("class")));
            }
        }
        return serialize(document);
    }

    private static boolean usesOurs(Element matcher) {
        if (matcher.getAttribute("match").startsWith(OURS)) {
            return true;
        }
        for (Element child : children(matcher, "matcher")) {
            if (usesOurs(child)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Our SignDkim reads the key as the shipped conf indents it; James's DKIMSign wants PEM lines as they are.
     */
    private static void unindentPrivateKey(Element mailet) {
        for (Element key : children(mailet, "privateKey")) {
            StringBuilder pem = new StringBuilder();
            for (String line : key.getTextContent().split("\n")) {
                if (!line.isBlank()) {
                    pem.append(line.strip()).append('\n');
                }
            }
            key.setTextContent(pem.toString());
        }
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> elements = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element && ((Element) child).getTagName().equals(tag)) {
                elements.add((Element) child);
            }
        }
        return elements;
    }

    /** Removes an element and the whitespace before it, so the file keeps its layout. */
    private static void remove(Element element) {
        Node before = element.getPreviousSibling();
        if (before != null && before.getNodeType() == Node.TEXT_NODE && before.getTextContent().isBlank()) {
            before.getParentNode().removeChild(before);
        }
        element.getParentNode().removeChild(element);
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static Document parse(String name, String xml) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException(name + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static String serialize(Document document) throws IOException {
        try {
            StringWriter out = new StringWriter();
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IOException("cannot write the stock conf: " + e.getMessage(), e);
        }
    }
}
