package org.bordertransport.core.tnefmime;

import org.bordertransport.core.io.Spool;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bordertransport.core.encoding.TransferEncoding;

/** One entity of the parsed message, and what replaces it when it is TNEF. */
final class Node {
    /** A header field as read: its name and raw octets (without the final line end). */
    static final class Header {
        final String name;
        final byte[] raw;
        /** The value after the colon, unfolded. */
        final String value;

        Header(String name, byte[] raw, String value) {
            this.name = name;
            this.raw = raw;
            this.value = value;
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
    final Node parent;
    final List<Header> headers = new ArrayList<>();
    final List<Node> children = new ArrayList<>();
    String mimeType = "text/plain";
    String boundary;
    boolean multipart;
    byte[] preamble;
    byte[] epilogue;
    TransferEncoding transferEncoding = TransferEncoding.SEVEN_BIT;
    /** The decoded file name ({@code filename}, else {@code name}), when any. */
    String fileName;
    /** TNEF by its content type; else only by its name ({@code winmail.dat}). */
    boolean tnefType;
    boolean tnefName;
    /** An application/octet-stream {@code .dat} part of a message with {@code X-MS-TNEF-Correlator}. */
    boolean tnefHint;
    /** The decoded entity that replaces this TNEF part. */
    Spool replacement;
    /** Removed from the output ({@link TnefMimeConverter#strip}). */
    boolean stripped;

    Node(int id, String path, Node parent) {
        this.id = id;
        this.path = path;
        this.parent = parent;
    }

    boolean isTnef() {
        return tnefType || tnefName || tnefHint;
    }

    String childPath(int index) {
        return parent == null && path.equals("root") ? String.valueOf(index) : path + "." + index;
    }

    String describe() {
        return mimeType + (fileName == null ? "" : " (" + fileName + ")");
    }
}
