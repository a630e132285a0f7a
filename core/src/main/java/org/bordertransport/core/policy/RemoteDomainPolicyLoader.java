package org.bordertransport.core.policy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.MissingResourceException;
import java.util.Set;
import java.util.function.BiConsumer;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the remote-domain file ({@code remotedomains.xml} in James's {@code conf/}), once, at startup:
 *
 * <pre>{@code
 * <remoteDomains>
 *   <remoteDomain name="Default" domain="*">
 *     <ContentType>MimeHtmlText</ContentType>
 *   </remoteDomain>
 *   <remoteDomain name="Legacy Japan" domain="legacy.example.jp">
 *     <CharacterSet>iso-2022-jp</CharacterSet>
 *     <PreferredInternetCodePageForShiftJis>50220</PreferredInternetCodePageForShiftJis>
 *     <LineWrapSize>72</LineWrapSize>
 *   </remoteDomain>
 *   <recipient name="Text-only reader" address="reader@partner.example.net">
 *     <UseMapiRichTextFormat>Never</UseMapiRichTextFormat>
 *     <UsePreferMessageFormat>true</UsePreferMessageFormat>
 *     <MessageBodyFormat>Text</MessageBodyFormat>
 *   </recipient>
 * </remoteDomains>
 * }</pre>
 *
 * <p>Each {@code remoteDomain} has the attributes {@code name} and {@code domain} (a {@link DomainPattern}) and one
 * element per setting, named like the {@code Set-RemoteDomain} parameter ({@link RemoteDomainSettings#SETTING_NAMES});
 * a setting left out takes its default. Validation is fail-fast: the first problem throws an
 * {@link IllegalArgumentException} whose message names the file, the remote domain, the setting, the value and what is
 * allowed, e.g. {@code remotedomains.xml: remote domain 'Legacy Japan': invalid LineWrapSize '200': allowed 0-132 or
 * Unlimited}. Unknown elements and attributes fail; so do text outside settings and a setting given twice.</p>
 *
 * <p>Each {@code recipient} (Exchange's mail contact or mail user) has the attribute {@code address} (one exact
 * address, see {@link RecipientAddresses}), optionally {@code name} (default: the address), and the
 * {@link RecipientSettings#SETTING_NAMES} of {@code Set-MailContact}; the rest of its settings come from the remote
 * domain of its domain. Two entries for one address (case-insensitive) or with one name fail.</p>
 *
 * <p>Parsing is hardened: no DTD (a {@code DOCTYPE} fails, so no entity of any kind is expanded), no external
 * entities, no XInclude (an {@code xi:include} element is an unknown element). The file may hold at most
 * {@value #MAX_FILE_BYTES} bytes, {@value #MAX_REMOTE_DOMAINS} remote domains and {@value #MAX_RECIPIENTS}
 * recipients.</p>
 */
public final class RemoteDomainPolicyLoader {
    public static final int MAX_FILE_BYTES = 1024 * 1024;
    public static final int MAX_REMOTE_DOMAINS = 10_000;
    public static final int MAX_RECIPIENTS = 10_000;
    static final String ROOT = "remoteDomains";
    static final String REMOTE_DOMAIN = "remoteDomain";
    static final String NAME = "name";
    static final String DOMAIN = "domain";
    static final String RECIPIENT = "recipient";
    static final String ADDRESS = "address";

    private RemoteDomainPolicyLoader() {
    }

    /**
     * @throws IllegalArgumentException when the file cannot be read or is not a valid remote-domain file; the message
     *     starts with the path
     */
    public static RemoteDomainPolicy load(Path file) {
        String source = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, source);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": cannot read the remote domains file: " + e, e);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(source + ": cannot read the remote domains file: " + e.getCause(), e);
        }
    }

    /**
     * @param sourceName how messages name the input, usually the file name
     * @throws IllegalArgumentException when the input is not a valid remote-domain file; the message starts with
     *     {@code sourceName: }
     * @throws UncheckedIOException when the stream fails
     */
    public static RemoteDomainPolicy parse(InputStream in, String sourceName) {
        byte[] bytes = readLimited(in, sourceName);
        try {
            return new Reader().read(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(sourceName + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readLimited(InputStream in, String sourceName) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + n > MAX_FILE_BYTES) {
                    throw new IllegalArgumentException(sourceName + ": larger than " + MAX_FILE_BYTES
                        + " bytes, the limit for a remote domains file");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(sourceName + ": cannot read the remote domains file", e);
        }
        return out.toByteArray();
    }

    private static XMLInputFactory factory() {
        // the JDK's own parser, whatever StAX implementation James puts on the class path
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are not allowed: " + systemId);
        });
        return factory;
    }

    /** One parse; fails with messages without the source name (added by the caller). */
    private static final class Reader {
        private XMLStreamReader xml;

        RemoteDomainPolicy read(byte[] bytes) {
            try {
                xml = factory().createXMLStreamReader(new ByteArrayInputStream(bytes));
                try {
                    return readDocument();
                } finally {
                    xml.close();
                }
            } catch (XMLStreamException e) {
                throw new IllegalArgumentException(notWellFormed(e), e);
            } catch (MissingResourceException e) {
                // the JDK's parser reports some errors in a DOCTYPE it skips under a message key it has no text for
                throw new IllegalArgumentException("not well-formed XML: the XML parser failed (" + e.getKey() + ")", e);
            }
        }

        private String notWellFormed(XMLStreamException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            int at = message.indexOf("Message: ");
            if (at >= 0) {
                message = message.substring(at + "Message: ".length());
            }
            Location location = e.getLocation();
            return "not well-formed XML" + (location == null ? "" : " at " + where(location)) + ": " + message.trim();
        }

        private RemoteDomainPolicy readDocument() throws XMLStreamException {
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new IllegalArgumentException("DOCTYPE declarations are not allowed (" + where() + ")");
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (!xml.getLocalName().equals(ROOT) || xml.getPrefix() != null && !xml.getPrefix().isEmpty()) {
                        throw new IllegalArgumentException("the root element must be <" + ROOT + ">, found <"
                            + qualifiedName() + "> (" + where() + ")");
                    }
                    rejectAttributes("<" + ROOT + ">", Set.of());
                    RemoteDomainPolicy policy = readEntries();
                    // the parser itself checks that nothing but comments and blanks follow
                    while (xml.hasNext()) {
                        if (xml.next() == XMLStreamConstants.DTD) {
                            throw new IllegalArgumentException("DOCTYPE declarations are not allowed (" + where() + ")");
                        }
                    }
                    return policy;
                }
            }
            throw new IllegalArgumentException("no <" + ROOT + "> element");
        }

        private RemoteDomainPolicy readEntries() throws XMLStreamException {
            List<RemoteDomain> domains = new ArrayList<>();
            List<RecipientEntry> recipients = new ArrayList<>();
            while (true) {
                int event = xml.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT:
                        if (qualifiedName().equals(REMOTE_DOMAIN)) {
                            if (domains.size() == MAX_REMOTE_DOMAINS) {
                                throw new IllegalArgumentException("more than " + MAX_REMOTE_DOMAINS
                                    + " remote domains, the limit for a remote domains file");
                            }
                            domains.add(readRemoteDomain());
                        } else if (qualifiedName().equals(RECIPIENT)) {
                            if (recipients.size() == MAX_RECIPIENTS) {
                                throw new IllegalArgumentException("more than " + MAX_RECIPIENTS
                                    + " recipients, the limit for a remote domains file");
                            }
                            recipients.add(readRecipient());
                        } else {
                            throw new IllegalArgumentException("unknown element <" + qualifiedName() + "> in <" + ROOT
                                + "> (" + where() + "): allowed <" + REMOTE_DOMAIN + ">, <" + RECIPIENT + ">");
                        }
                        break;
                    case XMLStreamConstants.END_ELEMENT:
                        return RemoteDomainPolicy.of(domains, recipients);
                    case XMLStreamConstants.CHARACTERS:
                    case XMLStreamConstants.CDATA:
                    case XMLStreamConstants.SPACE:
                        rejectText("<" + ROOT + ">");
                        break;
                    case XMLStreamConstants.ENTITY_REFERENCE:
                        throw entity();
                    default:
                        break; // comments, processing instructions
                }
            }
        }

        private RecipientEntry readRecipient() throws XMLStreamException {
            String element = "recipient at " + where();
            String name = null;
            String address = null;
            for (int i = 0; i < xml.getAttributeCount(); i++) {
                String attribute = attributeName(i);
                if (attribute.equals(NAME)) {
                    name = xml.getAttributeValue(i);
                } else if (attribute.equals(ADDRESS)) {
                    address = xml.getAttributeValue(i);
                } else {
                    throw new IllegalArgumentException(element + ": unknown attribute '" + attribute + "': allowed "
                        + NAME + ", " + ADDRESS);
                }
            }
            if (address == null) {
                throw new IllegalArgumentException(element + ": missing attribute '" + ADDRESS + "'");
            }
            String label = name != null && !name.trim().isEmpty() ? "recipient '" + name.trim() + "'"
                : "recipient '" + address.trim() + "'";
            RecipientSettings.Builder builder = RecipientSettings.builder();
            readSettings(label, builder::set);
            try {
                return RecipientEntry.of(name, address, builder.build());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(label + ": " + e.getMessage(), e);
            }
        }

        private RemoteDomain readRemoteDomain() throws XMLStreamException {
            String element = "remote domain at " + where();
            String name = null;
            String domain = null;
            for (int i = 0; i < xml.getAttributeCount(); i++) {
                String attribute = attributeName(i);
                if (attribute.equals(NAME)) {
                    name = xml.getAttributeValue(i);
                } else if (attribute.equals(DOMAIN)) {
                    domain = xml.getAttributeValue(i);
                } else {
                    String who = xml.getAttributeValue(null, NAME) == null ? element
                        : "remote domain '" + xml.getAttributeValue(null, NAME).trim() + "'";
                    throw new IllegalArgumentException(who + ": unknown attribute '" + attribute + "': allowed "
                        + NAME + ", " + DOMAIN);
                }
            }
            if (name == null) {
                throw new IllegalArgumentException(element + ": missing attribute '" + NAME + "'");
            }
            String label = name.trim().isEmpty() ? element : "remote domain '" + name.trim() + "'";
            if (domain == null) {
                throw new IllegalArgumentException(label + ": missing attribute '" + DOMAIN + "'");
            }
            DomainPattern pattern;
            try {
                pattern = DomainPattern.parse(domain);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(label + ": " + e.getMessage(), e);
            }
            RemoteDomainSettings.Builder builder = RemoteDomainSettings.builder();
            readSettings(label, builder::set);
            RemoteDomainSettings settings = builder.build();
            try {
                return RemoteDomain.of(name, pattern, settings);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(element + ": " + e.getMessage(), e);
            }
        }

        /** Reads setting elements up to the end of the entry into {@code builder}; names and values are checked there. */
        private void readSettings(String label, BiConsumer<String, String> builder) throws XMLStreamException {
            Set<String> seen = new HashSet<>();
            while (true) {
                int event = xml.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT:
                        String setting = qualifiedName();
                        rejectAttributes(label + ": setting " + setting, Set.of());
                        String value = readText(label, setting);
                        if (!seen.add(setting)) {
                            throw new IllegalArgumentException(label + ": " + setting + " is given twice");
                        }
                        try {
                            builder.accept(setting, value.trim());
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException(label + ": " + e.getMessage(), e);
                        }
                        break;
                    case XMLStreamConstants.END_ELEMENT:
                        return;
                    case XMLStreamConstants.CHARACTERS:
                    case XMLStreamConstants.CDATA:
                    case XMLStreamConstants.SPACE:
                        rejectText(label);
                        break;
                    case XMLStreamConstants.ENTITY_REFERENCE:
                        throw entity();
                    default:
                        break;
                }
            }
        }

        /** The text of a setting element; nested elements fail. */
        private String readText(String label, String setting) throws XMLStreamException {
            StringBuilder text = new StringBuilder();
            while (true) {
                int event = xml.next();
                switch (event) {
                    case XMLStreamConstants.CHARACTERS:
                    case XMLStreamConstants.CDATA:
                    case XMLStreamConstants.SPACE:
                        text.append(xml.getText());
                        break;
                    case XMLStreamConstants.END_ELEMENT:
                        return text.toString();
                    case XMLStreamConstants.START_ELEMENT:
                        throw new IllegalArgumentException(label + ": setting " + setting
                            + " must hold only text, found element <" + qualifiedName() + "> (" + where() + ")");
                    case XMLStreamConstants.ENTITY_REFERENCE:
                        throw entity();
                    default:
                        break;
                }
            }
        }

        private void rejectText(String where) {
            String text = xml.getText();
            if (!text.isBlank()) {
                String shown = text.trim();
                // the location is the end of the text: count back to the line where the text starts
                int line = xml.getLocation().getLineNumber();
                for (int i = text.indexOf(shown.charAt(0)); i < text.length(); i++) {
                    if (text.charAt(i) == '\n') {
                        line--;
                    }
                }
                if (shown.length() > 40) {
                    shown = shown.substring(0, 40) + "...";
                }
                throw new IllegalArgumentException(where + ": unexpected text '" + shown + "' (line " + line + ")");
            }
        }

        private void rejectAttributes(String where, Set<String> allowed) {
            for (int i = 0; i < xml.getAttributeCount(); i++) {
                if (!allowed.contains(attributeName(i))) {
                    throw new IllegalArgumentException(where + ": unknown attribute '" + attributeName(i) + "'");
                }
            }
        }

        private IllegalArgumentException entity() {
            return new IllegalArgumentException("entity reference '&" + xml.getLocalName() + ";' is not allowed ("
                + where() + ")");
        }

        private String attributeName(int i) {
            String prefix = xml.getAttributePrefix(i);
            String local = xml.getAttributeLocalName(i);
            return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
        }

        private String qualifiedName() {
            String prefix = xml.getPrefix();
            return prefix == null || prefix.isEmpty() ? xml.getLocalName() : prefix + ":" + xml.getLocalName();
        }

        private String where() {
            return where(xml.getLocation());
        }

        /** The line where the current event ends (columns vary between parsers, so they are left out). */
        private static String where(Location location) {
            return "line " + location.getLineNumber();
        }
    }
}
