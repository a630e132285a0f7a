package org.bordertransport.core.tnef;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One attachment of a TNEF message: its name, its MAPI properties and attributes, and either its bytes or, for an
 * attached message, the embedded {@link TnefMessage}.
 *
 * <p>The bytes come from attAttachData, else from PR_ATTACH_DATA_BIN (0x3701, PT_BINARY), else from the PT_OBJECT
 * 0x3701 value without its 16-byte interface id (OLE objects). The name is the first non-empty of
 * PR_ATTACH_LONG_FILENAME (Unicode preferred), PR_DISPLAY_NAME, attAttachTitle and PR_ATTACH_FILENAME, cut to its
 * last path segment, without control characters; else {@code attachment-N} plus PR_ATTACH_EXTENSION. Equal names are
 * kept as they are.</p>
 */
public final class TnefAttachment {
    /** PR_ATTACH_METHOD values. */
    public static final int METHOD_NONE = 0;
    public static final int METHOD_BY_VALUE = 1;
    public static final int METHOD_EMBEDDED_MESSAGE = 5;
    public static final int METHOD_OLE = 6;

    private final int number;
    private final String name;
    private final Optional<String> title;
    private final List<TnefAttribute> attributes;
    private final MapiProperties properties;
    private final Optional<TnefContent> content;
    private final Optional<TnefMessage> embeddedMessage;
    private final OptionalLong renderingPosition;

    TnefAttachment(int number, String name, Optional<String> title, List<TnefAttribute> attributes,
                   MapiProperties properties, Optional<TnefContent> content, Optional<TnefMessage> embeddedMessage,
                   OptionalLong renderingPosition) {
        this.number = number;
        this.name = name;
        this.title = title;
        this.attributes = List.copyOf(attributes);
        this.properties = properties;
        this.content = content;
        this.embeddedMessage = embeddedMessage;
        this.renderingPosition = renderingPosition;
    }

    /** Position in the message, from 1. */
    public int number() {
        return number;
    }

    /** Never empty. */
    public String name() {
        return name;
    }

    /** attAttachTitle as read (often an 8.3 name). */
    public Optional<String> title() {
        return title;
    }

    /** PR_ATTACH_METHOD, else {@link #METHOD_EMBEDDED_MESSAGE}, {@link #METHOD_BY_VALUE} or {@link #METHOD_NONE}. */
    public int method() {
        OptionalInt method = properties.get(MapiTag.PR_ATTACH_METHOD).map(MapiProperty::intValue)
            .orElse(OptionalInt.empty());
        if (method.isPresent()) {
            return method.getAsInt();
        }
        return embeddedMessage.isPresent() ? METHOD_EMBEDDED_MESSAGE : content.isPresent() ? METHOD_BY_VALUE
            : METHOD_NONE;
    }

    /** The bytes; empty for an embedded message or an attachment without data. */
    public Optional<TnefContent> content() {
        return content;
    }

    /** Size of {@link #content()}, 0 without content. */
    public long size() {
        return content.map(TnefContent::size).orElse(0L);
    }

    /** The attached message (attach method 5). */
    public Optional<TnefMessage> embeddedMessage() {
        return embeddedMessage;
    }

    /** PR_ATTACH_MIME_TAG. */
    public Optional<String> mimeTag() {
        return properties.string(MapiTag.PR_ATTACH_MIME_TAG);
    }

    /** PR_ATTACH_CONTENT_ID. */
    public Optional<String> contentId() {
        return properties.string(MapiTag.PR_ATTACH_CONTENT_ID);
    }

    /** PR_ATTACH_CONTENT_LOCATION. */
    public Optional<String> contentLocation() {
        return properties.string(MapiTag.PR_ATTACH_CONTENT_LOCATION);
    }

    /** PR_ATTACH_EXTENSION. */
    public Optional<String> extension() {
        return properties.string(MapiTag.PR_ATTACH_EXTENSION);
    }

    /** PR_ATTACH_FLAGS (4 = rendered in the body). */
    public OptionalInt flags() {
        return properties.get(MapiTag.PR_ATTACH_FLAGS).map(MapiProperty::intValue).orElse(OptionalInt.empty());
    }

    /** PR_RENDERING_POSITION, else the position in attAttachRenddata; empty when not rendered (0xFFFFFFFF). */
    public OptionalLong renderingPosition() {
        return renderingPosition;
    }

    public MapiProperties properties() {
        return properties;
    }

    /** The attachment attributes kept as read (attAttachRenddata, attAttachTitle, attAttachData, dates...). */
    public List<TnefAttribute> attributes() {
        return attributes;
    }

    @Override
    public String toString() {
        return "TnefAttachment{#" + number + " '" + name + "', " + size() + " bytes"
            + (embeddedMessage.isPresent() ? ", embedded message" : "") + "}";
    }
}
