package org.bordertransport.cli.exchange;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads PowerShell CLIXML ({@code Export-Clixml}, the serialization of [MS-PSRP] 2.2.5): an {@code <Objs>} root in the
 * namespace {@value #NAMESPACE} holding {@code <Obj>} elements, each with its type names ({@code <TN>} or
 * {@code <TNRef>}), its {@code <ToString>} and its properties in {@code <Props>} and {@code <MS>}. A property is a
 * primitive element ({@code <S N="Name">}, {@code <B>}, {@code <I32>}, ...), {@code <Nil>} for {@code $null}, a nested
 * {@code <Obj>} (its {@code ToString}: enums, {@code Unlimited<int>}, domains) or a {@code <Ref>} to an object already
 * read. Collections ({@code <LST>}, {@code <IE>}, {@code <ST>}, {@code <QUE>}, {@code <DCT>}) become {@code {a, b}}.
 * Strings are decoded from PowerShell's {@code _xHHHH_} escapes; booleans are {@code True} and {@code False}, as
 * PowerShell shows them.
 *
 * <p>Parsing is hardened: the JDK's StAX parser without DTD support; a {@code DOCTYPE} fails, so no entity is
 * expanded and nothing external is read. Limits: see {@link Exports}.</p>
 */
final class CliXmlReader {
    static final String NAMESPACE = "http://schemas.microsoft.com/powershell/2004/04";
    private static final Set<String> PRIMITIVES = Set.of("S", "C", "B", "DT", "TS", "By", "SB", "U16", "I16", "U32",
        "I32", "U64", "I64", "Sg", "Db", "D", "BA", "G", "URI", "Version", "XD", "SBK", "SS");
    private static final Set<String> LISTS = Set.of("LST", "IE", "ST", "QUE");

    private final String name;
    private final XMLStreamReader xml;
    private final Map<String, List<String>> typeNames = new HashMap<>();
    private final Map<String, String> references = new HashMap<>();
    private int depth;
    private int objectPosition;

    private CliXmlReader(String name, XMLStreamReader xml) {
        this.name = name;
        this.xml = xml;
    }

