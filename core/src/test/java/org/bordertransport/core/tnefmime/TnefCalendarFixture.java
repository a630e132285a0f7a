package org.bordertransport.core.tnefmime;

import static org.bordertransport.core.tnefmime.TnefFixture.concat;
import static org.bordertransport.core.tnefmime.TnefFixture.le16;
import static org.bordertransport.core.tnefmime.TnefFixture.le32;
import static org.bordertransport.core.tnefmime.TnefFixture.sz;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.bordertransport.core.tnef.MapiName;
import org.bordertransport.core.tnef.MapiTag;
import org.bordertransport.core.tnef.TnefAttribute;
import org.bordertransport.core.tnef.TnefException;
import org.bordertransport.core.tnef.TnefMessage;
import org.bordertransport.core.tnef.TnefReader;

/** MAPI property lists with named properties, recipient tables and global object ids for the calendar tests. */
final class TnefCalendarFixture {
    static final int PT_LONG = MapiTag.PT_LONG;
    static final int PR_RECIPIENT_TYPE = 0x0C15;
    static final int PR_EMAIL_ADDRESS = 0x3003;
    static final int PR_ADDRTYPE = 0x3002;
    static final int PR_SMTP_ADDRESS = 0x39FE;
    static final int PR_RECIPIENT_FLAGS = 0x5FFD;
    /** The fixed 16-octet class id every global object id starts with. */
    static final String GOID_CLASS = "040000008200E00074C5B7101A82E008";

    private TnefCalendarFixture() {
    }

    static TnefMessage read(byte[] tnef) throws IOException, TnefException {
        return TnefReader.read(new ByteArrayInputStream(tnef));
    }

    /** A PidLidGlobalObjectId: class id, instance date (year, month, day), creation time, reserved, data. */
    static byte[] globalObjectId(int year, int month, int day, byte[] data) {
        byte[] classId = new byte[16];
        for (int i = 0; i < 16; i++) {
            classId[i] = (byte) Integer.parseInt(GOID_CLASS.substring(2 * i, 2 * i + 2), 16);
        }
        byte[] date = {(byte) (year >>> 8), (byte) year, (byte) month, (byte) day};
        byte[] creation = {0x10, 0x20, 0x30, 0x40, 0x50, 0x60, (byte) 0xC7, 0x01};
        return concat(classId, date, creation, new byte[8], le32(data.length), data);
    }

    /** The Data of an id that carries a vCal UID. */
    static byte[] vcalData(String uid) {
        return concat("vCal-Uid".getBytes(StandardCharsets.US_ASCII), le32(1), sz(uid, StandardCharsets.US_ASCII));
    }

    /** A MAPI property list with named properties (MNID_ID) as well. */
    static final class Props {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private int count;
        private int nextNamedId = 0x8000;

        static Props props() {
            return new Props();
        }

        private Props tag(int type, int id) {
            count++;
            return raw(le16(type)).raw(le16(id));
        }

        private Props named(int type, MapiName name) {
            tag(type, nextNamedId++);
            return raw(guid(name.guid())).raw(le32(0)).raw(le32(name.id().getAsLong()));
        }

        Props raw(byte[] b) {
            body.write(b, 0, b.length);
            return this;
        }

        private Props variable(byte[] value) {
            return raw(le32(1)).raw(le32(value.length)).raw(value).raw(new byte[(4 - (value.length & 3)) & 3]);
        }

        Props int32(int id, int value) {
            return tag(MapiTag.PT_LONG, id).raw(le32(value));
        }

        Props int32(MapiName name, int value) {
            return named(MapiTag.PT_LONG, name).raw(le32(value));
        }

        Props bool(MapiName name, boolean value) {
            return named(MapiTag.PT_BOOLEAN, name).raw(le32(value ? 1 : 0));
        }

        Props systime(int id, Instant time) {
            return tag(MapiTag.PT_SYSTIME, id).raw(ticks(time));
        }

        Props systime(MapiName name, Instant time) {
            return named(MapiTag.PT_SYSTIME, name).raw(ticks(time));
        }

        Props unicode(int id, String value) {
            return tag(MapiTag.PT_UNICODE, id).variable(utf16(value));
        }

        Props unicode(MapiName name, String value) {
            return named(MapiTag.PT_UNICODE, name).variable(utf16(value));
        }

        Props string8(int id, String value) {
            return tag(MapiTag.PT_STRING8, id).variable(sz(value, StandardCharsets.US_ASCII));
        }

        Props binary(int id, byte[] value) {
            return tag(MapiTag.PT_BINARY, id).variable(value);
        }

        Props binary(MapiName name, byte[] value) {
            return named(MapiTag.PT_BINARY, name).variable(value);
        }

        byte[] build() {
            return concat(le32(count), body.toByteArray());
        }

        private static byte[] ticks(Instant time) {
            long ticks = (time.getEpochSecond() + 11_644_473_600L) * 10_000_000L + time.getNano() / 100;
            return concat(le32(ticks), le32(ticks >>> 32));
        }

        private static byte[] utf16(String value) {
            return concat(value.getBytes(StandardCharsets.UTF_16LE), new byte[2]);
        }

        /** A GUID as stored: Data1, Data2, Data3 little-endian, then Data4 as is. */
        static byte[] guid(UUID uuid) {
            ByteBuffer b = ByteBuffer.allocate(16);
            long msb = uuid.getMostSignificantBits();
            b.order(ByteOrder.LITTLE_ENDIAN).putInt((int) (msb >>> 32)).putShort((short) (msb >>> 16))
                .putShort((short) msb);
            b.order(ByteOrder.BIG_ENDIAN).putLong(uuid.getLeastSignificantBits());
            return b.array();
        }
    }

    /** An attRecipTable value: a row count, then one property list per row. */
    static byte[] recipientTable(Props... rows) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] count = le32(rows.length);
        b.write(count, 0, 4);
        for (Props row : rows) {
            byte[] r = row.build();
            b.write(r, 0, r.length);
        }
        return b.toByteArray();
    }

    static Props recipient(int type, String name, String address) {
        return Props.props().int32(PR_RECIPIENT_TYPE, type).unicode(MapiTag.PR_DISPLAY_NAME, name)
            .string8(PR_ADDRTYPE, "SMTP").unicode(PR_EMAIL_ADDRESS, address);
    }

    /** A TNEF stream: message class, subject, message properties and an optional recipient table. */
    static byte[] tnef(String messageClass, String subject, Props props, byte[] recipients) {
        TnefFixture t = TnefFixture.tnef().codePage(1252)
            .attribute(1, TnefAttribute.ATT_MESSAGE_CLASS, sz(messageClass, StandardCharsets.US_ASCII))
            .subject(subject, TnefFixture.CP1252);
        if (recipients != null) {
            t.attribute(1, TnefAttribute.ATT_RECIP_TABLE, recipients);
        }
        return t.attribute(1, TnefAttribute.ATT_MSG_PROPS, props.build()).build();
    }
}
