package org.bordertransport.core.rtf;

import java.util.Objects;

/**
 * A PNG or JPEG picture of an RTF document ({@code \pict} with {@code \pngblip} or {@code \jpegblip}), which the
 * rendered HTML references as {@code cid:}{@link #contentId()}.
 */
public final class RtfPicture {
    private final String contentId;
    private final String fileName;
    private final String mimeType;
    private final byte[] data;

    RtfPicture(String contentId, String fileName, String mimeType, byte[] data) {
        this.contentId = Objects.requireNonNull(contentId);
        this.fileName = Objects.requireNonNull(fileName);
        this.mimeType = Objects.requireNonNull(mimeType);
        this.data = Objects.requireNonNull(data);
    }

    /** The Content-ID, without angle brackets, unique to this rendering. */
    public String contentId() {
        return contentId;
    }

    /** A file name such as {@code image001.png}. */
    public String fileName() {
        return fileName;
    }

    /** {@code image/png} or {@code image/jpeg}. */
    public String mimeType() {
        return mimeType;
    }

    /** The picture's octets (a copy). */
    public byte[] data() {
        return data.clone();
    }

    /** Octets of picture. */
    public int size() {
        return data.length;
    }

    byte[] dataUnsafe() {
        return data;
    }

    @Override
    public String toString() {
        return "RtfPicture[" + fileName + ", " + mimeType + ", " + data.length + " octets]";
    }
}
