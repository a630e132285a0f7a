package org.bordertransport.core.tnef;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes TNEF streams for tests: signature, legacy key, attributes with correct (or chosen) checksums, and MAPI
 * property lists ({@link Props}). Writes to memory ({@link #tnef()}) or to any stream ({@link #to(OutputStream)},
 * for large inputs). Public for the CLI tests (through the core test jar).
 */
public final class TnefBuilder {
    public static final byte[] IID_IMESSAGE = {0x07, 0x03, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00,
        (byte) 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46};
    public static final byte[] IID_ISTORAGE = {0x0B, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        (byte) 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46};

    private final OutputStream out;
    private final ByteArrayOutputStream memory;

    private TnefBuilder(OutputStream out, ByteArrayOutputStream memory, int legacyKey) {
        this.out = out;
        this.memory = memory;
        write(le32(0x223E9F78L));
        write(le16(legacyKey));
    }

    /** A stream in memory with legacy key 0x0102. */
    public static TnefBuilder tnef() {
        ByteArrayOutputStream memory = new ByteArrayOutputStream();
        return new TnefBuilder(memory, memory, 0x0102);
    }

    public static TnefBuilder to(OutputStream out) {
        return new TnefBuilder(out, null, 0x0102);
    }

    /** An attribute with its correct checksum. */
    public TnefBuilder attribute(int level, int id, byte[] data) {
        return attribute(level, id, data, checksum(data));
    }

    public TnefBuilder attribute(int level, int id, byte[] data, int checksum) {
        write(new byte[] {(byte) level});
        write(le32(id & 0xFFFFFFFFL));
        write(le32(data.length));
        write(data);
        write(le16(checksum));
        return this;
    }

    /** An attribute of {@code length} bytes copied from {@code data}, checksummed while written. */
    public TnefBuilder attribute(int level, int id, long length, InputStream data) throws IOException {
        write(new byte[] {(byte) level});
        write(le32(id & 0xFFFFFFFFL));
        write(le32(length));
        byte[] buffer = new byte[64 * 1024];
        long left = length;
        int sum = 0;
        while (left > 0) {
            int n = data.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("data ends " + left + " bytes early");
            }
            for (int i = 0; i < n; i++) {
                sum += buffer[i] & 0xFF;
            }
            out.write(buffer, 0, n);
            left -= n;
        }
        write(le16(sum & 0xFFFF));
        return this;
    }

    public TnefBuilder message(int id, byte[] data) {
        return attribute(1, id, data);
    }

    public TnefBuilder attachment(int id, byte[] data) {
        return attribute(2, id, data);
    }

    /** attOemCodepage. */
    public TnefBuilder codePage(int codePage) {
        return message(TnefAttribute.ATT_OEM_CODEPAGE, concat(le32(codePage), le32(0)));
    }

    public TnefBuilder messageProps(Props props) {
        return message(TnefAttribute.ATT_MSG_PROPS, props.build());
    }

    /** attAttachRenddata: by-value file attachment at {@code position}. */
    public TnefBuilder renddata(long position) {
        return attachment(TnefAttribute.ATT_ATTACH_RENDDATA, concat(le16(1), le32(position), le16(32), le16(32),
            le32(0)));
    }

    public TnefBuilder attachProps(Props props) {
        return attachment(TnefAttribute.ATT_ATTACHMENT, props.build());
    }

    public TnefBuilder raw(byte[] bytes) {
        write(bytes);
        return this;
    }

    public byte[] build() {
        if (memory == null) {
            throw new IllegalStateException("built on a stream");
        }
        return memory.toByteArray();
    }

    private void write(byte[] b) {
        try {
            out.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int checksum(byte[] data) {
        int sum = 0;
        for (byte b : data) {
            sum += b & 0xFF;
        }
        return sum & 0xFFFF;
    }

    public static byte[] le16(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8)};
    }

    public static byte[] le32(long v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    public static byte[] le64(long v) {
        return concat(le32(v), le32(v >>> 32));
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.write(p, 0, p.length);
        }
        return b.toByteArray();
    }

    /** NUL-terminated 8-bit string. */
    public static byte[] sz(String s, Charset charset) {
        return concat(s.getBytes(charset), new byte[1]);
    }

    public static byte[] sz(String s) {
        return sz(s, StandardCharsets.ISO_8859_1);
    }

    /** A date attribute value (dtr). */
    public static byte[] date(int year, int month, int day, int hour, int minute, int second, int dayOfWeek) {
        return concat(le16(year), le16(month), le16(day), le16(hour), le16(minute), le16(second), le16(dayOfWeek));
    }

    public static byte[] guid(UUID uuid) {
        long msb = uuid.getMostSignificantBits();
        long lsb = uuid.getLeastSignificantBits();
        return concat(le32(msb >>> 32), le16((int) (msb >>> 16)), le16((int) msb), le64(Long.reverseBytes(lsb)));
    }

    /** A MAPI property list: count, then the properties added. */
    public static final class Props {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private int count;

        public static Props props() {
            return new Props();
        }

        /** Starts a property: type then id (the count goes up by one). */
        public Props tag(int type, int id) {
            count++;
            return raw(le16(type)).raw(le16(id));
        }

        /** The name of a named property (MNID_ID), right after {@link #tag}. */
        public Props nameId(UUID guid, long id) {
            return raw(guid(guid)).raw(le32(0)).raw(le32(id));
        }

        /** The name of a named property (MNID_STRING), right after {@link #tag}. */
        public Props nameString(UUID guid, String name) {
            byte[] utf16 = concat(name.getBytes(StandardCharsets.UTF_16LE), new byte[2]);
            return raw(guid(guid)).raw(le32(1)).raw(le32(utf16.length)).raw(utf16).raw(new byte[pad(utf16.length)]);
        }

        public Props raw(byte[] b) {
            body.write(b, 0, b.length);
            return this;
        }

        /** Value count of a multi-valued or variable-length property. */
        public Props valueCount(long n) {
            return raw(le32(n));
        }

        /** One variable-length value: length, bytes, padding. */
        Props variable(byte[] value) {
            return raw(le32(value.length)).raw(value).raw(new byte[pad(value.length)]);
        }

        public Props int32(int id, int value) {
            return tag(MapiTag.PT_LONG, id).raw(le32(value));
        }

        public Props int16(int id, int value) {
            return tag(MapiTag.PT_SHORT, id).raw(le16(value)).raw(new byte[2]);
        }

        public Props bool(int id, boolean value) {
            return tag(MapiTag.PT_BOOLEAN, id).raw(le32(value ? 1 : 0));
        }

        public Props int64(int type, int id, long value) {
            return tag(type, id).raw(le64(value));
        }

        public Props systime(int id, Instant time) {
            long ticks = (time.getEpochSecond() + 11_644_473_600L) * 10_000_000L + time.getNano() / 100;
            return int64(MapiTag.PT_SYSTIME, id, ticks);
        }

        public Props string8(int id, String value, Charset charset) {
            return tag(MapiTag.PT_STRING8, id).valueCount(1).variable(sz(value, charset));
        }

        public Props string8(int id, String value) {
            return string8(id, value, StandardCharsets.ISO_8859_1);
        }

        public Props unicode(int id, String value) {
            return tag(MapiTag.PT_UNICODE, id).valueCount(1)
                .variable(concat(value.getBytes(StandardCharsets.UTF_16LE), new byte[2]));
        }

        public Props binary(int id, byte[] value) {
            return tag(MapiTag.PT_BINARY, id).valueCount(1).variable(value);
        }

        public Props object(int id, byte[] iid, byte[] payload) {
            return tag(MapiTag.PT_OBJECT, id).valueCount(1).variable(concat(iid, payload));
        }

        /** PR_ATTACH_DATA_OBJ holding an embedded message. */
        public Props embedded(byte[] tnef) {
            return object(MapiTag.PR_ATTACH_DATA, IID_IMESSAGE, tnef);
        }

        public byte[] build() {
            return concat(le32(count), body.toByteArray());
        }

        private static int pad(int length) {
            return (4 - (length & 3)) & 3;
        }
    }
}
