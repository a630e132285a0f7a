package org.bordertransport.core.tnef;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * One TNEF attribute kept as read: its level, its 32-bit id (type in the high word, tag in the low word) and its
 * data. The attributes whose data are MAPI property lists (attMsgProps, attAttachment) are not kept as attributes:
 * their properties are in {@link TnefMessage#properties()} and {@link TnefAttachment#properties()}.
 */
public final class TnefAttribute {
    public static final int LEVEL_MESSAGE = 1;
    public static final int LEVEL_ATTACHMENT = 2;

    public static final int ATT_FROM = 0x00008000;
    public static final int ATT_SUBJECT = 0x00018004;
    public static final int ATT_DATE_SENT = 0x00038005;
    public static final int ATT_DATE_RECEIVED = 0x00038006;
    public static final int ATT_MESSAGE_STATUS = 0x00068007;
    public static final int ATT_MESSAGE_CLASS = 0x00078008;
    public static final int ATT_MESSAGE_ID = 0x00018009;
    public static final int ATT_BODY = 0x0002800C;
    public static final int ATT_PRIORITY = 0x0004800D;
    public static final int ATT_ATTACH_DATA = 0x0006800F;
    public static final int ATT_ATTACH_TITLE = 0x00018010;
    public static final int ATT_ATTACH_META_FILE = 0x00068011;
    public static final int ATT_ATTACH_CREATE_DATE = 0x00038012;
    public static final int ATT_ATTACH_MODIFY_DATE = 0x00038013;
    public static final int ATT_DATE_MODIFIED = 0x00038020;
    public static final int ATT_ATTACH_TRANSPORT_FILENAME = 0x00069001;
    public static final int ATT_ATTACH_RENDDATA = 0x00069002;
    public static final int ATT_MSG_PROPS = 0x00069003;
    public static final int ATT_RECIP_TABLE = 0x00069004;
    public static final int ATT_ATTACHMENT = 0x00069005;
    public static final int ATT_TNEF_VERSION = 0x00089006;
    public static final int ATT_OEM_CODEPAGE = 0x00069007;

    /** Attribute type (high word of the id) of dates. */
    public static final int TYPE_DATE = 3;

    private final int level;
    private final int id;
    private final TnefContent content;

    TnefAttribute(int level, int id, TnefContent content) {
        this.level = level;
        this.id = id;
        this.content = content;
    }

    /** {@link #LEVEL_MESSAGE} or {@link #LEVEL_ATTACHMENT}. */
    public int level() {
        return level;
    }

    public int id() {
        return id;
    }

    /** The low word of the id, which names the attribute. */
    public int tag() {
        return id & 0xFFFF;
    }

    /** The high word of the id: 1 string, 2 text, 3 date, 4 short, 5 long, 6 byte, 7 word, 8 dword. */
    public int type() {
        return id >>> 16;
    }

    public TnefContent content() {
        return content;
    }

    /**
     * A date attribute (type 3: year, month, day, hour, minute, second, day of week as 16-bit words), as the local
     * time it holds; empty when it is not a date or does not hold a valid one.
     */
    public Optional<LocalDateTime> dateValue() {
        if (type() != TYPE_DATE || content.size() < 12) {
            return Optional.empty();
        }
        try {
            byte[] b = content.slice(0, 12).toByteArray();
            return Optional.of(LocalDateTime.of(Bytes.u16(b, 0), Bytes.u16(b, 2), Bytes.u16(b, 4), Bytes.u16(b, 6),
                Bytes.u16(b, 8), Bytes.u16(b, 10)));
        } catch (DateTimeException | IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return String.format("TnefAttribute{level %d, 0x%08X, %d bytes}", level, id, content.size());
    }
}
