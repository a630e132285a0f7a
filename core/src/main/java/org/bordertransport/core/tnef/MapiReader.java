package org.bordertransport.core.tnef;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads the MAPI property list of an attMsgProps or attAttachment attribute: a 32-bit count, then per property its
 * type and id, the name of a named property, a value count for multi-valued and variable-length types, and the
 * values (variable-length ones as length + bytes padded to 4). A PT_OBJECT value holding an embedded message
 * ({@code IID_IMessage}) is read as a nested TNEF stream.
 */
final class MapiReader {
    /** IID_IMessage {00020307-0000-0000-C000-000000000046} as stored (little-endian fields). */
    private static final byte[] IID_IMESSAGE = {0x07, 0x03, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00,
        (byte) 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46};
    private static final int MAX_NAME_BYTES = 64 * 1024;
    private static final int VARIABLE = -1;

    private final AttributeInput a;
    private final ReadSession session;
    private final int depth;
    private final int inheritedCodePage;
    private final String owner;

    private MapiReader(AttributeInput a, ReadSession session, int depth, int inheritedCodePage, String owner) {
        this.a = a;
        this.session = session;
        this.depth = depth;
        this.inheritedCodePage = inheritedCodePage;
        this.owner = owner;
    }

    /**
     * @param depth the depth of the message holding the list (0 for the top)
     * @param inheritedCodePage code page an embedded message falls back to
     * @param owner "message" or "attachment N", for error messages
     */
    static List<MapiProperty> read(AttributeInput a, ReadSession session, int depth, int inheritedCodePage,
                                   String owner) throws IOException, TnefException {
        return new MapiReader(a, session, depth, inheritedCodePage, owner).readList();
    }

    private List<MapiProperty> readList() throws IOException, TnefException {
        long count = a.u32("property count");
        if (count > a.remaining() / 4) {
            throw a.malformed("property count " + count + " cannot fit in the " + a.remaining() + " bytes left");
        }
        List<MapiProperty> result = new ArrayList<>((int) Math.min(count, 256));
        for (long i = 0; i < count; i++) {
            result.add(readProperty());
        }
        return result;
    }

    private MapiProperty readProperty() throws IOException, TnefException {
        int type = a.u16("property type");
        int id = a.u16("property id");
        // the name of the property in any error message; built for every property, so without String.format
        String what = "property 0x" + Bytes.hex((long) id << 16 | type, 8);
        Optional<MapiName> name = id >= 0x8000 ? Optional.of(readName(what)) : Optional.empty();
        int base = type & ~MapiTag.MV_FLAG;
        boolean multi = (type & MapiTag.MV_FLAG) != 0;
        int size = valueSize(base);
        if (size == 0) {
            throw a.malformed(what + " has unknown type 0x" + String.format("%04X", base));
        }
        long count = 1;
        if (multi || size == VARIABLE) {
            count = a.u32(what + " value count");
            long smallest = size == VARIABLE ? 4 : size;
            if (count > a.remaining() / smallest) {
                throw a.malformed(what + " declares " + count + " values but only " + a.remaining()
                    + " bytes remain");
            }
        }
        session.countProperties(a, Math.max(1, count));
        List<Object> values = MapiProperty.newValues((int) count);
        for (long i = 0; i < count; i++) {
            values.add(size == VARIABLE ? readVariable(base, what) : readFixed(base, what));
        }
        return new MapiProperty(MapiTag.of(id, type), name, values);
    }

    private MapiName readName(String what) throws IOException, TnefException {
        byte[] guid = a.bytes(16, what + " name GUID");
        long kind = a.u32(what + " name kind");
        if (kind == 0) {
            return MapiName.ofId(Bytes.guid(guid, 0), a.u32(what + " name id"));
        }
        if (kind != 1) {
            throw a.malformed(what + " name kind " + kind + " is neither 0 (MNID_ID) nor 1 (MNID_STRING)");
        }
        long length = a.u32(what + " name length");
        if (length > MAX_NAME_BYTES) {
            throw a.malformed(what + " name of " + length + " bytes is longer than " + MAX_NAME_BYTES);
        }
        byte[] bytes = a.bytes((int) length, what + " name");
        skipPadding(length);
        return MapiName.ofString(Bytes.guid(guid, 0), Strings.decode(bytes, StandardCharsets.UTF_16LE));
    }

