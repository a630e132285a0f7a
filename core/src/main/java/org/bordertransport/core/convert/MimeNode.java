package org.bordertransport.core.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.bordertransport.core.encoding.ContentScan;
import org.bordertransport.core.encoding.TransferEncoding;

/** One entity of the parsed message (first pass) and what the second pass does with it. */
final class MimeNode {
    enum Action { COPY, REENCODE, OCTET_STREAM, CONVERT, MESSAGE }

    /** A header field as read: its name, raw octets (without the final line end) and unfolded value. */
    static final class Header {
        final String name;
        final byte[] raw;

        Header(String name, byte[] raw) {
            this.name = name;
            this.raw = raw;
        }

        boolean is(String other) {
            return name.equalsIgnoreCase(other);
        }

        boolean isContent() {
            return name.toLowerCase(Locale.ROOT).startsWith("content-");
        }
    }

    final int id;
    final String path;
    final MimeNode parent;
    final List<Header> headers = new ArrayList<>();
    final List<MimeNode> children = new ArrayList<>();
    String mimeType = "text/plain";
    String boundary;
    Optional<String> declaredCharset = Optional.empty();
    TransferEncoding transferEncoding = TransferEncoding.SEVEN_BIT;
    boolean attachment;
    /** Decoded {@code filename} (else {@code name}) parameter, as sent; may hold a path. */
    String fileName;
    boolean multipart;
    byte[] preamble;
    byte[] epilogue;
    ContentScan rawScan;
    ContentScan decodedScan;

    Action action = Action.COPY;
    TransferEncoding targetEncoding;
    String targetType;
    boolean addTextAlternative;
    MimeNode replacement;
    boolean headersChanged;

    MimeNode(int id, String path, MimeNode parent) {
        this.id = id;
        this.path = path;
        this.parent = parent;
    }

    boolean isType(String type) {
        return mimeType.equals(type);
    }

    String childPath(int index) {
        return path.equals("root") ? String.valueOf(index) : path + "." + index;
    }
}
