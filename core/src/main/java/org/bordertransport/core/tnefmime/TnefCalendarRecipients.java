package org.bordertransport.core.tnefmime;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bordertransport.core.tnef.MapiTag;

/**
 * Reads the recipients of an attRecipTable attribute for {@link TnefCalendar}: a 32-bit row count, then per row a
 * MAPI property list (32-bit property count, then per property its type and id, the name of a named property, a value
 * count for multi-valued and variable-length types, and the values, variable-length ones as length + bytes padded
 * to 4). Only PR_RECIPIENT_TYPE, PR_DISPLAY_NAME, PR_EMAIL_ADDRESS, PR_ADDRTYPE, PR_SMTP_ADDRESS and
 * PR_RECIPIENT_FLAGS are kept; everything else is skipped.
 *
 * <p>Limits: {@link #MAX_TABLE_OCTETS} octets, {@link #MAX_ROWS} rows, {@link #MAX_PROPERTIES} properties per row,
 * {@link #MAX_VALUES} values per property; every length is checked against the octets left.</p>
 */
final class TnefCalendarRecipients {
    static final int MAX_TABLE_OCTETS = 1024 * 1024;
    static final int MAX_ROWS = 500;
    static final int MAX_PROPERTIES = 1000;
    static final int MAX_VALUES = 1000;
    /** Longest string kept (longer ones are ignored, as if absent). */
    static final int MAX_STRING_OCTETS = 2048;

    static final int PR_RECIPIENT_TYPE = 0x0C15;
    static final int PR_ADDRTYPE = 0x3002;
    static final int PR_EMAIL_ADDRESS = 0x3003;
    static final int PR_SMTP_ADDRESS = 0x39FE;
    static final int PR_RECIPIENT_FLAGS = 0x5FFD;
    /** PR_RECIPIENT_FLAGS bit of the meeting organizer (recipOrganizer). */
    static final int RECIP_ORGANIZER = 0x0002;

    private final byte[] b;
    private final Charset eightBit;
    private int pos;

    /** One row, reduced to what a calendar needs. */
    static final class Recipient {
        final int type;
        final int flags;
        final Optional<String> name;
        final Optional<String> address;

        Recipient(int type, int flags, Optional<String> name, Optional<String> address) {
            this.type = type;
            this.flags = flags;
            this.name = name;
            this.address = address;
        }
    }

