package org.bordertransport.core.tnef;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A message read from a TNEF stream (or embedded in one): its class, subject, bodies, attachments, MAPI properties
 * and remaining attributes, and the warnings of a lenient read.
 *
 * <p>Large values live in a temporary file: {@link #close()} the top message (the one {@link TnefReader} returned)
 * when done; its {@link TnefContent}s, those of its embedded messages included, cannot be read afterwards. Closing
 * an embedded message does nothing.</p>
 */
public final class TnefMessage implements Closeable {
    private final SpillStore store;
    private final int depth;
    private final int legacyKey;
    private final int codePage;
    private final Charset charset;
    private final List<TnefAttribute> attributes;
    private final MapiProperties properties;
    private final List<TnefAttachment> attachments;
    private final List<String> warnings;
    private final Optional<String> messageClass;
    private final Optional<String> subject;
    private final Optional<String> textBody;

    TnefMessage(SpillStore store, int depth, int legacyKey, int codePage, Charset charset,
                List<TnefAttribute> attributes, MapiProperties properties, List<TnefAttachment> attachments,
                List<String> warnings) throws IOException {
        this.store = store;
        this.depth = depth;
        this.legacyKey = legacyKey;
        this.codePage = codePage;
        this.charset = charset;
        this.attributes = List.copyOf(attributes);
        this.properties = properties;
        this.attachments = List.copyOf(attachments);
        this.warnings = List.copyOf(warnings);
        this.messageClass = text(TnefAttribute.ATT_MESSAGE_CLASS, MapiTag.PR_MESSAGE_CLASS);
        this.subject = text(TnefAttribute.ATT_SUBJECT, MapiTag.PR_SUBJECT);
        Optional<String> body = properties.string(MapiTag.PR_BODY);
        this.textBody = body.isPresent() ? body : attributeText(TnefAttribute.ATT_BODY);
    }

    private Optional<String> text(int attributeId, int propertyId) throws IOException {
        Optional<String> fromAttribute = attributeText(attributeId);
        return fromAttribute.isPresent() ? fromAttribute : properties.string(propertyId);
    }

    private Optional<String> attributeText(int attributeId) throws IOException {
        Optional<TnefAttribute> attribute = attribute(attributeId);
        return attribute.isPresent() ? Optional.of(Strings.decode(attribute.get().content(), charset))
            : Optional.empty();
    }

    /** attMessageClass, else PR_MESSAGE_CLASS (e.g. {@code IPM.Note}, {@code IPM.Appointment}). */
    public Optional<String> messageClass() {
        return messageClass;
    }

    /** attSubject, else PR_SUBJECT. */
    public Optional<String> subject() {
        return subject;
    }

    /** PR_BODY, else attBody. */
    public Optional<String> textBody() {
        return textBody;
    }

    /**
     * The HTML body bytes: PR_HTML (binary, in {@link #charset()} unless the HTML declares its own), or
     * PR_BODY_HTML as a string, then in UTF-8 (see {@link #htmlCharset()}).
     */
    public Optional<TnefContent> htmlBody() {
        Optional<MapiProperty> html = properties.get(MapiTag.PR_HTML, MapiTag.PT_BINARY);
        if (html.isPresent()) {
            return html.get().contentValue();
        }
        return properties.string(MapiTag.PR_HTML).map(s -> TnefContent.wrap(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** The charset of {@link #htmlBody()}: the message charset for binary PR_HTML, else UTF-8. */
    public Charset htmlCharset() {
        return properties.get(MapiTag.PR_HTML, MapiTag.PT_BINARY).isPresent() ? charset : StandardCharsets.UTF_8;
    }

    /** PR_RTF_COMPRESSED as stored (LZFu-compressed RTF). */
    public Optional<TnefContent> compressedRtf() {
        return properties.get(MapiTag.PR_RTF_COMPRESSED, MapiTag.PT_BINARY).flatMap(MapiProperty::contentValue);
    }

    /**
     * The code page of 8-bit text: attOemCodepage, else PR_MESSAGE_CODEPAGE, else PR_INTERNET_CPID, else that of the
     * enclosing message, else 1252.
     */
    public int codePage() {
        return codePage;
    }

    /** The charset of {@link #codePage()} (windows-1252 for unknown code pages). */
    public Charset charset() {
        return charset;
    }

    /** The 16-bit key after the signature. */
    public int legacyKey() {
        return legacyKey;
    }

    /** 0 for the top message, 1 for a message attached to it, and so on. */
    public int depth() {
        return depth;
    }

    public List<TnefAttachment> attachments() {
        return attachments;
    }

    /** The message MAPI properties (attMsgProps). */
    public MapiProperties properties() {
        return properties;
    }

    /** The message-level attributes kept as read (all but attMsgProps), in order. */
    public List<TnefAttribute> attributes() {
        return attributes;
    }

    /** The last message-level attribute with this id. */
    public Optional<TnefAttribute> attribute(int id) {
        for (int i = attributes.size() - 1; i >= 0; i--) {
            if (attributes.get(i).id() == id) {
                return Optional.of(attributes.get(i));
            }
        }
        return Optional.empty();
    }

    /** What a lenient read let pass: checksum mismatches ({@link ChecksumMode#WARN}), trailing bytes. */
    public List<String> warnings() {
        return warnings;
    }

    /** Deletes the temporary file of the top message; does nothing for an embedded message. */
    @Override
    public void close() throws IOException {
        if (depth == 0) {
            store.close();
        }
    }

    @Override
    public String toString() {
        return "TnefMessage{" + messageClass.orElse("?") + ", " + attachments.size() + " attachment(s), "
            + properties.size() + " properties, " + warnings.size() + " warning(s)}";
    }
}
