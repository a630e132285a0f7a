package org.bordertransport.cli.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.bordertransport.cli.Border;
import org.bordertransport.cli.CommandException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The parts of a James configuration directory that the commands need, read the way James reads them: the
 * parameters of a mailet in {@code mailetcontainer.xml} and the default domain in {@code domainlist.xml}.
 */
public final class JamesConfiguration {
    public static final String MAILET_CONTAINER = "mailetcontainer.xml";
    public static final String DOMAIN_LIST = "domainlist.xml";

    private final Path dir;
    private Document mailetContainer;

    private JamesConfiguration(Path dir) {
        this.dir = dir;
    }

    public static JamesConfiguration in(Path dir) {
        return new JamesConfiguration(dir);
    }

    public Path dir() {
        return dir;
    }

    public Path mailetContainerFile() {
        return dir.resolve(MAILET_CONTAINER);
    }

    /**
     * The init parameters of the first {@code <mailet>} whose {@code class} is {@code className} (or its simple
     * name), as James's {@code MailetConfigImpl} gives them: one per child element, text trimmed, repeated
     * elements joined with commas, nested elements named {@code parent.child}.
     */
    public Optional<Map<String, String>> mailetParameters(String className) throws CommandException {
        Document document = mailetContainer();
        String simpleName = className.substring(className.lastIndexOf('.') + 1);
        NodeList mailets = document.getElementsByTagName("mailet");
        for (int i = 0; i < mailets.getLength(); i++) {
            Element mailet = (Element) mailets.item(i);
            String declared = mailet.getAttribute("class").trim();
            if (declared.equals(className) || declared.equals(simpleName)) {
                Map<String, String> parameters = new LinkedHashMap<>();
                collect(mailet, "", parameters);
                return Optional.of(Collections.unmodifiableMap(parameters));
            }
        }
        return Optional.empty();
    }

    private static void collect(Element parent, String prefix, Map<String, String> parameters) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node.getNodeType() != Node.ELEMENT_NODE) {
                continue;
            }
            Element child = (Element) node;
            String name = prefix + child.getTagName();
            if (hasElementChildren(child)) {
                collect(child, name + ".", parameters);
            } else {
                String value = child.getTextContent().trim();
                parameters.merge(name, value, (a, b) -> a + "," + b);
            }
        }
    }

    private static boolean hasElementChildren(Element element) {
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node.getNodeType() == Node.ELEMENT_NODE) {
                return true;
            }
        }
        return false;
    }

    /** {@code <defaultDomain>} of {@code domainlist.xml}; empty when the file or the element is absent. */
    public Optional<String> defaultDomain() throws CommandException {
        Path file = dir.resolve(DOMAIN_LIST);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        NodeList nodes = parse(file).getElementsByTagName("defaultDomain");
        if (nodes.getLength() == 0) {
            return Optional.empty();
        }
        String value = nodes.item(0).getTextContent().trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private Document mailetContainer() throws CommandException {
        if (mailetContainer == null) {
            mailetContainer = parse(mailetContainerFile());
        }
        return mailetContainer;
    }

    private static Document parse(Path file) throws CommandException {
        try {
            return SafeXml.parse(file);
        } catch (NoSuchFileException e) {
            throw new CommandException("cannot read " + file + ": no such file (give the James configuration"
                + " directory with --conf DIR)", e);
        } catch (IOException e) {
            throw new CommandException("cannot read " + file + ": " + Border.reason(e), e);
        } catch (SAXParseException e) {
            throw new CommandException(file + ":" + e.getLineNumber() + ": not valid XML: " + e.getMessage(), e);
        } catch (SAXException e) {
            throw new CommandException(file + ": not valid XML: " + e.getMessage(), e);
        }
    }
}
