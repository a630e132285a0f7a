package org.bordertransport.core.tnefmime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.bordertransport.core.tnef.MapiTag;
import org.bordertransport.core.tnef.TnefAttribute;

/**
 * Writes small TNEF streams for tests (this package's, and the integration tests through the core test jar):
 * attributes with correct checksums and MAPI property lists.
 */
public final class TnefFixture {
    public static final byte[] IID_IMESSAGE = {0x07, 0x03, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00,
        (byte) 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46};
    public static final Charset CP1252 = Charset.forName("windows-1252");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private TnefFixture() {
        raw(le32(0x223E9F78L)).raw(le16(0x0102));
    }

    public static TnefFixture tnef() {
        return new TnefFixture();
    }

    public TnefFixture attribute(int level, int id, byte[] data) {
        int sum = 0;
        for (byte b : data) {
            sum += b & 0xFF;
        }
        return raw(new byte[] {(byte) level}).raw(le32(id & 0xFFFFFFFFL)).raw(le32(data.length)).raw(data)
            .raw(le16(sum & 0xFFFF));
    }

    public TnefFixture codePage(int codePage) {
        return attribute(1, TnefAttribute.ATT_OEM_CODEPAGE, concat(le32(codePage), le32(0)));
    }

    public TnefFixture subject(String subject, Charset charset) {
        return attribute(1, TnefAttribute.ATT_SUBJECT, sz(subject, charset));
    }

    public TnefFixture messageProps(Props props) {
        return attribute(1, TnefAttribute.ATT_MSG_PROPS, props.build());
    }

    /** attAttachRenddata: starts an attachment. */
    public TnefFixture renddata() {
        return attribute(2, TnefAttribute.ATT_ATTACH_RENDDATA, concat(le16(1), le32(0xFFFFFFFFL), le16(32), le16(32),
            le32(0)));
    }

    public TnefFixture attachData(byte[] data) {
        return attribute(2, TnefAttribute.ATT_ATTACH_DATA, data);
    }

    public TnefFixture attachProps(Props props) {
        return attribute(2, TnefAttribute.ATT_ATTACHMENT, props.build());
    }

    /** A by-value attachment with a Unicode long file name and optional MIME tag and content id. */
    public TnefFixture file(String name, byte[] data, String mimeTag, String contentId) {
        Props props = Props.props().int32(MapiTag.PR_ATTACH_METHOD, 1).unicode(MapiTag.PR_ATTACH_LONG_FILENAME, name);
        if (mimeTag != null) {
            props.string8(MapiTag.PR_ATTACH_MIME_TAG, mimeTag, StandardCharsets.US_ASCII);
        }
        if (contentId != null) {
            props.string8(MapiTag.PR_ATTACH_CONTENT_ID, contentId, StandardCharsets.US_ASCII);
        }
        return renddata().attachData(data).attachProps(props);
    }

    public TnefFixture raw(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    public byte[] build() {
        return out.toByteArray();
    }

    public static byte[] le16(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8)};
    }

    public static byte[] le32(long v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.write(p, 0, p.length);
        }
        return b.toByteArray();
    }

    public static byte[] sz(String s, Charset charset) {
        return concat(s.getBytes(charset), new byte[1]);
    }

    /** A PR_RTF_COMPRESSED value holding {@code rtf} uncompressed (COMPTYPE MELA). */
    public static byte[] uncompressedRtf(String rtf) {
        byte[] raw = rtf.getBytes(StandardCharsets.US_ASCII);
        return concat(le32(12 + raw.length), le32(raw.length), le32(0x414C454DL), le32(0), raw);
    }

    /** A MAPI property list. */
    public static final class Props {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private int count;

        public static Props props() {
            return new Props();
        }

        private Props tag(int type, int id) {
            count++;
            return raw(le16(type)).raw(le16(id));
        }

        private Props raw(byte[] b) {
            body.write(b, 0, b.length);
            return this;
        }

        private Props variable(byte[] value) {
            return raw(le32(1)).raw(le32(value.length)).raw(value).raw(new byte[(4 - (value.length & 3)) & 3]);
        }

        public Props int32(int id, int value) {
            return tag(MapiTag.PT_LONG, id).raw(le32(value));
        }

        public Props systime(int id, Instant time) {
            long ticks = (time.getEpochSecond() + 11_644_473_600L) * 10_000_000L + time.getNano() / 100;
            return tag(MapiTag.PT_SYSTIME, id).raw(le32(ticks)).raw(le32(ticks >>> 32));
        }

        public Props string8(int id, String value, Charset charset) {
            return tag(MapiTag.PT_STRING8, id).variable(sz(value, charset));
        }

        public Props unicode(int id, String value) {
            return tag(MapiTag.PT_UNICODE, id).variable(concat(value.getBytes(StandardCharsets.UTF_16LE), new byte[2]));
        }

        public Props binary(int id, byte[] value) {
            return tag(MapiTag.PT_BINARY, id).variable(value);
        }

        /** PR_ATTACH_DATA_OBJ holding an embedded TNEF message. */
        public Props embedded(byte[] tnef) {
            return tag(MapiTag.PT_OBJECT, MapiTag.PR_ATTACH_DATA).variable(concat(IID_IMESSAGE, tnef));
        }

        public byte[] build() {
            return concat(le32(count), body.toByteArray());
        }
    }
}
