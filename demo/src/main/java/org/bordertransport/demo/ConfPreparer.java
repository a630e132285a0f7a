package org.bordertransport.demo;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Copies the shipped {@code conf/} into a James working directory, changing only what a local run must change:
 * <ul>
 *   <li>every {@code <bind>host:port</bind>} (SMTP, IMAP, and any other server): host to the bind host, port through
 *   the port map (25 and 143 to the chosen SMTP and IMAP ports, anything else through the fallback);</li>
 *   <li>{@code webadmin.properties} {@code port}/{@code host} (and, for the stock James, no
 *   {@code extensions.routes}), and {@code jmx.port}/{@code jmx.address} or {@code jmap.port} when those are
 *   present;</li>
 *   <li>{@code <gateway>HOST</gateway><gatewayPort>PORT</gatewayPort>} inserted into every {@code RemoteDelivery}
 *   mailet of {@code mailetcontainer.xml}, so remote mail goes to the local sink instead of real MX hosts.</li>
 * </ul>
 * With {@link Settings.Builder#stock(boolean)}, Border Transport is also taken out of the pipeline
 * ({@link StockPipeline}). Everything else is copied byte for byte. The result is checked: each XML file must still
 * parse, and each
 * RemoteDelivery mailet must have exactly one gateway.
 */
public final class ConfPreparer {
    public static final int SHIPPED_SMTP_PORT = 25;
    public static final int SHIPPED_IMAP_PORT = 143;

    private static final Pattern BIND = Pattern.compile("<bind>([^<]*)</bind>");
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern REMOTE_DELIVERY_TAG = Pattern.compile("<mailet\\b[^>]*?\\bclass\\s*=\\s*"
        + "\"(?:org\\.apache\\.james\\.transport\\.mailets\\.)?RemoteDelivery\"[^>]*?(/?)>");
    private static final Pattern EXISTING_GATEWAY = Pattern.compile(
        "\\s*<(gateway|gatewayPort)>[^<]*</\\1>");

    private final Settings settings;

    public ConfPreparer(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Replaces {@code target} (a {@code conf} directory) with the substituted copy of {@code source}.
     *
     * @return what was changed, one line per substitution, for people reading the demo's output
     */
    public List<String> prepare(Path source, Path target) throws IOException {
        if (!Files.isRegularFile(source.resolve("mailetcontainer.xml"))) {
            throw new IOException("No mailetcontainer.xml in " + source.toAbsolutePath()
                + ": is this James's conf/ directory?");
        }
        Path from = source.toRealPath();
        Path to = target.toAbsolutePath().normalize();
        if (from.startsWith(to) || to.startsWith(from)) {
            throw new IOException("The working conf " + to + " must be outside the shipped conf " + from
                + " and not contain it");
        }
        DirectoryTrees.deleteRecursively(to);
        Files.createDirectories(to);
        List<String> changes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path destination = to.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else {
                    Files.write(destination, transform(file, source.relativize(file).toString(), changes));
                }
            }
        }
        if (changes.stream().noneMatch(change -> change.startsWith("mailetcontainer.xml"))) {
            throw new IOException("No RemoteDelivery mailet in " + source.resolve("mailetcontainer.xml")
                + ": nothing would reach the sink");
        }
        return Collections.unmodifiableList(changes);
    }

    private byte[] transform(Path file, String name, List<String> changes) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String lower = name.toLowerCase(Locale.ROOT);
        String text;
        if (lower.endsWith(".xml")) {
            text = new String(bytes, StandardCharsets.UTF_8);
            String changed = text;
            if (settings.stock && name.equals("mailetcontainer.xml")) {
                changed = StockPipeline.mailetContainer(changed, changes);
            } else if (settings.stock && name.equals("smtpserver.xml")) {
                changed = StockPipeline.smtpServer(changed, changes);
            }
            changed = substituteBinds(name, changed, changes);
            if (name.equals("mailetcontainer.xml")) {
                changed = insertGateway(changed, changes);
            }
            if (changed.equals(text)) {
                return bytes;
            }
            checkWellFormed(name, changed);
            return changed.getBytes(StandardCharsets.UTF_8);
        }
        if (name.equals("webadmin.properties")) {
            text = new String(bytes, StandardCharsets.ISO_8859_1);
            text = setProperty(name, text, "port", String.valueOf(settings.webAdminPort), true, changes);
            text = setProperty(name, text, "host", settings.bindHost, true, changes);
            if (settings.stock) {
                text = removeBorderRoutes(name, text, changes);
            }
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }
        if (name.equals("jmx.properties") || name.equals("jmap.properties")) {
            text = new String(bytes, StandardCharsets.ISO_8859_1);
            String prefix = name.startsWith("jmx") ? "jmx" : "jmap";
            Matcher port = Pattern.compile("(?m)^\\s*" + prefix + "\\.port\\s*[=:]\\s*(\\d+)\\s*$").matcher(text);
            if (port.find()) {
                int mapped = settings.mapPort(Integer.parseInt(port.group(1)));
                text = setProperty(name, text, prefix + ".port", String.valueOf(mapped), false, changes);
            }
            if (prefix.equals("jmx")) {
                text = setProperty(name, text, "jmx.address", settings.bindHost, false, changes);
            }
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }
        return bytes;
    }

    private String substituteBinds(String name, String xml, List<String> changes) {
        List<int[]> comments = comments(xml);
        Matcher m = BIND.matcher(xml);
        StringBuilder out = new StringBuilder(xml.length() + 32);
        int last = 0;
        while (m.find()) {
            if (insideComment(comments, m.start())) {
                continue;
            }
            List<String> rewritten = new ArrayList<>();
            for (String address : m.group(1).split(",")) {
                String trimmed = address.trim();
                int colon = trimmed.lastIndexOf(':');
                if (colon < 0 || trimmed.substring(colon + 1).isEmpty()) {
                    throw new IllegalArgumentException(name + ": cannot read <bind>" + m.group(1) + "</bind>");
                }
                int port = Integer.parseInt(trimmed.substring(colon + 1));
                rewritten.add(settings.bindHost + ":" + settings.mapPort(port));
            }
            String replacement = String.join(",", rewritten);
            changes.add(name + ": <bind>" + m.group(1).trim() + "</bind> -> <bind>" + replacement + "</bind>");
            out.append(xml, last, m.start(1)).append(replacement);
            last = m.end(1);
        }
        return out.append(xml, last, xml.length()).toString();
    }

    private String insertGateway(String xml, List<String> changes) {
        List<int[]> comments = comments(xml);
        Matcher m = REMOTE_DELIVERY_TAG.matcher(xml);
        StringBuilder out = new StringBuilder(xml.length() + 128);
        String gateway = "<gateway>" + settings.gatewayHost + "</gateway><gatewayPort>" + settings.gatewayPort
            + "</gatewayPort>";
        int last = 0;
        while (m.find()) {
            if (insideComment(comments, m.start())) {
                continue;
            }
            String tag = m.group();
            if (!m.group(1).isEmpty()) {
                // <mailet ... class="RemoteDelivery"/>: open it up
                String open = tag.substring(0, tag.length() - 2).stripTrailing() + ">";
                out.append(xml, last, m.start()).append(open).append(gateway).append("</mailet>");
                last = m.end();
            } else {
                int close = xml.indexOf("</mailet>", m.end());
                if (close < 0) {
                    throw new IllegalArgumentException("mailetcontainer.xml: RemoteDelivery mailet is not closed");
                }
                String body = EXISTING_GATEWAY.matcher(xml.substring(m.end(), close)).replaceAll("");
                out.append(xml, last, m.end()).append(gateway).append(body);
                last = close;
            }
            changes.add("mailetcontainer.xml: RemoteDelivery gets " + gateway);
        }
        return out.append(xml, last, xml.length()).toString();
    }

    private void checkWellFormed(String name, String xml) throws IOException {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException(name + " is not well-formed after substitution: " + e.getMessage(), e);
        }
        if (!name.equals("mailetcontainer.xml")) {
            return;
        }
        NodeList mailets = document.getElementsByTagName("mailet");
        for (int i = 0; i < mailets.getLength(); i++) {
            Element mailet = (Element) mailets.item(i);
            String mailetClass = mailet.getAttribute("class");
            if (mailetClass.equals("RemoteDelivery") || mailetClass.endsWith(".RemoteDelivery")) {
                if (children(mailet, "gateway") != 1 || children(mailet, "gatewayPort") != 1) {
                    throw new IOException("mailetcontainer.xml: a RemoteDelivery mailet did not get exactly one"
                        + " gateway and gatewayPort");
                }
            }
        }
    }

    private static int children(Element element, String name) {
        int count = 0;
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element && ((Element) child).getTagName().equals(name)) {
                count++;
            }
        }
        return count;
    }

    /** Sets {@code key=value} on the line that defines it, or appends the line when {@code addIfMissing}. */
    private static String setProperty(String name, String text, String key, String value, boolean addIfMissing,
                                      List<String> changes) {
        Pattern line = Pattern.compile("(?m)^(\\s*" + Pattern.quote(key) + "\\s*[=:]\\s*)(.*?)\\s*$");
        Matcher m = line.matcher(text);
        if (m.find()) {
            if (m.group(2).equals(value)) {
                return text;
            }
            changes.add(name + ": " + key + "=" + m.group(2) + " -> " + key + "=" + value);
            return text.substring(0, m.start(2)) + value + text.substring(m.end(2));
        }
        if (!addIfMissing) {
            return text;
        }
        changes.add(name + ": " + key + "=" + value + " added");
        return text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + key + "=" + value + "\n";
    }

    /** Removes {@code key} (the stock James has no Border Transport routes to load). */
    /**
     * Stock James keeps James's own extension routes (its Prometheus {@code /metrics}) and loses Border Transport's;
     * the line goes when nothing is left of it.
     */
    private static String removeBorderRoutes(String name, String text, List<String> changes) {
        Matcher m = Pattern.compile("(?m)^\\s*extensions\\.routes\\s*[=:](.*)(?:\\R|\\z)").matcher(text);
        if (!m.find()) {
            return text;
        }
        List<String> kept = new ArrayList<>();
        for (String route : m.group(1).split(",")) {
            if (!route.isBlank() && !route.trim().startsWith("org.bordertransport.")) {
                kept.add(route.trim());
            }
        }
        if (kept.isEmpty()) {
            return removeProperty(name, text, "extensions.routes", changes);
        }
        changes.add(name + ": Border Transport routes removed from extensions.routes");
        return text.substring(0, m.start()) + "extensions.routes=" + String.join(",", kept) + "\n"
            + text.substring(m.end());
    }

    private static String removeProperty(String name, String text, String key, List<String> changes) {
        Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(key) + "\\s*[=:].*(?:\\R|\\z)").matcher(text);
        if (!m.find()) {
            return text;
        }
        changes.add(name + ": " + key + " removed");
        return text.substring(0, m.start()) + text.substring(m.end());
    }

    private static List<int[]> comments(String xml) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = COMMENT.matcher(xml);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        return spans;
    }

    private static boolean insideComment(List<int[]> comments, int position) {
        for (int[] span : comments) {
            if (position >= span[0] && position < span[1]) {
                return true;
            }
        }
        return false;
    }

    /** What to substitute. Immutable. */
    public static final class Settings {
        final String bindHost;
        final int webAdminPort;
        final String gatewayHost;
        final int gatewayPort;
        final boolean stock;
        private final Map<Integer, Integer> portMap;
        private final IntUnaryOperator otherPorts;

        private Settings(Builder builder) {
            this.bindHost = builder.bindHost;
            this.webAdminPort = builder.webAdminPort;
            this.gatewayHost = builder.gatewayHost;
            this.gatewayPort = builder.gatewayPort;
            this.stock = builder.stock;
            this.portMap = Collections.unmodifiableMap(new LinkedHashMap<>(builder.portMap));
            this.otherPorts = builder.otherPorts;
        }

        public static Builder builder() {
            return new Builder();
        }

        /** The local port for a port of the shipped conf. */
        public int mapPort(int shippedPort) {
            Integer mapped = portMap.get(shippedPort);
            return mapped != null ? mapped : otherPorts.applyAsInt(shippedPort);
        }

        /** Builder; SMTP, IMAP, WebAdmin ports and the gateway are required. */
        public static final class Builder {
            private String bindHost = "127.0.0.1";
            private int webAdminPort = -1;
            private String gatewayHost = "127.0.0.1";
            private int gatewayPort = -1;
            private boolean stock;
            private final Map<Integer, Integer> portMap = new LinkedHashMap<>();
            private IntUnaryOperator otherPorts = port -> {
                throw new IllegalStateException("conf binds port " + port + ", which has no local port assigned");
            };

            public Builder bindHost(String host) {
                this.bindHost = Objects.requireNonNull(host, "host");
                return this;
            }

            public Builder smtpPort(int port) {
                return mapPort(SHIPPED_SMTP_PORT, port);
            }

            public Builder imapPort(int port) {
                return mapPort(SHIPPED_IMAP_PORT, port);
            }

            public Builder webAdminPort(int port) {
                this.webAdminPort = checkPort(port);
                return this;
            }

            /** A port the shipped conf binds, and the local port to use instead. */
            public Builder mapPort(int shippedPort, int localPort) {
                portMap.put(shippedPort, checkPort(localPort));
                return this;
            }

            /** Local ports for shipped ports not mapped explicitly (other servers, JMX). */
            public Builder otherPorts(IntUnaryOperator otherPorts) {
                this.otherPorts = Objects.requireNonNull(otherPorts, "otherPorts");
                return this;
            }

            public Builder gateway(String host, int port) {
                this.gatewayHost = Objects.requireNonNull(host, "host");
                this.gatewayPort = checkPort(port);
                return this;
            }

            /** Whether to remove Border Transport from the pipeline ({@link StockPipeline}). */
            public Builder stock(boolean value) {
                this.stock = value;
                return this;
            }

            public Settings build() {
                if (!portMap.containsKey(SHIPPED_SMTP_PORT) || !portMap.containsKey(SHIPPED_IMAP_PORT)
                    || webAdminPort < 0 || gatewayPort < 0) {
                    throw new IllegalStateException("SMTP, IMAP, WebAdmin ports and the gateway are required");
                }
                return new Settings(this);
            }

            private static int checkPort(int port) {
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException("port must be 1..65535, got " + port);
                }
                return port;
            }
        }
    }
}