    /** @throws ExportException NOT_EXPORT (another XML), MALFORMED, LIMIT */
    static List<PsObject> read(String text, String name) throws ExportException {
        try {
            XMLStreamReader xml = factory().createXMLStreamReader(new StringReader(text));
            try {
                return new CliXmlReader(name, xml).readDocument();
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            int at = message.indexOf("Message: ");
            if (at >= 0) {
                message = message.substring(at + "Message: ".length());
            }
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNumber();
            throw new ExportException(ExportException.Code.MALFORMED, name + ": not well-formed XML" + where + ": "
                + message.trim(), e);
        }
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are not allowed: " + systemId);
        });
        return factory;
    }

    private List<PsObject> readDocument() throws XMLStreamException, ExportException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.DTD) {
                throw malformed("DOCTYPE declarations are not allowed");
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (!xml.getLocalName().equals("Objs") || !NAMESPACE.equals(xml.getNamespaceURI())) {
                    throw new ExportException(ExportException.Code.NOT_EXPORT, name + ": not CLIXML: the root element "
                        + "is <" + xml.getLocalName() + ">" + namespaceNote() + ", Export-Clixml writes <Objs xmlns=\""
                        + NAMESPACE + "\">");
                }
                List<PsObject> objects = readObjects();
                while (xml.hasNext()) {
                    if (xml.next() == XMLStreamConstants.DTD) {
                        throw malformed("DOCTYPE declarations are not allowed");
                    }
                }
                return objects;
            }
        }
        throw new ExportException(ExportException.Code.NOT_EXPORT, name + ": not CLIXML: no root element");
    }

    private String namespaceNote() {
        String uri = xml.getNamespaceURI();
        return uri == null || uri.isEmpty() ? " without namespace" : " in namespace " + uri;
    }

    private List<PsObject> readObjects() throws XMLStreamException, ExportException {
        List<PsObject> objects = new ArrayList<>();
        while (true) {
            int event = next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                return objects;
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (!xml.getLocalName().equals("Obj")) {
                    throw malformed("<" + xml.getLocalName() + "> at the top level: Export-Clixml of objects writes "
                        + "<Obj> there");
                }
                Exports.checkObjectCount(objects.size(), name);
                objectPosition = objects.size() + 1;
                objects.add(readObject(objectPosition));
            }
        }
    }

    /** Reads an {@code <Obj>}, positioned on its start; returns it as a top-level object. */
    private PsObject readObject(int position) throws XMLStreamException, ExportException {
        ObjectContent content = readObjectContent();
        return new PsObject(position, content.types, content.properties);
    }

    /** The parts of one {@code <Obj>} element. */
    private static final class ObjectContent {
        private List<String> types = List.of();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private String toStringText;
        private String value;
    }

    private ObjectContent readObjectContent() throws XMLStreamException, ExportException {
        String refId = xml.getAttributeValue(null, "RefId");
        ObjectContent content = new ObjectContent();
        enter();
        while (true) {
            int event = next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                leave();
                break;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String element = xml.getLocalName();
            switch (element) {
                case "TN":
                    content.types = readTypeNames();
                    break;
                case "TNRef":
                    content.types = typeNames.get(xml.getAttributeValue(null, "RefId"));
                    if (content.types == null) {
                        throw malformed("<TNRef RefId=\"" + xml.getAttributeValue(null, "RefId")
                            + "\"> names no earlier <TN>");
                    }
                    skipElement();
                    break;
                case "ToString":
                    content.toStringText = readText("ToString");
                    break;
                case "Props":
                case "MS":
                    readProperties(content.properties);
                    break;
                case "DCT":
                    content.value = readDictionary();
                    break;
                default:
                    if (LISTS.contains(element)) {
                        content.value = readList();
                    } else {
                        content.value = readValue();
                    }
                    break;
            }
        }
        String text = content.toStringText != null ? content.toStringText : content.value;
        if (refId != null) {
            references.put(refId, text);
        }
        content.value = text;
        return content;
    }

    private List<String> readTypeNames() throws XMLStreamException, ExportException {
        String refId = xml.getAttributeValue(null, "RefId");
        List<String> types = new ArrayList<>();
        enter();
        while (true) {
            int event = next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                leave();
                break;
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (!xml.getLocalName().equals("T")) {
                    throw malformed("<" + xml.getLocalName() + "> in <TN>: allowed <T>");
                }
                if (types.size() == Exports.MAX_PROPERTIES) {
                    throw new ExportException(ExportException.Code.LIMIT, name + ": more than "
                        + Exports.MAX_PROPERTIES + " type names in one <TN>");
                }
                types.add(readText("T"));
            }
        }
        if (refId != null) {
            typeNames.put(refId, types);
        }
        return types;
    }

    private void readProperties(Map<String, String> properties) throws XMLStreamException, ExportException {
        enter();
        while (true) {
            int event = next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                leave();
                return;
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                String property = xml.getAttributeValue(null, "N");
                if (property == null) {
                    throw malformed("<" + xml.getLocalName() + "> without N (the property name)");
                }
                property = unescape(property);
                Exports.checkPropertyCount(properties.size(), name, objectPosition);
                String value = readValue();
                // a name in both <Props> and <MS>: the adapted property (read first) is the one PowerShell shows
                properties.putIfAbsent(property, value);
            }
        }
    }

    /** Reads the value element the reader is on (a primitive, Nil, Ref, Obj, or a collection). */
    private String readValue() throws XMLStreamException, ExportException {
        String element = xml.getLocalName();
        if (element.equals("Nil")) {
            skipElement();
            return null;
        }
        if (element.equals("Ref")) {
            String refId = xml.getAttributeValue(null, "RefId");
            if (refId == null || !references.containsKey(refId)) {
                throw malformed("<Ref RefId=\"" + refId + "\"> names no earlier <Obj>");
            }
            skipElement();
            return references.get(refId);
        }
        if (element.equals("Obj")) {
            return readObjectContent().value;
        }
        if (LISTS.contains(element)) {
            return readList();
        }
        if (element.equals("DCT")) {
            return readDictionary();
        }
        if (!PRIMITIVES.contains(element)) {
            throw malformed("unknown CLIXML element <" + element + ">");
        }
        String text = readText(element);
        if (element.equals("S")) {
            return unescape(text);
        }
        if (element.equals("B")) {
            // as PowerShell shows it and Export-Csv writes it
            return text.trim().equals("true") ? "True" : text.trim().equals("false") ? "False" : text;
        }
        if (element.equals("C")) {
            try {
                return String.valueOf((char) Integer.parseInt(text.trim()));
            } catch (NumberFormatException e) {
                throw malformed("<C> holds '" + text + "', not a character code");
            }
        }
        return text;
    }

    private String readList() throws XMLStreamException, ExportException {
        List<String> items = new ArrayList<>();
        int length = 0;
        enter();
        while (true) {
            int event = next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                leave();
                return "{" + String.join(", ", items) + "}";
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                String item = readValue();
                String shown = item == null ? "" : item;
                length += shown.length() + 2;
                Exports.checkValueLength(length, name, "object " + objectPosition);
                items.add(shown);
            }
        }
    }

    private String readDictionary() throws XMLStreamException, ExportException {
        List<String> items = new ArrayList<>();
        int length = 0;
        enter();
        while (true) {
            int event = next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                leave();
                return "{" + String.join(", ", items) + "}";
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (!xml.getLocalName().equals("En")) {
                    throw malformed("<" + xml.getLocalName() + "> in <DCT>: allowed <En>");
                }
                Map<String, String> entry = new LinkedHashMap<>();
                readProperties(entry);
                String shown = entry.get("Key") + "=" + entry.get("Value");
                length += shown.length() + 2;
                Exports.checkValueLength(length, name, "object " + objectPosition);
                items.add(shown);
            }
        }
    }

    /** The text of a text-only element (a nested element fails). */
    private String readText(String element) throws XMLStreamException, ExportException {
        StringBuilder text = new StringBuilder();
        while (true) {
            int event = next();
            switch (event) {
                case XMLStreamConstants.CHARACTERS:
                case XMLStreamConstants.CDATA:
                case XMLStreamConstants.SPACE:
                    text.append(xml.getText());
                    Exports.checkValueLength(text.length(), name, "<" + element + "> at line "
                        + xml.getLocation().getLineNumber());
                    break;
                case XMLStreamConstants.END_ELEMENT:
                    return text.toString();
                case XMLStreamConstants.START_ELEMENT:
                    throw malformed("<" + element + "> must hold only text, found <" + xml.getLocalName() + ">");
                default:
                    break;
            }
        }
    }

    private void skipElement() throws XMLStreamException, ExportException {
        enter();
        while (true) {
            int event = next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                leave();
                return;
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                skipElement();
            }
        }
    }

    /** The next event; entity references and a premature end fail. */
    private int next() throws XMLStreamException, ExportException {
        if (!xml.hasNext()) {
            throw malformed("unexpected end of the file");
        }
        int event = xml.next();
        if (event == XMLStreamConstants.ENTITY_REFERENCE) {
            throw malformed("entity reference '&" + xml.getLocalName() + ";' is not allowed");
        }
        if (event == XMLStreamConstants.DTD) {
            throw malformed("DOCTYPE declarations are not allowed");
        }
        return event;
    }

    private void enter() throws ExportException {
        if (++depth > Exports.MAX_DEPTH) {
            throw new ExportException(ExportException.Code.LIMIT, name + ": more than " + Exports.MAX_DEPTH
                + " levels of nesting at line " + xml.getLocation().getLineNumber() + ", the limit for an export");
        }
    }

    private void leave() {
        depth--;
    }

    private ExportException malformed(String what) {
        return new ExportException(ExportException.Code.MALFORMED, name + ": malformed CLIXML at line "
            + xml.getLocation().getLineNumber() + ": " + what);
    }

    /** Decodes PowerShell's {@code _xHHHH_} escapes (control characters, and {@code _x} itself as {@code _x005F_}). */
    static String unescape(String text) {
        if (text.indexOf("_x") < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (i + 7 <= text.length() && text.charAt(i) == '_' && text.charAt(i + 1) == 'x'
                && text.charAt(i + 6) == '_' && isHex(text, i + 2, i + 6)) {
                out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                i += 7;
            } else {
                out.append(text.charAt(i));
                i++;
            }
        }
        return out.toString();
    }

    private static boolean isHex(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