    /** A table that breaks a rule or a limit. */
    static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message);
        }
    }

    private TnefCalendarRecipients(byte[] table, Charset eightBit) {
        this.b = table;
        this.eightBit = eightBit;
    }

    /**
     * @param table the attRecipTable content, at most {@link #MAX_TABLE_OCTETS}
     * @param eightBit the charset of PT_STRING8 values
     */
    static List<Recipient> read(byte[] table, Charset eightBit) throws MalformedException {
        if (table.length > MAX_TABLE_OCTETS) {
            throw new MalformedException("recipient table of " + table.length + " octets is over the limit of "
                + MAX_TABLE_OCTETS);
        }
        return new TnefCalendarRecipients(table, eightBit).rows();
    }

    private List<Recipient> rows() throws MalformedException {
        long rows = u32("row count");
        if (rows > MAX_ROWS) {
            throw new MalformedException("recipient table declares " + rows + " rows, over the limit of " + MAX_ROWS);
        }
        List<Recipient> result = new ArrayList<>((int) rows);
        for (int r = 0; r < rows; r++) {
            result.add(row(r));
        }
        return result;
    }

    private Recipient row(int r) throws MalformedException {
        long count = u32("row " + r + " property count");
        if (count > MAX_PROPERTIES) {
            throw new MalformedException("recipient row " + r + " declares " + count + " properties, over the limit of "
                + MAX_PROPERTIES);
        }
        int type = 0;
        int flags = 0;
        String name = null;
        String email = null;
        String addressType = null;
        String smtp = null;
        for (int i = 0; i < count; i++) {
            int propertyType = u16("property type");
            int id = u16("property id");
            if (id >= 0x8000) {
                skipName(id);
            }
            List<Object> values = values(propertyType, id);
            Object first = values.isEmpty() || (propertyType & MapiTag.MV_FLAG) != 0 ? null : values.get(0);
            if (first instanceof Integer && id == PR_RECIPIENT_TYPE) {
                type = (Integer) first;
            } else if (first instanceof Integer && id == PR_RECIPIENT_FLAGS) {
                flags = (Integer) first;
            } else if (first instanceof String) {
                String s = (String) first;
                if (id == MapiTag.PR_DISPLAY_NAME) {
                    name = s;
                } else if (id == PR_EMAIL_ADDRESS) {
                    email = s;
                } else if (id == PR_ADDRTYPE) {
                    addressType = s;
                } else if (id == PR_SMTP_ADDRESS) {
                    smtp = s;
                }
            }
        }
        Optional<String> address = Optional.ofNullable(smtp);
        if (address.isEmpty() && email != null && (addressType == null || addressType.equalsIgnoreCase("SMTP"))) {
            address = Optional.of(email);
        }
        return new Recipient(type, flags, Optional.ofNullable(name), address);
    }

    private void skipName(int id) throws MalformedException {
        String what = String.format("property 0x%04X name", id);
        skip(16, what + " GUID");
        long kind = u32(what + " kind");
        if (kind == 0) {
            skip(4, what + " id");
        } else if (kind == 1) {
            long length = u32(what + " length");
            skip(padded(length), what);
        } else {
            throw new MalformedException(what + " kind " + kind + " is neither 0 (MNID_ID) nor 1 (MNID_STRING)");
        }
    }

    /** The values of one property: Integer for PT_LONG/PT_SHORT, String for strings, null for what is skipped. */
    private List<Object> values(int propertyType, int id) throws MalformedException {
        String what = String.format("property 0x%04X%04X", id, propertyType);
        int base = propertyType & ~MapiTag.MV_FLAG;
        boolean multi = (propertyType & MapiTag.MV_FLAG) != 0;
        int size = fixedSize(base);
        if (size == 0) {
            throw new MalformedException(what + " has unknown type 0x" + String.format("%04X", base));
        }
        long count = 1;
        if (multi || size < 0) {
            count = u32(what + " value count");
            if (count > MAX_VALUES) {
                throw new MalformedException(what + " declares " + count + " values, over the limit of " + MAX_VALUES);
            }
        }
        List<Object> values = new ArrayList<>();
        for (long v = 0; v < count; v++) {
            if (size > 0) {
                int at = pos;
                skip(size, what);
                Integer number = base == MapiTag.PT_LONG ? Integer.valueOf(le32(at))
                    : base == MapiTag.PT_SHORT ? Integer.valueOf(le32(at) & 0xFFFF) : null;
                values.add(number);
            } else {
                long length = u32(what + " value length");
                int at = pos;
                skip(padded(length), what + " value");
                values.add(string(base, at, (int) length));
            }
        }
        return values;
    }

    private String string(int base, int at, int length) {
        if (length > MAX_STRING_OCTETS || base != MapiTag.PT_STRING8 && base != MapiTag.PT_UNICODE) {
            return null;
        }
        Charset charset = base == MapiTag.PT_UNICODE ? StandardCharsets.UTF_16LE : eightBit;
        String s = new String(b, at, length, charset);
        int nul = s.indexOf('\0');
        return nul >= 0 ? s.substring(0, nul) : s;
    }

    private static int fixedSize(int base) {
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
            case 0x00FB:
            case 0x00FD:
            case 0x00FE:
                return -1;
            default:
                return 0;
        }
    }

    private static long padded(long length) {
        return (length + 3) & ~3L;
    }

    private void skip(long count, String what) throws MalformedException {
        if (count > b.length - pos) {
            throw new MalformedException(what + " needs " + count + " octets but only " + (b.length - pos) + " remain");
        }
        pos += (int) count;
    }

    private int u16(String what) throws MalformedException {
        int at = pos;
        skip(2, what);
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private long u32(String what) throws MalformedException {
        int at = pos;
        skip(4, what);
        return le32(at) & 0xFFFFFFFFL;
    }

    private int le32(int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
