package org.bordertransport.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.convert.DisabledListDelimiterHandler;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.xml.sax.SAXParseException;

/**
 * The parts of a James configuration directory that the tools beside the mailets (the CLI, the WebAdmin routes) need
 * to do what the server does, read with commons-configuration2 as James 3.8.1 reads them: an {@link XMLConfiguration}
 * without list splitting (James's {@code FileConfigurationProvider}), the init parameters of a mailet as
 * {@code MailetConfigImpl} makes them, the default domain of {@code domainlist.xml}. The XML parser refuses DOCTYPEs
 * ({@link SafeXml}). {@code mailetcontainer.xml} is read once per instance: make a new one to see a changed file.
 */
public final class JamesConfigurationFiles {
    public static final String MAILET_CONTAINER = "mailetcontainer.xml";
    public static final String DOMAIN_LIST = "domainlist.xml";
    /** Attribute keys ({@code [@class]}, {@code name[@attr]}) are not parameters. */
    private static final Pattern ATTRIBUTE = Pattern.compile(Pattern.quote("[@") + ".+" + Pattern.quote("]"));

    private final Path dir;
    private XMLConfiguration mailetContainer;

    private JamesConfigurationFiles(Path dir) {
        this.dir = dir;
    }

    public static JamesConfigurationFiles in(Path dir) {
        return new JamesConfigurationFiles(dir);
    }

    public Path dir() {
        return dir;
    }

    public Path mailetContainerFile() {
        return dir.resolve(MAILET_CONTAINER);
    }

    /**
     * The init parameters of the first {@code <mailet>} (in document order, at any depth) whose {@code class} is
     * {@code className} or its simple name, as James's {@code MailetConfigImpl} gives them: one per child element,
     * text trimmed, repeated elements joined with commas, nested elements named {@code parent.child}.
     */
    public Optional<Map<String, String>> mailetParameters(String className) throws ConfigurationFileException {
        String simpleName = className.substring(className.lastIndexOf('.') + 1);
        List<ImmutableNode> mailets = new ArrayList<>();
        collectMailets(mailetContainer().getNodeModel().getNodeHandler().getRootNode(), mailets);
        for (ImmutableNode mailet : mailets) {
            Object declared = mailet.getAttributes().get("class");
            String name = declared == null ? "" : declared.toString().trim();
            if (name.equals(className) || name.equals(simpleName)) {
                BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
                config.getNodeModel().setRootNode(mailet);
                return Optional.of(Collections.unmodifiableMap(initParameters(config)));
            }
        }
        return Optional.empty();
    }

    private static void collectMailets(ImmutableNode node, List<ImmutableNode> mailets) {
        for (ImmutableNode child : node.getChildren()) {
            if (child.getNodeName().equals("mailet")) {
                mailets.add(child);
            }
            collectMailets(child, mailets);
        }
    }

    /**
     * What James's {@code MailetConfigImpl.setConfiguration}, {@code getInitParameterNames} and
     * {@code getInitParameter} give.
     */
    private static Map<String, String> initParameters(HierarchicalConfiguration<ImmutableNode> mailet) {
        BaseHierarchicalConfiguration copy = new BaseHierarchicalConfiguration();
        copy.setListDelimiterHandler(new DisabledListDelimiterHandler());
        for (Iterator<String> keys = mailet.getKeys(); keys.hasNext();) {
            String key = keys.next();
            copy.addProperty(key.replaceAll("\\.\\.", "\\."), String.join(",", mailet.getStringArray(key)));
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Iterator<String> keys = copy.getKeys(); keys.hasNext();) {
            String name = ATTRIBUTE.matcher(keys.next()).replaceAll("").trim();
            String value = name.isEmpty() ? null : copy.getString(name);
            if (value != null && !parameters.containsKey(name)) {
                parameters.put(name, value);
            }
        }
        return parameters;
    }

    /** {@code <defaultDomain>} of {@code domainlist.xml}; empty when the file or the element is absent. */
    public Optional<String> defaultDomain() throws ConfigurationFileException {
        Path file = dir.resolve(DOMAIN_LIST);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String value = load(file).getString("defaultDomain", "").trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private XMLConfiguration mailetContainer() throws ConfigurationFileException {
        if (mailetContainer == null) {
            mailetContainer = load(mailetContainerFile());
        }
        return mailetContainer;
    }

    private static XMLConfiguration load(Path file) throws ConfigurationFileException {
        XMLConfiguration configuration = new XMLConfiguration();
        configuration.setListDelimiterHandler(new DisabledListDelimiterHandler());
        configuration.setDocumentBuilder(SafeXml.newBuilder());
        try (InputStream in = Files.newInputStream(file)) {
            new FileHandler(configuration).load(in);
            return configuration;
        } catch (NoSuchFileException e) {
            throw new ConfigurationFileException("cannot read " + file + ": no such file", true, e);
        } catch (IOException e) {
            throw new ConfigurationFileException("cannot read " + file + ": " + reason(e), e);
        } catch (ConfigurationException e) {
            throw invalid(file, e);
        }
    }

    /** A short reason for an I/O failure: "no such file", "permission denied", or the exception's message. */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static ConfigurationFileException invalid(Path file, ConfigurationException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SAXParseException) {
                int line = ((SAXParseException) cause).getLineNumber();
                return new ConfigurationFileException(file + ":" + line + ": not valid XML: " + cause.getMessage(), e);
            }
        }
        Throwable reason = e.getCause() != null ? e.getCause() : e;
        return new ConfigurationFileException(file + ": not valid XML: " + reason.getMessage(), e);
    }
}
