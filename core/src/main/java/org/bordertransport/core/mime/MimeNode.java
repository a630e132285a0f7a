package org.bordertransport.core.mime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.apache.james.mime4j.stream.Field;
import org.bordertransport.core.encoding.TransferEncoding;

/**
 * One entity of a message as {@link MimeTreeReader} read it: its place ({@link #id()} in reading order, dotted
 * {@link #path()}), header fields as read, media type, boundary, preamble and epilogue, children, and the facts
 * its visitor derived from the header fields ({@link #transferEncoding()}, {@link #fileName()}). What a converter
 * decides for the entity is its {@link #data()}.
 *
 * @param <T> the converter's per-entity data
 */
public final class MimeNode<T> {
    /** A header field as read: its name and raw octets (without the final line end). */
    public static final class Header {
        private final String name;
        private final byte[] raw;
        private final Field field;
        private String body;

        Header(String name, byte[] raw, Field field) {
            this.name = name;
            this.raw = raw;
            this.field = field;
        }

        public String name() {
            return name;
        }

        /** The raw octets, name included, without the final line end; not to be modified. */
        public byte[] raw() {
            return raw;
        }

        /** mime4j's reading of the value after the colon (still folded). */
        public String body() {
            if (body == null) {
                body = field.getBody();
            }
            return body;
        }

        public boolean is(String other) {
            return name.equalsIgnoreCase(other);
        }

        public boolean isContent() {
            return name.toLowerCase(Locale.ROOT).startsWith("content-");
        }
    }

    private final int id;
    private final String path;
    private final MimeNode<T> parent;
    private final List<Header> headers = new ArrayList<>();
    private final List<MimeNode<T>> children = new ArrayList<>();
    private final T data;
    String mimeType = "text/plain";
    String boundary;
    boolean multipart;
    byte[] preamble;
    byte[] epilogue;
    private TransferEncoding transferEncoding = TransferEncoding.SEVEN_BIT;
    private String fileName;

    MimeNode(int id, String path, MimeNode<T> parent, T data) {
        this.id = id;
        this.path = path;
        this.parent = parent;
        this.data = data;
    }

    /** The entity's number in reading order, the message itself 0. */
    public int id() {
        return id;
    }

    /** {@code root}, {@code 1}, {@code 1.2} ... */
    public String path() {
        return path;
    }

    /** The enclosing multipart, null for the message itself. */
    public MimeNode<T> parent() {
        return parent;
    }

    public boolean isRoot() {
        return parent == null;
    }

    /** The message itself. */
    public MimeNode<T> root() {
        MimeNode<T> node = this;
        while (node.parent != null) {
            node = node.parent;
        }
        return node;
    }

    public List<Header> headers() {
        return Collections.unmodifiableList(headers);
    }

    public List<MimeNode<T>> children() {
        return Collections.unmodifiableList(children);
    }

    public T data() {
        return data;
    }

    /** Lower-case media type as mime4j reads it ({@code text/plain} when absent or invalid). */
    public String mimeType() {
        return mimeType;
    }

    public boolean isType(String type) {
        return mimeType.equals(type);
    }

    public String boundary() {
        return boundary;
    }

    public boolean isMultipart() {
        return multipart;
    }

    /** The preamble of a multipart, when read; null otherwise. */
    public byte[] preamble() {
        return preamble;
    }

    /** The epilogue of a multipart, when read; null otherwise. */
    public byte[] epilogue() {
        return epilogue;
    }

    public TransferEncoding transferEncoding() {
        return transferEncoding;
    }

    public void transferEncoding(TransferEncoding value) {
        this.transferEncoding = value;
    }

    /** The decoded file name ({@code filename}, else {@code name}) as sent, may hold a path; null when none. */
    public String fileName() {
        return fileName;
    }

    public void fileName(String value) {
        this.fileName = value;
    }

    String childPath(int index) {
        return parent == null && path.equals("root") ? String.valueOf(index) : path + "." + index;
    }

    void addHeader(Header header) {
        headers.add(header);
    }

    void addChild(MimeNode<T> child) {
        children.add(child);
    }
}