    private static int valueSize(int base) {
        switch (base) {
            case MapiTag.PT_SHORT:
            case MapiTag.PT_LONG:
            case MapiTag.PT_FLOAT:
            case MapiTag.PT_ERROR:
            case MapiTag.PT_BOOLEAN:
                return 4;
            case MapiTag.PT_DOUBLE:
            case MapiTag.PT_CURRENCY:
            case MapiTag.PT_APPTIME:
            case MapiTag.PT_I8:
            case MapiTag.PT_SYSTIME:
                return 8;
            case MapiTag.PT_CLSID:
                return 16;
            case MapiTag.PT_STRING8:
            case MapiTag.PT_UNICODE:
            case MapiTag.PT_BINARY:
            case MapiTag.PT_OBJECT:
            case 0x00FB: // PT_SVREID
            case 0x00FD: // PT_SRESTRICT
            case 0x00FE: // PT_ACTIONS
                return VARIABLE;
            default:
                return 0;
        }
    }

    private Object readFixed(int base, String what) throws IOException, TnefException {
        switch (base) {
            case MapiTag.PT_SHORT:
                return (short) (a.u32(what) & 0xFFFF);
            case MapiTag.PT_BOOLEAN:
                return (a.u32(what) & 0xFFFF) != 0;
            case MapiTag.PT_LONG:
            case MapiTag.PT_ERROR:
                return (int) a.u32(what);
            case MapiTag.PT_FLOAT:
                return Float.intBitsToFloat((int) a.u32(what));
            case MapiTag.PT_DOUBLE:
            case MapiTag.PT_APPTIME:
                return Double.longBitsToDouble(a.i64(what));
            case MapiTag.PT_SYSTIME:
                return fileTime(a.i64(what));
            case MapiTag.PT_CLSID:
                return Bytes.guid(a.bytes(16, what), 0);
            default:
                return a.i64(what);
        }
    }

    /** FILETIME: 100-nanosecond intervals since 1601-01-01 UTC. */
    static Instant fileTime(long value) {
        long seconds = Math.floorDiv(value, 10_000_000L) - 11_644_473_600L;
        long nanos = Math.floorMod(value, 10_000_000L) * 100;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private Object readVariable(int base, String what) throws IOException, TnefException {
        long length = a.u32(what + " value length");
        a.require(length, what + " value");
        Object value;
        if (base == MapiTag.PT_OBJECT && length >= 16) {
            byte[] iid = a.bytes(16, what + " interface id");
            if (Arrays.equals(iid, IID_IMESSAGE)) {
                value = readEmbedded(length - 16, what);
            } else {
                value = session.take(a, length - 16, iid, what + " value");
            }
        } else {
            value = session.take(a, length, null, what + " value");
        }
        skipPadding(length);
        return value;
    }

    private TnefMessage readEmbedded(long length, String what) throws IOException, TnefException {
        int limit = session.limits.maxDepth();
        if (depth + 1 > limit) {
            throw ReadSession.limit(a.describe() + ": embedded message in " + owner + " is nested deeper than maxDepth "
                + limit);
        }
        long[] left = {length};
        TnefInput.Source window = (b, off, len) -> {
            if (left[0] == 0) {
                return -1;
            }
            int n = a.read(b, off, (int) Math.min(len, left[0]));
            left[0] -= n;
            return n;
        };
        String where = a.describe() + ", embedded message in " + owner + " (depth " + (depth + 1) + "): ";
        TnefInput nested = new TnefInput(window, 8192, Long.MAX_VALUE, where);
        TnefMessage message = MessageParser.parse(nested, session, depth + 1, inheritedCodePage);
        a.skip(left[0], what + " after embedded message");
        return message;
    }

    private void skipPadding(long length) throws IOException, TnefException {
        long pad = (4 - (length & 3)) & 3;
        a.skip(Math.min(pad, a.remaining()), "padding");
    }
}
